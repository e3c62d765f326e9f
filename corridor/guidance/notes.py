"""Translations of corridor rules' notes: files per language, loaded into ``RuleNoteTranslation``.

``corridor/guidance/data/rule_notes/<language>.json`` holds, per corridor and note field, the
translated text, its status and the fingerprint of the English text it was made from::

    {"KGZ-TUR": {"work_note": {"source": "3f9c…", "status": "draft", "text": "…", "en": "…"}}}

(``en`` repeats the English text for the translator; it is not loaded.) Loading is an upsert, so it
can run at every migration that brings new files; ``corridor guidance notes-skeleton LANG`` writes a
file's missing entries for a translator to fill.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings

NOTES_DIR = Path(__file__).resolve().parent / "data" / "rule_notes"


def load_note_translations(translation_model: Any, folder: Path = NOTES_DIR) -> int:
    """Upsert every entry of every language file; entries without text are skipped. Returns count."""
    offered = {code for code, _name in settings.LANGUAGES}
    count = 0
    for path in sorted(folder.glob("*.json")):
        language = path.stem
        if language not in offered or language == "en":
            continue
        corridors = json.loads(path.read_text(encoding="utf-8"))
        for corridor, fields in corridors.items():
            for field, entry in fields.items():
                text = str(entry.get("text") or "").strip()
                if not text:
                    continue
                translation_model.objects.update_or_create(
                    corridor=corridor,
                    field=field,
                    language=language,
                    defaults={
                        "source_digest": str(entry["source"]),
                        "text": text,
                        "status": str(entry.get("status") or "draft"),
                    },
                )
                count += 1
    return count
