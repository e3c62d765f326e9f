from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from corridor.core import languages, registry


def translation_report_url(request: HttpRequest, language: str) -> str:
    """Where a reader reports a wrong translation: a mailto with the page and language filled in."""
    subject = f"Corridor translation ({language}): {request.get_full_path()}"
    return f"mailto:{settings.CORRIDOR_TRANSLATION_REPORT_EMAIL}?subject={quote(subject, safe='')}"


def corridor(request: HttpRequest) -> dict[str, Any]:
    language = translation.get_language() or settings.LANGUAGE_CODE
    draft = languages.is_draft(language)
    actor = getattr(request, "actor", None)
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    permissions = actor.permissions if actor is not None else frozenset()
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "actor": actor,
        # Callables: a template that shows no menu (an API error page) computes none.
        "MENU": lambda: registry.menu_for(signed_in=signed_in, permissions=permissions),
        "HOME_URL": registry.home_url,
        "TRANSLATION_DRAFT": draft,
        "TRANSLATION_REPORT_URL": translation_report_url(request, language) if draft else "",
    }
