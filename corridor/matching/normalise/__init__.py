"""Locale-aware name normaliser: pure functions, cached per distinct value.

Pipeline per value: :func:`prepare` (NFC, format characters, apostrophes, look-alike letters,
Turkish/Azerbaijani casing) → :func:`pivot` (one project-owned table, ``translit.csv``) →
:func:`skeleton` (lossy equivalence classes) → :func:`consonant_key`; :func:`parse_surname`
finds stems behind -ov/-ova, -uulu/-kyzy, -zoda, -oğlu/-qızı, -ovich/-ovna; :func:`variants`
renders a value through the passport schemes so that blocking and comparison can meet them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from corridor.matching.normalise.keys import consonant_key, consonant_words, skeleton, skeleton_words
from corridor.matching.normalise.structure import ParsedName, parse_surname, split_full_name
from corridor.matching.normalise.text import Script, detect_script, locale_lower, prepare, unify_apostrophes
from corridor.matching.normalise.translit import SCHEMES, pivot, romanise

__all__ = [
    "NameForms",
    "ParsedName",
    "Script",
    "consonant_key",
    "detect_script",
    "locale_lower",
    "naive_form",
    "name_forms",
    "name_forms_many",
    "parse_surname",
    "pivot",
    "prepare",
    "romanise",
    "skeleton",
    "split_full_name",
    "unify_apostrophes",
    "variants",
]


@dataclass(frozen=True, slots=True)
class NameForms:
    """All derived forms of one name field value."""

    original: str  # prepared: cleaned and lower-cased, original script
    script: Script
    pivot: str
    skeleton: str
    stem: str  # skeleton of the surname/patronymic stem (= skeleton for plain names)
    consonants: str
    gender: str  # "M"/"F" when a suffix says so
    low_confidence: bool  # Arabic-script route


@lru_cache(maxsize=500_000)
def name_forms(value: str) -> NameForms:
    prepared = prepare(value)
    piv = pivot(prepared)
    skel = skeleton(piv)
    parsed = parse_surname(piv)
    stem = skeleton(parsed.stem) or skel
    script = detect_script(prepared)
    return NameForms(
        original=prepared,
        script=script,
        pivot=piv,
        skeleton=skel,
        stem=stem,
        consonants=consonant_key(skel),
        gender=parsed.gender,
        low_confidence=script in ("arabic", "mixed"),
    )


def name_forms_many(values: list[str]) -> list[NameForms]:
    """:func:`name_forms` of many values at once: the same forms, fewer calls.

    Values are prepared, romanised and parsed one by one; the skeletons and consonant keys of
    all their distinct words are then made together (:func:`keys.skeleton_words`), where one
    word at a time cost a third of the normalisation of a file.
    """
    prepared = [prepare(v) for v in values]
    pivots = [pivot(p) for p in prepared]
    parsed = [parse_surname(p) for p in pivots]
    skeleton_of = skeleton_words([w for text in (*pivots, *(p.stem for p in parsed)) for w in text.split()])

    def skel(text: str) -> str:
        return " ".join(word for word in map(skeleton_of.__getitem__, text.split()) if word)

    skeletons = [skel(p) for p in pivots]
    consonants_of = consonant_words([w for text in skeletons for w in text.split()])
    out = []
    for original, piv, sk, name in zip(prepared, pivots, skeletons, parsed, strict=True):
        script = detect_script(original)
        out.append(
            NameForms(
                original=original,
                script=script,
                pivot=piv,
                skeleton=sk,
                stem=skel(name.stem) or sk,
                consonants=" ".join(c for c in map(consonants_of.__getitem__, sk.split()) if c),
                gender=name.gender,
                low_confidence=script in ("arabic", "mixed"),
            )
        )
    return out


@lru_cache(maxsize=500_000)
def variants(value: str) -> tuple[str, ...]:
    """Spelling variants of a value: original, pivot, the five scheme renderings, skeleton, stem.

    Scheme renderings only differ from the pivot for Cyrillic input (ICAO 9303, BGN/PCGN, Russian
    passports before 2010, Turkish, Uzbek Latin); their skeletons are added too.
    """
    forms = name_forms(value)
    if not forms.pivot:
        return ()
    out = {forms.original.replace(" ", ""), forms.pivot.replace(" ", ""), forms.skeleton.replace(" ", "")}
    out.add(forms.stem.replace(" ", ""))
    if forms.script == "cyrillic":
        for scheme in SCHEMES:
            rendered = romanise(forms.original, scheme).replace("'", "")
            out.add(rendered.replace(" ", ""))
    if forms.consonants:  # the route to and from Perso-Arabic script (short vowels unwritten)
        out.add("~" + forms.consonants.replace(" ", ""))
    return tuple(sorted(v for v in out if v))


@lru_cache(maxsize=500_000)
def naive_form(value: str) -> str:
    """Baseline normalisation for benchmarks: NFKC, ASCII folding, lower case. No transliteration.

    Folding as search engines do it: accented Latin letters lose their marks (Şahin → sahin,
    й → и); letters with no ASCII base (Cyrillic, Arabic, ə, ı) are kept as they are, so that a
    name still meets itself in its own script. (Until December 2026 the baseline dropped every
    letter without an ASCII form, which emptied Cyrillic and Arabic names.)
    """
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", value))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", folded).lower().split())
