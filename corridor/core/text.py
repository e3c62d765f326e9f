"""Input hygiene shared by forms and serializers."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# PostgreSQL refuses NUL in text; other control characters have no business in names.
_FORBIDDEN = {chr(c) for c in range(0, 32)} - {"\t", "\n", "\r"}


def validate_clean_text(value: str) -> None:
    if any(ch in _FORBIDDEN for ch in value):
        raise ValidationError(
            _("The text contains control characters that are not allowed."), code="control_characters"
        )


# A cell starting with one of these runs as a formula in a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A value as a spreadsheet should show it: lists joined, formula starts neutralised."""
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


# Joiners shape Perso-Arabic and Indic names (ZWNJ in Dari "می‌خواهم"); every other format
# character (bidirectional overrides and isolates, invisible separators) can disguise a name.
_NAME_FORMAT_ALLOWED = {"\u200c", "\u200d"}


def is_clean_name(value: str) -> bool:
    """No control characters at all (tabs and line breaks included) and no hidden formatting."""
    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cc" or (category == "Cf" and ch not in _NAME_FORMAT_ALLOWED):
            return False
    return True


def contains_forbidden_characters(value: str) -> bool:
    return any(ch in _FORBIDDEN for ch in value)
