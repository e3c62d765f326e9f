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

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.accounts.models import Membership, Organisation, OrganisationKind, User
from corridor.accounts.services import DEMO_PASSWORD
from corridor.recruitment.models import Agency, Employer, FeeReport, LicenceStatus, Vacancy
from corridor.recruitment.services import agencies, employers, fees, vacancies

LICENCE_NUMBER = "KG-REC-2025-001"
TITLE = "Sewing machine operator (synthetic demo)"
EMPLOYER_TITLE = "Textile quality controller (synthetic demo, posted by the employer)"
EMPLOYER_USERNAME = "tur.employer"
EMPLOYER_REGISTRY_ID = "TR-DEMO-0001"


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
        if agency.licence.status in agencies.TRANSITIONS[action].sources:
            agencies.licence_transition(actor=actor, agency=agency, action=action)
            agency.licence.refresh_from_db()
    return agency


def _employer(tur: User) -> Employer:
    """A Turkish employer with its own account ``tur.employer``, registered by Türkiye."""
    found = Employer.objects.for_state("TUR").filter(registry_id=EMPLOYER_REGISTRY_ID).first()
    if found is not None:
        return found
    organisation, _ = Organisation.objects.get_or_create(
        state_id="TUR",
        name="Synthetic Tekstil A.Ş. (demo)",
        defaults={"kind": OrganisationKind.EMPLOYER, "short_name": "TUR-employer", "city": "Bursa"},
    )
    user = User.objects.filter(username=EMPLOYER_USERNAME).first()
    if user is None:
        user = User(
            username=EMPLOYER_USERNAME, email=f"{EMPLOYER_USERNAME}@demo.invalid", first_name="Tekstil"
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"roles": [roles.EMPLOYER]}
    )
    return employers.employer_create(
        actor=actor_for(tur),
        name="Synthetic Tekstil A.Ş.",
        country="TUR",
        city="Bursa",
        sector="Textiles",
        registry_id=EMPLOYER_REGISTRY_ID,
        organisation=organisation,
    )


def _employer_job_order(tur: User, employer: Employer) -> Vacancy:
    """Done-when of the issue: a Turkish employer's job order is approved and published."""
    own = actor_for(User.objects.get(username=EMPLOYER_USERNAME))
    vacancy = Vacancy.objects.for_state("TUR").filter(title=EMPLOYER_TITLE).first()
    if vacancy is None:
        data = {**_terms(), "title": EMPLOYER_TITLE, "occupation": "7533", "workers_needed": 5}
        vacancy = vacancies.vacancy_create(actor=own, agency=None, data=data)
    if vacancy.status == "submitted":
        vacancy = vacancies.vacancy_verify(actor=actor_for(tur), vacancy=vacancy, approve=True)
    if vacancy.status == "verified":
        vacancy = vacancies.vacancy_publish(actor=own, vacancy=vacancy)
    return vacancy


def _terms() -> dict[str, object]:
    return {
        "occupation": "8153",
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


def _vacancy(kgz: User, tur: User, agency: Agency, employer: Employer) -> Vacancy:
    vacancy = Vacancy.objects.for_state("KGZ").filter(title=TITLE).first()
    if vacancy is None:
        data = {**_terms(), "title": TITLE, "employer": str(employer.uuid)}
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
    employer = _employer(tur)
    _employer_job_order(tur, employer)
    if agency.licence.status == LicenceStatus.ACTIVE:
        _vacancy(kgz, tur, agency, employer)
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
        fees.fee_report_create(agency_ref=agency.public_code, data=data)
    return len(REPORTS)
