"""Shared by services and selectors: the input and its checks, encrypted columns, duplicate keys."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.accounts.models import Organisation, OrganisationKind
from corridor.cases.refs import ReferenceScheme
from corridor.core.errors import ApplicationError
from corridor.core.text import contains_forbidden_characters
from corridor.crypto import services as crypto
from corridor.crypto.fields import read_encrypted, set_encrypted
from corridor.matching.normalise import name_forms
from corridor.reference.models import Country, Occupation
from corridor.registration.choices import Purpose, Sex, Status
from corridor.registration.models import ENCRYPTED_FIELDS, Registration

EARLIEST_BIRTH = dt.date(1900, 1, 1)
_PASSPORT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{3,18}[A-Za-z0-9]$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}[0-9]$")
# ``KGZ-XXXXXXXC`` (the case kernel's scheme; earlier references without a check character stay valid).
REFERENCE = ReferenceScheme(with_state=True)


@dataclass(frozen=True)
class RegistrationInput:
    """Everything a registration says about the person and the journey, as plain values."""

    family_name: str
    given_name: str
    birth_date: dt.date
    sex: str
    destination_country: str
    purpose: str
    patronymic: str = ""
    passport_family_name: str = ""
    passport_given_name: str = ""
    passport_number: str = ""
    email: str = ""
    phone: str = ""
    address_home: str = ""
    address_abroad: str = ""
    emergency_contact: str = ""
    destination_city: str = ""
    employer_name: str = ""
    occupation: str | None = None
    planned_departure: dt.date | None = None
    planned_arrival: dt.date | None = None
    planned_return: dt.date | None = None
    actual_departure: dt.date | None = None
    actual_arrival: dt.date | None = None
    actual_return: dt.date | None = None

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> RegistrationInput:
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})

    def cleaned(self) -> RegistrationInput:
        changes = {
            f.name: getattr(self, f.name).strip()
            for f in fields(self)
            if isinstance(getattr(self, f.name), str)
        }
        return replace(self, **changes)


# (earlier, later, message at the later field) — each pair checked when both are given.
_ORDER = [
    (
        "planned_departure",
        "planned_arrival",
        gettext_lazy("The planned arrival cannot be before the planned departure."),
    ),
    (
        "planned_arrival",
        "planned_return",
        gettext_lazy("The planned return cannot be before the planned arrival."),
    ),
    (
        "planned_departure",
        "planned_return",
        gettext_lazy("The planned return cannot be before the planned departure."),
    ),
    ("actual_departure", "actual_arrival", gettext_lazy("The arrival cannot be before the departure.")),
    ("actual_arrival", "actual_return", gettext_lazy("The return cannot be before the arrival.")),
    ("actual_departure", "actual_return", gettext_lazy("The return cannot be before the departure.")),
]
_ACTUAL = ("actual_departure", "actual_arrival", "actual_return")
_JOURNEY_DATES = ("planned_departure", "planned_arrival", "planned_return", *_ACTUAL)
_ENCRYPTED_LIMITS = {
    "passport_number": 20,
    "email": 254,
    "phone": 24,
    "address_home": 300,
    "address_abroad": 300,
    "emergency_contact": 300,
}
_REQUIRED = ("family_name", "given_name", "birth_date", "sex", "destination_country", "purpose")


def _add(errors: dict[str, list[str]], field: str, message: Any) -> None:
    errors.setdefault(field, []).append(str(message))


def _check_texts(data: RegistrationInput, errors: dict[str, list[str]]) -> None:
    for field in fields(data):
        value = getattr(data, field.name)
        if not isinstance(value, str):
            continue
        if contains_forbidden_characters(value):
            _add(errors, field.name, _("The text contains control characters that are not allowed."))
            continue
        limit = _ENCRYPTED_LIMITS.get(field.name) or getattr(
            Registration._meta.get_field(field.name), "max_length", None
        )
        if limit and len(value) > limit:
            _add(errors, field.name, _("Use at most {limit} characters.").format(limit=limit))


def _check_contacts(data: RegistrationInput, errors: dict[str, list[str]]) -> None:
    if data.passport_number and not _PASSPORT.match(data.passport_number):
        _add(errors, "passport_number", _("Enter the passport number as printed: letters and digits only."))
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            _add(errors, "email", _("Enter a valid email address, for example name@example.com."))
    if data.phone and not _PHONE.match(data.phone):
        _add(
            errors, "phone", _("Enter the phone number with its country code, for example +90 555 123 4567.")
        )


def _check_dates(data: RegistrationInput, errors: dict[str, list[str]], today: dt.date) -> None:
    if data.birth_date and data.birth_date > today:
        _add(errors, "birth_date", _("The date of birth cannot be in the future."))
    elif data.birth_date and data.birth_date < EARLIEST_BIRTH:
        _add(errors, "birth_date", _("Check the year of birth."))
    for name in _ACTUAL:
        value = getattr(data, name)
        if value and value > today:
            _add(errors, name, _("This date cannot be in the future: it has not happened yet."))
    for name in _JOURNEY_DATES:
        value = getattr(data, name)
        if value and data.birth_date and value < data.birth_date:
            _add(errors, name, _("This date cannot be before the date of birth."))
    for earlier, later, message in _ORDER:
        first, second = getattr(data, earlier), getattr(data, later)
        if first and second and second < first and later not in errors:
            _add(errors, later, message)


def _check_codes(data: RegistrationInput, errors: dict[str, list[str]], owner_state: str) -> None:
    if data.sex and data.sex not in Sex.values:
        _add(errors, "sex", _("Choose one of the options."))
    if data.purpose and data.purpose not in Purpose.values:
        _add(errors, "purpose", _("Choose one of the options."))
    if data.destination_country:
        if data.destination_country == owner_state:
            _add(errors, "destination_country", _("The destination must be a country other than your own."))
        elif not Country.objects.filter(iso3=data.destination_country).exists():
            _add(
                errors,
                "destination_country",
                _("Unknown country code: {code}.").format(code=data.destination_country),
            )
    if data.occupation and not Occupation.objects.filter(code=data.occupation).exists():
        _add(errors, "occupation", _("Unknown occupation code: {code}.").format(code=data.occupation))


def check_input(data: RegistrationInput, *, owner_state: str, today: dt.date | None = None) -> None:
    """Raise one error naming every field that is wrong; nothing is stored before this passes."""
    errors: dict[str, list[str]] = {}
    for name in _REQUIRED:
        if not getattr(data, name):
            _add(errors, name, _("This field is required."))
    _check_texts(data, errors)
    _check_contacts(data, errors)
    _check_dates(data, errors, today or timezone.localdate())
    _check_codes(data, errors, owner_state)
    if errors:
        raise ApplicationError(_("Some fields are not valid."), fields=errors)


# --- Columns -------------------------------------------------------------------------------


def name_birth_key(*, state: str, family_name: str, given_name: str, birth_date: dt.date) -> str:
    """Cross-script skeletons (Асанов = Asanov) plus the birth date, under the state's index key."""
    family = name_forms(family_name).skeleton if family_name else ""
    given = name_forms(given_name).skeleton if given_name else ""
    if not family or not given:
        return ""
    return crypto.blind_index(
        state=state, field="name_birth", value=f"{family}_{given}_{birth_date.isoformat()}"
    )


PLAIN_FIELDS = (
    "family_name",
    "given_name",
    "patronymic",
    "passport_family_name",
    "passport_given_name",
    "birth_date",
    "sex",
    "destination_city",
    "purpose",
    "employer_name",
    *_JOURNEY_DATES,
)


def apply_input(
    registration: Registration, data: RegistrationInput, only: Iterable[str] | None = None
) -> list[str]:
    """Copy the input onto the row (encrypting where needed); return the names that changed."""
    allowed = set(only) if only is not None else None
    changed: list[str] = []
    for name in PLAIN_FIELDS:
        if (allowed is None or name in allowed) and getattr(registration, name) != getattr(data, name):
            setattr(registration, name, getattr(data, name))
            changed.append(name)
    for name, column in (("destination_country", "destination_country_id"), ("occupation", "occupation_id")):
        if (allowed is None or name in allowed) and getattr(registration, column) != (
            getattr(data, name) or None
        ):
            setattr(registration, column, getattr(data, name) or None)
            changed.append(name)
    for name in ENCRYPTED_FIELDS:
        if allowed is not None and name not in allowed:
            continue
        if registration.pk is None or read_encrypted(registration, name) != getattr(data, name):
            set_encrypted(registration, name, getattr(data, name))
            changed.append(name)
    registration.name_birth_index = name_birth_key(
        state=registration.state_id,
        family_name=registration.family_name,
        given_name=registration.given_name,
        birth_date=registration.birth_date,
    )
    return changed


def input_from(registration: Registration) -> RegistrationInput:
    """The stored registration as input, so a partial update can be checked as a whole."""
    values: dict[str, Any] = {name: getattr(registration, name) for name in PLAIN_FIELDS}
    values["destination_country"] = registration.destination_country_id
    values["occupation"] = registration.occupation_id
    values.update({name: read_encrypted(registration, name) for name in ENCRYPTED_FIELDS})
    return RegistrationInput(**values)


def new_reference(state: str) -> str:
    for _attempt in range(10):
        reference = REFERENCE.new(state=state)
        if not Registration.objects.for_state(state).filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not draw a free reference number.")  # 31^7 codes: practically unreachable


def duplicates_of(registration: Registration) -> QuerySet[Registration]:
    """Other live registrations of the owner state with the same passport or name and birth date."""
    keys = Q(pk__in=[])
    if registration.passport_number_index:
        keys |= Q(passport_number_index=registration.passport_number_index)
    if registration.name_birth_index:
        keys |= Q(name_birth_index=registration.name_birth_index)
    return (
        Registration.objects.for_state(registration.state_id)
        .filter(keys)
        .exclude(pk=registration.pk)
        .exclude(status__in=[Status.PENDING, Status.MERGED])
        .order_by("created_at", "id")
    )


def consulates() -> list[Organisation]:
    """Consulates a person may address: active, of a state, kind 'consulate'."""
    return list(
        Organisation.objects.filter(kind=OrganisationKind.CONSULATE, is_active=True, state__isnull=False)
        .select_related("state")
        .order_by("state_id", "city", "name")
    )
