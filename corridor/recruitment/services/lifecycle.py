"""What licence and certification lifecycles share: a transition table row and one step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corridor.access.actor import Actor
from corridor.audit.services import audit_record


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    narrows: bool  # narrowing decisions need a reason, published on the register


def move(
    record: Any, *, transition: Transition, event: str, reason: str, actor: Actor | None, restores: str
) -> Any:
    """One step: status, the published reason (kept on narrowing, cleared on ``restores``),
    a public decision row (``record.decisions``) and the audit event, in the caller's transaction."""
    previous = record.status
    record.status = transition.target
    if transition.narrows or transition.target == restores:
        record.status_reason = reason.strip() if transition.narrows else ""
    record.save()
    record.decisions.create(from_status=previous, to_status=transition.target, reason=reason.strip())
    data = {"agency": str(record.agency.uuid), "from": previous, "to": transition.target}
    audit_record(actor=actor, action=event, target=record, data=data)
    return record
