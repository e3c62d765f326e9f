"""Forms of the registration pages. They parse input; the services decide what is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.core.errors import ApplicationError
from corridor.core.text import validate_clean_text
from corridor.reference.forms import OccupationField
from corridor.reference.models import Country
from corridor.registration.choices import ConsentPurpose, Purpose, Sex, Status, VerificationChannel
from corridor.registration.domain import RegistrationInput, consulates
from corridor.registration.services.public import SELF_EDITABLE

MAIN_DESTINATIONS = ("TUR", "RUS", "KAZ")


def _date(label: Any, *, help_text: Any = "", required: bool = False) -> forms.DateField:
    # ISO format keeps <input type="date"> working whatever the page language.
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _text(label: Any, max_length: int, *, required: bool = False, **attrs: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        validators=[validate_clean_text],
        widget=forms.TextInput(attrs=attrs) if attrs else None,
    )


def country_choices() -> list[Any]:
    countries = sorted(Country.objects.all(), key=lambda c: c.name)
    main = [(c.iso3, c.name) for c in countries if c.iso3 in MAIN_DESTINATIONS]
    return [
        ("", "—"),
        (_("Main destinations"), main),
        (_("All countries"), [(c.iso3, c.name) for c in countries]),
    ]


def consulate_choices() -> list[Any]:
    grouped: dict[str, list[tuple[str, str]]] = {}
    for consulate in consulates():
        state = consulate.state.name if consulate.state else ""
        grouped.setdefault(state, []).append((str(consulate.uuid), consulate.city or consulate.name))
    return [("", "—"), *sorted(grouped.items())]


def citizenship_choices() -> list[tuple[Any, str]]:
    states = {c.state_id: c.state.name for c in consulates() if c.state is not None}
    return [("", "—"), *sorted(states.items(), key=lambda item: item[1])]


def _set_choices(field: forms.Field, choices: list[Any]) -> None:
    # Choices come from the database, so they are read per form, not at import time.
    if isinstance(field, forms.ChoiceField):
        field.choices = choices


GROUPS = [
    (_("Where you register"), ["citizenship", "consulate"]),
    (_("About you"), ["family_name", "given_name", "patronymic", "birth_date", "sex"]),
    (_("Passport"), ["passport_family_name", "passport_given_name", "passport_number"]),
    (_("Contacts"), ["email", "phone", "address_home", "address_abroad", "emergency_contact"]),
    (
        _("Journey"),
        [
            "destination_country",
            "destination_city",
            "purpose",
            "employer_name",
            "occupation",
            "planned_departure",
            "planned_arrival",
            "planned_return",
            "actual_departure",
            "actual_arrival",
            "actual_return",
        ],
    ),
    # Choice lists carry their own legend: no second box around them.
    (None, ["consents"]),
    (None, ["verify_by"]),
    (None, ["allow_duplicate"]),
]


class RegistrationFields(forms.Form):
    """The person and the journey; shared by the public and the officer forms."""

    family_name = _text(_("Family name"), 120, required=True, autocomplete="family-name")
    given_name = _text(_("Given name"), 120, required=True, autocomplete="given-name")
    patronymic = _text(_("Patronymic"), 120)
    passport_family_name = _text(_("Family name as in the passport (Latin letters)"), 120)
    passport_given_name = _text(_("Given name as in the passport (Latin letters)"), 120)
    passport_number = _text(_("Passport number"), 20, autocomplete="off")
    birth_date = _date(_("Date of birth"), required=True)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    email = forms.EmailField(label=_("Email"), required=False, max_length=254)
    phone = _text(_("Phone number abroad, with country code"), 24, autocomplete="tel", inputmode="tel")
    address_home = _text(_("Address and phone at home"), 300)
    address_abroad = _text(_("Address abroad"), 300)
    emergency_contact = _text(_("Emergency contact: name and phone"), 300)
    destination_country = forms.ChoiceField(label=_("Destination country"))
    destination_city = _text(_("Destination city"), 100)
    purpose = forms.ChoiceField(label=_("Purpose of the stay"), choices=Purpose.choices)
    employer_name = _text(_("Employer"), 200)
    occupation = OccupationField(label=_("Occupation"), required=False)
    planned_departure = _date(_("Planned departure"))
    planned_arrival = _date(_("Planned arrival"))
    planned_return = _date(_("Planned return"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["destination_country"], country_choices())
        self.fields["passport_number"].help_text = _("Stored encrypted; used only to find your registration.")

    @property
    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """Fields in labelled fieldsets, in the order a person thinks about them."""
        grouped = [
            (legend, [self[name] for name in names if name in self.fields]) for legend, names in GROUPS
        ]
        return [(legend, fields) for legend, fields in grouped if fields]

    def to_input(self) -> RegistrationInput:
        values = {key: value for key, value in self.cleaned_data.items() if value is not None}
        values["occupation"] = self.cleaned_data.get("occupation") or None
        values.setdefault("birth_date", None)
        return RegistrationInput.from_mapping(values)

    def add_service_errors(self, exc: ApplicationError) -> None:
        for field, messages in exc.fields.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        if not exc.fields:
            self.add_error(None, str(exc.message))


class SelfRegistrationForm(RegistrationFields):
    citizenship = forms.ChoiceField(label=_("Your citizenship"))
    consulate = forms.ChoiceField(
        label=_("Consulate"), help_text=_("The consulate of your country that you register with.")
    )
    consents = forms.MultipleChoiceField(
        label=_("Consents (each can be withdrawn at any time)"),
        choices=ConsentPurpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    verify_by = forms.ChoiceField(
        label=_("Send the confirmation code by"),
        choices=VerificationChannel.choices,
        initial=VerificationChannel.EMAIL,
        widget=forms.RadioSelect,
    )

    field_order = ["citizenship", "consulate"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["citizenship"], citizenship_choices())
        _set_choices(self.fields["consulate"], consulate_choices())


class OfficerRegistrationForm(RegistrationFields):
    actual_departure = _date(_("Departed on"))
    actual_arrival = _date(_("Arrived on"))
    actual_return = _date(_("Returned on"))
    consents = forms.MultipleChoiceField(
        label=_("Consents the person gave"),
        choices=ConsentPurpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    allow_duplicate = forms.BooleanField(
        label=_("I checked: this is not the person of the registrations shown above"), required=False
    )


class SelfUpdateForm(RegistrationFields):
    """Only what the person may change through their link (identity stays as verified)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in SELF_EDITABLE:
                del self.fields[name]


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Six-digit code"),
        regex=r"^\s*[0-9]{6}\s*$",
        error_messages={"invalid": _("Enter the six digits of the code.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6"}
        ),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    on = _date(_("Date"), help_text=_("Leave empty for today."))

    def __init__(self, *args: Any, statuses: list[tuple[str, str]], **kwargs: Any) -> None:
        """``statuses``: the journey steps the kernel lets this officer record now."""
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = statuses  # type: ignore[attr-defined]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or reference number"), required=False, max_length=100)
    passport_number = forms.CharField(label=_("Passport number"), required=False, max_length=20)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any (without merged)")), *Status.choices]
    )


class MergeForm(forms.Form):
    first = forms.UUIDField(widget=forms.HiddenInput)
    second = forms.UUIDField(widget=forms.HiddenInput)
