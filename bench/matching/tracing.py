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
- birth dates are missing, year-only or defaulted to 1 January far more often.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.matching.generate import CYRILLIC, OUTPUT_COLUMNS, Generator, Person

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
    right_dates: dict[str, float] = field(default_factory=lambda: {"missing": 0.05, "default_0101": 0.05})


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

    def _date(self, row: dict[str, str], rates: dict[str, float]) -> None:
        value = row["birth_date"]
        if len(value) != 10:
            return
        roll, cut = self.rng.random(), 0.0
        for shape, rate in rates.items():
            cut += rate
            if roll < cut:
                row["corruptions"] = "+".join(filter(None, [row["corruptions"], f"t_{shape}"]))
                row["birth_date"] = {
                    "missing": "",
                    "year_only": value[:4],
                    "default_0101": value[:4] + "-01-01",
                }[shape]
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
            for _ in range(2 if rng.random() < 0.08 else 1):
                row = gen.record(
                    person,
                    scheme=_choose(rng, RIGHT_SCHEMES[_group(person.country)]),
                    document_rate=shape.right_document,
                )
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
            row = gen.record(
                person,
                scheme=_choose(rng, LEFT_SCHEMES[_group(person.country)]),
                document_rate=shape.left_document,
            )
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Corridor matching: tracing-shaped link sets")
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--records", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    shape = Shape(reports=args.reports, records=args.records)
    paths = write(args.out_dir, args.seed, shape)
    print(f"wrote {', '.join(str(p) for p in paths)}", file=sys.stderr)
    return 0


def stats(left: list[dict[str, Any]], right: list[dict[str, Any]], truth: list[tuple[str, str]]) -> dict:
    docs = {r["record_id"]: r["document_number"] for r in right}
    lefts = {r["record_id"]: r["document_number"] for r in left}
    shared = sum(1 for a, b in truth if lefts[a] and lefts[a] == docs[b])
    return {"left": len(left), "right": len(right), "true_pairs": len(truth), "sharing_document": shared}


if __name__ == "__main__":
    raise SystemExit(main())
