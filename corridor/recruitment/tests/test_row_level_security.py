"""PostgreSQL row-level security on recruitment tables, talking SQL as the application role."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from corridor.access.management.commands.db_app_role import ensure_app_role
from corridor.recruitment.tests.factories import make_agency, make_vacancy

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security exists on PostgreSQL only"
    ),
]

ROLE = f"corridor_app_rec_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def _as(state: str, sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT rls")
        cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
        cursor.execute("SELECT set_config('app.state', %s, true)", [state])
        cursor.execute(sql, params)
        rows = cursor.fetchall() if cursor.description else [(cursor.rowcount,)]
        cursor.execute("ROLLBACK TO SAVEPOINT rls")
        cursor.execute("RESET ROLE")
    return rows


def test_register_is_public_and_job_orders_reach_only_owner_and_destination(kgz_labour, tur_labour):
    ensure_app_role(ROLE, create=True)
    agency = make_agency(kgz_labour)
    pending = make_vacancy(kgz_labour, agency)
    published = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    select = "SELECT uuid::text FROM recruitment_vacancy ORDER BY id"
    assert _as("KAZ", "SELECT count(*) FROM recruitment_agency", []) == [(1,)]
    assert _as("KAZ", "SELECT count(*) FROM recruitment_licence", []) == [(1,)]
    assert _as("KAZ", select, []) == [(str(published.uuid),)]
    assert _as("", select, []) == [(str(published.uuid),)]
    assert _as("TUR", select, []) == [(str(pending.uuid),), (str(published.uuid),)]
    update = "UPDATE recruitment_vacancy SET status = 'verified' WHERE uuid = %s"
    assert _as("KAZ", update, [str(pending.uuid)]) == [(0,)]
    assert _as("TUR", update, [str(pending.uuid)]) == [(1,)]
    assert _as("KAZ", "UPDATE recruitment_licence SET status = 'banned'", []) == [(0,)]
