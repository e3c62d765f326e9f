"""u probabilities from one random sample of record pairs, all comparisons in one pass (DuckDB).

Splink's ``estimate_u_using_random_sampling`` evaluates the comparisons one at a time, each in
up to ten chunks plus a probe, and stops early only when every level has 100 observations. The
exact-name and document levels never get there among random pairs, so the cartesian sample was
evaluated about eleven times for each of those comparisons (89 s of a 133 s profiling run at 100k). Here
the sample is joined once, every comparison vector is computed in the same query, and the
counts per level come from one ``GROUPING SETS`` aggregate. The sample is the same kind
(records chosen by a seeded hash, all pairs among them, term frequencies off) and the values
are stored through Splink's own setter; when both see all pairs, the u values are Splink's
exactly (tests/test_blocking.py). Only the records drawn into the sample differ.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

import duckdb
from splink import Linker
from splink.internals.constants import LEVEL_NOT_OBSERVED_TEXT
from splink.internals.m_u_records_to_parameters import (
    append_u_probability_to_comparison_level_trained_probabilities,
)


def _sample_size(n_records: int, max_pairs: float) -> int:
    """Records whose all-pairs product is about ``max_pairs`` (n (n − 1) / 2 = max_pairs)."""
    return min(n_records, int(0.5 * ((8 * max_pairs + 1) ** 0.5 + 1)))


def _sample_sql(inputs: list[str], *, per_input: list[int], seed: int) -> list[str]:
    """Records chosen by a seeded hash of their id (reproducible whatever the thread count)."""
    out = []
    for i, (name, k) in enumerate(zip(inputs, per_input, strict=True)):
        dataset = f", 'side_{i}' AS source_dataset" if len(inputs) > 1 else ""
        out.append(
            f"SELECT *{dataset} FROM {name} ORDER BY hash(record_id, {int(seed)}) LIMIT {int(k)}"  # noqa: S608
        )
    return out


def _counts(con: duckdb.DuckDBPyConnection, linker: Linker, samples: list[str]) -> dict[str, dict[int, int]]:
    settings = deepcopy(linker._settings_obj)
    for comparison in settings.comparisons:
        for level in comparison.comparison_levels:
            level._tf_adjustment_column = None  # u ignores term frequencies, as in Splink
    columns = ", ".join(settings._columns_to_select_for_blocking)
    cases = ", ".join(c._case_statement for c in settings.comparisons)
    gammas = [c._gamma_column_name for c in settings.comparisons]
    left, right = (samples[0], samples[0]) if len(samples) == 1 else (samples[0], samples[1])
    condition = "l.record_id < r.record_id" if len(samples) == 1 else "TRUE"
    sets = ", ".join(f"({g})" for g in gammas)
    sql = f"""
        WITH l AS ({left}), r AS ({right}),
        pairs AS (SELECT {columns} FROM l JOIN r ON {condition}),
        cv AS (SELECT {cases} FROM pairs)
        SELECT {", ".join(gammas)}, count(*) AS n FROM cv GROUP BY GROUPING SETS ({sets})
    """  # noqa: S608
    out: dict[str, dict[int, int]] = {c.output_column_name: {} for c in settings.comparisons}
    for row in con.execute(sql).fetchall():
        for comparison, value in zip(settings.comparisons, row[:-1], strict=True):
            if value is not None:
                out[comparison.output_column_name][int(value)] = int(row[-1])
    return out


def estimate_u(
    linker: Linker, con: duckdb.DuckDBPyConnection, *, inputs: list[str], max_pairs: float, seed: int
) -> int:
    """Set the u probability of every non-null level from ~``max_pairs`` random pairs; their number."""
    sizes = [int(con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in inputs]  # noqa: S608
    if len(inputs) == 1:
        per_input = [_sample_size(sizes[0], max_pairs)]
    else:
        share = (max_pairs / max(sizes[0] * sizes[1], 1)) ** 0.5
        per_input = [max(1, min(n, int(n * share) + 1)) for n in sizes]
    counts = _counts(con, linker, _sample_sql(inputs, per_input=per_input, seed=seed))
    for comparison in linker._settings_obj.comparisons:
        levels = comparison._comparison_levels_excluding_null
        found = counts[comparison.output_column_name]
        total = sum(found.get(int(level.comparison_vector_value), 0) for level in levels)
        lookup: dict[str, Any] = {comparison.output_column_name: {}}
        for level in levels:
            n = found.get(int(level.comparison_vector_value), 0)
            u = n / total if n and total else LEVEL_NOT_OBSERVED_TEXT
            lookup[comparison.output_column_name][level.comparison_vector_value] = {"u_probability": u}
        for level in levels:
            append_u_probability_to_comparison_level_trained_probabilities(
                level, lookup, comparison.output_column_name, "estimate u by random sampling"
            )
    linker._populate_m_u_from_trained_values()
    first = linker._settings_obj.comparisons[0].output_column_name
    return sum(counts[first].values())
