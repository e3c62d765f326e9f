"""Linkage engine on a small generated set: quality floor and the candidates_for service."""

from __future__ import annotations

import time

from corridor.matching.records import read_records_csv
from corridor.matching.services import candidates_for
from corridor.matching.tests.conftest import f1, read_rows, true_pairs

# Measured F1 at p ≥ 0.5 on this set (generator 2.0, seed 11, 2,000 records) was 0.957 (three
# runs, identical); the floor leaves a margin for DuckDB's parallel sampling on other machines.
MEASURED_F1 = 0.957
F1_FLOOR = 0.93


def test_dedupe_on_generated_records_reaches_the_measured_f1(generated_csv):
    # given
    rows = read_rows(generated_csv)
    table = read_records_csv(generated_csv)
    # when
    # CPU time of all threads, not wall clock: on the shared 2-core machine the wall clock of
    # this run reached 75 s under other jobs' load, which says nothing about the engine
    start = time.process_time()
    candidates = candidates_for(left=table, threshold=0.5)
    elapsed = time.process_time() - start
    # then
    predicted = {frozenset((c.left_id, c.right_id)) for c in candidates}
    assert f1(predicted, true_pairs(rows)) >= F1_FLOOR
    assert elapsed < 30
    assert all(0.5 <= c.match_probability <= 1 for c in candidates)


def test_link_puts_left_ids_first(generated_csv):
    rows = read_rows(generated_csv)[:600]
    left, right = rows[::2], rows[1::2]
    candidates = candidates_for(left=left, right=right, threshold=0.5)
    left_ids = {r["record_id"] for r in left}
    right_ids = {r["record_id"] for r in right}
    assert candidates
    assert all(c.left_id in left_ids and c.right_id in right_ids for c in candidates)
