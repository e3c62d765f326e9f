"""Writing and verifying the audit trail.

``audit_record`` is called inside the same transaction as the change it records, so an
event exists exactly when its change does. Appends are serialised: an advisory lock on
PostgreSQL, the database write lock on SQLite (transactions begin IMMEDIATE).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from django.db import connection, transaction
from django.utils import timezone

from corridor.audit.models import GENESIS_HASH, AuditEvent
from corridor.core.context import current_request_id

_LOCK_KEY = 0x436F72726964  # "Corrid": one advisory lock for the chain
_local_lock = threading.Lock()


class AuditActor(Protocol):
    @property
    def user(self) -> Any: ...
    @property
    def organisation(self) -> Any: ...
    @property
    def state(self) -> str | None: ...


def _target_fields(target: Any) -> tuple[str, UUID | None, str]:
    if target is None:
        return "", None, ""
    return target._meta.label_lower, getattr(target, "uuid", None), getattr(target, "state_id", "") or ""


@transaction.atomic(savepoint=False)  # inside the caller's transaction: no savepoint round trips
def audit_record(
    *,
    actor: AuditActor | None,
    action: str,
    target: Any = None,
    target_type: str = "",
    target_uuid: UUID | str | None = None,
    target_state: str = "",
    agreement_uuid: UUID | str | None = None,
    break_glass_uuid: UUID | str | None = None,
    purpose: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    if target is not None:
        target_type, target_uuid, own_state = _target_fields(target)
        target_state = target_state or own_state
    user = getattr(actor, "user", None) if actor is not None else None
    organisation = getattr(actor, "organisation", None) if actor is not None else None
    if connection.vendor == "postgresql":
        # The transaction-wide lock first, the process lock second: a thread that waits for
        # the advisory lock must not hold the process lock, or a thread of this process whose
        # transaction holds the advisory lock and records a second event would wait for it
        # for ever (two events in one transaction under a threaded server).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    with _local_lock:
        head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
        event = AuditEvent(
            seq=seq,
            occurred_at=timezone.now(),
            actor_user=user,
            actor_username=user.get_username() if user is not None else "",
            organisation=organisation,
            actor_state=(getattr(actor, "state", "") or "") if actor is not None else "",
            action=action,
            target_type=target_type,
            target_uuid=target_uuid,
            target_state=target_state or "",
            agreement_uuid=agreement_uuid,
            break_glass_uuid=break_glass_uuid,
            purpose=purpose,
            request_id=current_request_id(),
            data=data or {},
            prev_hash=prev_hash,
        )
        # Normalise the values the database would give back before hashing them.
        event.target_uuid = UUID(str(target_uuid)) if target_uuid else None
        event.agreement_uuid = UUID(str(agreement_uuid)) if agreement_uuid else None
        event.break_glass_uuid = UUID(str(break_glass_uuid)) if break_glass_uuid else None
        event.hash = event.compute_hash()
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    head_hash: str
    first_bad_seq: int | None = None
    first_bad_uuid: str | None = None
    problem: str = ""


def audit_verify(*, chunk: int = 5000) -> ChainReport:
    """Walk the chain in order; name the first event that was edited or is missing."""
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    last_seq = 0
    while True:
        batch = list(AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq")[:chunk])
        if not batch:
            return ChainReport(ok=True, checked=checked, head_hash=prev_hash)
        for event in batch:
            if event.seq != expected_seq:
                return ChainReport(
                    False,
                    checked,
                    prev_hash,
                    expected_seq,
                    None,
                    f"event #{expected_seq} is missing (next present is #{event.seq})",
                )
            if event.prev_hash != prev_hash:
                return ChainReport(
                    False,
                    checked,
                    prev_hash,
                    event.seq,
                    str(event.uuid),
                    f"event #{event.seq} does not link to the event before it",
                )
            if event.compute_hash() != event.hash:
                return ChainReport(
                    False,
                    checked,
                    prev_hash,
                    event.seq,
                    str(event.uuid),
                    f"event #{event.seq} was edited after it was written",
                )
            prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
            last_seq = event.seq
