"""Input hygiene shared by forms and serializers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# PostgreSQL refuses NUL in text; other control characters have no business in names.
_FORBIDDEN = {chr(c) for c in range(0, 32)} - {"\t", "\n", "\r"}


def validate_clean_text(value: str) -> None:
    if any(ch in _FORBIDDEN for ch in value):
        raise ValidationError(
            _("The text contains control characters that are not allowed."), code="control_characters"
        )


def contains_forbidden_characters(value: str) -> bool:
    return any(ch in _FORBIDDEN for ch in value)
