"""Forms built from a purpose's field set, so a page asks exactly what the purpose allows."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.exchange import registry
from corridor.exchange.choices import Kind, Status
from corridor.exchange.services import SENDABLE_KINDS
from corridor.reference.models import Country


def _form_field(name: str, spec: registry.Field) -> forms.Field:
    label = name.replace("_", " ").capitalize()
    if spec.choices:
        return forms.ChoiceField(label=label, required=spec.required, choices=[(c, c) for c in spec.choices])
    if spec.type == "int":
        return forms.IntegerField(label=label, required=spec.required)
    if spec.type == "bool":
        return forms.BooleanField(label=label, required=False)
    if spec.type == "date":
        return forms.DateField(
            label=label, required=spec.required, widget=forms.DateInput(attrs={"type": "date"})
        )
    if spec.type == "uuid":
        return forms.UUIDField(label=label, required=spec.required)
    widget = forms.Textarea(attrs={"rows": 5}) if spec.max_length > 200 else None
    return forms.CharField(label=label, required=spec.required, max_length=spec.max_length, widget=widget)


class PayloadForm(forms.Form):
    """The purpose's fields, prefixed ``f_`` so that they never collide with the envelope's."""

    def __init__(self, *args: Any, fields: Mapping[str, registry.Field], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.payload_names = list(fields)
        for name, spec in fields.items():
            self.fields[f"f_{name}"] = _form_field(name, spec)

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.payload_names:
            value = self.cleaned_data.get(f"f_{name}")
            if value in (None, ""):
                continue
            if isinstance(value, (bool, int, str)):
                out[name] = value
            elif isinstance(value, datetime.date):
                out[name] = value.isoformat()
            else:
                out[name] = str(value)
        return out


class ComposeForm(PayloadForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.value, k.label) for k in SENDABLE_KINDS])
    recipient_state = forms.ModelChoiceField(
        label=_("Recipient state"), queryset=Country.objects.all(), to_field_name="iso3"
    )
    recipient_org = forms.CharField(label=_("Recipient organisation"), max_length=200, required=False)
    subject_ref = forms.CharField(
        label=_("Case reference"),
        max_length=64,
        required=False,
        help_text=_("The reference of your case; never a name or a document number."),
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    consent_ref = forms.CharField(label=_("Consent reference"), max_length=64, required=False)


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *Status.choices])


__all__ = ["ComposeForm", "FilterForm", "Kind", "PayloadForm"]
