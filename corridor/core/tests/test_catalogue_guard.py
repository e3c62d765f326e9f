"""Catalogue validation (one test per kind of failure) and the run-time guard: never a 500."""

from __future__ import annotations

import html
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.utils import translation

from corridor.core import i18n_check

GOOD_HEADER = {
    "Language": "ps",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def make_catalogue(
    header: dict[str, str] | None = None, entries: list[polib.POEntry] | None = None, fuzzy: bool = False
) -> polib.POFile:
    po = polib.POFile()
    po.metadata = dict(GOOD_HEADER if header is None else header)
    po.metadata_is_fuzzy = fuzzy
    for entry in entries or []:
        po.append(entry)
    return po


def header_problems(**changes: str | None) -> list[str]:
    header = {k: v for k, v in {**GOOD_HEADER, **changes}.items() if v is not None}
    return i18n_check.header_problems("ps", "ps", make_catalogue(header))


def test_a_good_header_passes():
    assert header_problems() == []
    assert i18n_check.entry_problems("ps", make_catalogue()) == []


def test_the_template_plural_header_fails():
    problems = header_problems(**{"Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;"})
    assert len(problems) == 1 and "Plural-Forms does not parse" in problems[0]


def test_a_plural_expression_that_is_not_c_fails():
    assert "does not parse" in header_problems(**{"Plural-Forms": "nplurals=2; plural=(n != one);"})[0]


def test_a_plural_rule_giving_a_form_beyond_nplurals_fails():
    assert "gives form 2" in header_problems(**{"Plural-Forms": "nplurals=2; plural=(n > 1 ? 2 : 0);"})[0]


def test_a_missing_plural_header_fails():
    assert "does not parse" in header_problems(**{"Plural-Forms": None})[0]


def test_nplurals_of_another_language_fails():
    problems = header_problems(**{"Plural-Forms": "nplurals=1; plural=0;"})
    assert problems == ["ps: header Plural-Forms has nplurals=1; ps has [2]"]


def test_an_empty_or_wrong_language_fails():
    assert "header Language is ''" in header_problems(Language="")[0]
    assert "header Language is 'fa'" in header_problems(Language="fa")[0]


def test_a_header_without_utf8_charset_fails():
    assert "charset=UTF-8" in header_problems(**{"Content-Type": "text/plain; charset=CHARSET"})[0]


def test_a_fuzzy_header_fails():
    problems = i18n_check.header_problems("ps", "ps", make_catalogue(fuzzy=True))
    assert len(problems) == 1 and "marked fuzzy" in problems[0]


def test_an_unknown_translation_status_fails():
    assert header_problems(**{"X-Translation-Status": "draft"}) == []
    assert header_problems(**{"X-Translation-Status": "reviewed"}) == []
    assert "X-Translation-Status" in header_problems(**{"X-Translation-Status": "done"})[0]


def test_a_plural_entry_with_the_wrong_number_of_forms_fails():
    entry = polib.POEntry(msgid="%(n)s day", msgid_plural="%(n)s days", msgstr_plural={0: "%(n)s ورځ"})
    problems = i18n_check.entry_problems("ps", make_catalogue(entries=[entry]))
    assert len(problems) == 1 and "1 form(s), the header says 2" in problems[0]


@pytest.mark.parametrize(
    ("msgid", "msgstr", "wrong"),
    [
        ("Hello %(name)s", "سلام %(name)s", False),
        ("Hello %(name)s", "سلام", True),  # dropped
        ("Hello %(name)s", "سلام %(nom)s", True),  # renamed
        ("Hello %(name)s", "سلام %(name)d", True),  # conversion changed
        ("{count} cells", "{count} حجرې", False),
        ("{count} cells", "{n} حجرې", True),
        ("{count:,} cells", "{count} حجرې", False),  # the format may differ, the name may not
        ("Hello", "", False),  # untranslated: nothing to compare
    ],
)
def test_placeholders_must_match_between_msgid_and_msgstr(msgid, msgstr, wrong):
    catalogue = make_catalogue(entries=[polib.POEntry(msgid=msgid, msgstr=msgstr)])
    assert bool(i18n_check.entry_problems("ps", catalogue)) is wrong


def test_a_plural_singular_may_spell_the_number_but_the_general_form_keeps_it():
    def problems(forms: dict[int, str]) -> list[str]:
        entry = polib.POEntry(msgid="One day", msgid_plural="%(count)s days", msgstr_plural=forms)
        return i18n_check.entry_problems("ps", make_catalogue(entries=[entry]))

    assert problems({0: "یوه ورځ", 1: "%(count)s ورځې"}) == []
    assert problems({0: "یوه ورځ", 1: "ورځې"})
    assert problems({0: "%(days)s ورځ", 1: "%(count)s ورځې"})


def write_catalogue(directory: Path, language: str, po: polib.POFile) -> Path:
    folder = directory / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po.save(str(folder / "django.po"))
    po.save_as_mofile(str(folder / "django.mo"))
    return folder / "django.po"


def test_a_compiled_catalogue_that_gettext_cannot_load_fails(tmp_path):
    header = {**GOOD_HEADER, "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;"}
    po_path = write_catalogue(tmp_path, "ps", make_catalogue(header))
    problems = i18n_check.mo_load_problems("ps", po_path)
    assert len(problems) == 1 and "does not load in gettext (ValueError" in problems[0]
    good = write_catalogue(tmp_path, "fa", make_catalogue({**GOOD_HEADER, "Language": "fa"}))
    assert i18n_check.mo_load_problems("fa", good) == []


def test_fix_headers_repairs_the_template_header(tmp_path):
    header = {**GOOD_HEADER, "Language": "", "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;"}
    entry = polib.POEntry(msgid="%(n)s day", msgid_plural="%(n)s days", msgstr_plural={0: ""})
    po_path = write_catalogue(tmp_path, "ps", make_catalogue(header, [entry], fuzzy=True))
    assert i18n_check.fix_headers(po_path, "ps") is True
    fixed = polib.pofile(str(po_path))
    assert i18n_check.header_problems("ps", "ps", fixed) == []
    assert i18n_check.entry_problems("ps", fixed) == []
    assert i18n_check.fix_headers(po_path, "ps") is False


# --- run time: a broken catalogue shows the source text ------------------------------------------

PAGE_TEXT = "Participating states"  # on the public start page
BROKEN_TEXT = "ګډون کوونکي هېوادونه"
# A right-to-left language no catalogue of the project translates: what the page shows in it
# comes from the test's catalogue or from the source (Django's own Arabic covers Django's strings).
TEST_LANGUAGE = "ar"


@pytest.fixture
def extra_locale(tmp_path, settings):
    """A catalogue folder in front of the project's and one more offered language, for one test."""
    settings.LOCALE_PATHS = [str(tmp_path), *settings.LOCALE_PATHS]
    settings.LANGUAGES = [*settings.LANGUAGES, (TEST_LANGUAGE, "Arabic")]
    yield tmp_path
    translation.trans_real._translations = {}


def start_page(client, language: str) -> tuple[int, str]:
    with translation.override(translation.get_language()):
        response = client.get(f"/{language}/")
    return response.status_code, html.unescape(response.content.decode())


def catalogue_for(header: dict[str, str]) -> polib.POFile:
    return make_catalogue(
        {**header, "Language": TEST_LANGUAGE}, [polib.POEntry(msgid=PAGE_TEXT, msgstr=BROKEN_TEXT)]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        {**GOOD_HEADER, "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;"},
        {**GOOD_HEADER, "Content-Type": "text/plain; charset=NO-SUCH-CHARSET"},
    ],
    ids=["template-plural", "unknown-charset"],
)
def test_a_broken_catalogue_falls_back_to_the_source_text(client, extra_locale, header):
    # given a catalogue that translates a string of the start page but cannot be loaded
    write_catalogue(extra_locale, TEST_LANGUAGE, catalogue_for(header))
    # when a reader of that language opens the start page
    status, page = start_page(client, TEST_LANGUAGE)
    # then the page is served, laid out for the language, with the source text
    assert status == 200
    assert f'lang="{TEST_LANGUAGE}"' in page and 'dir="rtl"' in page
    assert PAGE_TEXT in page and BROKEN_TEXT not in page


@pytest.mark.django_db
def test_a_damaged_compiled_file_falls_back_to_the_source_text(client, extra_locale):
    folder = extra_locale / TEST_LANGUAGE / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.mo").write_bytes(b"not a catalogue at all")
    status, page = start_page(client, TEST_LANGUAGE)
    assert status == 200 and PAGE_TEXT in page


@pytest.mark.django_db
def test_a_good_catalogue_in_the_same_place_is_used(client, extra_locale):
    # the control: the same catalogue with a good header does translate the page
    write_catalogue(extra_locale, TEST_LANGUAGE, catalogue_for(GOOD_HEADER))
    status, page = start_page(client, TEST_LANGUAGE)
    assert status == 200 and BROKEN_TEXT in page and PAGE_TEXT not in page


def test_a_translation_adding_a_placeholder_is_dropped_at_run_time(extra_locale):
    entries = [
        polib.POEntry(msgid="Hello %(name)s", msgstr="سلام %(nom)s"),
        polib.POEntry(msgid="Bye {name}", msgstr="په مخه دې ښه {name}"),
    ]
    write_catalogue(extra_locale, "ps", make_catalogue(None, entries))
    with translation.override("ps"):
        assert translation.gettext("Hello %(name)s") % {"name": "Ali"} == "Hello Ali"
        assert translation.gettext("Bye {name}").format(name="Ali") == "په مخه دې ښه Ali"


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code, _name in django_settings.LANGUAGES])
def test_every_offered_language_serves_pages_and_the_api(client, language):
    status, page = start_page(client, language)
    assert status == 200 and f'lang="{language}"' in page
    with translation.override(translation.get_language()):
        api = client.get("/api/v1/", headers={"accept-language": language})
    assert api.status_code < 500
