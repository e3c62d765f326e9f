"""Test data for consular registration: consulates, officers, registrations, agreements."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.access.models import AgreementPurpose, AgreementScope, AgreementStatus, DataSharingAgreement
from corridor.accounts.models import Membership, Organisation, OrganisationKind, User
from corridor.registration.domain import RegistrationInput
from corridor.registration.models import Registration
from corridor.registration.services import records

_seq = itertools.count(1)
REGISTRATION_TYPE = "registration.registration"


def make_consulate(state: str, city: str = "Istanbul") -> Organisation:
    n = next(_seq)
    return Organisation.objects.create(
        name=f"Consulate {state} {city} {n}", kind=OrganisationKind.CONSULATE, state_id=state, city=city
    )


def make_consul(consulate: Organisation, username: str | None = None) -> User:
    user = User.objects.create_user(username=username or f"consul{next(_seq)}")
    Membership.objects.create(user=user, organisation=consulate, roles=[roles.CONSULAR_OFFICER])
    return user


def person(**overrides: Any) -> RegistrationInput:
    n = next(_seq)
    values: dict[str, Any] = {
        "family_name": f"Асанов{n}",
        "given_name": "Айбек",
        "passport_family_name": f"ASANOV{n}",
        "passport_given_name": "AIBEK",
        "passport_number": f"AC{1000000 + n}",
        "birth_date": dt.date(1990, 1, 1) + dt.timedelta(days=n),
        "sex": "M",
        "email": f"worker{n}@example.org",
        "phone": "+90 555 000 0000",
        "destination_country": "TUR",
        "destination_city": "Istanbul",
        "purpose": "work",
        "occupation": "711",
        "planned_departure": dt.date(2026, 3, 1),
        "planned_return": dt.date(2027, 3, 1),
    }
    values.update(overrides)
    return RegistrationInput(**values)


def register(officer: User, *, consents: tuple[str, ...] = (), **overrides: Any) -> Registration:
    return records.registration_create(
        actor=actor_for(officer), data=person(**overrides), consent_purposes=consents, allow_duplicate=True
    )


def make_agreement(
    grantor: str, grantees: list[str], *, fields: list[str] | None = None
) -> DataSharingAgreement:
    n = next(_seq)
    agreement = DataSharingAgreement.objects.create(
        reference=f"REG-T-{n}",
        title=f"Registration test agreement {n}",
        grantor_id=grantor,
        purpose=AgreementPurpose.CONSULAR_PROTECTION,
        legal_basis="Test",
        scope_kind=AgreementScope.RECORDS,
        record_types=[REGISTRATION_TYPE],
        fields={REGISTRATION_TYPE: fields or ["reference", "family_name", "given_name", "destination_city"]},
        nationals_only=True,
        valid_from=dt.date(2020, 1, 1),
        status=AgreementStatus.ACTIVE,
    )
    agreement.grantees.set(grantees)
    return agreement
