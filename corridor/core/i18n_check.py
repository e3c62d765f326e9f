"""Check the translation catalogues: ``python -m corridor.core.i18n_check`` (``make messages-check``).

It fails (exit status 1) when

* the committed ``django`` catalogues are stale: a msgid of the source is missing from a catalogue,
  or a catalogue still holds a msgid the source no longer has (obsolete ``#~`` entries included).
  The source is re-extracted by Django's ``makemessages`` on a copy of the tree in a temporary
  directory, with the ignore patterns of ``make messages``, so the committed files are never touched;
* a language that must be complete (``CORRIDOR_COMPLETE_LANGUAGES``: Russian and Turkish) has an
  empty or fuzzy entry, or a plural entry with an empty form;
* a ``.mo`` file is missing, or older than its ``.po`` and different from it (a fresh checkout may
  write the two in any order, so an older ``.mo`` that still matches the ``.po`` passes).

Every other language is only reported: one summary line per language with translated/total counts.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import polib  # type: ignore[import-untyped]

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE_DIR / "locale"
DOMAIN = "django"
# The same ignore patterns as `make messages` and the documented makemessages command.
IGNORE_PATTERNS = ["tests/*", "*/tests/*", "matching/*"]
# Directories never worth copying for the extraction.
_COPY_IGNORE = shutil.ignore_patterns("locale", "__pycache__", "*.pyc", "*.mo", "*.po", "node_modules")

Key = tuple[str, str, str]  # (msgctxt, msgid, msgid_plural)


def setup_django() -> None:
    """Configure Django with the project settings when run as a script."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    project_root = str(PACKAGE_DIR.parent)
    if project_root not in sys.path:
        sys.path.insert(0, project_root)
    import django

    django.setup()


def say(line: str, *, error: bool = False) -> None:
    (sys.stderr if error else sys.stdout).write(line + "\n")


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


def extract_source_msgids(language: str = "ru") -> set[Key]:
    """Every msgid the source holds now, extracted by makemessages on a throwaway copy of the tree."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    with tempfile.TemporaryDirectory(prefix="corridor-i18n-") as tmp:
        tree = Path(tmp) / PACKAGE_DIR.name
        shutil.copytree(PACKAGE_DIR, tree, ignore=_COPY_IGNORE)
        locale = tree / "locale"
        locale.mkdir()
        with override_settings(LOCALE_PATHS=[str(locale)]), working_directory(tree):
            call_command(
                "makemessages",
                locale=[language],
                domain=DOMAIN,
                ignore_patterns=list(IGNORE_PATTERNS),
                no_obsolete=True,
                no_location=True,
                verbosity=0,
            )
        po_path = locale / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po_path.exists():  # no translatable string at all
            return set()
        return {entry_key(e) for e in polib.pofile(str(po_path))}


def catalogue_path(language: str, suffix: str = "po") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.{suffix}"


def expected_languages() -> list[str]:
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def complete_languages() -> list[str]:
    from django.conf import settings

    complete = getattr(settings, "CORRIDOR_COMPLETE_LANGUAGES", ["ru", "tr"])
    return [code for code in complete if code != settings.LANGUAGE_CODE]


def stale_problems(language: str, catalogue: polib.POFile, source: set[Key]) -> list[str]:
    """Msgids missing from the catalogue, and msgids (or #~ entries) the source no longer has."""
    present = {entry_key(e) for e in catalogue if not e.obsolete}
    problems = [f"{language}: missing from the catalogue: {describe(k)}" for k in sorted(source - present)]
    problems += [f"{language}: obsolete in the catalogue: {describe(k)}" for k in sorted(present - source)]
    problems += [
        f"{language}: obsolete (#~) entry: {describe(entry_key(e))}" for e in catalogue.obsolete_entries()
    ]
    return problems


def entry_is_complete(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return bool(forms) and all(forms.get(i) for i in range(len(forms)))
    return bool(entry.msgstr)


def incomplete_problems(language: str, catalogue: polib.POFile) -> list[str]:
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
        problems.append(f"{language}: {reason}: {describe(entry_key(entry))}")
    if catalogue.metadata_is_fuzzy:
        problems.append(f"{language}: the catalogue header is marked fuzzy")
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


def mo_problems(language: str, catalogue: polib.POFile) -> list[str]:
    po_path, mo_path = catalogue_path(language), catalogue_path(language, "mo")
    if not mo_path.exists():
        return [f"{language}: {mo_path.name} is missing; run compilemessages"]
    if mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return []
    try:
        compiled = compiled_messages(polib.mofile(str(mo_path)))
    except (OSError, ValueError) as exc:
        return [f"{language}: {mo_path.name} cannot be read ({exc}); run compilemessages"]
    if compiled != compiled_messages(catalogue):
        return [f"{language}: {mo_path.name} is older than {po_path.name} and differs; run compilemessages"]
    return []


def check_language(language: str, source: set[Key], must_be_complete: bool) -> list[str]:
    """All problems of one language; prints its summary line."""
    po_path = catalogue_path(language)
    if not po_path.exists():
        say(f"{language}: no catalogue at {po_path}")
        return [f"{language}: the catalogue is missing; run makemessages"]
    catalogue = polib.pofile(str(po_path))
    live = [e for e in catalogue if not e.obsolete]
    done = sum(1 for e in live if entry_is_complete(e))
    kind = "must be complete" if must_be_complete else "may be incomplete"
    say(f"{language}: {done}/{len(live)} translated ({kind})")
    problems = stale_problems(language, catalogue, source) + mo_problems(language, catalogue)
    if must_be_complete:
        problems += incomplete_problems(language, catalogue)
    return problems


def run() -> int:
    setup_django()
    source = extract_source_msgids()
    complete = complete_languages()
    found = sorted(p.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES") if p.is_dir())
    languages = list(dict.fromkeys([*complete, *expected_languages(), *found]))
    problems: list[str] = []
    for language in languages:
        problems += check_language(language, source, language in complete)
    if problems:
        say(f"\n{len(problems)} problem(s) with the translation catalogues:", error=True)
        for problem in problems:
            say(f"  {problem}", error=True)
        say("Fix: run makemessages (make messages), translate, then compilemessages.", error=True)
        return 1
    say(f"Catalogues are up to date ({len(source)} msgids in the source).")
    return 0


if __name__ == "__main__":
    sys.exit(run())
