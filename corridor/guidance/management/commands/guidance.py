"""``corridor guidance notes-load | notes-skeleton LANG``: translations of corridor rules' notes.

    corridor guidance notes-skeleton ky     # add the missing entries of data/rule_notes/ky.json
    corridor guidance notes-load            # load every language file (also done by migrations)

The skeleton keeps what the file already holds and adds, for every note of every current rule
not yet translated (or whose English text changed), an entry with the English text (``en``),
its fingerprint (``source``) and an empty ``text`` for the translator.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.guidance.models import NOTE_FIELDS, CorridorRule, RuleNoteTranslation, source_digest
from corridor.guidance.notes import NOTES_DIR, load_note_translations


class Command(BaseCommand):
    help = (
        "Load the translations of corridor rules' notes, or write a file's missing entries for a translator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("notes-load", help="Load every data/rule_notes/<language>.json.")
        skeleton = sub.add_parser("notes-skeleton", help="Add missing entries to a language's file.")
        skeleton.add_argument("language")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "notes-load":
            count = load_note_translations(RuleNoteTranslation)
            self.stdout.write(f"{count} translated notes loaded.")
            return
        language = options["language"]
        if language not in {code for code, _name in settings.LANGUAGES} or language == "en":
            raise CommandError(f"{language!r} is not one of the offered languages other than English.")
        path = NOTES_DIR / f"{language}.json"
        data: dict[str, dict[str, dict[str, str]]] = (
            json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        )
        added = 0
        for rule in CorridorRule.objects.filter(is_current=True).order_by("citizenship_id", "destination_id"):
            for field in NOTE_FIELDS:
                english = str(getattr(rule, field) or "").strip()
                if not english:
                    continue
                entry = data.setdefault(rule.corridor_code, {}).get(field)
                if entry and entry.get("source") == source_digest(english) and entry.get("text"):
                    continue
                data[rule.corridor_code][field] = {
                    "source": source_digest(english),
                    "status": "draft",
                    "en": english,
                    "text": (entry or {}).get("text", ""),
                }
                added += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        self.stdout.write(f"{added} entries to translate in {path}.")
