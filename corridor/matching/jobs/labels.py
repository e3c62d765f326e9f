"""Translated names for the engine's comparison fields and level labels (stored untranslated)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FIELDS = {
    "full_name": _("Full name"),
    "patronymic": _("Patronymic"),
    "birth_date": _("Date of birth"),
    "sex": _("Sex"),
    "origin": _("Birthplace and citizenship"),
    "document_number": _("Passport number"),
}

LEVELS = {
    "null": _("missing in one record"),
    "sex_n is NULL": _("missing in one record"),
    "doc is NULL": _("missing in one record"),
    "pat_stem is NULL": _("missing in one record"),
    "exact original": _("identical as written"),
    "exact pivot": _("identical after transliteration"),
    "exact skeleton": _("same name across scripts and spellings"),
    "same stems in any order": _("same names, order or suffix differs"),
    "both names JW ≥ 0.92": _("both names very similar"),
    "spelling variants agree": _("known spelling variants"),
    "variant arrays overlap": _("known spelling variants"),  # its name in jobs run before engine 3
    "both names JW ≥ 0.80": _("both names similar"),
    "one name agrees, the other does not": _("one name agrees, the other does not"),
    "exact stem": _("same"),
    "Jaro-Winkler distance of pat_pivot >= 0.88": _("very similar"),
    "same consonant key": _("same consonants"),
    "exact": _("same date"),
    "one digit or two adjacent digits": _("one digit differs or two are swapped"),
    "day and month swapped": _("day and month swapped"),
    "same year and month, a day missing": _("same year and month, day missing"),
    "same year (partial date, default 01-01 or other)": _("same year only"),
    "year ± 1": _("year differs by one"),
    "Exact match on sex_n": _("same"),
    "Exact match on doc": _("same"),
    "same birthplace": _("same birthplace"),
    "birthplace JW ≥ 0.85": _("similar birthplace"),
    "birthplace by consonants": _("same birthplace written without vowels"),
    "different birthplaces": _("different birthplaces"),
    "same citizenship, a birthplace missing": _("same citizenship"),
    "All other comparisons": _("different"),
}


def explained(explanation: list[dict[str, object]]) -> list[dict[str, object]]:
    """The stored explanation with translated field and level names, strongest evidence first."""
    rows = [
        {
            "field": FIELDS.get(str(item["field"]), item["field"]),
            "level": LEVELS.get(str(item["level"]), item["level"]),
            "weight": item["weight"],
        }
        for item in explanation
    ]
    return sorted(rows, key=lambda row: -abs(float(row["weight"])))  # type: ignore[arg-type]
