"""The hash chain: intact chains verify; an edited or missing event is named."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from corridor.audit.models import AuditEvent, AuditImmutable
from corridor.audit.services import audit_record, audit_verify

pytestmark = pytest.mark.django_db


def write_events(n: int) -> list[AuditEvent]:
    return [audit_record(actor=None, action="test.happened", data={"n": i}) for i in range(n)]


def raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        # The tamper is done as a database superuser would: with triggers switched off.
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def test_intact_chain_verifies():
    events = write_events(5)
    report = audit_verify(chunk=2)
    assert report.ok and report.checked == 5 and report.head_hash == events[-1].hash
    assert events[0].prev_hash == "0" * 64 and events[1].prev_hash == events[0].hash


def test_edited_event_is_named():
    events = write_events(5)
    raw("UPDATE audit_auditevent SET action = %s WHERE seq = %s", ["test.rewritten", events[2].seq])
    report = audit_verify()
    assert not report.ok
    assert report.first_bad_seq == events[2].seq and report.first_bad_uuid == str(events[2].uuid)
    assert "edited" in report.problem


def test_missing_event_is_named():
    events = write_events(5)
    raw("DELETE FROM audit_auditevent WHERE seq = %s", [events[1].seq])
    report = audit_verify()
    assert not report.ok and report.first_bad_seq == events[1].seq and "missing" in report.problem


def test_event_rewritten_with_its_own_hash_breaks_the_next_link():
    events = write_events(3)
    victim = AuditEvent.objects.get(pk=events[1].pk)
    victim.action = "test.forged"
    raw(
        "UPDATE audit_auditevent SET action = %s, hash = %s WHERE seq = %s",
        ["test.forged", victim.compute_hash(), victim.seq],
    )
    report = audit_verify()
    assert not report.ok and report.first_bad_seq == events[2].seq


def test_application_cannot_change_or_delete_events():
    event = write_events(1)[0]
    with pytest.raises(AuditImmutable):
        event.save()
    with pytest.raises(AuditImmutable):
        event.delete()
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.all().delete()


def test_verify_command_exit_status(capsys):
    events = write_events(2)
    call_command("audit", "verify")
    assert "intact: 2 events" in capsys.readouterr().out
    raw("UPDATE audit_auditevent SET purpose = %s WHERE seq = %s", ["x", events[0].seq])
    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify")
    assert caught.value.returncode == 1
    assert f"#{events[0].seq}" in capsys.readouterr().err


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger exists on PostgreSQL only")
def test_database_refuses_update_and_delete_of_audit_rows():
    from django.db import DatabaseError, transaction

    event = write_events(1)[0]
    for sql in (
        "UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
