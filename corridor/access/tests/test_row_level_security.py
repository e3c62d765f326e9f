"""The second isolation layer: PostgreSQL row-level security (security goals G2, G3, G7).

These tests bypass the application's scoping entirely and talk SQL as the application's
database role, to show that PostgreSQL alone still returns no foreign rows.
"""

from __future__ import annotations

import os

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from corridor.access.management.commands.db_app_role import ensure_app_role
from corridor.access.scoping import StateOwnedModel
from corridor.audit.services import audit_record
from corridor.people.models import PersonRecord
from corridor.people.tests.factories import make_agreement, make_person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security exists on PostgreSQL only"
    ),
]

ROLE = f"corridor_app_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def state_owned_tables() -> list[str]:
    return [m._meta.db_table for m in apps.get_models() if issubclass(m, StateOwnedModel)]


@pytest.fixture
def as_app_role():
    """Switch this transaction to the application role acting for a state."""
    ensure_app_role(ROLE, create=True)

    def act(state: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
            cursor.execute("SELECT set_config('app.state', %s, true)", [state])

    return act


def raw_rows(sql: str, params: list | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()


def test_every_state_owned_table_has_rls_enabled_and_forced():
    tables = state_owned_tables()
    assert "people_personrecord" in tables
    rows = dict(
        raw_rows(
            "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = ANY(%s)",
            [tables],
        )
    )
    assert rows == {table: True for table in tables}


def test_app_role_is_neither_superuser_nor_owner_nor_bypassing(as_app_role):
    as_app_role("KGZ")
    ((superuser, bypass),) = raw_rows(
        "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
    )
    assert (superuser, bypass) == (False, False)
    owners = {
        owner
        for (owner,) in raw_rows(
            "SELECT tableowner FROM pg_tables WHERE tablename = ANY(%s)", [state_owned_tables()]
        )
    }
    assert ROLE not in owners


def test_without_application_scoping_postgres_returns_only_own_and_granted_rows(as_app_role):
    # given rows of three states, one TUR→KGZ agreement and a protected Kyrgyz victim in TUR
    own = make_person("KGZ", "KGZ")
    granted = make_person("TUR", "KGZ")
    make_person("TUR", "UZB")  # not a Kyrgyz national: outside the agreement
    make_person("TUR", "KGZ", protected=True)  # protection block
    make_person("KAZ", "KGZ")  # no agreement with KAZ
    make_agreement("TUR", ["KGZ"])
    # when KGZ queries as the application role, with the application's scope bypassed
    as_app_role("KGZ")
    raw_ids = {row[0] for row in raw_rows("SELECT id FROM people_personrecord")}
    orm_ids = set(PersonRecord.objects.unscoped().values_list("id", flat=True))
    # then PostgreSQL itself returns only the own row and the granted one
    assert raw_ids == orm_ids == {own.id, granted.id}


def test_no_state_set_means_no_rows(as_app_role):
    make_person("KGZ", "KGZ")
    as_app_role("")
    assert raw_rows("SELECT count(*) FROM people_personrecord") == [(0,)]


def test_app_role_cannot_write_into_another_states_rows(as_app_role):
    foreign = make_person("TUR", "KGZ")
    make_agreement("TUR", ["KGZ"])
    as_app_role("KGZ")
    # the foreign row is readable under the agreement, but not writable
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_personrecord SET family_name = 'x' WHERE id = %s", [foreign.id])
        assert cursor.rowcount == 0
    with pytest.raises(DatabaseError), transaction.atomic():
        raw_rows(
            "INSERT INTO people_personrecord (uuid, created_at, updated_at, state_id, family_name, given_name,"
            " patronymic, sex, citizenship_id, protection_reasons, is_protected, document_number_ciphertext,"
            " document_number_index) VALUES (gen_random_uuid(), now(), now(), 'TUR', 'a', 'b', '', '', 'KGZ',"
            " '[]', false, '', '') RETURNING id"
        )


def test_app_role_may_append_but_never_change_audit_rows(as_app_role):
    event = audit_record(actor=None, action="test.written")
    as_app_role("KGZ")
    audit_record(actor=None, action="test.appended_by_app_role")
    for sql in (
        "UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            raw_rows(sql + " RETURNING id", [event.pk])
