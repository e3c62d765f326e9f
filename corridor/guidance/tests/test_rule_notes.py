"""Corridor rules' notes in the reader's language, English with a reason where not translated."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.utils import translation

from corridor.guidance import selectors
from corridor.guidance.models import CorridorRule, RuleNoteTranslation, source_digest
from corridor.guidance.notes import load_note_translations

pytestmark = pytest.mark.django_db


def _rule() -> CorridorRule:
    return CorridorRule.objects.get(citizenship_id="KGZ", destination_id="TUR", is_current=True)


def test_seeded_kyrgyz_and_russian_notes_of_kgz_tur_are_shown_on_the_page(client):
    rule = _rule()
    # the files in the repository are loaded by the migration
    assert RuleNoteTranslation.objects.filter(corridor="KGZ-TUR", language="ky").count() == 4
    page = client.get("/ky/corridors/KGZ-TUR/").content.decode()
    assert "Визасыз болуу иштөө укугун бербейт." in page
    assert 'lang="ky"' in page
    assert rule.work_note not in page  # the English text is not shown beside it


def test_missing_and_stale_translations_fall_back_to_english_and_say_why():
    rule = _rule()
    RuleNoteTranslation.objects.filter(corridor="KGZ-TUR", language="tg").delete()
    with translation.override("tg"):
        notes = selectors.rule_notes(rule=rule)
    assert notes["work_note"].language == "en" and notes["work_note"].fallback == "missing"
    # a translation made from an older English text is not shown as if current
    RuleNoteTranslation.objects.create(
        corridor="KGZ-TUR",
        field="work_note",
        language="tg",
        source_digest=source_digest("older text"),
        text="…",
    )
    stale = selectors.rule_notes(rule=rule, language="tg")["work_note"]
    assert (stale.language, stale.fallback, stale.text) == ("en", "stale", rule.work_note)
    # whitespace differences do not make a translation stale
    RuleNoteTranslation.objects.filter(language="tg").update(
        source_digest=source_digest(f"  {rule.work_note}\n")
    )
    current = selectors.rule_notes(rule=rule, language="tg")["work_note"]
    assert (current.language, current.status, current.text) == ("tg", "draft", "…")


def test_english_reader_gets_the_source_without_remarks():
    notes = selectors.rule_notes(rule=_rule(), language="en")
    assert {n.fallback for n in notes.values()} == {""} and {n.language for n in notes.values()} == {"en"}


def test_loader_upserts_and_skips_empty_entries(tmp_path):
    rule = _rule()
    digest = source_digest(rule.visa_note)
    (tmp_path / "tk.json").write_text(
        json.dumps(
            {"KGZ-TUR": {"visa_note": {"source": digest, "text": "Birinji"}, "work_note": {"source": "x"}}}
        ),
        encoding="utf-8",
    )
    (tmp_path / "xx.json").write_text("{}", encoding="utf-8")  # not an offered language: ignored
    assert load_note_translations(RuleNoteTranslation, tmp_path) == 1
    (tmp_path / "tk.json").write_text(
        json.dumps({"KGZ-TUR": {"visa_note": {"source": digest, "text": "Ikinji", "status": "reviewed"}}}),
        encoding="utf-8",
    )
    load_note_translations(RuleNoteTranslation, tmp_path)
    row = RuleNoteTranslation.objects.get(corridor="KGZ-TUR", field="visa_note", language="tk")
    assert (row.text, row.status) == ("Ikinji", "reviewed")


def test_skeleton_adds_only_what_is_missing(tmp_path, monkeypatch):
    from corridor.guidance import notes
    from corridor.guidance.management.commands import guidance as command

    monkeypatch.setattr(notes, "NOTES_DIR", tmp_path)
    monkeypatch.setattr(command, "NOTES_DIR", tmp_path)
    call_command("guidance", "notes-skeleton", "az")
    data = json.loads((tmp_path / "az.json").read_text(encoding="utf-8"))
    work = data["KGZ-TUR"]["work_note"]
    assert (
        work["en"] == _rule().work_note and work["text"] == "" and work["source"] == source_digest(work["en"])
    )
    data["KGZ-TUR"]["work_note"]["text"] = "Vizasız qalma işləmək hüququ vermir."
    (tmp_path / "az.json").write_text(json.dumps(data), encoding="utf-8")
    call_command("guidance", "notes-skeleton", "az")
    again = json.loads((tmp_path / "az.json").read_text(encoding="utf-8"))
    assert again["KGZ-TUR"]["work_note"]["text"] == "Vizasız qalma işləmək hüququ vermir."
