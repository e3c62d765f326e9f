"""The second isolation layer: PostgreSQL row-level security keyed on the acting state.

The application sets ``app.state`` transaction-locally (``set_config(…, true)``), which is
safe behind connection poolers; policies on every state-owned table compare rows with it.
On SQLite only the application layer applies.
"""

from __future__ import annotations

from django.db import connection


def set_db_state(state: str | None) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('app.state', %s, true)", [state or ""])
