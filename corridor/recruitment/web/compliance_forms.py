from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.recruitment.models import Principle, SanctionKind, Severity
from corridor.recruitment.services.certification import TRANSITIONS as CERTIFICATION_TRANSITIONS

FINDING_ROWS = 3


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.CharField(label=_("Country (ISO code, e.g. TUR)"), min_length=3, max_length=3)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    sector = forms.CharField(label=_("Sector"), max_length=120, required=False)
    registry_id = forms.CharField(
        label=_("Tax or registry number"),
        max_length=60,
        required=False,
        help_text=_("Unique per country; leave empty if unknown."),
    )
    organisation = forms.ChoiceField(label=_("Employer account"), required=False)

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("none")), *organisations]  # type: ignore[attr-defined]


class SelfAssessmentForm(forms.Form):
    """One 'met' box and one evidence note per IRIS principle."""

    def __init__(self, *args: Any, answers: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for principle in Principle:
            given = answers.get(principle.value) or {}
            self.fields[f"{principle.value}_met"] = forms.BooleanField(
                label=principle.label, required=False, initial=given.get("met", False)
            )
            self.fields[f"{principle.value}_evidence"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=2000,
                initial=given.get("evidence", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            p.value: {"met": data[f"{p.value}_met"], "evidence": data[f"{p.value}_evidence"]}
            for p in Principle
        }


CERTIFICATION_ACTIONS = {
    "apply": _("apply for certification"),
    "start_desk_review": _("start the desk review"),
    "start_onsite_review": _("start the on-site review"),
    "refuse": _("refuse (back to self-assessment)"),
    "certify": _("certify"),
    "start_surveillance": _("start surveillance"),
    "confirm": _("confirm after surveillance"),
    "recertify": _("recertify"),
    "suspend": _("suspend"),
    "reinstate": _("reinstate"),
    "withdraw": _("withdraw"),
    "expire": _("let expire"),
    "restart": _("restart with a new self-assessment"),
}


class CertificationDecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=[(a, CERTIFICATION_ACTIONS[a]) for a in CERTIFICATION_TRANSITIONS]
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the decision narrows the agency's rights; it is published."),
    )
    interviews_count = forms.IntegerField(label=_("Workers interviewed"), min_value=0, required=False)
    interview_summary = forms.CharField(
        label=_("Summary of the worker interviews"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For certification and recertification."),
    )


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("Inspection date"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, FINDING_ROWS + 1):
            self.fields[f"severity_{n}"] = forms.ChoiceField(
                label=_("Finding {number}: severity").format(number=n),
                choices=[("", "—"), *Severity.choices],
                required=False,
            )
            self.fields[f"description_{n}"] = forms.CharField(
                label=_("Finding {number}: what was found").format(number=n), required=False, max_length=2000
            )
            self.fields[f"action_{n}"] = forms.CharField(
                label=_("Finding {number}: corrective action").format(number=n),
                required=False,
                max_length=2000,
            )
            self.fields[f"due_{n}"] = forms.DateField(
                label=_("Finding {number}: due on").format(number=n),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def findings(self) -> list[dict[str, Any]]:
        """Rows with any value become findings; the service refuses incomplete ones."""
        data = self.cleaned_data
        rows = []
        for n in range(1, FINDING_ROWS + 1):
            row = {
                "severity": data.get(f"severity_{n}") or "",
                "description": data.get(f"description_{n}") or "",
                "corrective_action": data.get(f"action_{n}") or "",
                "due_on": data.get(f"due_{n}"),
            }
            if any(row.values()):
                rows.append(row)
        return rows


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=SanctionKind.choices)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    amount = forms.DecimalField(label=_("Fine amount"), max_digits=12, decimal_places=2, required=False)
    currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
