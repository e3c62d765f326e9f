from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bench.matching.generate import generate


@pytest.fixture(scope="session")
def generated_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 labelled synthetic records (seed 11), shared by the engine and CLI tests."""
    path = tmp_path_factory.mktemp("matching") / "records.csv"
    generate(n_records=2000, seed=11, out=path)
    return path


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def true_pairs(rows: list[dict[str, str]]) -> set[frozenset[str]]:
    by_entity: dict[str, list[str]] = {}
    for row in rows:
        by_entity.setdefault(row["entity_id"], []).append(row["record_id"])
    return {frozenset((a, b)) for ids in by_entity.values() for a in ids for b in ids if a < b}


def f1(predicted: set[frozenset[str]], truth: set[frozenset[str]]) -> float:
    tp = len(predicted & truth)
    if not tp:
        return 0.0
    precision, recall = tp / len(predicted), tp / len(truth)
    return 2 * precision * recall / (precision + recall)
