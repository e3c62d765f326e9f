"""Pivot romanisation and scheme renderings from the project's own table ``translit.csv``."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Literal

from corridor.matching.normalise.text import detect_script

Scheme = Literal["pivot", "icao", "bgn", "mvd", "tr", "uz"]
SCHEMES: tuple[Scheme, ...] = ("icao", "bgn", "mvd", "tr", "uz")
TABLE_PATH = Path(__file__).with_name("translit.csv")


@lru_cache(maxsize=1)
def load_table() -> dict[str, dict[str, str]]:
    """letter → {"script": …, "pivot": …, scheme: …}; scheme cells fall back to the pivot."""
    with TABLE_PATH.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    table: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(lines):
        letter = row.pop("letter")
        if row["script"] == "cyr":
            for scheme in SCHEMES:
                row[scheme] = row[scheme] if row[scheme] != "" or row["pivot"] == "" else row["pivot"]
        table[letter] = row
    return table


# Latin letters that make a digraph with a following h (zh = Ж, kh = Х, gh = Ғ, sh, ch, ph = f).
_BEFORE_H = frozenset("zkgscp")


def _arabic_word(word: str, table: dict[str, dict[str, str]]) -> str:
    """Dari/Pashto: consonants plus long vowels; initial و and ی are consonants (v, y).

    Short vowels are not written, so two letters can meet as a Latin digraph they are not: ز + ه
    of زهرا would read "zh" (Ж) and fold to "j", while every Latin spelling has Zahra. Where a
    letter read "h" follows one of z k g s c p, the unwritten vowel is put back as "a" (the
    consonant keys drop it again).
    """
    out: list[str] = []
    for index, ch in enumerate(word):
        if index == 0 and ch == "و":
            piece = "v"
        elif index == 0 and ch in "یيى":
            piece = "y"
        elif ch == "ه" and index == len(word) - 1 and index > 0:
            piece = "a"  # final silent he: Fatema, Zahra
        elif ch in table:
            piece = table[ch]["pivot"]
        elif ch.isascii():
            piece = ch
        else:
            continue
        if piece.startswith("h") and out and out[-1][-1:] in _BEFORE_H:
            piece = "a" + piece
        out.append(piece)
    return "".join(out)


# Latin orthographies: Uzbek gʻ/oʻ, Turkish/Azerbaijani c (= j), ch/sh kept.
_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"g'"), "gh"),
    (re.compile(r"o'"), "o"),
    (re.compile(r"c(?!h)"), "j"),
    (re.compile(r"'"), ""),
)


@lru_cache(maxsize=1)
def _pivot_maps() -> tuple[dict[int, str | None], dict[int, str]]:
    """``str.translate`` maps to the pivot: every letter of the table (Cyrillic route, which also
    drops apostrophes) and the Latin-orthography letters (Latin route)."""
    table = load_table()
    every: dict[int, str | None] = {ord(letter): row["pivot"] for letter, row in table.items()}
    every[ord("'")] = None
    latin = {ord(letter): row["pivot"] for letter, row in table.items() if row["script"] == "lat"}
    return every, latin


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _base_letter(match: re.Match[str]) -> str:
    ch = match.group()
    return unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ""


def _latin_word(word: str, table: dict[str, dict[str, str]]) -> str:
    for pattern, repl in _LATIN_RULES:
        word = pattern.sub(repl, word)
    # Table letters to the pivot; any other accented Latin letter keeps its base letter.
    return _NON_ASCII.sub(_base_letter, word.translate(_pivot_maps()[1]))


def _latin_word_by_letter(word: str, table: dict[str, dict[str, str]]) -> str:
    """Letter-by-letter reference of :func:`_latin_word` (tests check that the two agree)."""
    for pattern, repl in _LATIN_RULES:
        word = pattern.sub(repl, word)
    out: list[str] = []
    for ch in word:
        row = table.get(ch)
        if row is not None and row["script"] == "lat":
            out.append(row["pivot"])
        elif ch.isascii():
            out.append(ch)
        else:
            # Unknown accented Latin letter: keep its base letter.
            out.append(unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else "")
    return "".join(out)


def _cyrillic_word(word: str, table: dict[str, dict[str, str]], scheme: Scheme) -> str:
    if scheme == "pivot":  # the pivot table has only ASCII values: what is left non-ASCII is dropped
        return _NON_ASCII.sub("", word.translate(_pivot_maps()[0]))
    return _cyrillic_word_by_letter(word, table, scheme)


def _cyrillic_word_by_letter(word: str, table: dict[str, dict[str, str]], scheme: Scheme) -> str:
    out: list[str] = []
    for ch in word:
        row = table.get(ch)
        if row is not None:
            out.append(row[scheme])
        elif ch.isascii() and ch != "'":
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=500_000)
def romanise(prepared: str, scheme: Scheme = "pivot") -> str:
    """Romanise a prepared (lower-case, cleaned) string word by word.

    Cyrillic words use the ``scheme`` column; Latin words always go to the pivot; Arabic-script
    words take the consonant-skeleton route. Non-Cyrillic words ignore ``scheme``.
    """
    table = load_table()
    words: list[str] = []
    for word in prepared.split():
        script = detect_script(word)
        if script == "cyrillic":
            words.append(_cyrillic_word(word, table, scheme))
        elif script == "arabic":
            words.append(_arabic_word(word, table))
        elif script == "mixed":
            words.append(_latin_word(_cyrillic_word(word, table, "pivot"), table))
        else:
            words.append(_latin_word(word, table))
    return " ".join(w for w in words if w)


def pivot(prepared: str) -> str:
    return romanise(prepared, "pivot")
