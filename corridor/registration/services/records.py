"""Officer writes: register, update, move along the journey, merge duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.accounts.models import Organisation
from corridor.audit.services import audit_record
from corridor.cases.services import ActionOption, allowed_actions, refusal, step
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.registration.choices import Channel, Status
from corridor.registration.domain import (
    RegistrationInput,
    apply_input,
    check_input,
    duplicates_of,
    input_from,
    new_reference,
)
from corridor.registration.models import Registration
from corridor.registration.services import consents
from corridor.registration.workflow import ACTION_FOR_STATUS, REGISTRATION

_DATE_OF_STATUS = {
    Status.DEPARTED: "actual_departure",
    Status.ARRIVED: "actual_arrival",
    Status.RETURNED: "actual_return",
}


class PossibleDuplicate(Conflict):
    """The same person seems registered already: offer the existing records instead of a copy."""

    code = "possible_duplicate"

    def __init__(self, candidates: list[Registration]) -> None:
        super().__init__(
            _(
                "This person may be registered already. Open the existing registration, "
                "or confirm that it is someone else."
            )
        )
        self.candidates = candidates


def _consulate_for(actor: Actor, consulate: Organisation | None) -> Organisation:
    chosen = consulate or actor.organisation
    if chosen is None or chosen.state_id != actor.state:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"consulate": [_("Choose a consulate of your own state.")]},
        )
    return chosen


@transaction.atomic
def registration_create(
    *,
    actor: Actor,
    data: RegistrationInput,
    consent_purposes: Collection[str] = (),
    consulate: Organisation | None = None,
    allow_duplicate: bool = False,
) -> Registration:
    """An officer registers a citizen of the officer's own state (the owner state)."""
    policy.require(actor, perms.CHANGE_REGISTRATION)
    if not actor.state:
        raise Forbidden()
    data = data.cleaned()
    check_input(data, owner_state=actor.state)
    registration = Registration(
        state_id=actor.state,
        consulate=_consulate_for(actor, consulate),
        status=Status.REGISTERED,
        channel=Channel.OFFICER,
        created_by=actor.user,
        submitted_at=timezone.now(),
    )
    apply_input(registration, data)
    found = list(duplicates_of(registration)[:5])
    if found and not allow_duplicate:
        raise PossibleDuplicate(found)
    registration.reference = new_reference(actor.state)
    registration.save(force_insert=True)
    audit_record(
        actor=actor, action="registration.created", target=registration, data={"channel": Channel.OFFICER}
    )
    consents.record_consents(
        actor=actor, registration=registration, purposes=consent_purposes, channel=Channel.OFFICER
    )
    return registration


@transaction.atomic
def registration_update(*, actor: Actor, registration: Registration, data: RegistrationInput) -> Registration:
    policy.require(actor, perms.CHANGE_REGISTRATION, state=registration.state_id)
    if registration.status in (Status.PENDING, Status.MERGED):
        raise Conflict(_("This registration cannot be changed in its current state."))
    data = data.cleaned()
    check_input(data, owner_state=registration.state_id)
    changed = apply_input(registration, data)
    if changed:
        registration.save()
        consents.refresh_sharing_flag(registration)
        audit_record(
            actor=actor, action="registration.updated", target=registration, data={"fields": sorted(changed)}
        )
    return registration


def journey_actions(*, actor: Actor, registration: Registration) -> list[ActionOption]:
    """The journey steps this officer may record now (the kernel's answer)."""
    return allowed_actions(workflow=REGISTRATION, record=registration, actor=actor)


@transaction.atomic
def registration_set_status(
    *, actor: Actor, registration: Registration, status: str, on: dt.date | None = None
) -> Registration:
    """Mark departed, arrived or returned, with the date it happened (today by default).

    One kernel step (permission, forward-only table, history, audit ``registration.<status>``).
    """
    action = ACTION_FOR_STATUS.get(status)  # type: ignore[call-overload]
    if action is None:
        raise ApplicationError(
            _("Some fields are not valid."), fields={"status": [_("Choose one of the options.")]}
        )
    current = Registration.objects.for_state(registration.state_id).get(pk=registration.pk)
    problem = refusal(workflow=REGISTRATION, record=current, action=action, actor=actor)
    if problem is not None:
        raise problem
    day = on or timezone.localdate()
    date_field = _DATE_OF_STATUS[Status(status)]
    check_input(
        RegistrationInput.from_mapping({**input_from(current).__dict__, date_field: day}),
        owner_state=registration.state_id,
    )
    moved: Registration = step(
        workflow=REGISTRATION,
        record=current,
        action=action,
        actor=actor,
        changes={date_field: day},
        audit_data={"date": day.isoformat()},
    )
    # The caller's object follows, as before the kernel (pages keep using it).
    registration.status = moved.status
    setattr(registration, date_field, day)
    return moved


@transaction.atomic
def registration_merge(*, actor: Actor, first: Registration, second: Registration) -> Registration:
    """Keep the older registration; the newer one points at it and its consents move over."""
    policy.require(actor, perms.CHANGE_REGISTRATION, state=first.state_id)
    policy.require(actor, perms.CHANGE_REGISTRATION, state=second.state_id)
    live = {Status.REGISTERED, Status.DEPARTED, Status.ARRIVED, Status.RETURNED}
    if first.pk == second.pk or first.status not in live or second.status not in live:
        raise Conflict(_("These registrations cannot be merged."))
    keep, duplicate = sorted([first, second], key=lambda r: (r.created_at, r.pk))
    moved = consents.move_consents(actor=actor, source=duplicate, target=keep)
    duplicate.status = Status.MERGED
    duplicate.merged_into = keep
    duplicate.shares_with_destination = False
    # The duplicate's come-back link keeps working: it now leads to the kept registration.
    duplicate.save(update_fields=["status", "merged_into", "shares_with_destination", "updated_at"])
    audit_record(
        actor=actor,
        action="registration.merged",
        target=keep,
        data={"merged": str(duplicate.uuid), "consents_moved": moved},
    )
    return keep
