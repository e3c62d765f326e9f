"""PostgreSQL row-level security on the matching tables, talking SQL as the application role."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from corridor.access.management.commands.db_app_role import ensure_app_role
from corridor.matching.models import MatchCandidate, MatchDecision
from corridor.matching.tests.jobs.helpers import review, settled_history

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security exists on PostgreSQL only"
    ),
]

ROLE = f"corridor_app_match_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
TABLES = ("matching_matchjob", "matching_matchcandidate", "matching_matchdecision")


def _as(state: str, sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT rls")
        try:
            cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
            cursor.execute("SELECT set_config('app.state', %s, true)", [state])
            cursor.execute(sql, params)
            rows = cursor.fetchall() if cursor.description else [(cursor.rowcount,)]
        finally:
            # Also after a refused statement: the savepoint undoes the role and the failure.
            cursor.execute("ROLLBACK TO SAVEPOINT rls")
            cursor.execute("RESET ROLE")
    return rows


def _counts(state: str) -> list[int]:
    return [_as(state, f"SELECT count(*) FROM {table}", [])[0][0] for table in TABLES]


def test_only_the_owning_state_reads_or_changes_matching_rows(kgz_consul, kgz_colleague):
    # given a KGZ job with two pairs, one of them reviewed
    ensure_app_role(ROLE, create=True)
    job = settled_history(kgz_consul, confirmed=[0.9], excluded=[0.2])
    pair = MatchCandidate.objects.unscoped().filter(job=job).first()
    review(kgz_colleague, pair, "confirm")
    # then, as the application role, KGZ sees every row, Türkiye and an unset state none
    assert _counts("KGZ") == [1, 2, 1]
    assert _counts("TUR") == [0, 0, 0]
    assert _counts("") == [0, 0, 0]
    # and only KGZ can change them or delete them
    update = "UPDATE matching_matchcandidate SET outcome = 'excluded' WHERE uuid = %s"
    assert _as("TUR", update, [str(pair.uuid)]) == [(0,)]
    assert _as("KGZ", update, [str(pair.uuid)]) == [(1,)]
    assert _as("TUR", "DELETE FROM matching_matchdecision", []) == [(0,)]
    assert MatchDecision.objects.unscoped().count() == 1


def test_another_state_cannot_insert_rows_for_kgz(kgz_consul):
    ensure_app_role(ROLE, create=True)
    job = settled_history(kgz_consul, confirmed=[0.9])
    insert = (
        "INSERT INTO matching_matchcandidate (uuid, state_id, job_id, rank, left_uuid, right_uuid, probability,"
        " match_weight, explanation, outcome, created_at, updated_at) VALUES (gen_random_uuid(), 'KGZ', %s, 9,"
        " gen_random_uuid(), gen_random_uuid(), 0.5, 0, '[]', 'open', now(), now())"
    )
    with pytest.raises(Exception, match="row-level security"):
        _as("TUR", insert, [job.pk])
