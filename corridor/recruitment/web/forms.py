from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.recruitment.models import Accommodation, CostPayer, FeeCategory, Payee
from corridor.recruitment.services.agencies import TRANSITIONS
from corridor.reference import selectors as reference
from corridor.reference.forms import OccupationField


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or licence number"), max_length=100, required=False)


class VacancySearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=100, required=False)
    occupation = OccupationField(label=_("Occupation (ISCO-08)"), required=False, min_level=1)
    destination = forms.ChoiceField(
        label=_("Destination country"), choices=reference.country_choices, required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=reference.language_choices, required=False)


class AgencyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    licence_number = forms.CharField(label=_("Licence number"), max_length=60)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    branches = forms.CharField(
        label=_("Branches"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One branch address a line."),
    )


LICENCE_ACTIONS = {
    "submit": _("submit the application"),
    "start_review": _("start the review"),
    "approve": _("approve"),
    "suspend": _("suspend"),
    "reinstate": _("reinstate"),
    "mark_renewal_due": _("mark renewal due"),
    "renew": _("renew"),
    "expire": _("let expire"),
    "cancel": _("cancel"),
    "revoke": _("revoke"),
    "ban": _("ban"),
}


class LicenceDecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), choices=[(a, LICENCE_ACTIONS[a]) for a in TRANSITIONS])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the decision narrows the agency's rights; it is published."),
    )
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For approval and renewal; five years when left empty."),
    )


class VacancyForm(forms.Form):
    agency = forms.ChoiceField(label=_("Agency"))
    employer = forms.ChoiceField(label=_("Employer"))
    title = forms.CharField(label=_("Job title"), max_length=200)
    occupation = OccupationField(label=_("Occupation (ISCO-08)"))
    destination = forms.ChoiceField(label=_("Destination country"), choices=reference.country_choices)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    wage_amount = forms.DecimalField(label=_("Monthly wage"), max_digits=12, decimal_places=2)
    wage_currency = forms.ChoiceField(label=_("Currency"), choices=reference.currency_choices)
    hours_per_week = forms.IntegerField(label=_("Hours per week"))
    contract_months = forms.IntegerField(label=_("Contract length in months"))
    contract_terms = forms.CharField(
        label=_("Contract terms"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    accommodation = forms.ChoiceField(label=_("Accommodation"), choices=Accommodation.choices)
    costs_paid_by = forms.ChoiceField(label=_("Recruitment costs paid by"), choices=CostPayer.choices)
    workers_needed = forms.IntegerField(label=_("Number of workers"))
    languages = forms.CharField(
        label=_("Language requirements"),
        required=False,
        help_text=_("Codes separated by commas, e.g. ru, tr."),
    )
    refugees_may_apply = forms.BooleanField(label=_("Refugees and asylum seekers may apply"), required=False)
    valid_until = forms.DateField(label=_("Advertised until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self,
        *args: Any,
        agencies: list[tuple[str, str]] | None,
        employers: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """Agencies and employers to choose from; None for an employer account posting as itself."""
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["agency"], self.fields["employer"]
        else:
            self.fields["agency"].choices = agencies  # type: ignore[attr-defined]
            self.fields["employer"].choices = employers or []  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("agency", None)
        data["wage_currency"] = data["wage_currency"].upper()
        data["destination"] = data["destination"].upper()
        data["languages"] = [c.strip().lower() for c in data["languages"].split(",") if c.strip()]
        return data


class VacancyDecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"))
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, actions: list[tuple[str, str]], **kwargs: Any) -> None:
        """``actions``: the decisions the kernel offers this officer now, with their labels."""
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions  # type: ignore[attr-defined]


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Public id of the job ad or agency"),
        help_text=_(
            "For example JOB-7K3M-9QX or AGY-7K3M-9QX: it is printed on the ad and on the agency's papers."
        ),
        max_length=300,
        required=False,
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "characters",
                "autocomplete": "off",
                "spellcheck": "false",
                "enterkeyhint": "search",
            }
        ),
    )


class FeeReportForm(forms.Form):
    agency = forms.CharField(
        label=_("Agency public id (for example AGY-7K3M-9QX), if you know it"), required=False, max_length=300
    )
    payee = forms.ChoiceField(label=_("Who did you pay?"), choices=Payee.choices)
    category = forms.ChoiceField(label=_("What did you pay for?"), choices=FeeCategory.choices)
    amount = forms.DecimalField(label=_("How much did you pay?"), max_digits=12, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=reference.currency_choices)
    monthly_earnings = forms.DecimalField(
        label=_("What do you earn a month abroad, in the same currency?"), max_digits=12, decimal_places=2
    )
    destination = forms.ChoiceField(
        label=_("Country of work"), choices=reference.country_choices, required=False
    )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("agency")
        data["currency"] = data["currency"].upper()
        data["destination"] = (data.get("destination") or "").upper()
        return data
