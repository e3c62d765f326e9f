"""How source systems write a name: romanisation schemes used by the benchmark generator.

Written independently of the normaliser's table (``corridor/matching/normalise/translit.csv``) so
that the benchmark does not grade the normaliser against itself. They imitate real practice,
including its inconsistencies (e.g. Russian records dropping Kyrgyz ү/ө/ң letters).
"""

from __future__ import annotations

import random

_RU_BASE = dict(
    zip(
        "абвгдезийклмнопрстуфыэ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "y",
            "e",
        ],
        strict=True,
    )
)
_RU_BASE |= {"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "", "ё": "e"}
_RU_BASE |= {"ю": "yu", "я": "ya"}
# National letters as Central Asian passport offices render them (no ICAO table exists for them).
_NATIONAL = {"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i"}
_NATIONAL |= {"ҳ": "kh", "ҷ": "j", "ӣ": "i", "ӯ": "u", "ў": "u"}

CYRILLIC_SCHEMES: dict[str, dict[str, str]] = {
    "icao": _RU_BASE | _NATIONAL | {"й": "i", "ю": "iu", "я": "ia", "ъ": "ie"},
    "mvd1997": _RU_BASE | _NATIONAL | {"ҷ": "dzh", "ғ": "gh"},
    "bgn": _RU_BASE | _NATIONAL | {"ё": "yo", "ғ": "gh", "қ": "q", "ң": "ng", "ь": "ʹ"},
    "turkish": _RU_BASE
    | {"ж": "c", "х": "h", "ч": "ç", "ш": "ş", "щ": "ş", "ы": "ı", "ц": "s", "ү": "ü", "ө": "ö", "ң": "n"}
    | {"ә": "e", "ғ": "ğ", "қ": "k", "ұ": "u", "һ": "h", "і": "i", "ҳ": "h", "ҷ": "c", "ӣ": "i", "ӯ": "u"}
    | {"ў": "o"},
    "uzbek_latin": _RU_BASE
    | {
        "ж": "j",
        "х": "x",
        "ч": "ch",
        "ш": "sh",
        "ц": "s",
        "ў": "oʻ",
        "ғ": "gʻ",
        "қ": "q",
        "ҳ": "h",
        "ё": "yo",
    }
    | {"ъ": "ʼ"}
    | {k: v for k, v in _NATIONAL.items() if k not in "ўғқҳ"},
    "kazakh2021": _RU_BASE
    | {"ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü", "і": "i", "ы": "y", "ш": "ş"}
    | {"ч": "ç", "ж": "j", "й": "i", "х": "h", "һ": "h"}
    | {k: v for k, v in _NATIONAL.items() if k in "ҳҷӣӯў"},
}
# Russian-language records (Russian MVD, Russian-speaking clerks): national letters replaced.
RUSSIAN_CYRILLIC = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}
RUSSIAN_CYRILLIC |= {"ҳ": "х", "ҷ": "дж", "ӣ": "и", "ӯ": "у", "ў": "у"}

# Latin orthographies written in Russian Cyrillic (Azerbaijani, Turkish, Turkmen, Afghan names).
LATIN_TO_RUSSIAN = dict(zip("abdefghiklmnoprstuvz", "абдефгхиклмнопрстувз", strict=True))
LATIN_TO_RUSSIAN |= {
    "ə": "а",
    "x": "х",
    "q": "г",
    "ş": "ш",
    "ç": "ч",
    "c": "дж",
    "ğ": "г",
    "ı": "ы",
    "ö": "ё",
}
LATIN_TO_RUSSIAN |= {
    "ü": "ю",
    "ý": "й",
    "y": "й",
    "ž": "ж",
    "ň": "н",
    "ä": "а",
    "w": "в",
    "j": "дж",
    "i̇": "и",
}
LATIN_TO_RUSSIAN |= {"sh": "ш", "ch": "ч", "kh": "х", "zh": "ж", "gh": "г"}
# Passport ASCII for Azerbaijani/Turkish/Turkmen names.
LATIN_TO_ASCII = {
    "ə": "a",
    "ş": "sh",
    "ç": "ch",
    "ğ": "gh",
    "ı": "i",
    "ö": "o",
    "ü": "u",
    "x": "kh",
    "ý": "y",
}
LATIN_TO_ASCII |= {"ž": "zh", "ň": "n", "ä": "a", "â": "a"}
# Turkish clerks writing Azerbaijani/Turkmen names.
LATIN_TO_TURKISH = {"ə": "e", "x": "h", "q": "k", "ý": "y", "ž": "j", "ň": "n", "ä": "e", "w": "v"}

APOSTROPHE_FORMS = ["ʻ", "'", "`", "‘", "’", "ʼ", "´"]


def _apply(text: str, table: dict[str, str]) -> str:
    out = []
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        if len(pair) == 2 and pair in table:
            out.append(table[pair])
            index += 2
            continue
        out.append(table.get(text[index], text[index]))
        index += 1
    return "".join(out)


def render_cyrillic(name: str, scheme: str, rng: random.Random) -> str:
    """Render a national-Cyrillic name (any case) in ``scheme`` ('cyrillic', 'russian', or a Latin one)."""
    lower = name.lower()
    if scheme == "cyrillic":
        return name
    if scheme == "russian":
        return _apply(lower, RUSSIAN_CYRILLIC).title()
    text = _apply(lower, CYRILLIC_SCHEMES[scheme])
    if scheme == "bgn" and lower.startswith("е"):
        text = "ye" + text[1:]
    if scheme == "uzbek_latin":
        mark = rng.choice(APOSTROPHE_FORMS)
        text = text.replace("ʻ", mark)
    return turkish_title(text) if scheme in ("turkish", "kazakh2021") else text.title()


def turkish_title(text: str) -> str:
    return " ".join(w[:1].replace("i", "İ").upper() + w[1:] for w in text.split(" "))


def turkish_upper(text: str) -> str:
    return text.replace("i", "İ").upper()


def render_latin(name: str, scheme: str, *, turkmen: bool = False) -> str:
    """Render a Turkic-Latin name in 'native', 'ascii', 'turkish' or 'russian'."""
    lower = name.replace("İ", "i").replace("I", "ı").lower()
    if scheme == "native":
        return name
    if scheme == "ascii":
        return _apply(lower, LATIN_TO_ASCII).title()
    if scheme == "turkish":
        return turkish_title(_apply(lower, LATIN_TO_TURKISH))
    table = LATIN_TO_RUSSIAN | ({"y": "ы"} if turkmen else {})
    return _apply(lower, table).title()
