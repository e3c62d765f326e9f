"""Check the translation catalogues: ``python -m corridor.core.i18n_check`` (``make messages-check``).

It fails (exit status 1) when

* the committed ``django`` catalogues are stale: a msgid of the source is missing from a catalogue,
  or a catalogue still holds a msgid the source no longer has (obsolete ``#~`` entries included).
  The source is re-extracted by Django's ``makemessages`` on a copy of the tree in a temporary
  directory, with the ignore patterns of ``make messages``, so the committed files are never touched.
  Like ``makemessages``, strings of an app that has its own ``locale/`` folder belong to that folder's
  catalogues; all other strings belong to ``corridor/locale``;
* a language that must be complete (``CORRIDOR_COMPLETE_LANGUAGES``: Russian and Turkish) has an
  empty or fuzzy entry, a fuzzy header, or a plural entry with an empty form;
* a ``.po`` file is missing, or its ``.mo`` is missing or older than the ``.po`` and different from it
  (a fresh checkout may write the two in any order, so an older ``.mo`` that matches still passes),
  or the ``.mo`` does not load in Python's ``gettext``;
* any catalogue of any language is broken: its header lacks ``Language`` (the folder's language),
  ``Content-Type: ...; charset=UTF-8`` or a ``Plural-Forms`` that parses and whose ``nplurals``
  is the language's (``NPLURALS``); the header is marked ``#, fuzzy``; ``X-Translation-Status``
  is neither ``draft`` nor ``reviewed``; a plural entry has the wrong number of forms; or a
  translation's placeholders (``%(name)s``, ``{name}``) differ from its msgid's.

``--fix-headers`` repairs what can be repaired mechanically (Language, Content-Type, Plural-Forms,
the fuzzy header flag, missing plural forms); run ``make messages`` afterwards.

Every other language is only reported: one summary line per language with translated/total counts.
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import polib  # type: ignore[import-untyped]

from corridor.core.catalogues import placeholders

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent
MAIN_LOCALE = Path("locale")  # catalogue folders are named relative to PACKAGE_DIR
DOMAIN = "django"
# The same ignore patterns as the documented makemessages command.
IGNORE_PATTERNS = ["tests/*", "*/tests/*"]
# Compiled and generated files are not copied; the (then empty) locale folders are, for routing.
_COPY_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.po", "*.pot", "*.mo", "node_modules")

# The plural rule of each offered language (gettext's table, CLDR categories), written by
# --fix-headers; NPLURALS is what the checker accepts (Django's own Russian catalogue has 4 forms).
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "tr": "nplurals=2; plural=(n != 1);",
    "kk": "nplurals=2; plural=(n != 1);",
    "ky": "nplurals=2; plural=(n != 1);",
    "uz": "nplurals=2; plural=(n != 1);",
    "tg": "nplurals=2; plural=(n != 1);",
    "tk": "nplurals=2; plural=(n != 1);",
    "az": "nplurals=2; plural=(n != 1);",
    "fa": "nplurals=2; plural=(n > 1);",
    "ps": "nplurals=2; plural=(n != 1);",
}
NPLURALS = {"ru": {3, 4}}
TRANSLATION_STATUSES = ("draft", "reviewed")
STATUS_HEADER = "X-Translation-Status"
_PLURAL_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
_CHARSET = re.compile(r"charset\s*=\s*utf-8\s*$", re.IGNORECASE)

Key = tuple[str, str, str]  # (msgctxt, msgid, msgid_plural)
Source = dict[Path, set[Key]]  # catalogue folder (relative to PACKAGE_DIR) -> msgids it must hold


def say(line: str, *, error: bool = False) -> None:
    (sys.stderr if error else sys.stdout).write(line + "\n")


def setup_django() -> None:
    """Configure Django with the project settings when run as a script."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if str(PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()


def entry_key(entry: polib.POEntry | polib.MOEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def describe(key: Key) -> str:
    context, msgid, plural = key
    text = repr(msgid) + (f" / {plural!r}" if plural else "")
    return f"[{context}] {text}" if context else text


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def is_ignored(relative: Path) -> bool:
    """Whether makemessages skips this path (or one of its folders) with our ignore patterns."""
    from django.core.management.utils import is_ignored_path

    patterns = [*IGNORE_PATTERNS, ".*", "CVS", "*~", "node_modules"]
    return any(is_ignored_path(str(p), patterns) for p in [relative, *relative.parents] if str(p) != ".")


def catalogue_folders(root: Path, language: str = "*") -> dict[Path, Path]:
    """Catalogue folder (``.../locale``, relative to ``root``) -> its ``django.po`` for ``language``."""
    found = {}
    for po_path in sorted(root.rglob(f"{DOMAIN}.po")):
        folder = po_path.parents[2].relative_to(root)
        if po_path.parent.name == "LC_MESSAGES" and folder.name == "locale" and not is_ignored(folder):
            if language == "*" or po_path.parents[1].name == language:
                found[folder] = po_path
    return found


def run_makemessages(tree: Path, language: str) -> None:
    from django.core.management import call_command
    from django.test.utils import override_settings

    (tree / MAIN_LOCALE).mkdir(exist_ok=True)
    with override_settings(LOCALE_PATHS=[str(tree / MAIN_LOCALE)]), working_directory(tree):
        call_command(
            "makemessages",
            locale=[language],
            domain=DOMAIN,
            ignore_patterns=list(IGNORE_PATTERNS),
            no_obsolete=True,
            no_location=True,
            verbosity=0,
        )


def extract_source_msgids(language: str = "ru") -> Source:
    """Every msgid of the source, per catalogue folder, from makemessages on a throwaway copy."""
    with tempfile.TemporaryDirectory(prefix="corridor-i18n-") as tmp:
        tree = Path(tmp) / PACKAGE_DIR.name
        shutil.copytree(PACKAGE_DIR, tree, ignore=_COPY_IGNORE)
        run_makemessages(tree, language)
        source: Source = {MAIN_LOCALE: set()}
        for folder, po_path in catalogue_folders(tree, language).items():
            source[folder] = {entry_key(e) for e in polib.pofile(str(po_path))}
    # A committed catalogue folder the source no longer feeds: all its entries are obsolete.
    for folder in catalogue_folders(PACKAGE_DIR):
        source.setdefault(folder, set())
    return source


def catalogue_path(folder: Path, language: str, suffix: str = "po") -> Path:
    return PACKAGE_DIR / folder / language / "LC_MESSAGES" / f"{DOMAIN}.{suffix}"


def expected_languages() -> list[str]:
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def complete_languages() -> list[str]:
    from django.conf import settings

    complete = getattr(settings, "CORRIDOR_COMPLETE_LANGUAGES", ["ru", "tr"])
    return [code for code in complete if code != settings.LANGUAGE_CODE]


def committed_languages(folders: Iterable[Path]) -> list[str]:
    found = {p.parent.name for folder in folders for p in (PACKAGE_DIR / folder).glob("*/LC_MESSAGES")}
    return sorted(found)


def stale_problems(label: str, catalogue: polib.POFile, source: set[Key]) -> list[str]:
    """Msgids missing from the catalogue, and msgids (or #~ entries) the source no longer has."""
    present = {entry_key(e) for e in catalogue if not e.obsolete}
    obsolete = catalogue.obsolete_entries()
    problems = [f"{label}: missing from the catalogue: {describe(k)}" for k in sorted(source - present)]
    problems += [f"{label}: obsolete in the catalogue: {describe(k)}" for k in sorted(present - source)]
    problems += [f"{label}: obsolete (#~) entry: {describe(entry_key(e))}" for e in obsolete]
    return problems


def entry_is_complete(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return bool(forms) and all(forms.get(i) for i in range(len(forms)))
    return bool(entry.msgstr)


def incomplete_problems(label: str, catalogue: polib.POFile) -> list[str]:
    problems = []
    for entry in catalogue:
        if entry.obsolete or entry_is_complete(entry):
            continue
        if "fuzzy" in entry.flags:
            reason = "fuzzy"
        elif entry.msgid_plural and any(entry.msgstr_plural.values()):
            reason = "plural form left empty"
        else:
            reason = "not translated"
        problems.append(f"{label}: {reason}: {describe(entry_key(entry))}")
    if catalogue.metadata_is_fuzzy:
        problems.append(f"{label}: the catalogue header is still marked fuzzy; check it and remove the flag")
    return problems


def compiled_messages(entries: Iterable[polib.POEntry | polib.MOEntry]) -> dict[Key, tuple[str, ...]]:
    """What msgfmt keeps of a catalogue: translated, non-fuzzy, non-obsolete entries."""
    compiled: dict[Key, tuple[str, ...]] = {}
    for entry in entries:
        if not entry.msgid or getattr(entry, "obsolete", False) or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if any(forms):
                compiled[entry_key(entry)] = forms
        elif entry.msgstr:
            compiled[entry_key(entry)] = (entry.msgstr,)
    return compiled


def expected_nplurals(language: str) -> set[int]:
    if language in NPLURALS:
        return NPLURALS[language]
    rule = PLURAL_FORMS.get(language)
    return {parse_plural_forms(rule)[0]} if rule else set()


def parse_plural_forms(value: str) -> tuple[int, object]:
    """(nplurals, plural function) of a Plural-Forms header; ValueError when it does not parse."""
    match = _PLURAL_HEADER.match(value or "")
    if not match:
        raise ValueError(f"not of the form 'nplurals=N; plural=EXPRESSION;': {value!r}")
    count = int(match.group(1))
    rule = gettext.c2py(match.group(2))  # raises ValueError on anything but a C expression of n
    for n in range(1000):
        if not 0 <= rule(n) < count:
            raise ValueError(f"plural={match.group(2)} gives form {rule(n)} for n={n}, nplurals={count}")
    return count, rule


def header_problems(label: str, language: str, catalogue: polib.POFile) -> list[str]:
    """A header that names the language, declares UTF-8 and a plural rule that parses."""
    header = catalogue.metadata
    problems = []
    if header.get("Language", "") != language:
        problems.append(f"{label}: header Language is {header.get('Language', '')!r}, not {language!r}")
    if not _CHARSET.search(header.get("Content-Type", "")):
        problems.append(f"{label}: header Content-Type does not declare charset=UTF-8")
    try:
        count, _rule = parse_plural_forms(header.get("Plural-Forms", ""))
    except ValueError as exc:
        problems.append(f"{label}: header Plural-Forms does not parse: {exc}")
    else:
        expected = expected_nplurals(language)
        if expected and count not in expected:
            problems.append(
                f"{label}: header Plural-Forms has nplurals={count}; {language} has {sorted(expected)}"
            )
    if catalogue.metadata_is_fuzzy:
        problems.append(f"{label}: the header is marked fuzzy; check it and remove the flag")
    status = header.get(STATUS_HEADER)
    if status is not None and status not in TRANSLATION_STATUSES:
        problems.append(f"{label}: header {STATUS_HEADER} is {status!r}, not one of {TRANSLATION_STATUSES}")
    return problems


def entry_problems(label: str, catalogue: polib.POFile) -> list[str]:
    """Plural entries with the header's number of forms; translations keep the msgid's placeholders."""
    try:
        count: int | None = parse_plural_forms(catalogue.metadata.get("Plural-Forms", ""))[0]
    except ValueError:
        count = None  # reported by header_problems
    problems = []
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        expected = placeholders(entry.msgid)
        if entry.msgid_plural:
            expected |= placeholders(entry.msgid_plural)
            if count is not None and sorted(entry.msgstr_plural) != list(range(count)):
                problems.append(
                    f"{label}: plural entry has {len(entry.msgstr_plural)} form(s), the header says {count}: "
                    f"{describe(entry_key(entry))}"
                )
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            # A singular form may spell the number out ("one day"); every form stays within the
            # msgid's placeholders and the last (general) form keeps them all.
            wrong = any(form and not placeholders(form) <= expected for form in forms) or bool(
                forms and forms[-1] and placeholders(forms[-1]) != expected
            )
        else:
            wrong = bool(entry.msgstr) and placeholders(entry.msgstr) != expected
        if wrong:
            problems.append(f"{label}: placeholders differ from the msgid's: {describe(entry_key(entry))}")
    return problems


def mo_load_problems(label: str, po_path: Path) -> list[str]:
    """The compiled catalogue must load the way Django loads it (Python's gettext)."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return []  # reported by mo_problems
    try:
        with mo_path.open("rb") as handle:
            gettext.GNUTranslations(handle)
    except Exception as exc:  # noqa: BLE001 - any failure here is a 500 at run time
        return [f"{label}: {mo_path.name} does not load in gettext ({type(exc).__name__}: {exc})"]
    return []


def mo_problems(label: str, po_path: Path, catalogue: polib.POFile) -> list[str]:
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return [f"{label}: {mo_path.name} is missing; run compilemessages"]
    if mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return []
    try:
        compiled = compiled_messages(polib.mofile(str(mo_path)))
    except (OSError, ValueError) as exc:
        return [f"{label}: {mo_path.name} cannot be read ({exc}); run compilemessages"]
    if compiled != compiled_messages(catalogue):
        return [f"{label}: {mo_path.name} is older than {po_path.name} and differs; run compilemessages"]
    return []


def check_catalogue(
    folder: Path, language: str, keys: set[Key], complete: bool
) -> tuple[int, int, list[str]]:
    """(translated, total, problems) of one catalogue."""
    po_path = catalogue_path(folder, language)
    label = f"{language} ({(PACKAGE_DIR.name / folder).as_posix()})"
    if not po_path.exists():
        return 0, len(keys), [f"{label}: the catalogue is missing; run makemessages"]
    catalogue = polib.pofile(str(po_path))
    live = [e for e in catalogue if not e.obsolete]
    done = sum(1 for e in live if entry_is_complete(e))
    problems = stale_problems(label, catalogue, keys) + mo_problems(label, po_path, catalogue)
    problems += header_problems(label, language, catalogue) + entry_problems(label, catalogue)
    problems += mo_load_problems(label, po_path)
    if complete:
        problems += incomplete_problems(label, catalogue)
    return done, len(live), problems


def check_language(language: str, source: Source, complete: bool) -> list[str]:
    """All problems of one language over every catalogue folder; prints its summary line."""
    done = total = 0
    problems: list[str] = []
    for folder, keys in source.items():
        translated, entries, found = check_catalogue(folder, language, keys, complete)
        done, total, problems = done + translated, total + entries, problems + found
    kind = "must be complete" if complete else "may be incomplete"
    where = f", {len(source)} catalogues" if len(source) > 1 else ""
    say(f"{language}: {done}/{total} translated ({kind}{where})")
    return problems


def fix_headers(po_path: Path, language: str) -> bool:
    """Repair a catalogue's header and plural entries in place; True when the file changed."""
    catalogue = polib.pofile(str(po_path), wrapwidth=79)
    before = catalogue.__unicode__()
    header = catalogue.metadata
    header["Language"] = language
    if not _CHARSET.search(header.get("Content-Type", "")):
        header["Content-Type"] = "text/plain; charset=UTF-8"
    try:
        count = parse_plural_forms(header.get("Plural-Forms", ""))[0]
        if count not in expected_nplurals(language):
            raise ValueError(count)
    except ValueError:
        header["Plural-Forms"] = PLURAL_FORMS[language]
        count = parse_plural_forms(header["Plural-Forms"])[0]
    catalogue.metadata_is_fuzzy = False
    for entry in catalogue:
        if entry.msgid_plural and not entry.obsolete:
            forms = entry.msgstr_plural
            if not any(forms.get(i) for i in range(count, len(forms))):
                entry.msgstr_plural = {i: forms.get(i, "") for i in range(count)}
    if catalogue.__unicode__() == before:
        return False
    catalogue.save(str(po_path))
    return True


def run_fix_headers() -> int:
    setup_django()
    for folder in catalogue_folders(PACKAGE_DIR):
        for language in committed_languages([folder]):
            po_path = catalogue_path(folder, language)
            if po_path.exists() and fix_headers(po_path, language):
                say(f"fixed {po_path.relative_to(PROJECT_DIR)}")
    say("Now run make messages (re-extracts and compiles).")
    return 0


def run() -> int:
    setup_django()
    source = extract_source_msgids()
    complete = complete_languages()
    languages = dict.fromkeys([*complete, *expected_languages(), *committed_languages(source)])
    problems: list[str] = []
    for language in languages:
        problems += check_language(language, source, language in complete)
    if problems:
        say(f"\n{len(problems)} problem(s) with the translation catalogues:", error=True)
        for problem in problems:
            say(f"  {problem}", error=True)
        say("Fix: run makemessages (make messages), translate, then compilemessages.", error=True)
        return 1
    total = sum(len(keys) for keys in source.values())
    say(f"Catalogues are up to date ({total} msgids in the source, {len(source)} catalogue folder(s)).")
    return 0


if __name__ == "__main__":
    sys.exit(run_fix_headers() if "--fix-headers" in sys.argv[1:] else run())
