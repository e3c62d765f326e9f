"""The protection gate: one check for every action that moves a person or their data across a border.

Open protection flags on the person record (``people``) block the action, whatever an
agreement says (architecture principle 4). Crossing anyway needs a written reason of at
least ``MIN_REASON`` characters and a **second person** of the owner state who holds
``OVERRIDE_PROTECTION_GATE``; the crossing is kept as a ``GateOverride`` row and cited in the
step's audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.core.errors import ApplicationError, Conflict
from corridor.people.models import ProtectionReason

# Flags that block a border crossing. Every flag the person kernel knows blocks today; a
# flag added to ``people`` later must be listed here on purpose (tested).
BLOCKING_FLAGS: frozenset[str] = frozenset(
    {
        ProtectionReason.ASYLUM_SEEKER,
        ProtectionReason.APPEAL_PENDING,
        ProtectionReason.REFUGEE,
        ProtectionReason.TRAFFICKING_VICTIM,
        ProtectionReason.UNACCOMPANIED_CHILD,
        ProtectionReason.MEDICAL,
        ProtectionReason.REFOULEMENT_RISK,
    }
)
MIN_REASON = 20


class ProtectionBlocked(Conflict):
    code = "protection_gate"


@dataclass(frozen=True)
class GateOverride:
    """A request to cross the gate despite open flags (never offered as a button)."""

    reason: str
    approver: Actor


def open_flags(person: Any) -> list[str]:
    """The blocking flags open on a person record, sorted; [] for ``None``."""
    if person is None:
        return []
    flags: Iterable[str] = getattr(person, "protection_reasons", None) or []
    return sorted(set(flags) & BLOCKING_FLAGS)


def _flag_labels(flags: list[str]) -> str:
    labels = dict(ProtectionReason.choices)
    return ", ".join(str(labels.get(flag, flag)) for flag in flags)


def override_problem(*, override: GateOverride, actor: Actor | None, state: str) -> str | None:
    """Why this override does not count, or None when it does."""
    if len(override.reason.strip()) < MIN_REASON:
        return _("Write the reason for crossing the protection gate (at least {n} characters).").format(
            n=MIN_REASON
        )
    approver = override.approver
    if not policy.can(approver, perms.OVERRIDE_PROTECTION_GATE, state=state):
        return _("The second person may not approve crossing the protection gate.")
    if actor is None or actor.user is None or approver.user is None or approver.user.pk == actor.user.pk:
        return _("Crossing the protection gate needs a second person, not the one who acts.")
    return None


def gate_refusal(
    *, person: Any, override: GateOverride | None = None, actor: Actor | None = None
) -> ApplicationError | None:
    """The gate's answer: None when the crossing may go ahead, else the translated refusal."""
    if person is None:
        return ProtectionBlocked(_("Name the person first: the protection gate checks their record."))
    flags = open_flags(person)
    if not flags:
        return None
    blocked = _("Blocked by the protection gate: {flags}.").format(flags=_flag_labels(flags))
    if override is None:
        return ProtectionBlocked(blocked)
    problem = override_problem(override=override, actor=actor, state=person.state_id)
    if problem is not None:
        return ProtectionBlocked(f"{blocked} {problem}")
    return None


def require_open(*, person: Any, actor: Actor | None = None, override: GateOverride | None = None) -> None:
    """For modules that move data without a workflow step (an export, a message): raise when shut."""
    problem = gate_refusal(person=person, override=override, actor=actor)
    if problem is not None:
        raise problem


def override_record(
    *,
    record: Any,
    workflow: Any,
    action: str,
    override: GateOverride,
    actor: Actor | None,
    moment: dt.datetime,
) -> str:
    """Keep an override that was used (called by ``step`` inside its transaction); its uuid."""
    from corridor.cases.models import GateOverride as GateOverrideRow

    person = workflow.person_of(record)
    flags = open_flags(person)
    row = GateOverrideRow.objects.unscoped().create(
        state_id=record.state_id,
        workflow=workflow.name,
        content_type=ContentType.objects.get_for_model(type(record)),
        object_uuid=record.uuid,
        action=action,
        flags=flags,
        reason=override.reason.strip(),
        requested_by=actor.user if actor is not None else None,
        approved_by=override.approver.user,
        occurred_at=moment,
    )
    return str(row.uuid)
