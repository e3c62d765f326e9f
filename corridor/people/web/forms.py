from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.people.models import ProtectionReason, Sex
from corridor.reference.models import Country


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=40)


class PersonForm(forms.Form):
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    given_name = forms.CharField(label=_("Given name"), max_length=120)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=120, required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, required=False)
    citizenship = forms.ModelChoiceField(
        label=_("Citizenship"), queryset=Country.objects.all(), to_field_name="iso3"
    )
    document_number = forms.CharField(
        label=_("Passport or ID number"),
        max_length=40,
        required=False,
        help_text=_("Stored encrypted; searchable only by the exact number."),
    )
    protection_reasons = forms.MultipleChoiceField(
        label=_("Protection flags"),
        choices=ProtectionReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A flagged record is never shown to the person's state of origin."),
    )

    def service_kwargs(self) -> dict[str, object]:
        data = dict(self.cleaned_data)
        data["citizenship"] = data["citizenship"].iso3
        return data
