"""PostgreSQL row-level security on complaints and their history, as the application role."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from corridor.access.management.commands.db_app_role import ensure_app_role
from corridor.grievances.tests.factories import file_about

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security exists on PostgreSQL only"
    ),
]

ROLE = f"corridor_app_grv_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
COMPLAINTS = "SELECT reference FROM grievances_complaint ORDER BY id"
EVENTS = "SELECT count(*) FROM grievances_complaintevent"


def _as(state: str, sql: str, params: list, reference: str = "") -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT rls")
        cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
        cursor.execute("SELECT set_config('app.state', %s, true)", [state])
        cursor.execute("SELECT set_config('app.reference', %s, true)", [reference])
        cursor.execute(sql, params)
        rows = cursor.fetchall() if cursor.description else [(cursor.rowcount,)]
        cursor.execute("ROLLBACK TO SAVEPOINT rls")
        cursor.execute("RESET ROLE")
    return rows


def test_only_the_owner_state_reads_the_concerned_state_gets_messages(agency):
    # given
    ensure_app_role(ROLE, create=True)
    concerning = file_about(agency, work_country="TUR")
    private = file_about(agency)
    # then: migration 0005 dropped the concerned state's read policy
    assert _as("KGZ", COMPLAINTS, []) == [(concerning.reference,), (private.reference,)]
    assert _as("TUR", COMPLAINTS, []) == []
    assert _as("KAZ", COMPLAINTS, []) == []
    assert _as("", COMPLAINTS, []) == []
    assert _as("KAZ", EVENTS, []) == [(0,)]
    assert _as("TUR", EVENTS, []) == [(0,)]
    # the kernel's rows of a filing (written as the owner state's system) are the owner's too
    clocks = "SELECT count(*) FROM cases_clock"
    assert (_as("KGZ", clocks, []), _as("TUR", clocks, []), _as("", clocks, [])) == ([(2,)], [(0,)], [(0,)])


def test_a_reference_opens_exactly_its_complaint(agency):
    ensure_app_role(ROLE, create=True)
    mine = file_about(agency)
    file_about(agency)
    assert _as("", COMPLAINTS, [], reference=mine.reference) == [(mine.reference,)]
    assert _as("", EVENTS, [], reference=mine.reference) == [(1,)]
    assert _as("", COMPLAINTS, [], reference="GRV-2222-2222") == []


def test_only_the_owner_state_writes(agency):
    ensure_app_role(ROLE, create=True)
    concerning = file_about(agency, work_country="TUR")
    update = "UPDATE grievances_complaint SET status = 'closed' WHERE reference = %s"
    assert _as("TUR", update, [concerning.reference]) == [(0,)]
    assert _as("KAZ", update, [concerning.reference]) == [(0,)]
    assert _as("", update, [concerning.reference], reference=concerning.reference) == [(0,)]
    assert _as("KGZ", update, [concerning.reference]) == [(1,)]
    assert _as("KGZ", "DELETE FROM grievances_complaintevent", []) == [(0,)]


def test_public_figures_reach_anonymous_requests_but_the_complaints_do_not(agency):
    # given: the scorecard and the fake-ad flag are read by anonymous requests
    ensure_app_role(ROLE, create=True)
    file_about(agency)
    file_about(agency, work_country="TUR")
    figures = "SELECT count(*) FROM grievances_complaintfigure WHERE agency_id = %s"
    # then: the figures are there for everyone, the complaints for no one without a state
    assert _as("", figures, [agency.pk]) == [(2,)]
    assert _as("", COMPLAINTS, []) == []
