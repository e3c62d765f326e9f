"""The find-help search: three optional choices, offered from what the register holds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.services import selectors


class FindHelpForm(forms.Form):
    city = forms.ChoiceField(label=_("City"), required=False)
    need = forms.ChoiceField(label=_("What do you need?"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        choices = {
            "city": [(c, c) for c in selectors.help_cities()],
            "need": [(n.code, n.label) for n in selectors.help_needs()],
            "language": [(lang.code, lang.name) for lang in selectors.help_languages()],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [*anything, *options]
