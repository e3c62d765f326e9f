"""Writes of person records: one transaction each, audited inside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Forbidden
from corridor.core.text import is_clean_name
from corridor.crypto.fields import set_encrypted
from corridor.people.models import PersonRecord, ProtectionReason
from corridor.people.signals import protection_changed
from corridor.reference.models import Country


def _check(
    *,
    birth_date: dt.date | None,
    citizenship: str,
    protection_reasons: Sequence[str],
    names: dict[str, str] | None = None,
) -> None:
    fields: dict[str, list[str]] = {}
    for name, value in (names or {}).items():
        if not is_clean_name(value):
            fields[name] = [_("Names cannot contain control or hidden formatting characters.")]
    if birth_date is not None and birth_date > dt.date.today():  # noqa: DTZ011 - a calendar date
        fields["birth_date"] = [_("The date of birth cannot be in the future.")]
    if not Country.objects.filter(iso3=citizenship).exists():
        fields["citizenship"] = [_("Unknown country code: {code}.").format(code=citizenship)]
    unknown = sorted(set(protection_reasons) - set(ProtectionReason.values))
    if unknown:
        fields["protection_reasons"] = [_("Unknown protection flag: {flag}.").format(flag=unknown[0])]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    family_name: str,
    given_name: str,
    citizenship: str,
    patronymic: str = "",
    birth_date: dt.date | None = None,
    sex: str = "",
    protection_reasons: Sequence[str] | None = None,
    document_number: str = "",
) -> PersonRecord:
    policy.require(actor, perms.CHANGE_PERSON)
    if not actor.state:
        raise Forbidden()
    reasons = sorted(set(protection_reasons or []))
    names = {"family_name": family_name, "given_name": given_name, "patronymic": patronymic}
    _check(birth_date=birth_date, citizenship=citizenship, protection_reasons=reasons, names=names)
    person = PersonRecord(
        state_id=actor.state,
        family_name=family_name.strip(),
        given_name=given_name.strip(),
        patronymic=patronymic.strip(),
        birth_date=birth_date,
        sex=sex,
        citizenship_id=citizenship,
        protection_reasons=reasons,
        is_protected=bool(reasons),
        created_by=actor.user,
    )
    set_encrypted(person, "document_number", document_number.strip())
    person.save(force_insert=True)
    audit_record(actor=actor, action="person_record.created", target=person)
    return person


@transaction.atomic
def person_set_protection(*, actor: Actor, person: PersonRecord, reasons: Sequence[str]) -> PersonRecord:
    """Only the owner state flags or unflags; the audit keeps the flags, not the person."""
    policy.require(actor, perms.CHANGE_PERSON, state=person.state_id)
    cleaned = sorted(set(reasons))
    _check(birth_date=None, citizenship=person.citizenship_id, protection_reasons=cleaned)
    before = list(person.protection_reasons or [])
    person.protection_reasons = cleaned
    person.is_protected = bool(cleaned)
    person.save(update_fields=["protection_reasons", "is_protected", "updated_at"])
    data: dict[str, Any] = {"flags": cleaned}
    audit_record(actor=actor, action="person_record.protection_changed", target=person, data=data)
    protection_changed.send(sender=PersonRecord, person=person, actor=actor, before=before, after=cleaned)
    return person
