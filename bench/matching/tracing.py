"""Tracing-shaped link sets: a few hundred family reports against thousands of records.

    nice .venv/bin/python -m bench.matching.tracing --reports 400 --records 6000 --seed 7 \\
        --report tracing.json

The work this shapes is tracing missing migrants: a family reports a person (left file,
written at home, often from what a relative says), and the records searched are what the
destination's systems hold (right file: foreign registrations, detention and hospital
records, passports). Unlike the balanced benchmark (``generate.py``, ``linkset.py``):

- the left side is small and the right large (400 against 6,000 by default);
- document numbers are rare (the family seldom knows the passport number: by default about
  4 % of true pairs share one);
- a share of the reports has **no** true record on the right (the person is not there), some
  of them siblings or namesakes of someone who is;
- birth dates are missing, year-only or defaulted to 1 January far more often, and some
  destination records (remains, detainees without papers) carry an **estimated age range**
  instead of a date, written as a range of birth years ``1984/1992``;
- Afghan name structures: no family name (the generator's single names), the **father's name
  used as the surname** on one side, **Mohammad** added on one side or dropped on the other;
- names **taken down from speech** on the family's side (vowels heard differently, final
  consonants devoiced, double letters single, Cyrillic unstressed о written а);
- Perso-Arabic on one side and Latin or Cyrillic on the other (the sides' source systems);
- **surname changes**: -ov ↔ -uulu / -kyzy (Kyrgyz), -ov → -zoda (Tajik) far more often than
  in the balanced set, and a married woman's new surname on one side;
- given and family name **in one field** (the other empty), or swapped (the generator's 10 %).

Each record is made by the project's generator (``generate.Generator``) with the scheme of the
side's source systems; the tracing shapes are applied on top and tagged in ``corruptions``.
``truth.csv`` lists the true left–right pairs. ``main`` generates a set, runs
``corridor match link`` and the naive baseline on it (each as its own process, as
``linkset.py`` does) and reports quality for both in one run.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.matching.generate import CYRILLIC, OUTPUT_COLUMNS, Generator, Person

# Respellings of a name heard, not read (Latin and Cyrillic): one or two per name.
_HEARD_LATIN = [
    ("o", "u"), ("u", "o"), ("e", "i"), ("i", "e"), ("a", "e"), ("kh", "h"), ("y", "i"),
    ("dzh", "j"), ("ll", "l"), ("mm", "m"), ("ss", "s"), ("w", "v"),
]  # fmt: skip
_HEARD_CYRILLIC = [("о", "а"), ("е", "и"), ("и", "е"), ("ы", "и"), ("нн", "н"), ("лл", "л"), ("мм", "м")]
_DEVOICED = {
    "d": "t",
    "b": "p",
    "z": "s",
    "v": "f",
    "g": "k",
    "д": "т",
    "б": "п",
    "з": "с",
    "в": "ф",
    "г": "к",
}
_MOHAMMAD = ("Mohammad", "محمد")

TRACING_VERSION = "1.0"
# Source systems of each side, per country group (Cyrillic states, Turkic-Latin states, Afghanistan).
LEFT_SCHEMES: dict[str, list[tuple[str, float]]] = {
    "cyr": [("cyrillic", 0.65), ("russian", 0.35)],
    "lat": [("native", 0.85), ("russian", 0.15)],
    "afg": [("arabic", 0.6), ("latin", 0.25), ("russian", 0.15)],
}
RIGHT_SCHEMES: dict[str, list[tuple[str, float]]] = {
    "cyr": [("russian", 0.4), ("icao", 0.25), ("mvd1997", 0.15), ("turkish", 0.2)],
    "lat": [("native", 0.3), ("ascii", 0.3), ("turkish", 0.2), ("russian", 0.2)],
    "afg": [("latin", 0.45), ("latin_variant", 0.2), ("russian", 0.2), ("arabic", 0.15)],
}


@dataclass(frozen=True, slots=True)
class Shape:
    """Rates of the tracing shapes (fractions of records of the side named)."""

    reports: int = 400
    records: int = 6000
    unmatched: float = 0.25  # reports whose person has no record on the right
    unmatched_lookalike: float = 0.5  # of those, a sibling, twin or namesake of a right person
    left_document: float = 0.1
    right_document: float = 0.4
    left_dates: dict[str, float] = field(
        default_factory=lambda: {"missing": 0.2, "year_only": 0.2, "default_0101": 0.08}
    )
    right_dates: dict[str, float] = field(
        default_factory=lambda: {"missing": 0.05, "default_0101": 0.05, "age_range": 0.08}
    )
    mohammad: float = 0.35  # Afghan men: "Mohammad" prefixed on one side only
    father_as_surname: float = 0.3  # Afghans: the father's name as surname on one side
    surname_change: float = 0.25  # Kyrgyz and Tajik people: either surname form per record
    married: float = 0.15  # women born before 2000: a husband's surname on the destination side
    speech: float = 0.3  # reports written from what a relative said
    one_field: float = 0.08  # reports with the whole name in one field


def _group(country: str) -> str:
    return "cyr" if country in CYRILLIC else "afg" if country == "AFG" else "lat"


def _choose(rng: random.Random, options: list[tuple[str, float]]) -> str:
    names, weights = zip(*options, strict=True)
    return rng.choices(names, weights=weights)[0]


class TracingSet:
    def __init__(self, seed: int, shape: Shape | None = None) -> None:
        self.shape = shape or Shape()
        self.gen = Generator(seed)
        self.rng = random.Random(seed * 7919 + 1)
        self.sides: dict[int, dict[str, Person]] = {}  # entity → side → the person as that side knows them

    @staticmethod
    def _tag(row: dict[str, str], tag: str) -> None:
        row["corruptions"] = "+".join(filter(None, [row["corruptions"], tag]))

    def as_known(self, person: Person, side: str) -> tuple[Person, list[str]]:
        """The person as one side knows them (name structure decided once per person); tags."""
        if person.entity_id not in self.sides:
            self.sides[person.entity_id] = self._split(person)
        known = self.sides[person.entity_id]
        return known[side], known.get(f"{side}_tags", [])  # type: ignore[return-value]

    def _split(self, person: Person) -> dict[str, Any]:
        shape, rng = self.shape, self.rng
        left, right = person, person
        tags: dict[str, list[str]] = {"left": [], "right": []}
        pool = self.gen.pools.by_country[person.country]
        if person.country == "AFG":
            if person.sex == "M" and rng.random() < shape.mohammad and person.given != _MOHAMMAD:
                given = person.given
                assert isinstance(given, tuple)
                side = rng.choice(["left", "right"])
                with_prefix = replace(
                    person, given=(f"{_MOHAMMAD[0]} {given[0]}", f"{_MOHAMMAD[1]} {given[1]}")
                )
                left, right = (with_prefix, right) if side == "left" else (left, with_prefix)
                tags[side].append("t_mohammad")
            if rng.random() < shape.father_as_surname:
                side = rng.choice(["left", "right"])
                if side == "left":
                    left = replace(left, stem=person.father, single_name=False)
                else:
                    right = replace(right, stem=person.father, single_name=False)
                tags[side].append("t_father_as_surname")
        if person.country in ("KGZ", "TJK") and rng.random() < shape.surname_change:
            left, right = replace(left, alt_surname=True), replace(right, alt_surname=True)
        if person.sex == "F" and person.dob.year < 2000 and rng.random() < shape.married:
            right = replace(right, stem=pool["stems"].draw())
            tags["right"].append("t_married")
        return {"left": left, "right": right, "left_tags": tags["left"], "right_tags": tags["right"]}

    def _heard(self, text: str) -> str:
        if not text:
            return text
        rng = self.rng
        table = _HEARD_CYRILLIC if any("а" <= c.lower() <= "я" for c in text) else _HEARD_LATIN
        for _ in range(rng.choice([1, 1, 2])):
            same_length = len(text.lower()) == len(text)  # İ lowers to two characters
            options = [(a, b) for a, b in table if same_length and a in text[1:].lower()]
            if options and rng.random() < 0.7:
                a, b = rng.choice(options)
                pos = text.lower().index(a, 1)
                text = text[:pos] + (b.upper() if text[pos].isupper() else b) + text[pos + len(a) :]
            elif text[-1].lower() in _DEVOICED:
                end = _DEVOICED[text[-1].lower()]
                text = text[:-1] + (end.upper() if text[-1].isupper() else end)
        return text

    def _report_shapes(self, row: dict[str, str]) -> None:
        rng, shape = self.rng, self.shape
        if rng.random() < shape.speech:
            for column in ("family_name", "given_name", "patronymic"):
                row[column] = " ".join(self._heard(w) for w in row[column].split())
            self._tag(row, "t_speech")
        if rng.random() < shape.one_field and row["family_name"] and row["given_name"]:
            if rng.random() < 0.5:
                row["family_name"], row["given_name"] = f"{row['family_name']} {row['given_name']}", ""
            else:
                row["given_name"], row["family_name"] = f"{row['given_name']} {row['family_name']}", ""
            self._tag(row, "t_one_field")

    def _age_range(self, row: dict[str, str]) -> None:
        """An estimated age range as birth years (remains, detainees): 5–12 years wide, true year inside."""
        year = int(row["birth_date"][:4])
        width = self.rng.randint(5, 12)
        start = year - self.rng.randint(0, width)
        row["birth_date"] = f"{start}/{start + width}"

    def _date(self, row: dict[str, str], rates: dict[str, float]) -> None:
        value = row["birth_date"]
        if len(value) != 10:
            return
        roll, cut = self.rng.random(), 0.0
        for shape, rate in rates.items():
            cut += rate
            if roll < cut:
                self._tag(row, f"t_{shape}")
                if shape == "age_range":
                    self._age_range(row)
                    return
                forms = {"missing": "", "year_only": value[:4], "default_0101": value[:4] + "-01-01"}
                row["birth_date"] = forms[shape]
                return

    def right_people(self) -> Iterator[Person]:
        gen = self.gen
        produced = 0
        while produced < self.shape.records:
            people = [gen.person()]
            if gen.rng.random() < 0.12:
                people.append(gen.hard_negative(people[0]))
            for person in people:
                yield person
                produced += 1

    def build(self) -> tuple[list[dict[str, str]], list[dict[str, str]], list[tuple[str, str]]]:
        """(left rows, right rows, true pairs)."""
        shape, gen, rng = self.shape, self.gen, self.rng
        right: list[dict[str, str]] = []
        people: list[Person] = []
        for person in self.right_people():
            people.append(person)
            # a destination system sometimes holds two records of one person
            known, tags = self.as_known(person, "right")
            for _ in range(2 if rng.random() < 0.08 else 1):
                row = gen.record(
                    known,
                    scheme=_choose(rng, RIGHT_SCHEMES[_group(person.country)]),
                    document_rate=shape.right_document,
                )
                for tag in tags:
                    self._tag(row, tag)
                self._date(row, shape.right_dates)
                right.append(row)
        left: list[dict[str, str]] = []
        matched = rng.sample(people, round(shape.reports * (1 - shape.unmatched)))
        reported: list[Person] = list(matched)
        for _ in range(shape.reports - len(matched)):
            if rng.random() < shape.unmatched_lookalike:
                reported.append(gen.hard_negative(rng.choice(people)))
            else:
                reported.append(gen.person())
        rng.shuffle(reported)
        for person in reported:
            known, tags = self.as_known(person, "left")
            row = gen.record(
                known,
                scheme=_choose(rng, LEFT_SCHEMES[_group(person.country)]),
                document_rate=shape.left_document,
            )
            for tag in tags:
                self._tag(row, tag)
            self._report_shapes(row)
            self._date(row, shape.left_dates)
            row["record_id"] = "q" + row["record_id"]
            left.append(row)
        by_entity: dict[str, list[str]] = {}
        for row in right:
            by_entity.setdefault(row["entity_id"], []).append(row["record_id"])
        truth = [(row["record_id"], r) for row in left for r in by_entity.get(row["entity_id"], [])]
        return left, right, truth


def write(out_dir: Path, seed: int, shape: Shape | None = None) -> tuple[Path, Path, Path]:
    """Write ``left.csv``, ``right.csv`` (generator columns) and ``truth.csv`` into ``out_dir``."""
    left, right, truth = TracingSet(seed, shape).build()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = out_dir / "left.csv", out_dir / "right.csv", out_dir / "truth.csv"
    for path, rows in zip(paths[:2], (left, right), strict=True):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    with paths[2].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left_id", "right_id"])
        writer.writerows(truth)
    return paths


def quality(pairs: Path, truth: Path, left: Path) -> dict[str, Any]:
    """The tracing figures of one run's pairs (written at threshold 0, so every scored pair).

    - P / R / F1 over the true left–right pairs at p ≥ 0.5 and 0.9;
    - recall@k: of the reports that have a true record, the share with one among their k most
      probable candidates (k = 1, 5);
    - false alarms: of the reports with **no** true record, the share given any pair at p ≥ 0.5.
    """
    with truth.open(encoding="utf-8") as handle:
        true = {(r["left_id"], r["right_id"]) for r in csv.DictReader(handle)}
    with left.open(encoding="utf-8") as handle:
        reports = [r["record_id"] for r in csv.DictReader(handle)]
    ranked: dict[str, list[tuple[float, str]]] = {}
    with pairs.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ranked.setdefault(row["left_id"], []).append((float(row["match_probability"]), row["right_id"]))
    for candidates in ranked.values():
        candidates.sort(key=lambda c: (-c[0], c[1]))
    out: dict[str, Any] = {"true_pairs": len(true)}
    for threshold in (0.5, 0.9):
        predicted = {(lid, rid) for lid, cs in ranked.items() for p, rid in cs if p >= threshold}
        tp = len(predicted & true)
        precision, recall = tp / max(len(predicted), 1), tp / max(len(true), 1)
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        out[f"p>={threshold}"] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    with_match = {lid for lid, _rid in true}
    for k in (1, 5):
        found = sum(1 for lid in with_match if any((lid, rid) in true for _p, rid in ranked.get(lid, [])[:k]))
        out[f"recall@{k}"] = round(found / max(len(with_match), 1), 4)
    without = [lid for lid in reports if lid not in with_match]
    alarms = sum(1 for lid in without if any(p >= 0.5 for p, _rid in ranked.get(lid, [])))
    out["reports_with_a_true_record"] = len(with_match)
    out["reports_without"] = len(without)
    out["false_alarm_rate"] = round(alarms / max(len(without), 1), 4)
    return out


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    from bench.matching.linkset import _run

    shape = Shape(reports=args.reports, records=args.records)
    out_dir = args.out_dir
    left, right, truth = write(out_dir, args.seed, shape)
    corridor = str(Path(sys.executable).with_name("corridor"))
    common = ["--left", str(left), "--right", str(right), "--threshold", "0"]
    commands = {
        "designed": [corridor, "match", "link", *common, "--out", str(out_dir / "pairs_designed.csv")],
        "naive_baseline": [
            sys.executable,
            "-m",
            "bench.matching.tracing",
            "worker",
            *common,
            "--out",
            str(out_dir / "pairs_naive_baseline.csv"),
        ],
    }
    report: dict[str, Any] = {
        "tracing_version": TRACING_VERSION,
        "seed": args.seed,
        "shape": {k: v for k, v in asdict(shape).items()},
    }
    with (
        left.open(encoding="utf-8") as a,
        right.open(encoding="utf-8") as b,
        truth.open(encoding="utf-8") as t,
    ):
        report["set"] = stats(list(csv.DictReader(a)), list(csv.DictReader(b)), list(csv.reader(t))[1:])
    for name, argv in commands.items():
        run = _run(argv)
        report[name] = {"run": run, **quality(out_dir / f"pairs_{name}.csv", truth, left)}
        print(f"[tracing] {name}: {report[name]}", file=sys.stderr)
    return report


def worker(argv: list[str]) -> int:
    """The naive baseline (NFKC, ASCII folding, lower case; everything else the same)."""
    parser = argparse.ArgumentParser(prog="tracing worker")
    parser.add_argument("--left", type=Path, required=True)
    parser.add_argument("--right", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args(argv)
    from corridor.matching import services
    from corridor.matching.engine import EngineConfig

    services.link_files(
        left=args.left,
        right=args.right,
        out=args.out,
        threshold=args.threshold,
        config=EngineConfig(naive=True),
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["worker"]:
        return worker(argv[1:])
    parser = argparse.ArgumentParser(description="Corridor matching: tracing-shaped link sets")
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--records", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out-dir", type=Path, required=True)
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    if args.generate_only:
        paths = write(args.out_dir, args.seed, Shape(reports=args.reports, records=args.records))
        print(f"wrote {', '.join(str(p) for p in paths)}", file=sys.stderr)
        return 0
    from bench.matching.run import emit_report

    emit_report(benchmark(args), args.report)
    return 0


def stats(left: list[dict[str, Any]], right: list[dict[str, Any]], truth: list[Any]) -> dict:
    docs = {r["record_id"]: r["document_number"] for r in right}
    lefts = {r["record_id"]: r["document_number"] for r in left}
    shared = sum(1 for a, b in truth if lefts[a] and lefts[a] == docs[b])
    return {"left": len(left), "right": len(right), "true_pairs": len(truth), "sharing_document": shared}


if __name__ == "__main__":
    raise SystemExit(main())
