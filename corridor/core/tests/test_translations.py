"""The translation catalogues: Russian and Turkish complete, placeholders kept, every catalogue present.

Besides ``corridor/locale`` (LOCALE_PATHS), an app may keep its own ``locale/`` folder: makemessages
then writes that app's strings there, so every rule below applies to those catalogues too.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PACKAGE_DIR = LOCALE_DIR.parent
COMPLETE = ["ru", "tr"]
ALL_LANGUAGES = ["ru", "tr", "kk", "ky", "uz", "tg", "tk", "az", "fa", "ps"]
# Every catalogue folder: the project's, and those of apps with their own locale/ (tests and the
# matching engine are not translated).
FOLDERS = sorted(
    {LOCALE_DIR}
    | {
        path
        for path in PACKAGE_DIR.glob("*/locale")
        if path.is_dir() and path.parent.name not in {"tests", "matching"}
    }
)
COMPLETE_CATALOGUES = [
    pytest.param(folder / language / "LC_MESSAGES" / "django.po", id=f"{language}-{folder.parent.name}")
    for folder in FOLDERS
    for language in COMPLETE
]
# str.format fields ({name}) and %-named fields (%(name)s): the ones that must survive translation.
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}|%\([A-Za-z_]\w*\)[sd]")


def catalogue(language: str, folder: Path = LOCALE_DIR) -> polib.POFile:
    return polib.pofile(str(folder / language / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def translated_forms(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.parent.name)
@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_catalogue_exists_and_is_compiled(folder, language):
    directory = folder / language / "LC_MESSAGES"
    assert (directory / "django.po").is_file()
    assert (directory / "django.mo").is_file()
    # Apps' own catalogues may leave the Language header empty; the project catalogue names it.
    allowed = {language} if folder == LOCALE_DIR else {language, ""}
    assert catalogue(language, folder).metadata.get("Language") in allowed


@pytest.mark.parametrize("path", COMPLETE_CATALOGUES)
def test_no_empty_fuzzy_or_partial_entries(path):
    po = polib.pofile(str(path))
    assert not po.metadata_is_fuzzy, f"{path}: the header is still marked fuzzy; check it and remove the flag"
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    empty = [e.msgid for e in po if not e.obsolete and not all(translated_forms(e))]
    assert not fuzzy, f"fuzzy entries in {path}: {fuzzy}"
    assert not empty, f"empty or partial entries in {path}: {empty}"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.parent.name)
def test_russian_has_three_plural_forms_and_turkish_two(folder):
    for language, count in (("ru", 3), ("tr", 2)):
        po = catalogue(language, folder)
        assert po.metadata["Plural-Forms"].startswith(f"nplurals={count};")
        for entry in po:
            if entry.msgid_plural:
                assert len(entry.msgstr_plural) == count, entry.msgid


@pytest.mark.parametrize("path", COMPLETE_CATALOGUES)
def test_placeholders_survive_translation(path):
    wrong = []
    for entry in polib.pofile(str(path)):
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        for form in translated_forms(entry):
            if form and placeholders(form) != expected:
                wrong.append((entry.msgid, form))
    assert not wrong, f"placeholders differ in {path}: {wrong}"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "msgid"), [("ru", "Participating states"), ("tr", "For migrants")])
def test_home_page_is_rendered_in_the_language(client, language, msgid):
    expected = catalogue(language).find(msgid).msgstr
    assert expected and expected != msgid
    # LocaleMiddleware leaves the language active in this thread: restore it for the tests that follow.
    with translation.override(translation.get_language()):
        response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert f'lang="{language}"' in page
    assert expected in page
