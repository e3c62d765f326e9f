"""Text clean-up before romanisation: Unicode form, scripts, locale-aware casing, apostrophes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Script = Literal["latin", "cyrillic", "arabic", "mixed", "none"]

# Uzbek oʻ/gʻ and Arabic-derived names (Maʼruf) arrive with many apostrophe-like characters.
APOSTROPHES = "'ʻʼ‘’`´′ʾʿ‛＇"
# BGN/PCGN writes the soft and hard signs as primes and separates letters with a middle dot.
DROPPED = "ʹʺ·"
_APOSTROPHE_MAP = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DROPPED)})
# Letters that only Turkish/Azerbaijani (and Turkmen, Kazakh 2021) Latin orthographies use.
_TURKIC_LATIN = frozenset("ıİşŞğĞəƏçÇöÖüÜ")
# Characters between the words of a name
_SEPARATORS = re.compile(r"[\s\-‐‑–—_,.;/]+")
# Latin letters typed by mistake inside a Cyrillic word (and the reverse) look the same.
# Only letters that look alike in both cases, so that the result does not depend on casing.
_LATIN_TO_CYRILLIC = str.maketrans("aeopcxyiAEOPCXYI", "аеорсхуіАЕОРСХУІ")
_CYRILLIC_TO_LATIN = str.maketrans("аеорсхуіАЕОРСХУІ", "aeopcxyiAEOPCXYI")


def clean(value: str) -> str:
    """NFC, without zero-width and other format characters, single spaces, no outer spaces."""
    text = unicodedata.normalize("NFC", value)
    if not text.isprintable():  # format characters are not printable: most names skip the scan
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def char_script(ch: str) -> Script:
    if not ch.isalpha():
        return "none"
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("ARABIC"):
        return "arabic"
    return "mixed"


@lru_cache(maxsize=200_000)
def detect_script(value: str) -> Script:
    """The script of a token or name: the only script used, ``mixed`` or ``none`` (no letters)."""
    scripts = {char_script(ch) for ch in value} - {"none"}
    if not scripts:
        return "none"
    if len(scripts) == 1:
        return next(iter(scripts))
    return "mixed"


def fix_homoglyphs(token: str) -> str:
    """Rewrite look-alike letters of the minority script into the token's majority script."""
    if token.isascii():  # no Cyrillic letter
        return token
    counts = {"latin": 0, "cyrillic": 0}
    for ch in token:
        script = char_script(ch)
        if script in counts:
            counts[script] += 1
    if counts["latin"] and counts["cyrillic"]:
        if counts["cyrillic"] >= counts["latin"]:
            return token.translate(_LATIN_TO_CYRILLIC)
        return token.translate(_CYRILLIC_TO_LATIN)
    return token


def is_turkic_latin(value: str) -> bool:
    return not _TURKIC_LATIN.isdisjoint(value)


def locale_lower(value: str, *, turkic: bool | None = None) -> str:
    """Lower-case with the Turkish/Azerbaijani rule (I→ı, İ→i) when the text is Turkic Latin.

    ``turkic=None`` guesses from the letters: a string with ş, ğ, ı, ə … is treated as Turkic.
    """
    if turkic is None:
        turkic = is_turkic_latin(value)
    if turkic:
        value = value.replace("I", "ı").replace("İ", "i")
    # str.lower() turns İ into i + COMBINING DOT ABOVE; the dot carries no information.
    return unicodedata.normalize("NFC", value.lower()).replace("i̇", "i")


def unify_apostrophes(value: str) -> str:
    return value.translate(_APOSTROPHE_MAP)


@lru_cache(maxsize=500_000)
def prepare(value: str) -> str:
    """Everything before romanisation: clean, unify punctuation, fix look-alikes, lower-case."""
    text = unify_apostrophes(clean(value))
    text = " ".join(fix_homoglyphs(tok) for tok in _SEPARATORS.split(text) if tok)
    return locale_lower(text)
