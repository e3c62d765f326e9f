"""Tampering the chain's head is detected against witnessed checkpoints (issue 20, item 6).

Each reproduction first shows that the chain alone reports "intact" after the tamper, then
that the witnesses' signed checkpoints name what happened.
"""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from corridor.audit.anchoring import FileWitness, checkpoint_publish, verify_witnessed
from corridor.audit.models import GENESIS_HASH, AuditEvent
from corridor.audit.services import audit_record, audit_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def witness(settings, tmp_path):
    from corridor.crypto.signing import node_key_ensure

    settings.CORRIDOR_AUDIT_WITNESSES = [str(tmp_path / "hub" / "checkpoints.log")]
    node_key_ensure()  # the node key exists (its creation is itself audited) before the events
    return FileWitness(settings.CORRIDOR_AUDIT_WITNESSES[0])


def _events(n: int) -> None:
    for i in range(n):
        audit_record(actor=None, action="test.happened", data={"i": i})


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # as a database superuser would: triggers off
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def test_an_untouched_chain_matches_its_checkpoints(witness):
    _events(5)
    checkpoint = checkpoint_publish()
    _events(2)
    assert checkpoint is not None and checkpoint.seq == AuditEvent.objects.count() - 2
    assert len(witness.tokens()) == 1
    assert verify_witnessed() == []


@pytest.mark.parametrize("deleted", [1, 3])
def test_deleting_the_newest_events_is_detected(witness, deleted):
    _events(6)
    checkpoint = checkpoint_publish()
    last = checkpoint.seq
    _raw("DELETE FROM audit_auditevent WHERE seq > %s", [last - deleted])
    assert audit_verify().ok  # the chain alone cannot tell
    [problem] = verify_witnessed()
    assert f"#{last - deleted + 1}–#{last} were deleted" in problem


def test_a_rewritten_and_rehashed_chain_is_detected(witness):
    _events(4)
    checkpoint_publish()
    # rewrite every event and hash the chain again from the start
    previous = GENESIS_HASH
    for event in AuditEvent.objects.order_by("seq"):
        event.action = "test.rewritten"
        event.prev_hash = previous
        new_hash = hashlib.sha256(event.canonical()).hexdigest()
        _raw(
            "UPDATE audit_auditevent SET action = %s, prev_hash = %s, hash = %s WHERE id = %s",
            ["test.rewritten", previous, new_hash, event.id],
        )
        previous = new_hash
    assert audit_verify().ok  # re-hashed: the chain alone reports intact
    [problem] = verify_witnessed()
    assert "the chain was rewritten" in problem


def test_a_forged_checkpoint_does_not_verify(witness):
    _events(2)
    checkpoint_publish()
    header, payload, signature = witness.tokens()[0].split(".")
    witness.append(f"{header}.{payload}.{signature[:-4]}AAAA")
    [problem] = verify_witnessed()
    assert "does not verify" in problem


def test_the_verify_command_checks_the_witnesses(witness, capsys):
    _events(3)
    call_command("audit", "checkpoint")
    call_command("audit", "verify")
    assert "1 checkpoint" in capsys.readouterr().out
    _raw("DELETE FROM audit_auditevent WHERE seq = (SELECT MAX(seq) FROM audit_auditevent)", [])
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    assert "were deleted" in capsys.readouterr().err
