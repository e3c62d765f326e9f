from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.matching.models import Decision


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose “same person” or “different people”.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why you decided so, for the second reviewer. No copies of documents."),
    )
