"""Seeded, labelled synthetic records for the matching benchmark.

    python -m bench.matching.generate --records 100000 --seed 7 --out var/bench/records_100k.csv

Each entity is a person (citizenship, sex, given name, father's name, surname, birth date and
place, passport). Each record of that person is written by a "source system" that fixes the
script and romanisation scheme, then corrupted with tagged errors. Hard negatives (siblings,
twins, namesakes) are separate entities built to look alike. The output has the ``corridor
match`` input columns plus ``entity_id``, ``country``, ``scheme`` and ``corruptions``.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import jdatetime

from bench.matching import pools, pools_extra
from bench.matching.schemes import render_cyrillic, render_latin, turkish_upper

GENERATOR_VERSION = "2.0"
CYRILLIC = ("KGZ", "KAZ", "UZB", "TJK")
SCHEMES: dict[str, list[tuple[str, float]]] = {
    "cyr": [
        ("cyrillic", 0.3),
        ("russian", 0.15),
        ("icao", 0.2),
        ("mvd1997", 0.1),
        ("bgn", 0.05),
        ("turkish", 0.1),
    ],
    "lat": [("native", 0.4), ("ascii", 0.3), ("turkish", 0.15), ("russian", 0.15)],
    "afg": [("arabic", 0.35), ("latin", 0.4), ("latin_variant", 0.1), ("russian", 0.15)],
}
EXTRA_LATIN = {"UZB": ("uzbek_latin", 0.15), "KAZ": ("kazakh2021", 0.1)}
RATES = {
    "typo": 0.15,
    "no_patronymic": 0.25,
    "dob_swap": 0.10,
    "dob_default": 0.05,
    "dob_partial": 0.05,
    "dob_missing": 0.10,
    "no_birthplace": 0.20,
    "names_swapped": 0.10,
    "no_sex": 0.05,
    "no_citizenship": 0.03,
}
OUTPUT_COLUMNS = (
    "record_id family_name given_name patronymic birth_date sex citizenship birth_place document_number "
    "source entity_id country scheme corruptions"
).split()


@dataclass(frozen=True, slots=True)
class Person:
    entity_id: int
    country: str
    sex: str
    given: str | tuple[str, str]
    father: str | tuple[str, str]
    stem: str | tuple[str, str]
    alt_surname: bool  # a legal name change: records may carry either surname form
    dob: date
    place: str | tuple[str, str]
    document: str
    single_name: bool = False


class Zipf:
    """Zipf–Mandelbrot draws by list order: weight ∝ 1 / (rank + q)^s.

    The offset q flattens the head (the most common name is a few per cent of the population,
    not a quarter of it, as plain Zipf over a short list would give).
    """

    def __init__(self, items: list, rng: random.Random, *, q: float = pools.ZIPF_Q) -> None:
        self.items = items
        self.rng = rng
        weights = [1 / (rank + 1 + q) ** pools.ZIPF_S for rank in range(len(items))]
        total = 0.0
        self.cum = []
        for w in weights:
            total += w
            self.cum.append(total)
        self.shares = [w / total for w in weights]

    def draw(self):
        return self.rng.choices(self.items, cum_weights=self.cum)[0]


def _words(text: str) -> list[str]:
    return text.split()


def _interleave(a: list[str], b: list[str]) -> list[str]:
    out = []
    for index in range(max(len(a), len(b))):
        out.extend(x[index] for x in (a, b) if index < len(x))
    return out


class NamePools:
    def __init__(self, rng: random.Random) -> None:
        self.by_country: dict[str, dict[str, Zipf]] = {}
        for country in pools.COUNTRY_WEIGHTS:
            data = pools_extra.extended(country, getattr(pools, country))
            entry = {key: Zipf(value, rng) for key, value in data.items()}
            if "stems" in data:
                # Central Asian and Azerbaijani surnames are mostly built on men's names.
                entry["stems"] = Zipf(_interleave(data["stems"], data["male"]), rng)
            else:
                entry["stems"] = entry["surnames"]
            entry["cities"] = Zipf(pools_extra.cities(country, pools.CITIES[country]), rng)
            self.by_country[country] = entry


# --- surnames and patronymics ------------------------------------------------------------------

_CYR_VOWELS = "аеёиоуыэюяәөұүіӣӯў"


def _cyr_base(stem: str) -> str:
    """The stem without a surname ending (Абдылдаев → Абдылда, Каримов → Карим)."""
    for ending in ("ов", "ев"):
        if stem.endswith(ending) and len(stem) > 4:
            return stem[: -len(ending)]
    return stem


def cyrillic_surname(stem: str, sex: str, *, form: str) -> str:
    base = _cyr_base(stem)
    if form == "filial":  # Kyrgyz -uulu/-kyzy as the surname
        return f"{base} {'уулу' if sex == 'M' else 'кызы'}"
    if form == "zoda":
        return base + "зода"
    if base.endswith("й"):
        male = base[:-1] + "ев"
    elif base[-1] in _CYR_VOWELS:
        male = base + "ев"
    else:
        male = base + "ов"
    return male if sex == "M" else male + "а"


def cyrillic_patronymic(father: str, sex: str, country: str, rng: random.Random) -> str:
    if country == "KAZ" and rng.random() < 0.3:
        return f"{father} {'ұлы' if sex == 'M' else 'қызы'}"
    base = father[:-1] + "е" if father.endswith("й") else father
    ending = "вич" if sex == "M" else "вна"
    return base + ("е" if base[-1] in _CYR_VOWELS else "о") + ending


def latin_surname(stem: str, sex: str, country: str) -> str:
    if country == "TUR":
        return stem
    suffix = "ow" if country == "TKM" else "ov"
    if stem.endswith(("ov", "ev", "ow", "ew")) or (stem.endswith("li") and len(stem) > 4):
        male = stem
    elif stem[-1] in "aeəiıouüöy":
        male = stem + ("ýew" if country == "TKM" else "yev")
    else:
        male = stem + suffix
    return male if sex == "M" or male.endswith("li") else male + "a"


def latin_patronymic(father: str, sex: str, country: str) -> str:
    if country == "AZE":
        return f"{father} {'oğlu' if sex == 'M' else 'qızı'}"
    return ""


# --- entities ----------------------------------------------------------------------------------


class Generator:
    def __init__(self, seed: int, *, shard: int = 0) -> None:
        # Shard k > 0 (for generating a very large set in parallel processes): its own random
        # stream, record ids prefixed "s<k>" and entity ids offset by k·10⁹, so shards concatenate
        # into one set without two shards sharing an id.
        self.rng = random.Random(seed if not shard else seed * 1000 + shard)
        self.record_prefix = f"s{shard}" if shard else ""
        self.pools = NamePools(self.rng)
        self.countries = list(pools.COUNTRY_WEIGHTS)
        self.country_weights = list(pools.COUNTRY_WEIGHTS.values())
        self.next_entity = shard * 1_000_000_000
        self.next_record = 0

    def _entity_id(self) -> int:
        self.next_entity += 1
        return self.next_entity

    def person(self) -> Person:
        rng = self.rng
        country = rng.choices(self.countries, weights=self.country_weights)[0]
        pool = self.pools.by_country[country]
        sex = rng.choice("MF")
        start = date(1960, 1, 1)
        return Person(
            entity_id=self._entity_id(),
            country=country,
            sex=sex,
            given=pool["male" if sex == "M" else "female"].draw(),
            father=pool["male"].draw(),
            stem=pool["stems"].draw(),
            alt_surname=country in ("KGZ", "TJK") and rng.random() < 0.06,
            dob=start + timedelta(days=rng.randrange(365 * 45)),
            place=pool["cities"].draw(),
            document=f"{rng.choice('ABCDEFGHKNPRST')}{rng.choice('ABCDEFGHKNPRST')}{rng.randrange(10**7):07d}",
            single_name=country == "AFG" and rng.random() < 0.3,
        )

    def hard_negative(self, person: Person) -> Person:
        """A sibling, a twin or a namesake of ``person``: a different entity that looks alike."""
        rng = self.rng
        pool = self.pools.by_country[person.country]
        kind = rng.choices(["sibling", "twin", "namesake"], weights=[0.6, 0.15, 0.25])[0]
        sex = rng.choice("MF")
        given = pool["male" if sex == "M" else "female"].draw()
        if kind == "namesake":
            return replace(
                person,
                entity_id=self._entity_id(),
                father=pool["male"].draw(),
                dob=person.dob + timedelta(days=rng.choice([-1, 1]) * rng.randrange(30, 4000)),
                place=pool["cities"].draw(),
                document=person.document[::-1],
            )
        if given == person.given:
            return self.hard_negative(person)
        shift = 0 if kind == "twin" else rng.choice([-1, 1]) * rng.randrange(300, 4500)
        return replace(
            person,
            entity_id=self._entity_id(),
            sex=sex,
            given=given,
            dob=person.dob + timedelta(days=shift),
            document=person.document[:2] + f"{rng.randrange(10**7):07d}",
        )

    def records_per_entity(self) -> int:
        """Zipf-like, capped at 8; about 60 % singletons."""
        return self.rng.choices(range(1, 9), weights=[1 / k**1.8 for k in range(1, 9)])[0]

    # --- records -------------------------------------------------------------------------------

    def scheme_for(self, country: str) -> str:
        group = "cyr" if country in CYRILLIC else "afg" if country == "AFG" else "lat"
        options = list(SCHEMES[group])
        if country in EXTRA_LATIN:
            options.append(EXTRA_LATIN[country])
        names, weights = zip(*options, strict=True)
        return self.rng.choices(names, weights=weights)[0]

    def _surname_form(self, person: Person) -> str:
        primary = "filial" if person.country == "KGZ" and person.entity_id % 4 == 0 else "ov"
        if person.alt_surname and self.rng.random() < 0.5:
            if person.country == "KGZ":
                return "ov" if primary == "filial" else "filial"
            return "zoda"
        return primary

    def _names(self, person: Person, scheme: str) -> tuple[str, str, str, str]:
        """(family, given, patronymic, place) in the record's scheme, before corruption."""
        if person.country in CYRILLIC:
            assert isinstance(person.stem, str) and isinstance(person.given, str)
            family = cyrillic_surname(person.stem, person.sex, form=self._surname_form(person))
            patronymic = cyrillic_patronymic(str(person.father), person.sex, person.country, self.rng)
            parts = (family, person.given, patronymic, str(person.place))
            return tuple(render_cyrillic(p, scheme, self.rng) for p in parts)  # type: ignore[return-value]
        if person.country == "AFG":
            return self._afghan_names(person, scheme)
        family = latin_surname(str(person.stem), person.sex, person.country)
        patronymic = latin_patronymic(str(person.father), person.sex, person.country)
        parts = (family, str(person.given), patronymic, str(person.place))
        turkmen = person.country == "TKM"
        return tuple(render_latin(p, scheme, turkmen=turkmen) if p else "" for p in parts)  # type: ignore[return-value]

    def _afghan_names(self, person: Person, scheme: str) -> tuple[str, str, str, str]:
        index = 1 if scheme == "arabic" else 0
        parts = [person.stem[index], person.given[index], person.father[index], person.place[index]]
        if person.single_name:
            parts[0] = ""
        if scheme == "latin_variant":
            parts = [self._vowel_variant(p) for p in parts]
        elif scheme == "russian":
            parts = [render_latin(p.lower(), "russian") for p in parts]
        return tuple(parts)  # type: ignore[return-value]

    def _vowel_variant(self, text: str) -> str:
        swaps = [("o", "u"), ("u", "o"), ("ee", "i"), ("oo", "u"), ("a", "e"), ("w", "v"), ("i", "ee")]
        for old, new in self.rng.sample(swaps, len(swaps)):
            if old in text[1:]:
                pos = text.index(old, 1)
                return text[:pos] + new + text[pos + len(old) :]
        return text

    def _birth_date(self, person: Person, scheme: str) -> str:
        if person.country == "AFG" and scheme == "arabic" and self.rng.random() < 0.5:
            hijri = jdatetime.date.fromgregorian(date=person.dob)
            return (
                f"{hijri.year}"
                if self.rng.random() < 0.5
                else f"{hijri.year}-{hijri.month:02d}-{hijri.day:02d}"
            )
        return person.dob.isoformat()

    def _typo(self, text: str) -> str:
        if len(text) < 4:
            return text
        rng = self.rng
        pos = rng.randrange(1, len(text) - 1)
        kind = rng.choice(["delete", "double", "swap", "substitute"])
        if kind == "delete":
            return text[:pos] + text[pos + 1 :]
        if kind == "double":
            return text[:pos] + text[pos] + text[pos:]
        if kind == "swap":
            return text[: pos - 1] + text[pos] + text[pos - 1] + text[pos + 1 :]
        letters = [c for c in text.lower() if c.isalpha()]
        return text[:pos] + rng.choice(letters) + text[pos + 1 :]

    def _corrupt_date(self, value: str, tags: list[str]) -> str:
        rng = self.rng
        if len(value) != 10:
            return value
        roll = rng.random()
        cut = RATES["dob_missing"]
        if roll < cut:
            tags.append("dob_missing")
            return ""
        if roll < (cut := cut + RATES["dob_swap"]):
            tags.append("dob_swap")
            year, month, day = value.split("-")
            if rng.random() < 0.5 and int(day) <= 12:
                return f"{year}-{day}-{month}"
            swapped = day[::-1]
            return f"{year}-{month}-{swapped}" if 1 <= int(swapped) <= 28 else value
        if roll < (cut := cut + RATES["dob_default"]):
            tags.append("dob_default")
            return value[:4] + "-01-01"
        if roll < cut + RATES["dob_partial"]:
            tags.append("dob_partial")
            return value[:7] if rng.random() < 0.5 else value[:4]
        return value

    def record(
        self, person: Person, *, scheme: str | None = None, document_rate: float = 0.4
    ) -> dict[str, str]:
        """One record of ``person``; ``scheme`` fixes the source system (else drawn by country)."""
        rng = self.rng
        scheme = scheme or self.scheme_for(person.country)
        family, given, patronymic, place = self._names(person, scheme)
        if scheme in ("icao", "mvd1997", "ascii") and rng.random() < 0.7:
            family, given, patronymic, place = (p.upper() for p in (family, given, patronymic, place))
        elif scheme == "turkish" and rng.random() < 0.3:
            family, given, patronymic, place = (turkish_upper(p) for p in (family, given, patronymic, place))
        tags: list[str] = []
        if rng.random() < RATES["typo"]:
            tags.append("typo")
            if rng.random() < 0.5 or not family:
                given = self._typo(given)
            else:
                family = self._typo(family)
        if rng.random() < RATES["names_swapped"] and family:
            tags.append("names_swapped")
            family, given = given, family
        if rng.random() < RATES["no_patronymic"]:
            patronymic = ""
        if rng.random() < RATES["no_birthplace"]:
            place = ""
        self.next_record += 1
        return {
            "record_id": f"{self.record_prefix}r{self.next_record}",
            "family_name": family,
            "given_name": given,
            "patronymic": patronymic,
            "birth_date": self._corrupt_date(self._birth_date(person, scheme), tags),
            "sex": "" if rng.random() < RATES["no_sex"] else person.sex,
            "citizenship": "" if rng.random() < RATES["no_citizenship"] else person.country,
            "birth_place": place,
            "document_number": person.document if rng.random() < document_rate else "",
            "source": scheme,
            "entity_id": str(person.entity_id),
            "country": person.country,
            "scheme": scheme,
            "corruptions": "+".join(tags),
        }

    def records(self, n_records: int):
        """Yield about ``n_records`` records; 12 % of entities come with a look-alike entity."""
        produced = 0
        while produced < n_records:
            people = [self.person()]
            if self.rng.random() < 0.12:
                people.append(self.hard_negative(people[0]))
            for person in people:
                for _ in range(self.records_per_entity()):
                    yield self.record(person)
                    produced += 1


DATA_DIR = Path(__file__).with_name("data")


def data_path(n_records: int, seed: int) -> Path:
    """Where the benchmark keeps a generated set (git-ignored); the generator version is in the name."""
    return DATA_DIR / f"records_{n_records}_seed{seed}_g{GENERATOR_VERSION}.csv"


def generate(*, n_records: int, seed: int, out: Path, shard: int = 0) -> int:
    generator = Generator(seed, shard=shard)
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS)
        writer.writeheader()
        for row in generator.records(n_records):
            writer.writerow(row)
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shard", type=int, default=0, help="0: the set itself; k > 0: an extra shard")
    args = parser.parse_args(argv)
    count = generate(n_records=args.records, seed=args.seed, out=args.out, shard=args.shard)
    print(
        f"wrote {count:,} records to {args.out} (generator {GENERATOR_VERSION}, seed {args.seed})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
