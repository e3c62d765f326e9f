"""The complainant's key to row-level security: the reference number they hold."""

from __future__ import annotations

from django.db import connection


def set_db_reference(reference: str) -> None:
    """Let an anonymous request read or insert the one complaint whose reference it holds
    (policy ``grievances_by_reference``); transaction-local, like ``app.state``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('app.reference', %s, true)", [reference])
