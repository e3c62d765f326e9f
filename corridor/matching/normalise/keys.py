"""Skeleton and consonant keys: deliberately lossy codes on which spelling variants meet."""

from __future__ import annotations

import re
from collections.abc import Callable
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
# Matches wherever some rule would change a word (the vowel classes only through e and y: a
# and i map to themselves). A word it does not match is a fixed point of the rules.
_CHANGES = re.compile(
    r"[^a-z ]|shch|dzh|dj|zh|c(?!h)|tch|kh|x|gh|q|ts|tc|ph|w|ng|[iy][uaoe]|ou|e|y|(?P<d>.)(?P=d)"
)
_LITERAL = re.compile(r"[a-z]+")
_VOWEL_CLASSES = str.maketrans("ey", "ai")  # rules 17 and 18 together: [ea] → a, [yi] → i


def _step(pattern: str, repl: str) -> Callable[[str], str]:
    if _LITERAL.fullmatch(pattern):
        return lambda word: word.replace(pattern, repl)  # same as the regex for a literal
    compiled = re.compile(pattern)
    return lambda word: compiled.sub(repl, word)


_STEPS: tuple[Callable[[str], str], ...] = (
    *(_step(pattern, repl) for pattern, repl in SKELETON_RULES[1:-3]),
    lambda word: word.translate(_VOWEL_CLASSES),
    _step(*SKELETON_RULES[-1]),
)


def _one_pass(word: str) -> str:
    if not (word.isascii() and word.isalpha() and word.islower()):
        word = _COMPILED[0][0].sub("", word)  # rule 1: only a–z stay
    for step in _STEPS:
        word = step(word)
    return word


_VOWELS = re.compile(r"[aiou]")
_SEMIVOWEL = re.compile(r"v")
_FINAL_H = re.compile(r"(?<=.)h$")
_DOUBLED = re.compile(r"(.)\1+")
# Final devoicing: a name taken down from speech (and Russian spelling of Central Asian names)
# writes a final voiced consonant unvoiced or the reverse — Санжаров heard as Санжараф, Yılmaz
# as Yilmas, Jawed as Javet. At the end of a word f goes the way of v (dropped), p t s become
# b d z, in consonant keys only.
_FINAL_F = re.compile(r"(?<=.)f$")
_FINAL_VOICELESS = re.compile(r"(?<=.)([pts])$")
_VOICED = {"p": "b", "t": "d", "s": "z"}


def _voiced(match: re.Match[str]) -> str:
    return _VOICED[match.group(1)]


@lru_cache(maxsize=200_000)
def _skeleton_word(word: str) -> str:
    """The rules to a fixed point (a rewrite can create a new digraph), as
    :func:`skeleton_word_by_rules` but with cheaper steps and no confirming pass when
    :data:`_CHANGES` shows that one would change nothing."""
    previous = None
    while word != previous:
        previous = word
        word = _one_pass(word)
        if word != previous and not _CHANGES.search(word):
            break
    return word


def skeleton_word_by_rules(word: str) -> str:
    """Every rule as a regular expression on every pass (the reference the tests compare with)."""
    previous = None
    while word != previous:
        previous = word
        for pattern, repl in _COMPILED:
            word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=500_000)
def skeleton(pivot_text: str) -> str:
    """Skeleton of a pivot string, word by word (Жээнбекова → janbakova); cached per word too."""
    if pivot_text.isalpha():  # one word (no whitespace)
        return _skeleton_word(pivot_text)
    return " ".join(word for word in map(_skeleton_word, pivot_text.split()) if word)


@lru_cache(maxsize=500_000)
def consonant_key(skeleton_text: str) -> str:
    """Skeleton without vowels, so that Arabic-script names (short vowels unwritten) meet Latin ones.

    محمد → mhmd and Mohammad → mhmd. Very coarse: used for blocking and variant overlap only.
    Also dropped: v (و is a consonant or a vowel: Anwar ~ انور, Ghaznawi ~ غزنوی) and a final h
    (a silent final ه: Kalimullah ~ کلیم‌الله).
    """
    if skeleton_text.isalpha():  # one word (no whitespace)
        return _consonant_word(skeleton_text)
    return " ".join(word for word in map(_consonant_word, skeleton_text.split()) if word)


@lru_cache(maxsize=200_000)
def _consonant_word(word: str) -> str:
    stripped = _FINAL_H.sub("", _SEMIVOWEL.sub("", _FINAL_F.sub("", _VOWELS.sub("", word))))
    stripped = _FINAL_VOICELESS.sub(_voiced, stripped).replace("g", "k")
    return _DOUBLED.sub(r"\1", stripped)


# Batches: many distinct words at once, one regular-expression call per rule over all of them.
# The words are joined by single spaces; no rule matches a space or across one (no pattern holds
# a space, ``c(?!h)`` sees a following space as it sees the end of a word, and doubled letters
# are matched as non-space characters), so every word comes out as :func:`skeleton` and
# :func:`consonant_key` make it alone (``tests/test_fast_paths.py`` holds the two to each other).
_BATCH_DOUBLED = re.compile(r"([^ ])\1+")
_BATCH_FINAL_H = re.compile(r"(?<=[^ ])h(?= |$)")
_BATCH_FINAL_F = re.compile(r"(?<=[^ ])f(?= |$)")
_BATCH_FINAL_VOICELESS = re.compile(r"(?<=[^ ])([pts])(?= |$)")


def skeleton_words(words: list[str]) -> dict[str, str]:
    """Skeletons of single words (no whitespace), computed together; word → skeleton."""
    out: dict[str, str] = {}
    plain: list[str] = []
    for word in dict.fromkeys(words):
        cleaned = word if _plain(word) else _COMPILED[0][0].sub("", word)  # rule 1 alone
        if cleaned:
            plain.append(word)
            out[word] = cleaned
        else:
            out[word] = ""
    if not plain:
        return out
    text, previous = " ".join(out[word] for word in plain), None
    while text != previous:  # every word to its fixed point, together
        previous = text
        for step in _BATCH_STEPS:
            text = step(text)
    for word, result in zip(plain, text.split(" "), strict=True):
        out[word] = result
    return out


def consonant_words(words: list[str]) -> dict[str, str]:
    """Consonant keys of single skeleton words, computed together; word → key."""
    unique = list(dict.fromkeys(words))
    if not unique:
        return {}
    text = _BATCH_FINAL_F.sub("", _VOWELS.sub("", " ".join(unique)))
    text = _BATCH_FINAL_VOICELESS.sub(_voiced, _BATCH_FINAL_H.sub("", _SEMIVOWEL.sub("", text)))
    text = _BATCH_DOUBLED.sub(r"\1", text.replace("g", "k"))
    return dict(zip(unique, text.split(" "), strict=True))


def _plain(word: str) -> bool:
    return word.isascii() and word.isalpha() and word.islower()


_BATCH_STEPS: tuple[Callable[[str], str], ...] = (*_STEPS[:-1], lambda text: _BATCH_DOUBLED.sub(r"\1", text))
