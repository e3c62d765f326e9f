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
    "one name agrees, the other does not": _("one name agrees, the other does not"),  # before engine 3.2
    "given name agrees, family name does not": _("same given name, different family name"),
    "family name agrees, given name does not": _("same family name, different given name"),
    "exact stem": _("same"),
    "Jaro-Winkler distance of pat_pivot >= 0.88": _("very similar"),
    "same consonant key": _("same consonants"),
    "exact": _("same date"),
    "one digit or two adjacent digits": _("one digit differs or two are swapped"),
    "day and month swapped": _("day and month swapped"),
    "same year and month, a day missing": _("same year and month, day missing"),
    "same year (partial date, default 01-01 or other)": _("same year only"),
    "birth year inside the estimated age range": _("birth year within the estimated age range"),
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


REASONS = {
    "not_observed": _("not seen in these records"),
    "driven_to_zero": _("seen only among different people"),
    "small_sample": _("too few records"),
}
SOURCES = {
    "stored": _("the model stored for this pair of sources"),
    "fixed": _("the fixed parameters"),
    "none": _("nothing: it counts neither way"),
}


def training_notes(notes: list[dict[str, object]]) -> list[str]:
    """One translated sentence per training note (``fallback.Note.as_dict()``) of a job."""
    out = []
    for note in notes:
        kind = note.get("kind")
        where = {
            "field": FIELDS.get(str(note.get("field")), note.get("field")),
            "level": LEVELS.get(str(note.get("level")), note.get("level")),
        }
        if kind in ("m", "u"):
            out.append(
                _("%(field)s, %(level)s: could not be estimated (%(reason)s); taken from %(source)s.")
                % {
                    **where,
                    "reason": REASONS.get(str(note.get("reason")), note.get("reason")),
                    "source": SOURCES.get(str(note.get("source")), note.get("source")),
                }
            )
        elif kind == "clamped":
            out.append(
                _("%(field)s, %(level)s: weight held at the bound of %(weight)s bits.")
                % {**where, "weight": f"{float(note.get('value') or 0):+.0f}"}  # type: ignore[arg-type]
            )
        elif kind == "prior":
            out.append(str(_("The share of matching pairs could not be estimated; a default was used.")))
        else:
            out.append(str(_("A training pass was skipped: it could not be estimated on these records.")))
    return out
