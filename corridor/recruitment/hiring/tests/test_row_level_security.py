"""PostgreSQL row-level security on applications and contracts, as the application role."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from corridor.access.actor import actor_for
from corridor.access.management.commands.db_app_role import ensure_app_role
from corridor.recruitment.hiring.services import applications as application_services
from corridor.recruitment.hiring.services import contracts as contract_services
from corridor.recruitment.hiring.tests.conftest import applicant

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security exists on PostgreSQL only"
    ),
]

ROLE = f"corridor_app_hiring_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


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


def test_applications_and_contracts_are_the_agency_states_alone(vacancy, worker, kgz_labour):
    # given
    ensure_app_role(ROLE, create=True)
    application = application_services.application_submit(
        actor=actor_for(worker), vacancy=vacancy, data=applicant()
    )
    application = application_services.application_decide(
        actor=kgz_labour, application=application, action="select"
    )
    contract_services.contract_generate(actor=kgz_labour, application=application, language="en")
    # when / then: the owner sees its rows; the destination, another state and the public see none
    for table in ("hiring_application", "hiring_contract"):
        assert _as("KGZ", f"SELECT count(*) FROM {table}", []) == [(1,)]
        assert _as("TUR", f"SELECT count(*) FROM {table}", []) == [(0,)]
        assert _as("", f"SELECT count(*) FROM {table}", []) == [(0,)]
    assert _as("TUR", "UPDATE hiring_contract SET signed_sha256 = 'x'", []) == [(0,)]
    assert _as("TUR", "UPDATE hiring_application SET status = 'rejected'", []) == [(0,)]
    assert _as("KGZ", "UPDATE hiring_application SET status = 'rejected'", []) == [(1,)]
