from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from corridor.core import languages


def translation_report_url(request: HttpRequest, language: str) -> str:
    """Where a reader reports a wrong translation: a mailto with the page and language filled in."""
    subject = f"Corridor translation ({language}): {request.get_full_path()}"
    return f"mailto:{settings.CORRIDOR_TRANSLATION_REPORT_EMAIL}?subject={quote(subject, safe='')}"


def corridor(request: HttpRequest) -> dict[str, Any]:
    language = translation.get_language() or settings.LANGUAGE_CODE
    draft = languages.is_draft(language)
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "actor": getattr(request, "actor", None),
        "TRANSLATION_DRAFT": draft,
        "TRANSLATION_REPORT_URL": translation_report_url(request, language) if draft else "",
    }
