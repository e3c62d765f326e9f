"""Forms of the readmission pages: labels translated, values checked again by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.readmission.models import Category, RefusalReason, ScreenItem, Status, TravelDocumentKind

DATE = {"type": "date"}


class CaseForm(forms.Form):
    requested_state = forms.CharField(label=_("Requested state (ISO code)"), min_length=3, max_length=3)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    accelerated = forms.BooleanField(
        label=_("Accelerated procedure (apprehended at the border)"), required=False
    )
    family_name = forms.CharField(label=_("Family name (Latin letters)"), max_length=120)
    given_name = forms.CharField(label=_("Given name (Latin letters)"), max_length=120, required=False)
    name_cyrillic = forms.CharField(label=_("Name in Cyrillic"), max_length=240, required=False)
    name_original = forms.CharField(label=_("Name in another script"), max_length=240, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=forms.DateInput(attrs=DATE))
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", "—"), ("F", _("Female")), ("M", _("Male"))]
    )
    citizenship = forms.CharField(label=_("Claimed citizenship (ISO code)"), max_length=3, required=False)
    document_number = forms.CharField(label=_("Identity document number"), max_length=60, required=False)
    known_since = forms.DateField(
        label=_("Irregular stay known since"), required=False, widget=forms.DateInput(attrs=DATE)
    )


class EvidenceForm(forms.Form):
    evidence_type = forms.ChoiceField(label=_("Document"))
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    file = forms.FileField(label=_("Attachment (PDF or image)"), required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["evidence_type"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class ScreenForm(forms.Form):
    """Every question must be answered yes or no (nothing is assumed)."""

    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in ScreenItem.choices:
            self.fields[f"q_{value}"] = forms.TypedChoiceField(
                label=label,
                choices=[("no", _("No")), ("yes", _("Yes"))],
                widget=forms.RadioSelect,
                coerce=lambda v: v == "yes",
            )

    def answers(self) -> dict[str, bool]:
        return {value: bool(self.cleaned_data[f"q_{value}"]) for value in ScreenItem.values}


class ActionForm(forms.Form):
    """One form for every action; the fields an action needs are shown with its button."""

    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Reason or note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    refusal_reason = forms.ChoiceField(
        label=_("Reason for refusal"), required=False, choices=[("", "—"), *RefusalReason.choices]
    )
    transfer_date = forms.DateField(
        label=_("Transfer date"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    crossing_point = forms.CharField(label=_("Crossing point or airport"), max_length=120, required=False)
    flight = forms.CharField(label=_("Flight"), max_length=40, required=False)
    escorts = forms.IntegerField(label=_("Escorts"), required=False, min_value=0, max_value=20)
    kind = forms.ChoiceField(label=_("Kind of document"), required=False, choices=TravelDocumentKind.choices)
    valid_days = forms.IntegerField(label=_("Valid for (days)"), required=False, min_value=1, max_value=90)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Reference, document number or family name"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Status.choices])
