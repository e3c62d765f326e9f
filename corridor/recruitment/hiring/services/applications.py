"""Applications: a worker applies to a valid job ad; the agency's state shortlists, selects or rejects."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access.actor import Actor
from corridor.access.db import set_db_state
from corridor.audit.services import audit_record
from corridor.cases.services import ActionOption, allowed_actions, step
from corridor.core.errors import ApplicationError, Conflict
from corridor.recruitment import selectors as recruitment_selectors
from corridor.recruitment.hiring.models import Application
from corridor.recruitment.hiring.personal import new_reference, set_encrypted
from corridor.recruitment.hiring.workflow import APPLICATION
from corridor.recruitment.models import Vacancy
from corridor.recruitment.services import fees as fee_services
from corridor.registration import selectors as registrations

_PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ApplicantInput:
    full_name: str
    phone: str
    email: str = ""
    note: str = ""
    registration_reference: str = ""
    birth_date: dt.date | None = None


RATE_WINDOW = fee_services.RATE_WINDOW


def apply_rate_limited(*, client: str) -> bool:
    """Count one public application for this connection; True once over the limit (5 in 10 minutes).

    It slows down guessing birth dates for someone else's registration reference. The counter is
    the recruitment module's per-connection one, under a key of its own.
    """
    return fee_services.rate_limited(client=f"hiring-apply:{client}")


def too_many_message() -> str:
    return _("Too many applications were sent from this connection. Please wait ten minutes and try again.")


def application_actions(*, actor: Actor, application: Application) -> list[ActionOption]:
    """The decisions this actor may take on the application now (the kernel's answer)."""
    return allowed_actions(workflow=APPLICATION, record=application, actor=actor)


def _check(data: ApplicantInput, *, signed_in: bool) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    if not 2 <= len(data.full_name.strip()) <= 200:
        fields["full_name"] = [_("Enter your full name (2 to 200 characters).")]
    if not _PHONE.match(data.phone.strip()):
        fields["phone"] = [_("Enter a phone number with 6 to 20 digits, for example +996 555 123 456.")]
    if data.email and not _EMAIL.match(data.email.strip()):
        fields["email"] = [_("Enter a valid email address or leave it empty.")]
    if len(data.note) > 2000:
        fields["note"] = [_("The message may have at most 2,000 characters.")]
    if not signed_in and not data.registration_reference.strip():
        fields["registration_reference"] = [
            _("Sign in, or give the reference number of your consular registration.")
        ]
    if data.registration_reference.strip() and data.birth_date is None:
        fields["birth_date"] = [_("Give your date of birth as in your consular registration.")]
    return fields


def _refuse_if_invalid(vacancy: Vacancy) -> None:
    valid, reason = recruitment_selectors.vacancy_validity(vacancy=vacancy)
    if not valid:
        raise ApplicationError(
            _("You cannot apply to this job ad: {reason}").format(reason=reason), fields={"vacancy": [reason]}
        )


@transaction.atomic
def application_submit(*, actor: Actor | None, vacancy: Vacancy, data: ApplicantInput) -> Application:
    """A worker applies: signed in, or with a confirmed consular registration (reference + birth date)."""
    _refuse_if_invalid(vacancy)
    signed_in = actor is not None and actor.user is not None
    reference = data.registration_reference.strip().upper()
    fields = _check(data, signed_in=signed_in)
    if (
        not fields
        and reference
        and data.birth_date
        and not registrations.registration_confirmed(reference=reference, birth_date=data.birth_date)
    ):
        fields["registration_reference"] = [
            _("No confirmed consular registration has this reference number and date of birth.")
        ]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    set_db_state(vacancy.state_id)  # the row is the agency state's (row-level security)
    application = Application(
        state_id=vacancy.state_id,
        vacancy=vacancy,
        reference=new_reference(vacancy.state_id, "A"),
        applicant=actor.user if signed_in and actor is not None else None,
        registration_reference=reference,
    )
    for field in ("full_name", "phone", "email", "note"):
        set_encrypted(application, field, str(getattr(data, field)).strip())
    set_encrypted(application, "birth_date", data.birth_date.isoformat() if data.birth_date else "")
    try:
        with transaction.atomic():
            application.save(force_insert=True)
    except IntegrityError as exc:
        raise Conflict(_("You have already applied to this job ad.")) from exc
    audit_record(
        actor=actor if signed_in else None,
        action="application.submitted",
        target=application,
        data={"vacancy": str(vacancy.uuid), "channel": "account" if signed_in else "registration"},
    )
    return application


@transaction.atomic
def application_decide(
    *, actor: Actor, application: Application, action: str, reason: str = ""
) -> Application:
    """Shortlist, select or reject (the agency's state, ``MANAGE_RECRUITMENT``): one kernel step."""
    if APPLICATION.get(action) is None:
        raise ApplicationError(_("Unknown decision."), fields={"action": [_("Unknown decision.")]})
    moved: Application = step(
        workflow=APPLICATION,
        record=application,
        action=action,
        actor=actor,
        note=reason,
        changes={"status_reason": reason.strip(), "decided_at": timezone.now()},
        public=True,
    )
    return moved
