"""Name-structure parsing: stems and roles from patronymic, filial and gendered suffixes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Kind = Literal["plain", "gendered", "filial", "patronymic", "zoda"]
Gender = Literal["M", "F", ""]

# Separate words meaning "son of" / "daughter of" after the father's name, in pivot spelling:
# Kyrgyz uulu/kyzy, Kazakh uly/qyzy, Azerbaijani oğlu/qızı, Uzbek oʻgʻli/qizi, Turkmen ogly/gyzy.
FILIAL_WORDS: dict[str, Gender] = {
    "uulu": "M",
    "ulu": "M",
    "uly": "M",
    "ugli": "M",
    "oghlu": "M",
    "oglu": "M",
    "ogly": "M",
    "oghli": "M",
    "ogli": "M",
    "kyzy": "F",
    "qyzy": "F",
    "kizi": "F",
    "qizi": "F",
    "kyzi": "F",
    "gyzy": "F",
    "kiz": "F",
}
# Word endings, longest first: (ending, kind, gender). Stems shorter than 3 letters are not cut.
ENDINGS: tuple[tuple[str, Kind, Gender], ...] = (
    ("ovich", "patronymic", "M"),
    ("evich", "patronymic", "M"),
    ("ovna", "patronymic", "F"),
    ("evna", "patronymic", "F"),
    ("ichna", "patronymic", "F"),
    ("ich", "patronymic", "M"),
    ("uulu", "filial", "M"),
    ("kyzy", "filial", "F"),
    ("oghlu", "filial", "M"),
    ("oglu", "filial", "M"),
    ("zoda", "zoda", ""),
    ("zade", "zoda", ""),
    ("zada", "zoda", ""),
    ("skaya", "gendered", "F"),
    ("skiy", "gendered", "M"),
    ("skii", "gendered", "M"),
    ("sky", "gendered", "M"),
    ("ova", "gendered", "F"),
    ("eva", "gendered", "F"),
    ("ina", "gendered", "F"),
    ("ov", "gendered", "M"),
    ("ev", "gendered", "M"),
    ("in", "gendered", "M"),
)
_MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class ParsedName:
    stem: str
    kind: Kind
    gender: Gender


_ALL_ENDINGS = tuple(ending for ending, _kind, _gender in ENDINGS)
_FINAL_Y_OR_I = re.compile(r"[yi]$")


def _cut_ending(word: str) -> ParsedName:
    if not word.endswith(_ALL_ENDINGS):  # most given names: no ending to try
        return ParsedName(stem=word, kind="plain", gender="")
    for ending, kind, gender in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return ParsedName(
                stem=_FINAL_Y_OR_I.sub("", word[: -len(ending)]) or word, kind=kind, gender=gender
            )
    return ParsedName(stem=word, kind="plain", gender="")


@lru_cache(maxsize=500_000)
def parse_surname(pivot_text: str) -> ParsedName:
    """Stem of a surname or patronymic written in pivot form.

    ``asanbek uulu`` and ``asanbekov`` both give the stem ``asanbek``; ``rahimzoda`` and
    ``rahimov`` give ``rahim``; ``chingiz oghlu`` and ``chingizovich`` give ``chingiz``.
    """
    words = pivot_text.split()
    if not words:
        return ParsedName(stem="", kind="plain", gender="")
    if len(words) >= 2 and words[-1] in FILIAL_WORDS:
        return ParsedName(stem=" ".join(words[:-1]), kind="filial", gender=FILIAL_WORDS[words[-1]])
    parsed = _cut_ending(words[-1])
    return ParsedName(stem=" ".join([*words[:-1], parsed.stem]), kind=parsed.kind, gender=parsed.gender)


def split_full_name(pivot_text: str) -> dict[str, str]:
    """Assign roles to the words of a full name in any order (best effort, pivot spelling).

    A word with a patronymic ending or followed by a filial word is the patronymic; one with a
    gendered or -zoda ending is the family name; the first remaining word is the given name.
    """
    words = pivot_text.split()
    roles = {"given": "", "family": "", "patronymic": ""}
    rest: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        nxt = words[index + 1] if index + 1 < len(words) else ""
        kind = _cut_ending(word).kind
        if nxt in FILIAL_WORDS:
            roles["patronymic" if roles["family"] or rest else "family"] = f"{word} {nxt}"
            index += 2
            continue
        if kind == "patronymic" and not roles["patronymic"]:
            roles["patronymic"] = word
        elif kind in ("gendered", "zoda") and not roles["family"]:
            roles["family"] = word
        else:
            rest.append(word)
        index += 1
    if rest:
        roles["given"] = rest.pop(0)
    if rest and not roles["family"]:
        roles["family"] = " ".join(rest)
    return roles
