"""Writes of the case kernel: ``step`` moves a case one transition, and nothing else does.

``allowed_actions`` and ``step`` share one refusal check (``refusal``), so a page or an API
answer never offers an action that ``step`` would refuse, and a refusal always carries the
reason that the offer would have hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.cases import clocks as clock_services
from corridor.cases import gate
from corridor.cases.models import CaseHistory
from corridor.cases.workflow import Transition, Workflow
from corridor.core.errors import ApplicationError, Conflict, Forbidden

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class ActionOption:
    """An action the actor may take now, as a page or the API offers it."""

    action: str
    label: str
    needs_note: bool


def _unknown(action: str) -> ApplicationError:
    message = _("Unknown action: {action}.").format(action=action)
    return ApplicationError(_("Some fields are not valid."), fields={"action": [message]})


def refusal(
    *,
    workflow: Workflow,
    record: Any,
    action: str,
    actor: Actor | None,
    changes: Mapping[str, Any] | None = None,
    override: gate.GateOverride | None = None,
) -> ApplicationError | None:
    """Why ``actor`` may not take ``action`` on ``record`` now, or ``None`` when they may.

    ``actor=None`` is the system (sweeps): no permission applies, everything else does.
    The order is fixed: unknown action, permission, status, guards, protection gate.
    """
    transition = workflow.get(action)
    if transition is None:
        return _unknown(action)
    if actor is not None and not _may_act(workflow, transition, record, actor):
        return Forbidden(_("You are not allowed to do this."))
    status = workflow.status_of(record)
    if status not in transition.sources:
        template = str(workflow.wrong_status or _("This cannot be done while the record is {status}."))
        return Conflict(template.format(status=_status_label(record, workflow)))
    for guard in transition.guards:
        if not guard.test(record, actor, dict(changes or {})):
            return Conflict(str(guard.reason))
    if transition.gate:
        person = workflow.person_of(record) if workflow.person_of is not None else None
        blocked = gate.gate_refusal(person=person, override=override, actor=actor)
        if blocked is not None:
            return blocked
    return None


def _may_act(workflow: Workflow, transition: Transition, record: Any, actor: Actor) -> bool:
    if transition.system_only:
        return False
    # A row without a permission leaves the decision to the workflow's ``may_act`` alone (who
    # acts depends on the record: "the owner state, or the employer's own account").
    if transition.permission and not policy.can(
        actor, transition.permission, state=workflow.acting_state(record, transition)
    ):
        return False
    return workflow.may_act is None or workflow.may_act(actor, record, transition)


def _status_label(record: Any, workflow: Workflow) -> str:
    display = getattr(record, f"get_{workflow.state_field}_display", None)
    return str(display()) if callable(display) else workflow.status_of(record)


def allowed_actions(*, workflow: Workflow, record: Any, actor: Actor) -> list[ActionOption]:
    """The actions ``actor`` may take on ``record`` now, in table order, with their labels.

    Gated actions are offered only when the gate is open (an override is a separate,
    deliberate path, never a button); system-only actions are never offered.
    """
    options = []
    for transition in workflow.transitions:
        if refusal(workflow=workflow, record=record, action=transition.action, actor=actor) is None:
            options.append(ActionOption(transition.action, str(transition.label), transition.needs_note))
    return options


def _lock(record: M) -> M:
    # The plain base manager: the caller already fetched the record for the actor (or is the
    # system); this re-reads the row under a lock so two steps cannot both start from it.
    locked: M = type(record)._base_manager.select_for_update().get(pk=record.pk)
    return locked


@transaction.atomic
def step(
    *,
    workflow: Workflow,
    record: M,
    action: str,
    actor: Actor | None,
    note: str = "",
    changes: Mapping[str, Any] | None = None,
    public: bool = False,
    override: gate.GateOverride | None = None,
    audit_data: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> M:
    """Move ``record`` by ``action``: check, change, history row, audit event, clocks.

    ``changes`` are field values set together with the status (dates, the assignee…), after
    every check passed. ``actor=None`` is the system (a sweep); everything else is checked
    as for a person except the permission. Raises the refusal's typed error and writes
    nothing when the step is not allowed. Returns the locked, updated record.
    """
    locked = _lock(record)
    transition = workflow.get(action)
    problem = refusal(
        workflow=workflow, record=locked, action=action, actor=actor, changes=changes, override=override
    )
    if problem is not None:
        raise problem
    assert transition is not None  # refusal() returned None, so the action is known
    cleaned_note = note.strip()
    if transition.needs_note and not cleaned_note:
        message = _("A reason is required for this decision.")
        raise ApplicationError(
            _("Give the reason for this decision."), fields={workflow.note_field: [message]}
        )
    moment = now or timezone.now()
    before = workflow.status_of(locked)
    for name, value in (changes or {}).items():
        setattr(locked, name, value)
    setattr(locked, workflow.state_field, transition.target)
    locked.save()
    _history(workflow, locked, transition, before, actor, cleaned_note, public, moment)
    data: dict[str, Any] = {"from": before, "to": transition.target, **(audit_data or {})}
    if override is not None and transition.gate and workflow.person_of is not None:
        if gate.open_flags(workflow.person_of(locked)):
            data["gate_override"] = gate.override_record(
                record=locked,
                workflow=workflow,
                action=transition.action,
                override=override,
                actor=actor,
                moment=moment,
            )
    audit_record(actor=actor, action=f"{workflow.name}.{transition.verb}", target=locked, data=data)
    clock_services.apply_transition_clocks(record=locked, transition=transition, moment=moment)
    return locked


def history_note(
    *,
    workflow: Workflow,
    record: Any,
    action: str,
    actor: Actor | None,
    note: str = "",
    public: bool = False,
    now: dt.datetime | None = None,
) -> CaseHistory:
    """A history row for something that happened to a case without a transition (an escalation,
    a filing, a message sent about it): same table as ``step``'s rows, status unchanged. The
    caller writes its own audit event; it must already hold the record (and its lock, if any).
    """
    status = workflow.status_of(record)
    user = actor.user if actor is not None else None
    return CaseHistory.objects.unscoped().create(
        state_id=record.state_id,
        workflow=workflow.name,
        content_type=ContentType.objects.get_for_model(type(record)),
        object_uuid=record.uuid,
        action=action,
        from_status=status,
        to_status=status,
        actor=user,
        actor_username=user.get_username() if user is not None else "",
        note=note.strip(),
        public=public,
        occurred_at=now or timezone.now(),
    )


def _history(
    workflow: Workflow,
    record: Any,
    transition: Transition,
    before: str,
    actor: Actor | None,
    note: str,
    public: bool,
    moment: dt.datetime,
) -> CaseHistory:
    user = actor.user if actor is not None else None
    return CaseHistory.objects.unscoped().create(
        state_id=record.state_id,
        workflow=workflow.name,
        content_type=ContentType.objects.get_for_model(type(record)),
        object_uuid=record.uuid,
        action=transition.action,
        from_status=before,
        to_status=transition.target,
        actor=user,
        actor_username=user.get_username() if user is not None else "",
        note=note,
        public=public,
        occurred_at=moment,
    )
