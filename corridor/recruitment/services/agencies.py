"""Agency register writes and the licence lifecycle, decided by the licensing state."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.recruitment.models import Agency, Licence
from corridor.recruitment.models import LicenceStatus as S
from corridor.recruitment.services.lifecycle import Transition, move

LICENCE_YEARS = 5


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(frozenset({S.DRAFT}), S.SUBMITTED, False),
    "start_review": Transition(frozenset({S.SUBMITTED}), S.UNDER_REVIEW, False),
    "approve": Transition(frozenset({S.UNDER_REVIEW}), S.ACTIVE, False),
    "suspend": Transition(frozenset({S.ACTIVE, S.RENEWAL_DUE}), S.SUSPENDED, True),
    "reinstate": Transition(frozenset({S.SUSPENDED}), S.ACTIVE, False),
    "mark_renewal_due": Transition(frozenset({S.ACTIVE}), S.RENEWAL_DUE, False),
    "renew": Transition(frozenset({S.RENEWAL_DUE}), S.ACTIVE, False),
    "expire": Transition(frozenset({S.RENEWAL_DUE}), S.EXPIRED, True),
    "cancel": Transition(
        frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.ACTIVE, S.SUSPENDED, S.RENEWAL_DUE}),
        S.CANCELLED,
        True,
    ),
    "revoke": Transition(frozenset({S.ACTIVE, S.SUSPENDED, S.RENEWAL_DUE}), S.REVOKED, True),
    "ban": Transition(frozenset({S.ACTIVE, S.SUSPENDED, S.RENEWAL_DUE, S.REVOKED}), S.BANNED, True),
}


AUDIT_VERB = {
    "submit": "submitted",
    "start_review": "review_started",
    "approve": "approved",
    "suspend": "suspended",
    "reinstate": "reinstated",
    "mark_renewal_due": "renewal_due",
    "renew": "renewed",
    "expire": "expired",
    "cancel": "cancelled",
    "revoke": "revoked",
    "ban": "banned",
}


def allowed_actions(status: str) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if status in t.sources]


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


def _check_reason(transition: Transition, reason: str) -> None:
    if transition.narrows and not reason.strip():
        raise ApplicationError(
            _("Give the reason: it is published on the register."),
            fields={"reason": [_("A reason is required for this decision.")]},
        )


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


@transaction.atomic
def licence_transition(
    *, actor: Actor, agency: Agency, action: str, reason: str = "", valid_to: dt.date | None = None
) -> Licence:
    """Move the licence one step; only labour officers of the licensing state decide."""
    policy.require(actor, perms.MANAGE_AGENCIES, state=agency.state_id)
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"action": [_("Unknown decision: {action}.").format(action=action)]},
        )
    licence = Licence.objects.unscoped().select_for_update().get(agency=agency)
    if licence.status not in transition.sources:
        raise Conflict(
            _("A licence that is {status} cannot be changed this way.").format(
                status=licence.get_status_display()
            )
        )
    _check_reason(transition, reason)
    _apply_dates(licence, action, valid_to, timezone.localdate())
    return _move(licence, action, reason, actor)


def _move(licence: Licence, action: str, reason: str, actor: Actor | None) -> Licence:
    event = f"licence.{AUDIT_VERB[action]}"
    return move(
        licence, transition=TRANSITIONS[action], event=event, reason=reason, actor=actor, restores=S.ACTIVE
    )


def licence_system_transition(*, licence: Licence, action: str, reason: str = "") -> None:
    """The scheduled sweep's moves (renewal due, expired); audited without an actor."""
    if licence.status in TRANSITIONS[action].sources:
        _move(licence, action, reason, None)
