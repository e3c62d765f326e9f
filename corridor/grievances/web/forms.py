from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.grievances.models import Category, Severity, Status, Subject
from corridor.grievances.selectors import AMBER, GREEN, RED
from corridor.reference.models import APStatus, Country

RAG_LABELS = {GREEN: _("green: on time"), AMBER: _("amber: over half the time used"), RED: _("red: overdue")}


def _countries(blank: Any) -> list[tuple[str, Any]]:
    rows = Country.objects.exclude(ap_status=APStatus.NONE)
    return [("", blank), *sorted(((c.iso3, c.name) for c in rows), key=lambda pair: pair[1])]


class ComplaintForm(forms.Form):
    subject = forms.ChoiceField(label=_("What is your complaint about?"), choices=Subject.choices)
    agency = forms.CharField(
        label=_("Agency public id"),
        max_length=36,
        required=False,
        help_text=_("For a complaint about an agency: the id on its page or QR code."),
    )
    vacancy = forms.CharField(
        label=_("Job ad id"),
        max_length=36,
        required=False,
        help_text=_("For a complaint about a job ad: the id on the ad or its QR code."),
    )
    employer_name = forms.CharField(label=_("Employer's name"), max_length=200, required=False)
    employer_country = forms.ChoiceField(label=_("Country where the employer is"), required=False)
    work_country = forms.ChoiceField(label=_("Country where you work or were sent"), required=False)
    citizenship = forms.ChoiceField(label=_("Your citizenship (optional)"), required=False)
    category = forms.ChoiceField(label=_("What happened?"), choices=Category.choices)
    description = forms.CharField(
        label=_("Tell us what happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    language = forms.ChoiceField(label=_("Language you wrote in"), choices=settings.LANGUAGES)
    reporter_name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to stay anonymous. Your name and contact are kept encrypted."),
    )
    contact = forms.CharField(
        label=_("Phone or email for a reply (optional)"), max_length=200, required=False
    )
    # Honeypot: hidden from people (CSS and aria-hidden); bots fill every field they find.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank = _("— choose —")
        for name in ("employer_country", "work_country", "citizenship"):
            self.fields[name].choices = _countries(blank)  # type: ignore[attr-defined]
        self.fields["language"].initial = get_language()

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "website"}


class FollowForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=20,
        help_text=_("As you received it, for example GRV-7K3M-Q9XA."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


class QueueForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("all")), *Status.choices], required=False)
    rag = forms.ChoiceField(
        label=_("Time limit"), choices=[("", _("all")), *RAG_LABELS.items()], required=False
    )
    category = forms.ChoiceField(
        label=_("What happened"), choices=[("", _("all")), *Category.choices], required=False
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=[("", _("all")), *Severity.choices], required=False
    )
    escalated = forms.BooleanField(label=_("Escalated only"), required=False)


class TriageForm(forms.Form):
    category = forms.ChoiceField(label=_("What happened"), choices=Category.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)


class AssignForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Responsible organisation"))

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"))
    reason = forms.CharField(
        label=_("Reason, shown to the complainant"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, actions: list[tuple[str, str]], **kwargs: Any) -> None:
        """``actions``: the decisions the kernel offers this officer now, with their labels."""
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions  # type: ignore[attr-defined]
