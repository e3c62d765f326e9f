"""Test data for person records and agreements, made without going through the web."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from corridor.access.models import AgreementPurpose, AgreementScope, AgreementStatus, DataSharingAgreement
from corridor.people.models import PersonRecord

_seq = itertools.count(1)
PERSON_TYPE = "people.personrecord"


def make_person(state: str, citizenship: str, *, protected: bool = False, **extra: Any) -> PersonRecord:
    n = next(_seq)
    values: dict[str, Any] = {
        "family_name": f"Family{n}",
        "given_name": f"Given{n}",
        "birth_date": dt.date(1990, 1, 1) + dt.timedelta(days=n),
        "sex": "F" if n % 2 else "M",
        "protection_reasons": ["trafficking_victim"] if protected else [],
        "is_protected": protected,
    }
    values.update(extra)
    return PersonRecord.objects.create(state_id=state, citizenship_id=citizenship, **values)


def make_agreement(
    grantor: str,
    grantees: list[str],
    *,
    scope: str = AgreementScope.RECORDS,
    status: str = AgreementStatus.ACTIVE,
    fields: list[str] | None = None,
    nationals_only: bool = True,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> DataSharingAgreement:
    n = next(_seq)
    records = scope == AgreementScope.RECORDS
    agreement = DataSharingAgreement.objects.create(
        reference=f"T-{n}",
        title=f"Test agreement {n}",
        grantor_id=grantor,
        purpose=AgreementPurpose.CONSULAR_PROTECTION,
        legal_basis="Test",
        scope_kind=scope,
        record_types=[PERSON_TYPE] if records else [],
        fields={PERSON_TYPE: fields or ["family_name", "given_name", "citizenship"]} if records else {},
        nationals_only=nationals_only,
        valid_from=valid_from or dt.date(2020, 1, 1),
        valid_to=valid_to,
        status=status,
    )
    agreement.grantees.set(grantees)
    return agreement
