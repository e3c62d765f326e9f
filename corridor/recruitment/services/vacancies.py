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
from corridor.cases.services import ActionOption, allowed_actions, step
from corridor.core.errors import ApplicationError
from corridor.recruitment.models import Agency, CostPayer, Employer, LicenceStatus, Vacancy, VacancyStatus
from corridor.recruitment.services.employers import employer_by_uuid, employer_of
from corridor.recruitment.vacancy_workflow import VACANCY
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


def vacancy_actions(*, actor: Actor, vacancy: Vacancy) -> list[ActionOption]:
    """The decisions this actor may take on the job order now (the kernel's answer)."""
    return allowed_actions(workflow=VACANCY, record=vacancy, actor=actor)


def _changes(action: str, reason: str) -> dict[str, Any]:
    now = timezone.now()
    if action == "verify":
        return {"status_reason": "", "verified_at": now}
    if action == "reject":
        return {"status_reason": reason, "verified_at": None}
    if action == "publish":
        return {"published_at": now}
    return {"status_reason": reason}


@transaction.atomic
def vacancy_decide(*, actor: Actor, vacancy: Vacancy, action: str, reason: str = "") -> Vacancy:
    """One kernel step: verify or reject (the destination state), publish, fill or close (the
    owner state or the employer's account), revoke (either state). A refusal writes nothing."""
    if VACANCY.get(action) is None or action == "expire":
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"action": [_("Unknown decision: {action}.").format(action=action)]},
        )
    moved: Vacancy = step(
        workflow=VACANCY,
        record=vacancy,
        action=action,
        actor=actor,
        note=reason,
        changes=_changes(action, reason.strip()),
        public=True,
    )
    return moved


def vacancy_verify(*, actor: Actor, vacancy: Vacancy, approve: bool, reason: str = "") -> Vacancy:
    """The destination state confirms (or refuses) the employer and the terms."""
    return vacancy_decide(
        actor=actor, vacancy=vacancy, action="verify" if approve else "reject", reason=reason
    )


def vacancy_publish(*, actor: Actor, vacancy: Vacancy) -> Vacancy:
    return vacancy_decide(actor=actor, vacancy=vacancy, action="publish")


def vacancy_end(*, actor: Actor, vacancy: Vacancy, outcome: str, reason: str = "") -> Vacancy:
    """Filled or closed by the owner state; revoked by the owner or the destination state."""
    actions: dict[str, str] = {"filled": "fill", "closed": "close", "revoked": "revoke"}
    return vacancy_decide(actor=actor, vacancy=vacancy, action=actions.get(outcome, outcome), reason=reason)


@transaction.atomic
def vacancies_expire(*, today: dt.date | None = None) -> int:
    """System sweep: published ads past their closing date become expired."""
    day = today or timezone.localdate()
    stale = Vacancy.objects.unscoped().filter(status=VacancyStatus.PUBLISHED, valid_until__lt=day)
    count = 0
    for vacancy in stale.order_by("id"):
        step(workflow=VACANCY, record=vacancy, action="expire", actor=None)
        count += 1
    return count
