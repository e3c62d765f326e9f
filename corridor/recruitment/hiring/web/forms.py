from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.recruitment.hiring.services.applications import ApplicantInput
from corridor.recruitment.hiring.services.contracts import MAX_SIGNED_BYTES

LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("tr", _("Turkish"))]


class ApplyForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    phone = forms.CharField(
        label=_("Phone"), max_length=30, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
    )
    email = forms.EmailField(label=_("Email (optional)"), required=False)
    registration_reference = forms.CharField(
        label=_("Consular registration reference"),
        max_length=20,
        required=False,
        help_text=_("For example KGZ-7K3M9Q2X. Not needed when you are signed in."),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Your experience (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def applicant(self) -> ApplicantInput:
        data: dict[str, Any] = self.cleaned_data
        return ApplicantInput(
            full_name=data["full_name"],
            phone=data["phone"],
            email=data.get("email") or "",
            note=data.get("note") or "",
            registration_reference=data.get("registration_reference") or "",
            birth_date=data.get("birth_date"),
        )


class StatusForm(forms.Form):
    reference = forms.CharField(label=_("Application reference"), max_length=24)


class VerifyForm(forms.Form):
    reference = forms.CharField(label=_("Contract reference"), max_length=24)
    file = forms.FileField(label=_("The contract file (PDF)"), required=False)
    sha256 = forms.CharField(
        label=_("or its SHA-256 hash"),
        max_length=64,
        min_length=64,
        required=False,
        help_text=_("64 hexadecimal characters."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if not upload and not data.get("sha256"):
            raise forms.ValidationError(_("Upload the contract file or enter its SHA-256 hash."))
        if upload and upload.size > MAX_SIGNED_BYTES:
            self.add_error("file", _("The file is too large: at most 10 MB."))
        return data


class DecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"))
    reason = forms.CharField(
        label=_("Reason (shown to the worker; required to reject)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, actions: list[tuple[str, str]], **kwargs: Any) -> None:
        """``actions``: the decisions the kernel offers this officer now, with their labels."""
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions  # type: ignore[attr-defined]


class ContractForm(forms.Form):
    language = forms.ChoiceField(label=_("Contract language"), choices=LANGUAGES)


class SignedForm(forms.Form):
    file = forms.FileField(
        label=_("Signed contract (PDF)"),
        required=False,
        help_text=_("Leave empty to record the canonical text as signed."),
    )
