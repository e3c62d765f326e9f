"""The translation catalogues: Russian and Turkish complete, placeholders kept, every catalogue present."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
COMPLETE = ["ru", "tr"]
ALL_LANGUAGES = ["ru", "tr", "kk", "ky", "uz", "tg", "tk", "az", "fa", "ps"]
# str.format fields ({name}) and %-named fields (%(name)s): the ones that must survive translation.
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}|%\([A-Za-z_]\w*\)[sd]")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def translated_forms(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_catalogue_exists_and_is_compiled(language):
    directory = LOCALE_DIR / language / "LC_MESSAGES"
    assert (directory / "django.po").is_file()
    assert (directory / "django.mo").is_file()
    assert catalogue(language).metadata["Language"] == language


@pytest.mark.parametrize("language", COMPLETE)
def test_no_empty_fuzzy_or_partial_entries(language):
    po = catalogue(language)
    assert not po.metadata_is_fuzzy
    assert len(po) > 0
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    empty = [e.msgid for e in po if not e.obsolete and not all(translated_forms(e))]
    assert not fuzzy, f"fuzzy entries in {language}: {fuzzy}"
    assert not empty, f"empty or partial entries in {language}: {empty}"


def test_russian_has_three_plural_forms_and_turkish_two():
    assert catalogue("ru").metadata["Plural-Forms"].startswith("nplurals=3;")
    assert catalogue("tr").metadata["Plural-Forms"].startswith("nplurals=2;")
    for language, count in (("ru", 3), ("tr", 2)):
        for entry in catalogue(language):
            if entry.msgid_plural:
                assert len(entry.msgstr_plural) == count, entry.msgid


@pytest.mark.parametrize("language", COMPLETE)
def test_placeholders_survive_translation(language):
    wrong = []
    for entry in catalogue(language):
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        for form in translated_forms(entry):
            if placeholders(form) != expected:
                wrong.append((entry.msgid, form))
    assert not wrong, f"placeholders differ in {language}: {wrong}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "msgid"), [("ru", "Participating states"), ("tr", "For migrants")])
def test_home_page_is_rendered_in_the_language(client, language, msgid):
    expected = catalogue(language).find(msgid).msgstr
    assert expected and expected != msgid
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert f'lang="{language}"' in page
    assert expected in page
