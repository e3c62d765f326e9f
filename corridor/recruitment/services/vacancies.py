"""Job orders: posted by the agency's state, verified by the destination state, then published."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.recruitment.models import Agency, CostPayer, Employer, LicenceStatus, Vacancy, VacancyStatus
from corridor.recruitment.services.employers import employer_by_uuid, employer_of
from corridor.reference.models import Country, Occupation

_CURRENCY = re.compile(r"^[A-Z]{3}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def licence_refusal(agency: Agency | None) -> str:
    """Why this agency may not recruit now ('' when its licence is active or no agency is involved)."""
    if agency is None:
        return ""
    status = agency.licence.status
    if status == LicenceStatus.ACTIVE:
        return ""
    return _("The agency's licence is {status}: only agencies with an active licence may recruit.").format(
        status=agency.licence.get_status_display()
    )


def _check(data: dict[str, Any], today: dt.date) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    if data["costs_paid_by"] != CostPayer.EMPLOYER:
        fields["costs_paid_by"] = [
            _("Workers must not pay recruitment fees or costs: under the ethical standard the employer pays.")
        ]
    if Decimal(data["wage_amount"]) <= 0:
        fields["wage_amount"] = [_("The wage must be more than zero.")]
    if not _CURRENCY.match(str(data["wage_currency"])):
        fields["wage_currency"] = [_("Use a three-letter currency code such as TRY or USD.")]
    if not 1 <= int(data["hours_per_week"]) <= 60:
        fields["hours_per_week"] = [_("Hours per week must be between 1 and 60.")]
    if not 1 <= int(data["contract_months"]) <= 60:
        fields["contract_months"] = [_("The contract must last between 1 and 60 months.")]
    if int(data["workers_needed"]) < 1:
        fields["workers_needed"] = [_("At least one worker must be needed.")]
    return fields | _check_terms(data, today)


def _check_terms(data: dict[str, Any], today: dt.date) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    if data["valid_until"] < today:
        fields["valid_until"] = [_("The closing date cannot be in the past.")]
    if any(not _LANGUAGE.match(code) for code in data.get("languages", [])):
        fields["languages"] = [_("Use two- or three-letter language codes such as ru, tr or ky.")]
    if not Occupation.objects.filter(code=data["occupation"]).exists():
        fields["occupation"] = [_("Unknown ISCO-08 occupation code.")]
    if not Country.objects.filter(iso3=data["destination"]).exists():
        fields["destination"] = [_("Unknown country code.")]
    return fields


def _poster(actor: Actor, agency: Agency | None, data: dict[str, Any]) -> tuple[str, Employer | None]:
    """Who posts decides the owner state and the employer: a licensed agency, or the employer itself."""
    if agency is not None:
        policy.require(actor, perms.MANAGE_RECRUITMENT, state=agency.state_id)
        refusal = licence_refusal(agency)
        if refusal:
            raise ApplicationError(refusal, fields={"agency": [refusal]})
        return agency.state_id, employer_by_uuid(data.get("employer"))
    if not actor.has(perms.POST_JOB_ORDERS):
        message = _("Choose the recruiting agency.")
        raise ApplicationError(message, fields={"agency": [message]})
    employer = employer_of(actor)
    if data.get("destination") != employer.country_id:
        message = _("An employer posts job orders for work in its own country ({country}).").format(
            country=employer.country_id
        )
        raise ApplicationError(message, fields={"destination": [message]})
    return employer.state_id, employer


@transaction.atomic
def vacancy_create(*, actor: Actor, agency: Agency | None, data: dict[str, Any]) -> Vacancy:
    """Record a job order of a licensed agency or of an employer's own account.

    It waits for the destination state's verification. ``data["employer"]`` is the employer's
    public id (an employer account always posts as itself).
    """
    state, employer = _poster(actor, agency, data)
    fields = _check(data, timezone.localdate())
    if employer is None:
        fields["employer"] = [_("Unknown employer: choose a registered employer.")]
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    values = {k: v for k, v in data.items() if k not in {"employer", "employer_name"}}
    values["occupation_id"] = values.pop("occupation")
    values["destination_id"] = values.pop("destination")
    values["languages"] = sorted(set(values.get("languages", [])))
    vacancy = Vacancy(state_id=state, agency=agency, employer=employer, employer_name=employer.name, **values)
    vacancy.save(force_insert=True)
    data_out = {"agency": str(agency.uuid) if agency else None, "employer": str(employer.uuid)}
    audit_record(actor=actor, action="vacancy.created", target=vacancy, data=data_out)
    return vacancy


def _may_manage(actor: Actor, vacancy: Vacancy) -> bool:
    """The owner state's recruitment officers, or the employer's own account for its job orders."""
    if policy.can(actor, perms.MANAGE_RECRUITMENT, state=vacancy.state_id):
        return True
    organisation = actor.organisation
    return (
        actor.has(perms.POST_JOB_ORDERS)
        and organisation is not None
        and vacancy.employer.organisation_id == organisation.pk
    )


def _require_manage(actor: Actor, vacancy: Vacancy) -> None:
    if not _may_manage(actor, vacancy):
        raise Forbidden(_("You are not allowed to do this."))


def _locked(vacancy: Vacancy, *allowed: str) -> Vacancy:
    locked = Vacancy.objects.unscoped().select_for_update().get(pk=vacancy.pk)
    if locked.status not in allowed:
        raise Conflict(
            _("A vacancy that is {status} cannot be changed this way.").format(
                status=locked.get_status_display()
            )
        )
    return locked


def _reason_required(reason: str) -> None:
    if not reason.strip():
        raise ApplicationError(
            _("Give the reason: it is shown to workers who check this job ad."),
            fields={"reason": [_("A reason is required for this decision.")]},
        )


@transaction.atomic
def vacancy_verify(*, actor: Actor, vacancy: Vacancy, approve: bool, reason: str = "") -> Vacancy:
    """The destination state confirms (or refuses) the employer and the terms."""
    policy.require(actor, perms.VERIFY_VACANCIES, state=vacancy.destination_id)
    locked = _locked(vacancy, VacancyStatus.SUBMITTED)
    if not approve:
        _reason_required(reason)
    locked.status = VacancyStatus.VERIFIED if approve else VacancyStatus.REJECTED
    locked.status_reason = "" if approve else reason.strip()
    locked.verified_at = timezone.now() if approve else None
    locked.save()
    verb = "verified" if approve else "rejected"
    audit_record(actor=actor, action=f"vacancy.{verb}", target=locked)
    return locked


@transaction.atomic
def vacancy_publish(*, actor: Actor, vacancy: Vacancy) -> Vacancy:
    _require_manage(actor, vacancy)
    locked = _locked(vacancy, VacancyStatus.VERIFIED)
    refusal = licence_refusal(locked.agency)
    if refusal:
        raise Conflict(refusal)
    if locked.valid_until < timezone.localdate():
        raise Conflict(_("The closing date has passed: this vacancy can no longer be published."))
    locked.status = VacancyStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.save()
    audit_record(actor=actor, action="vacancy.published", target=locked)
    return locked


@transaction.atomic
def vacancy_end(*, actor: Actor, vacancy: Vacancy, outcome: str, reason: str = "") -> Vacancy:
    """Filled or closed by the owner state; revoked by the owner or the destination state."""
    if outcome == VacancyStatus.REVOKED:
        may = _may_manage(actor, vacancy) or policy.can(
            actor, perms.VERIFY_VACANCIES, state=vacancy.destination_id
        )
        if not may:
            raise Forbidden()
        locked = _locked(vacancy, VacancyStatus.VERIFIED, VacancyStatus.PUBLISHED)
        _reason_required(reason)
    elif outcome in {VacancyStatus.FILLED, VacancyStatus.CLOSED}:
        _require_manage(actor, vacancy)
        locked = _locked(vacancy, VacancyStatus.PUBLISHED)
    else:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"action": [_("Unknown decision: {action}.").format(action=outcome)]},
        )
    locked.status = outcome
    locked.status_reason = reason.strip()
    locked.save()
    audit_record(actor=actor, action=f"vacancy.{outcome}", target=locked)
    return locked


def vacancy_decide(*, actor: Actor, vacancy: Vacancy, action: str, reason: str = "") -> Vacancy:
    """One entry point for the decision form and endpoint: map the action to its service."""
    if action in {"verify", "reject"}:
        return vacancy_verify(actor=actor, vacancy=vacancy, approve=action == "verify", reason=reason)
    if action == "publish":
        return vacancy_publish(actor=actor, vacancy=vacancy)
    outcomes = {"fill": VacancyStatus.FILLED, "close": VacancyStatus.CLOSED, "revoke": VacancyStatus.REVOKED}
    if action not in outcomes:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"action": [_("Unknown decision: {action}.").format(action=action)]},
        )
    return vacancy_end(actor=actor, vacancy=vacancy, outcome=outcomes[action], reason=reason)


@transaction.atomic
def vacancies_expire(*, today: dt.date | None = None) -> int:
    """System sweep: published ads past their closing date become expired."""
    day = today or timezone.localdate()
    stale = Vacancy.objects.unscoped().filter(status=VacancyStatus.PUBLISHED, valid_until__lt=day)
    count = 0
    for vacancy in stale.select_for_update():
        vacancy.status = VacancyStatus.EXPIRED
        vacancy.save(update_fields=["status", "updated_at"])
        audit_record(actor=None, action="vacancy.expired", target=vacancy)
        count += 1
    return count
