"""Test data built through the services, as a labour officer would."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from corridor.access.actor import Actor
from corridor.recruitment.models import Agency, Employer, Vacancy
from corridor.recruitment.services import agencies, employers, vacancies

_seq = itertools.count(1)


def make_agency(actor: Actor, *, status: str = "active", name: str = "", number: str = "") -> Agency:
    n = next(_seq)
    agency = agencies.agency_create(
        actor=actor, name=name or f"Agency {n}", licence_number=number or f"LIC-{n:04d}"
    )
    path = {"draft": [], "submitted": ["submit"], "under_review": ["submit", "start_review"]}
    steps = path.get(status, ["submit", "start_review", "approve"])
    extra = {
        "suspended": "suspend",
        "renewal_due": "mark_renewal_due",
        "revoked": "revoke",
        "banned": "ban",
        "cancelled": "cancel",
    }
    if status in extra:
        steps = [*steps, extra[status]]
    if status == "expired":
        steps = [*steps, "mark_renewal_due", "expire"]
    for action in steps:
        agencies.licence_transition(actor=actor, agency=agency, action=action, reason="test reason")
    agency.licence.refresh_from_db()
    return agency


def make_employer(
    actor: Actor, *, name: str = "Bursa Tekstil", country: str = "TUR", **extra: Any
) -> Employer:
    return employers.employer_create(actor=actor, name=name, country=country, **extra)


def default_employer() -> Employer:
    """A Turkish employer registered by Türkiye, made once per test (directly: it is test data)."""
    found = Employer.objects.unscoped().filter(state_id="TUR", name="Bursa Tekstil").first()
    if found is not None:
        return found
    return Employer.objects.unscoped().create(
        state_id="TUR", country_id="TUR", name="Bursa Tekstil", city="Bursa"
    )


def vacancy_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Sewing machine operator",
        "occupation": "815",
        "destination": "TUR",
        "city": "Bursa",
        "description": "Garment factory",
        "wage_amount": Decimal("30000.00"),
        "wage_currency": "TRY",
        "hours_per_week": 45,
        "contract_months": 12,
        "contract_terms": "",
        "accommodation": "free",
        "costs_paid_by": "employer",
        "workers_needed": 10,
        "languages": ["ky", "ru"],
        "refugees_may_apply": True,
        "valid_until": timezone.localdate() + dt.timedelta(days=30),
    }
    data.update(overrides)
    if "employer" not in data:
        data["employer"] = str(default_employer().uuid)
    return data


def make_vacancy(
    origin: Actor,
    agency: Agency | None,
    verifier: Actor | None = None,
    *,
    publish: bool = False,
    **overrides: Any,
) -> Vacancy:
    vacancy = vacancies.vacancy_create(actor=origin, agency=agency, data=vacancy_data(**overrides))
    if verifier is not None:
        vacancy = vacancies.vacancy_verify(actor=verifier, vacancy=vacancy, approve=True)
        if publish:
            vacancy = vacancies.vacancy_publish(actor=origin, vacancy=vacancy)
    return vacancy
