"""Which offered languages are usable, how far each is reviewed, and the language a request gets.

A language is *usable* when the share of the project's messages its compiled catalogues translate
reaches ``CORRIDOR_LANGUAGE_MIN_SHARE``; English (the source) always is. The share is measured
against the reference language (the first of ``CORRIDOR_COMPLETE_LANGUAGES`` after English, which
``make messages-check`` keeps complete). A language's *status* is ``reviewed`` only when every one
of its catalogues says so in its ``X-Translation-Status`` header; a missing header is ``draft``.

Negotiation (``LocaleMiddleware``): the language in the URL; else an explicit choice (the language
cookie the switcher sets); else the browser's Accept-Language in its order of preference, skipping
languages that are not usable (ky, ru → Russian while Kyrgyz is not usable); else English.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import language_code_re, parse_accept_lang_header

DOMAIN = "django"
DRAFT, REVIEWED = "draft", "reviewed"
STATUS_HEADER = "x-translation-status"  # gettext lower-cases header names
# Codes browsers send for our languages that Django does not map by itself.
ALIASES = {"prs": "fa", "fa-af": "fa", "pbu": "ps", "pbt": "ps", "pst": "ps"}


def catalogue_folders() -> list[Path]:
    """The project's catalogue folders: LOCALE_PATHS and each Corridor app's own ``locale/``."""
    folders = [Path(p) for p in settings.LOCALE_PATHS]
    for app in apps.get_app_configs():
        if app.name.startswith("corridor.") and (Path(app.path) / "locale").is_dir():
            folders.append(Path(app.path) / "locale")
    return folders


def _load(folder: Path, language: str) -> gettext.GNUTranslations | None:
    path = folder / translation.to_locale(language) / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except Exception:  # noqa: BLE001 - a missing or broken catalogue translates nothing (core.catalogues)
        return None


def _messages(catalogue: gettext.GNUTranslations | None) -> set[str]:
    """The msgids a compiled catalogue translates (a plural message once)."""
    if catalogue is None:
        return set()
    keys = getattr(catalogue, "_catalog", {})
    found = {key for key in keys if isinstance(key, str) and key}
    found |= {key[0] for key, text in keys.items() if isinstance(key, tuple) and key[1] == 0 and text}
    return found


def reference_language() -> str:
    complete = [code for code in settings.CORRIDOR_COMPLETE_LANGUAGES if code != settings.LANGUAGE_CODE]
    return complete[0] if complete else settings.LANGUAGE_CODE


@cache
def coverage() -> dict[str, float]:
    """Share of the reference language's messages each offered language translates (0 to 1)."""
    folders = catalogue_folders()
    reference = set().union(*(_messages(_load(f, reference_language())) for f in folders))
    shares = {}
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE or not reference:
            shares[code] = 1.0
            continue
        translated = set().union(*(_messages(_load(f, code)) for f in folders))
        shares[code] = len(translated & reference) / len(reference)
    return shares


@cache
def statuses() -> dict[str, str]:
    """``reviewed`` when every catalogue of the language says so; otherwise ``draft``."""
    found = {}
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            found[code] = REVIEWED
            continue
        catalogues = [c for c in (_load(f, code) for f in catalogue_folders()) if c is not None]
        reviewed = bool(catalogues) and all(
            c.info().get(STATUS_HEADER, DRAFT).strip() == REVIEWED for c in catalogues
        )
        found[code] = REVIEWED if reviewed else DRAFT
    return found


def is_usable(language: str) -> bool:
    return coverage().get(language, 0.0) >= settings.CORRIDOR_LANGUAGE_MIN_SHARE


def is_draft(language: str) -> bool:
    return statuses().get(language, DRAFT) == DRAFT


def supported(code: str) -> str | None:
    """The offered language for a code a browser sends (``ky-KG`` → ``ky``), or None."""
    code = ALIASES.get(code.lower(), code)
    if not language_code_re.search(code):
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def from_browser(accept_language: str) -> str | None:
    """The first usable language in the browser's order of preference."""
    for code, _quality in parse_accept_lang_header(accept_language):
        if code == "*":
            break
        language = supported(code)
        if language and is_usable(language):
            return language
    return None


def negotiate(request: HttpRequest) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen and (language := supported(chosen)):
        return language  # an explicit choice stands, whatever the catalogue's state
    return from_browser(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) or settings.LANGUAGE_CODE


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, with the negotiation above when the URL names no language."""

    def process_request(self, request: HttpRequest) -> None:
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, _prefixed = is_language_prefix_patterns_used(urlconf)
        language = translation.get_language_from_path(request.path_info) if i18n_patterns_used else None
        translation.activate(language or negotiate(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        response = super().process_response(request, response)
        # The language of an unprefixed URL depends on the cookie as well as Accept-Language.
        if not translation.get_language_from_path(request.path_info):
            patch_vary_headers(response, ("Cookie",))
        return response
