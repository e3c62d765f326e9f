"""Demo recruitment data: one licensed Kyrgyz agency, one verified Turkish job ad, fee reports.

Idempotent: the agency is found by its licence number, the vacancy by its title, and fee
reports are only added while the agency has none. Everything goes through the services,
so the demo's audit trail looks like real use. Needs the portal demo's users.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from corridor.access.actor import actor_for
from corridor.accounts.models import User
from corridor.recruitment.models import Agency, FeeReport, LicenceStatus, Vacancy
from corridor.recruitment.services import agencies, fees, vacancies

LICENCE_NUMBER = "KG-REC-2025-001"
TITLE = "Sewing machine operator (synthetic demo)"


def _agency(kgz: User) -> Agency:
    agency = Agency.objects.for_state("KGZ").filter(licence_number=LICENCE_NUMBER).first()
    actor = actor_for(kgz)
    if agency is None:
        agency = agencies.agency_create(
            actor=actor,
            name="Ala-Too Fair Recruitment (demo)",
            licence_number=LICENCE_NUMBER,
            address="Synthetic address 1, Bishkek",
        )
    for action in ("submit", "start_review", "approve"):
        if action in agencies.allowed_actions(agency.licence.status):
            agencies.licence_transition(actor=actor, agency=agency, action=action)
            agency.licence.refresh_from_db()
    return agency


def _vacancy(kgz: User, tur: User, agency: Agency) -> Vacancy:
    vacancy = Vacancy.objects.for_state("KGZ").filter(title=TITLE).first()
    if vacancy is None:
        data = {
            "title": TITLE,
            "employer_name": "Synthetic Tekstil A.Ş.",
            "occupation": "815",
            "destination": "TUR",
            "city": "Bursa",
            "description": "Garment factory, day shifts.",
            "wage_amount": Decimal("32000.00"),
            "wage_currency": "TRY",
            "hours_per_week": 45,
            "contract_months": 12,
            "contract_terms": "Written contract in Kyrgyz and Turkish.",
            "accommodation": "free",
            "costs_paid_by": "employer",
            "workers_needed": 20,
            "languages": ["ky", "ru"],
            "refugees_may_apply": True,
            "valid_until": timezone.localdate() + dt.timedelta(days=90),
        }
        vacancy = vacancies.vacancy_create(actor=actor_for(kgz), agency=agency, data=data)
    if vacancy.status == "submitted":
        vacancy = vacancies.vacancy_verify(actor=actor_for(tur), vacancy=vacancy, approve=True)
    if vacancy.status == "verified":
        vacancy = vacancies.vacancy_publish(actor=actor_for(kgz), vacancy=vacancy)
    return vacancy


REPORTS = [
    ("agency", "placement", "30000.00", "KGS", "70000.00"),
    ("broker", "documents", "8000.00", "KGS", "65000.00"),
    ("agency", "medical", "5000.00", "KGS", "72000.00"),
]


@transaction.atomic
def load_demo_recruitment() -> int:
    """Create what is missing; return how many fee reports were added."""
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("Demo recruitment data is refused outside demo mode.")
    kgz = User.objects.filter(username="kgz.labour_officer").first()
    tur = User.objects.filter(username="tur.labour_officer").first()
    if kgz is None or tur is None:
        return 0  # the portal demo has not run yet
    agency = _agency(kgz)
    if agency.licence.status == LicenceStatus.ACTIVE:
        _vacancy(kgz, tur, agency)
    if FeeReport.objects.filter(agency=agency).exists():
        return 0
    for payee, category, amount, currency, earnings in REPORTS:
        data = {
            "payee": payee,
            "category": category,
            "amount": amount,
            "currency": currency,
            "monthly_earnings": earnings,
            "destination": "TUR",
        }
        fees.fee_report_create(agency_uuid=agency.uuid, data=data)
    return len(REPORTS)
