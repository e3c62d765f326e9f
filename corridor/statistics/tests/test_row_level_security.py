"""Row-level security of submissions (PostgreSQL): the regional centre's permissive policy
only reaches what a state has approved nationally; drafts stay with their state."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from corridor.access.management.commands.db_app_role import ensure_app_role
from corridor.statistics import services
from corridor.statistics.tests.factories import sex_cells, statistician, upload

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security exists on PostgreSQL only"
    ),
]
ROLE = f"corridor_app_stats_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def visible_ids(state: str, regional: bool) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
        cursor.execute("SELECT set_config('app.state', %s, true)", [state])
        cursor.execute("SELECT set_config('app.statistics_regional', %s, true)", ["on" if regional else ""])
        cursor.execute("SELECT id FROM statistics_submission")
        rows = {row[0] for row in cursor.fetchall()}
        cursor.execute("RESET ROLE")
    return rows


def test_regional_policy_reaches_approved_submissions_only():
    # given a draft-stage (validated) and a nationally approved submission of Kyrgyzstan
    national = statistician("KGZ")
    kept_home = upload(national, "DF_WORK_PERMIT", sex_cells(30, 10, 20, period="2022"))
    approved = upload(national, "DF_WORK_PERMIT", sex_cells(40, 15, 25, period="2023"))
    approved = services.submission_approve_national(actor=national, submission=approved, comment="ok")
    ensure_app_role(ROLE, create=True)
    # when the regional centre's transaction reads as the application role
    regional = visible_ids("", regional=True)
    # then it sees the approved one and not the one still at home; Kyrgyzstan sees both,
    # another state neither
    assert approved.pk in regional and kept_home.pk not in regional
    assert {approved.pk, kept_home.pk} <= visible_ids("KGZ", regional=False)
    assert not {approved.pk, kept_home.pk} & visible_ids("KAZ", regional=False)
