"""Forms of the guidance pages. They only parse input; rules are checked by the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from corridor.guidance import selectors
from corridor.guidance.models import GUIDE_SECTIONS, PROFILE_SECTIONS, CorridorRule, TranslationStatus
from corridor.guidance.services import EDITABLE_RULE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_ROWS = 30


def _country_choices(countries: Any) -> list[tuple[str, str]]:
    return [("", _("Choose…")), *[(country.iso3, country.name) for country in countries]]


class CorridorForm(forms.Form):
    citizenship = forms.ChoiceField(label=_("Your citizenship"), choices=())
    destination = forms.ChoiceField(label=_("Where you are going"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["citizenship"]).choices = _country_choices(
            selectors.participant_states()
        )
        cast(forms.ChoiceField, self.fields["destination"]).choices = _country_choices(
            selectors.destination_states()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("citizenship") and data.get("citizenship") == data.get("destination"):
            self.add_error("destination", _("Choose a country other than your own."))
        return data


class StayCheckForm(CorridorForm):
    on = forms.DateField(label=_("Date to check"), widget=DATE)
    permit_expires = forms.DateField(
        label=_("Work or residence permit expires (optional)"), required=False, widget=DATE
    )


class StayRowForm(forms.Form):
    entry = forms.DateField(label=_("Entry"), required=False, widget=DATE)
    exit = forms.DateField(
        label=_("Exit"), required=False, widget=DATE, help_text=_("Leave empty if you are still there.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("exit") and not data.get("entry") and "entry" not in self.errors:
            self.add_error("entry", _("Enter the entry date."))
        return data


StayFormSet = forms.formset_factory(StayRowForm, extra=0, max_num=MAX_ROWS, validate_max=True)


class RuleForm(forms.ModelForm):
    reason = forms.CharField(label=_("Reason for the change"), max_length=300)
    source_url = forms.URLField(
        label=CorridorRule._meta.get_field("source_url").verbose_name, required=False, assume_scheme="https"
    )

    class Meta:
        model = CorridorRule
        fields = list(EDITABLE_RULE_FIELDS)
        widgets = {
            "effective_from": DATE,
            "effective_to": DATE,
            "last_verified_on": DATE,
            "visa_required": forms.NullBooleanSelect(),
        }


class GuideForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    translation_status = forms.ChoiceField(label=_("Translation status"), choices=TranslationStatus.choices)
    sources = forms.CharField(label=_("Sources"), widget=forms.Textarea, required=False)
    publish = forms.BooleanField(label=_("Publish this version"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in GUIDE_SECTIONS:
            self.fields[key] = forms.CharField(
                label=label,
                widget=forms.Textarea(attrs={"rows": 10}),
                required=False,
                help_text=_("Markdown: ## is not needed; use lists with “-” and links as [text](address)."),
            )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class ProfileForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in PROFILE_SECTIONS:
            self.fields[key] = forms.CharField(label=label, widget=forms.Textarea, required=False)
        self.fields["sources"] = forms.CharField(
            label=_("Sources"),
            help_text=_("Where each fact comes from: law, official page or report, with its date."),
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
        )
        self.fields["last_verified"] = forms.DateField(
            label=_("Last verified on"),
            help_text=_("The day the facts were last checked against their sources."),
            widget=forms.DateInput(attrs={"type": "date"}),
            required=False,
        )


class CompareForm(forms.Form):
    states = forms.MultipleChoiceField(label=_("States to compare (2 or 3)"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(c.iso3, c.name) for c in selectors.participant_states()]
        field = cast(forms.MultipleChoiceField, self.fields["states"])
        field.choices = choices
        field.widget = forms.CheckboxSelectMultiple(choices=choices)

    def clean_states(self) -> list[str]:
        states: list[str] = self.cleaned_data["states"]
        if not 2 <= len(states) <= 3:
            raise forms.ValidationError(_("Choose two or three states."))
        return states
