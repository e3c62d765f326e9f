"""Demo data: organisations and users of every member state, two agreements, synthetic people.

Idempotent: rows are looked up by natural keys and only created when missing, so a second
run changes nothing. Person records are made through ``people.services`` so that they are
encrypted and audited like any other.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.access.models import AgreementPurpose, AgreementScope, AgreementStatus, DataSharingAgreement
from corridor.accounts.models import Membership, Organisation, OrganisationKind, User
from corridor.accounts.services import DEMO_PASSWORD
from corridor.audit.services import audit_record
from corridor.people import services as people_services
from corridor.people.models import PersonRecord, ProtectionReason
from corridor.reference.models import Country

MEMBERS = ["AFG", "AZE", "KAZ", "KGZ", "TJK", "TUR", "TKM"]

ROLE_ORGANISATION = {
    roles.NATIONAL_ADMIN: OrganisationKind.MIGRATION_SERVICE,
    roles.MIGRATION_OFFICER: OrganisationKind.MIGRATION_SERVICE,
    roles.CONSULAR_OFFICER: OrganisationKind.CONSULATE,
    roles.LABOUR_OFFICER: OrganisationKind.LABOUR_MINISTRY,
    roles.STATISTICIAN: OrganisationKind.STATISTICS_OFFICE,
    roles.LAW_ENFORCEMENT: OrganisationKind.LAW_ENFORCEMENT,
    roles.SERVICE_PROVIDER: OrganisationKind.SERVICE_PROVIDER,
    roles.AUDITOR: OrganisationKind.MIGRATION_SERVICE,
}

# Where each state's demo consulate sits: the main destination of its workers.
CONSULATE_CITY = {
    "AFG": "Tehran",
    "AZE": "Moscow",
    "KAZ": "Moscow",
    "KGZ": "Istanbul",
    "TJK": "Moscow",
    "TUR": "Almaty",
    "TKM": "Istanbul",
}

# Synthetic name pools by citizenship (family, given) — labelled synthetic everywhere.
NAMES = {
    "KGZ": (
        ["Asanov", "Toktogulov", "Abdyldaev", "Zheenbekov", "Sadyrova"],
        ["Aibek", "Nurlan", "Aizada", "Bermet", "Talant"],
    ),
    "UZB": (
        ["Karimov", "Yusupova", "Rakhimov", "Tashkentova", "Ergashev"],
        ["Jasur", "Dilnoza", "Sardor", "Madina", "Bekzod"],
    ),
    "TJK": (
        ["Rahmonov", "Saidova", "Nazarov", "Karimzoda", "Sharipov"],
        ["Firuz", "Manizha", "Rustam", "Zarina", "Davlat"],
    ),
    "TKM": (
        ["Berdiyev", "Annayeva", "Orazov", "Myradov", "Gurbanova"],
        ["Merdan", "Ogulgerek", "Serdar", "Aýna", "Batyr"],
    ),
    "AFG": (
        ["Ahmadi", "Rahimi", "Noori", "Hakimi", "Sultani"],
        ["Farid", "Zahra", "Mahmud", "Fatima", "Jawad"],
    ),
    "KAZ": (
        ["Nurlanov", "Abenova", "Serikbayev", "Zhakupova", "Omarov"],
        ["Yerlan", "Aigerim", "Daulet", "Saule", "Arman"],
    ),
    "AZE": (
        ["Aliyev", "Mammadova", "Huseynov", "Guliyeva", "Hasanov"],
        ["Elvin", "Leyla", "Rashad", "Sevinj", "Orkhan"],
    ),
    "TUR": (["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik"], ["Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre"]),
}

# Which citizenships each owner state records, most often its foreign workers.
RECORDED = {
    "TUR": ["KGZ", "UZB", "TKM", "AFG", "TUR"],
    "KAZ": ["KGZ", "UZB", "TJK", "KAZ"],
    "KGZ": ["KGZ", "UZB", "TJK"],
    "AZE": ["AZE", "TUR"],
    "TJK": ["TJK", "AFG"],
    "TKM": ["TKM"],
    "AFG": ["AFG"],
}


@dataclass
class DemoSummary:
    users: list[str]
    created_people: int


def _organisation(state: str, kind: str) -> Organisation:
    country = Country.objects.get(iso3=state)
    label = OrganisationKind(kind).label
    name = f"{country.name_en}: {label}"
    city = CONSULATE_CITY.get(state, "") if kind == OrganisationKind.CONSULATE else ""
    organisation, _ = Organisation.objects.get_or_create(
        state=country, name=name, defaults={"kind": kind, "short_name": f"{state}-{kind[:12]}", "city": city}
    )
    return organisation


def _user(username: str, organisation: Organisation, role: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=f"{username}@demo.invalid", first_name=username)
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"roles": [role]})
    return user


def _agreements(admin_tur: User) -> None:
    actor = actor_for(admin_tur)
    specs = [
        dict(
            reference="TUR-KGZ-2026-CP",
            title="Consular protection of Kyrgyz nationals recorded in Türkiye",
            grantor_id="TUR",
            purpose=AgreementPurpose.CONSULAR_PROTECTION,
            scope_kind=AgreementScope.RECORDS,
            legal_basis=(
                "Demo: Vienna Convention on Consular Relations (1963), Art. 5 and 36; bilateral arrangement."
            ),
            record_types=["people.personrecord"],
            fields={"people.personrecord": ["family_name", "given_name", "birth_date", "sex", "citizenship"]},
            nationals_only=True,
            grantees=["KGZ"],
        ),
        dict(
            reference="KGZ-AP-2026-STAT",
            title="Aggregated migration statistics of Kyrgyzstan for the region",
            grantor_id="KGZ",
            purpose=AgreementPurpose.STATISTICS,
            scope_kind=AgreementScope.AGGREGATES,
            legal_basis="Demo: Almaty Process regional data-sharing arrangement on migration statistics.",
            min_cell_size=5,
            grantees=["KAZ", "TJK", "TUR", "UZB"],
        ),
    ]
    for spec in specs:
        grantees = spec.pop("grantees")
        if DataSharingAgreement.objects.filter(reference=spec["reference"]).exists():
            continue
        agreement = DataSharingAgreement.objects.create(
            status=AgreementStatus.ACTIVE,
            valid_from=dt.date(2026, 1, 1),
            valid_to=dt.date(2028, 12, 31),
            created_by=admin_tur,
            **spec,
        )
        agreement.grantees.set(Country.objects.filter(iso3__in=list(grantees)))  # type: ignore[call-overload]
        audit_record(
            actor=actor,
            action="agreement.created",
            target=agreement,
            target_state=agreement.grantor_id,
            data={"demo": True},
        )


def _people(officers: dict[str, User]) -> int:
    rng = random.Random(2026)  # noqa: S311 - synthetic data, not security
    created = 0
    for state, citizenships in RECORDED.items():
        actor = actor_for(officers[state])
        for index in range(12):
            citizenship = citizenships[index % len(citizenships)]
            families, givens = NAMES.get(citizenship, NAMES["KGZ"])
            family, given = families[index % 5], givens[(index * 3 + len(state)) % 5]
            birth = dt.date(1975 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28))
            # Draw every random value before deciding to skip, so reruns see the same sequence.
            document_number = f"{citizenship[:2]}{rng.randrange(10**6, 10**7)}"
            if (
                PersonRecord.objects.for_state(state)
                .filter(family_name=family, given_name=given, birth_date=birth)
                .exists()
            ):
                continue
            flags = [ProtectionReason.TRAFFICKING_VICTIM] if index % 6 == 5 else []
            people_services.person_create(
                actor=actor,
                family_name=family,
                given_name=given,
                citizenship=citizenship,
                birth_date=birth,
                sex="F" if index % 2 else "M",
                protection_reasons=flags,
                document_number=document_number,
            )
            created += 1
    return created


@transaction.atomic
def load_demo() -> DemoSummary:
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("Demo data and the demo password are refused outside demo mode.")
    usernames: list[str] = []
    officers: dict[str, User] = {}
    for state in MEMBERS:
        for role, kind in ROLE_ORGANISATION.items():
            username = f"{state.lower()}.{role}"
            user = _user(username, _organisation(state, kind), role)
            usernames.append(username)
            if role == roles.MIGRATION_OFFICER:
                officers[state] = user
    secretariat_org, _ = Organisation.objects.get_or_create(
        state=None,
        name="Almaty Process Secretariat",
        defaults={"kind": OrganisationKind.SECRETARIAT, "city": "Almaty"},
    )
    for name in ("IOM", "UNHCR"):
        Organisation.objects.get_or_create(
            state=None, name=name, defaults={"kind": OrganisationKind.INTERNATIONAL}
        )
    _user("secretariat", secretariat_org, roles.SECRETARIAT)
    usernames.append("secretariat")
    _agreements(User.objects.get(username="tur.national_admin"))
    created = _people(officers)
    return DemoSummary(users=usernames, created_people=created)
