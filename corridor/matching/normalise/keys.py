"""Skeleton and consonant keys: deliberately lossy codes on which spelling variants meet."""

from __future__ import annotations

import re
from functools import lru_cache

# Ordered rewrite rules on the pivot (ASCII, lower case). Order matters: longer digraphs first.
# Each rule merges spellings that the romanisation schemes in use disagree on.
SKELETON_RULES: tuple[tuple[str, str], ...] = (
    (r"[^a-z ]", ""),  # digits, apostrophes
    (r"shch", "sh"),  # Щ: ICAO SHCH, Uzbek SH
    (r"dzh|dj|zh|c(?!h)", "j"),  # Ж/Ҷ: ZH (ICAO), DZH (MVD), J (Uzbek, Tajik), C (Turkish)
    (r"tch", "ch"),
    (r"kh|x", "h"),  # Х/Ҳ: KH, X (Uzbek, Azerbaijani), H (Turkish)
    (r"gh", "g"),  # Ғ/ğ: GH, G, G'
    (r"q", "k"),  # Қ: Q (Uzbek, Kazakh 2021), K (passports)
    (r"ts|tc", "s"),  # Ц
    (r"ph", "f"),
    (r"w", "v"),  # Turkmen and German-style -ow
    (r"ng", "n"),  # Ң: NG or N
    (r"[iy]u", "u"),  # Ю: IU (ICAO 2013), YU (MVD, BGN)
    (r"[iy]a", "a"),  # Я
    (r"[iy]o", "o"),  # Ё
    (r"[iy]e", "e"),  # Е after vowels (BGN YE)
    (r"ou", "u"),  # French-style renderings
    (r"[ea]", "a"),  # vowel class: е, э, ә, ə, а
    (r"[yi]", "i"),  # vowel class: ы, ı, і, и, й
    (r"(.)\1+", r"\1"),  # doubled letters: Məmmədov, Жээнбеков
)
_COMPILED = tuple((re.compile(pattern), repl) for pattern, repl in SKELETON_RULES)
_VOWELS = re.compile(r"[aiou]")
_SEMIVOWEL = re.compile(r"v")
_FINAL_H = re.compile(r"(?<=.)h$")


@lru_cache(maxsize=500_000)
def skeleton(pivot_text: str) -> str:
    """Skeleton of a pivot string, word by word (Жээнбекова → janbakova)."""
    words = []
    for word in pivot_text.split():
        previous = None
        while word != previous:  # to a fixed point: a rewrite can create a new digraph
            previous = word
            for pattern, repl in _COMPILED:
                word = pattern.sub(repl, word)
        if word:
            words.append(word)
    return " ".join(words)


@lru_cache(maxsize=500_000)
def consonant_key(skeleton_text: str) -> str:
    """Skeleton without vowels, so that Arabic-script names (short vowels unwritten) meet Latin ones.

    محمد → mhmd and Mohammad → mhmd. Very coarse: used for blocking and variant overlap only.
    Also dropped: v (و is a consonant or a vowel: Anwar ~ انور, Ghaznawi ~ غزنوی) and a final h
    (a silent final ه: Kalimullah ~ کلیم‌الله).
    """
    words = []
    for word in skeleton_text.split():
        stripped = _SEMIVOWEL.sub("", _VOWELS.sub("", word))
        stripped = _FINAL_H.sub("", stripped)
        stripped = re.sub(r"(.)\1+", r"\1", stripped)
        if stripped:
            words.append(stripped)
    return " ".join(words)
