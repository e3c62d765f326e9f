"""Language negotiation: the browser's order, usable catalogues only, an explicit choice remembered."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from corridor.core import languages

pytestmark = pytest.mark.django_db


@pytest.fixture
def kyrgyz_untranslated(monkeypatch):
    """The state before the translators: Kyrgyz offered with almost nothing translated."""
    shares = {**languages.coverage(), "ky": 0.02}
    monkeypatch.setattr(languages, "coverage", lambda: shares)


@pytest.fixture
def catalogues_usable(monkeypatch):
    """Negotiation alone: every offered language's catalogues count as translated.

    Whether a catalogue is complete enough today changes whenever a module adds strings before
    the translators catch up (``CORRIDOR_LANGUAGE_MIN_SHARE``); these tests are about the order
    of the browser's preferences, not about the state of the catalogues.
    """
    shares = {code: 1.0 for code in languages.coverage()}
    monkeypatch.setattr(languages, "coverage", lambda: shares)


def landing(client, accept_language: str = "", **cookies: str) -> str:
    """Where ``/`` sends a browser: the language prefix of the redirect."""
    for name, value in cookies.items():
        client.cookies[name] = value
    with translation.override(translation.get_language()):
        response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    return response["Location"].strip("/").split("/")[0]


def test_the_browsers_first_language_when_usable(client, catalogues_usable):
    assert languages.is_usable("ky")
    assert landing(client, "ky,ru;q=0.8") == "ky"
    assert landing(client, "ps") == "ps"


def test_falls_back_along_the_browsers_order_when_a_catalogue_is_not_usable(client, kyrgyz_untranslated):
    assert landing(client, "ky-KG,ky;q=0.9,ru;q=0.8,en;q=0.5") == "ru"
    assert landing(client, "ky") == "en"  # nothing else asked for: the source language


def test_quality_values_order_the_preferences(client):
    assert landing(client, "en;q=0.3,tr;q=0.9,ru;q=0.5") == "tr"


def test_codes_browsers_send_for_dari_and_pashto(client, catalogues_usable):
    assert landing(client, "prs,en;q=0.5") == "fa"
    assert landing(client, "fa-AF") == "fa"
    assert landing(client, "ps-AF") == "ps"


def test_unknown_languages_are_skipped(client, catalogues_usable):
    assert landing(client, "de-DE,de;q=0.9,uz;q=0.8") == "uz"
    assert landing(client, "xx,*") == "en"


def test_an_explicit_choice_wins_over_the_browser_and_is_remembered(client, kyrgyz_untranslated):
    # when the reader picks Kyrgyz in the switcher (even while it is not usable by the floor)
    with translation.override(translation.get_language()):
        response = client.post("/i18n/setlang/", {"language": "ky", "next": "/ru/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ky" and int(cookie["max-age"]) >= 30 * 24 * 3600
    # then the next visit with a Russian browser still opens Kyrgyz pages
    assert landing(client, "ru") == "ky"


def test_the_api_answers_in_the_negotiated_language(client, kyrgyz_untranslated):
    with translation.override(translation.get_language()):
        response = client.get("/api/v1/people/", headers={"accept-language": "ky,ru;q=0.5"})
    assert response.status_code in (401, 403)
    assert response["Content-Language"] == "ru"


def test_unprefixed_answers_vary_on_the_cookie(client):
    with translation.override(translation.get_language()):
        response = client.get("/", headers={"accept-language": "ru"})
    assert "Cookie" in response["Vary"] and "Accept-Language" in response["Vary"]


def write_mo(folder: Path, language: str, entries: dict[str, str], status: str | None = None) -> None:
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    if status:
        po.metadata["X-Translation-Status"] = status
    for msgid, msgstr in entries.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    target = folder / language / "LC_MESSAGES"
    target.mkdir(parents=True)
    po.save_as_mofile(str(target / "django.mo"))
    gettext._translations.clear()


def test_coverage_and_status_are_measured_from_the_compiled_catalogues(tmp_path, monkeypatch, settings):
    # given a reference language with four messages, Kyrgyz with two of them, Kazakh with all four
    monkeypatch.setattr(languages, "catalogue_folders", lambda: [tmp_path])
    four = {"One": "Один", "Two": "Два", "Three": "Три", "Four": "Четыре"}
    write_mo(tmp_path, "ru", four, status="reviewed")
    write_mo(tmp_path, "ky", {"One": "Бир", "Two": "Эки", "Other": "Башка"})
    write_mo(tmp_path, "kk", dict.fromkeys(four, "x"), status="draft")
    languages.coverage.cache_clear()
    languages.statuses.cache_clear()
    try:
        shares, statuses = languages.coverage(), languages.statuses()
        settings.CORRIDOR_LANGUAGE_MIN_SHARE = 0.8
        usable = {code: languages.is_usable(code) for code in ("ru", "ky", "kk", "tg")}
    finally:
        languages.coverage.cache_clear()
        languages.statuses.cache_clear()
    # then shares count only the reference's messages; a missing status header means draft
    assert (shares["ru"], shares["ky"], shares["kk"], shares["tg"], shares["en"]) == (1.0, 0.5, 1.0, 0.0, 1.0)
    assert usable == {"ru": True, "ky": False, "kk": True, "tg": False}
    assert (statuses["ru"], statuses["ky"], statuses["kk"], statuses["en"]) == (
        "reviewed",
        "draft",
        "draft",
        "reviewed",
    )


DRAFT_NOTE = 'class="translation-note"'


def page(client, path: str) -> str:
    with translation.override(translation.get_language()):
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_language_says_so_with_a_link_to_report(client, monkeypatch, settings):
    settings.CORRIDOR_TRANSLATION_REPORT_EMAIL = "check@example.org"
    monkeypatch.setattr(languages, "statuses", lambda: {"en": "reviewed", "ps": "draft", "ru": "reviewed"})
    pashto = page(client, "/ps/")
    assert DRAFT_NOTE in pashto and 'href="mailto:check@example.org?subject=' in pashto
    assert "%2Fps%2F" in pashto  # the page the reader was on
    assert DRAFT_NOTE not in page(client, "/ru/") and DRAFT_NOTE not in page(client, "/en/")


def test_a_language_without_a_status_header_counts_as_draft(client):
    # the catalogues as committed: the translators mark theirs draft, ru and tr carry no header yet
    assert languages.statuses()["en"] == "reviewed"
    for code in ("kk", "ky", "uz", "tg", "tk", "az", "fa", "ps"):
        assert languages.is_draft(code)
        assert DRAFT_NOTE in page(client, f"/{code}/")
