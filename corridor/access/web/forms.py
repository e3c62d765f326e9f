from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from corridor.access.models import AgreementPurpose, AgreementScope, BreakGlassOutcome
from corridor.access.roles import BREAK_GLASS_PERMISSIONS
from corridor.reference.models import Country


def record_type_choices() -> list[tuple[str, str]]:
    return sorted(
        (m._meta.label_lower, str(m._meta.verbose_name_plural).capitalize())
        for m in apps.get_models()
        if getattr(m, "view_permission", "")
    )


class AgreementForm(forms.Form):
    reference = forms.RegexField(
        label=_("Reference"),
        max_length=40,
        regex=r"^[A-Za-z0-9._/-]+$",
        help_text=_("Letters, digits and . _ / - only, for example KGZ-TUR-2026-01."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    grantor = forms.ModelChoiceField(
        label=_("Grantor state"), queryset=Country.objects.all(), to_field_name="iso3"
    )
    grantees = forms.ModelMultipleChoiceField(
        label=_("Grantee states"), queryset=Country.objects.all(), to_field_name="iso3"
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=AgreementPurpose.choices)
    legal_basis = forms.CharField(label=_("Legal basis"), widget=forms.Textarea, max_length=4000)
    scope_kind = forms.ChoiceField(label=_("Scope"), choices=AgreementScope.choices)
    record_types = forms.MultipleChoiceField(
        label=_("Record types"),
        required=False,
        choices=record_type_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    shared_fields = forms.CharField(
        label=_("Fields shared"),
        required=False,
        max_length=1000,
        help_text=_("Comma-separated field names, for example family_name, given_name, birth_date."),
    )
    nationals_only = forms.BooleanField(
        label=_("Only records about the grantee states' own nationals"), required=False, initial=True
    )
    min_cell_size = forms.IntegerField(label=_("Minimum cell size"), min_value=1, max_value=1000, initial=5)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(
        label=_("Valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, participants_only: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if participants_only:
            states = Country.objects.exclude(ap_status="")
            for name in ("grantor", "grantees"):
                self.fields[name].queryset = states  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        names = [name.strip() for name in data.pop("shared_fields", "").split(",") if name.strip()]
        data["fields"] = {record_type: names for record_type in data["record_types"]}
        data["grantor"] = data["grantor"].iso3
        data["grantees"] = [country.iso3 for country in data["grantees"]]
        return data


class StatusForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class BreakGlassForm(forms.Form):
    permission = forms.ChoiceField(
        label=_("Access needed"),
        choices=[(p, _("See protected person records")) for p in sorted(BREAK_GLASS_PERMISSIONS)],
    )
    hours = forms.IntegerField(label=_("For how many hours"), min_value=1, max_value=4, initial=1)
    reason = forms.CharField(
        label=_("Why is this an emergency?"), widget=forms.Textarea, min_length=20, max_length=2000
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=BreakGlassOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, max_length=2000)
