"""The ISCO-08 occupation picker: one form field for every form that asks for an occupation.

Without JavaScript it is a text box with a ``<datalist>`` of the 436 unit groups (browsers
filter it by code and title as one types); ``static/reference/occupation-picker.js`` turns it
into an accessible combobox (ARIA 1.2 pattern, keyboard and screen reader). What is typed may be
a code ("5120") or a code followed by its title ("5120 Cooks"); the field keeps the code and
refuses a code that ISCO-08 does not have, with a translated reason.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.reference.models import Occupation, OccupationLevel

_CODE = re.compile(r"\s*(\d{1,4})(?:\s|$|[-–—:])")


def unit_group_options() -> list[tuple[str, str]]:
    """(code, title in the active language) for every unit group, by code."""
    get_language()  # titles follow the active language: read per render, not cached at import
    return [(o.code, o.title) for o in Occupation.objects.filter(level=OccupationLevel.UNIT).order_by("code")]


class OccupationPicker(forms.TextInput):
    template_name = "reference/widgets/occupation_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        options = unit_group_options()
        code = str(value or "").strip()
        context["widget"]["options"] = options
        context["widget"]["chosen"] = dict(options).get(code) or _chosen_title(code)
        return context


def _chosen_title(code: str) -> str:
    occupation = Occupation.objects.filter(code=code).first() if code else None
    return occupation.title if occupation else ""


class OccupationField(forms.CharField):
    """An ISCO-08 code picked from the unit groups; minor groups are accepted for old records."""

    widget = OccupationPicker
    default_error_messages = {
        "unknown": _(
            "“%(value)s” is not an ISCO-08 occupation. "
            "Type a few letters or digits and pick one from the list."
        ),
        "too_broad": _(
            "%(code)s is a whole group of occupations. Pick one of its occupations from the list."
        ),
    }

    def __init__(self, *, min_level: int = OccupationLevel.MINOR, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 250)
        kwargs.setdefault(
            "help_text", _("Type the ISCO-08 code or a word of the occupation, then pick from the list.")
        )
        super().__init__(**kwargs)
        self.min_level = min_level

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        match = _CODE.match(text + " ")
        if match is None:
            # A title typed in full ("Cooks") is found by its exact title in any language.
            titled = Q(title_en__iexact=text) | Q(title_ru__iexact=text) | Q(title_tr__iexact=text)
            found = Occupation.objects.filter(titled, level__gte=self.min_level).order_by("-level").first()
            if found is None:
                raise ValidationError(
                    self.error_messages["unknown"], code="unknown", params={"value": text[:60]}
                )
            return found.code
        return match.group(1)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if not value:
            return
        occupation = Occupation.objects.filter(code=value).first()
        if occupation is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"value": value})
        if occupation.level < self.min_level:
            raise ValidationError(self.error_messages["too_broad"], code="too_broad", params={"code": value})
