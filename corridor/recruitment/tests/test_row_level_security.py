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


def test_new_tables_are_forced_public_to_read_and_written_only_by_the_owner(kgz_labour, tur_labour):
    import datetime as dt

    from corridor.recruitment.services import certification, inspections
    from corridor.recruitment.tests.factories import make_employer

    ensure_app_role(ROLE, create=True)
    agency = make_agency(kgz_labour)
    certification.certification_start(actor=kgz_labour, agency=agency)
    inspections.inspection_record(
        actor=kgz_labour,
        agency=agency,
        inspected_on=dt.date(2026, 1, 1),
        findings=[
            {"severity": "minor", "description": "d", "corrective_action": "a", "due_on": dt.date(2026, 2, 1)}
        ],
    )
    inspections.sanction_impose(actor=kgz_labour, agency=agency, kind="warning", reason="r")
    make_employer(tur_labour, name="Anadolu")
    tables = ["employer", "certification", "inspection", "finding", "sanction"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY(%s)",
            [[f"recruitment_{t}" for t in tables]],
        )
        assert sorted(cursor.fetchall()) == sorted((f"recruitment_{t}", True, True) for t in tables)
    for table in tables:
        assert _as("KAZ", f"SELECT count(*) FROM recruitment_{table}", []) == [(1,)], table
    assert _as("KAZ", "UPDATE recruitment_sanction SET reason = 'forged'", []) == [(0,)]
    assert _as("KAZ", "UPDATE recruitment_finding SET done_on = '2026-01-02'", []) == [(0,)]
    assert _as("KAZ", "UPDATE recruitment_employer SET name = 'x'", []) == [(0,)]
    assert _as("KGZ", "UPDATE recruitment_sanction SET reason = 'amended'", []) == [(1,)]


def test_search_document_stems_russian_turkish_and_english(kgz_labour, tur_labour):
    from corridor.recruitment import selectors

    agency = make_agency(kgz_labour)
    ru = make_vacancy(kgz_labour, agency, tur_labour, publish=True, title="Швеи на фабрику", description="")
    tr = make_vacancy(
        kgz_labour, agency, tur_labour, publish=True, title="Dikiş makinesi operatörleri", description=""
    )
    en = make_vacancy(kgz_labour, agency, tur_labour, publish=True, title="Warehouse workers", description="")
    assert list(selectors.public_vacancies(q="швея")) == [ru]
    assert list(selectors.public_vacancies(q="operatörü")) == [tr]
    assert list(selectors.public_vacancies(q="worker")) == [en]
    assert list(selectors.public_vacancies(q="bursa")) == [en, tr, ru]  # city, equal rank: newest first
    assert list(selectors.public_vacancies(q="'; DROP TABLE x; --")) == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'recruitment_vacancy'")
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "recruitment_vacancy_search",
        "recruitment_vacancy_languages",
        "recruitment_vacancy_occupation_prefix",
        "recruitment_vacancy_destination_newest",
        "recruitment_vacancy_public",
    } <= names
