"""Agency register writes and the licence lifecycle, decided by the licensing state."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.cases.services import ActionOption, allowed_actions, refusal, step
from corridor.cases.workflow import Transition, Workflow
from corridor.core.errors import ApplicationError, Forbidden
from corridor.recruitment.models import Agency, Licence
from corridor.recruitment.models import LicenceStatus as S

LICENCE_YEARS = 5


def _row(
    action: str, sources: set[str], target: str, verb: str, label: object, narrows: bool = False
) -> Transition:
    # Narrowing decisions need a reason: it is published on the register.
    return Transition(
        action, sources, target, permission=perms.MANAGE_AGENCIES, label=label, verb=verb, needs_note=narrows
    )


# The licence lifecycle as a case-kernel table (README: "Licence lifecycle").
LICENCE = Workflow(
    name="licence",
    note_field="reason",
    wrong_status=gettext_lazy("A licence that is {status} cannot be changed this way."),
    transitions=(
        _row("submit", {S.DRAFT}, S.SUBMITTED, "submitted", gettext_lazy("submit the application")),
        _row(
            "start_review", {S.SUBMITTED}, S.UNDER_REVIEW, "review_started", gettext_lazy("start the review")
        ),
        _row("approve", {S.UNDER_REVIEW}, S.ACTIVE, "approved", gettext_lazy("approve")),
        _row("suspend", {S.ACTIVE, S.RENEWAL_DUE}, S.SUSPENDED, "suspended", gettext_lazy("suspend"), True),
        _row("reinstate", {S.SUSPENDED}, S.ACTIVE, "reinstated", gettext_lazy("reinstate")),
        _row("mark_renewal_due", {S.ACTIVE}, S.RENEWAL_DUE, "renewal_due", gettext_lazy("mark renewal due")),
        _row("renew", {S.RENEWAL_DUE}, S.ACTIVE, "renewed", gettext_lazy("renew")),
        _row("expire", {S.RENEWAL_DUE}, S.EXPIRED, "expired", gettext_lazy("let expire"), True),
        _row(
            "cancel",
            {S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.ACTIVE, S.SUSPENDED, S.RENEWAL_DUE},
            S.CANCELLED,
            "cancelled",
            gettext_lazy("cancel"),
            True,
        ),
        _row(
            "revoke",
            {S.ACTIVE, S.SUSPENDED, S.RENEWAL_DUE},
            S.REVOKED,
            "revoked",
            gettext_lazy("revoke"),
            True,
        ),
        _row(
            "ban",
            {S.ACTIVE, S.SUSPENDED, S.RENEWAL_DUE, S.REVOKED},
            S.BANNED,
            "banned",
            gettext_lazy("ban"),
            True,
        ),
    ),
)
# Read-only views of the table for existing callers (tests, forms, the sweep).
TRANSITIONS = {t.action: t for t in LICENCE.transitions}
AUDIT_VERB = {t.action: t.verb for t in LICENCE.transitions}


@transaction.atomic
def agency_create(
    *, actor: Actor, name: str, licence_number: str, address: str = "", branches: str = ""
) -> Agency:
    """Register an agency of the actor's state with a draft licence."""
    policy.require(actor, perms.MANAGE_AGENCIES)
    if not actor.state:
        raise Forbidden()
    number = licence_number.strip()
    fields: dict[str, list[str]] = {}
    if not name.strip():
        fields["name"] = [_("Enter the agency's name.")]
    if not number:
        fields["licence_number"] = [_("Enter the licence number.")]
    elif Agency.objects.for_state(actor.state).filter(licence_number__iexact=number).exists():
        fields["licence_number"] = [
            _("Another agency of this state already holds licence number {number}.").format(number=number)
        ]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    agency = Agency(
        state_id=actor.state, name=name.strip(), licence_number=number, address=address, branches=branches
    )
    try:
        with transaction.atomic():
            agency.save(force_insert=True)
    except IntegrityError as exc:  # a parallel registration won the race
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"licence_number": [_("This licence number is already registered.")]},
        ) from exc
    Licence.objects.unscoped().create(state_id=actor.state, agency=agency, status=S.DRAFT)
    audit_record(actor=actor, action="agency.created", target=agency)
    return agency


def _apply_dates(licence: Licence, action: str, valid_to: dt.date | None, today: dt.date) -> None:
    if action not in {"approve", "renew"}:
        return
    default_end = today.replace(year=today.year + LICENCE_YEARS)
    end = valid_to or default_end
    if end <= today:
        raise ApplicationError(
            _("Some fields are not valid."), fields={"valid_to": [_("The end date must be in the future.")]}
        )
    if action == "approve":
        licence.valid_from = today
    licence.valid_to = end


def _dates(licence: Licence, action: str, valid_to: dt.date | None, today: dt.date) -> dict[str, dt.date]:
    if action not in {"approve", "renew"}:
        return {}
    end = valid_to or today.replace(year=today.year + LICENCE_YEARS)
    if end <= today:
        raise ApplicationError(
            _("Some fields are not valid."), fields={"valid_to": [_("The end date must be in the future.")]}
        )
    return {"valid_from": today, "valid_to": end} if action == "approve" else {"valid_to": end}


def _changes(transition: Transition, reason: str) -> dict[str, str]:
    """The published reason: kept on a narrowing decision, cleared when the licence is active again."""
    if transition.needs_note:
        return {"status_reason": reason.strip()}
    if transition.target == S.ACTIVE:
        return {"status_reason": ""}
    return {}


@transaction.atomic
def licence_transition(
    *, actor: Actor, agency: Agency, action: str, reason: str = "", valid_to: dt.date | None = None
) -> Licence:
    """Move the licence one step; only labour officers of the licensing state decide."""
    policy.require(actor, perms.MANAGE_AGENCIES, state=agency.state_id)
    licence = Licence.objects.unscoped().get(agency=agency)
    problem = refusal(workflow=LICENCE, record=licence, action=action, actor=actor)
    if problem is not None:
        raise problem
    changes = _dates(licence, action, valid_to, timezone.localdate())
    return _move(licence, action, reason, actor, changes)


def licence_allowed_actions(*, actor: Actor, agency: Agency) -> list[ActionOption]:
    """What this officer may decide on the agency's licence now (pages offer only these)."""
    return allowed_actions(workflow=LICENCE, record=agency.licence, actor=actor)


def _move(
    licence: Licence, action: str, reason: str, actor: Actor | None, changes: dict[str, dt.date] | None = None
) -> Licence:
    transition = TRANSITIONS[action]
    before = licence.status
    moved = step(
        workflow=LICENCE,
        record=licence,
        action=action,
        actor=actor,
        note=reason,
        changes={**(changes or {}), **_changes(transition, reason)},
        public=True,
        audit_data={"agency": str(licence.agency.uuid)},
    )
    moved.decisions.create(from_status=before, to_status=moved.status, reason=reason.strip())
    return moved


def licence_system_transition(*, licence: Licence, action: str, reason: str = "") -> None:
    """The scheduled sweep's moves (renewal due, expired); audited without an actor."""
    if licence.status in TRANSITIONS[action].sources:
        _move(licence, action, reason, None)
