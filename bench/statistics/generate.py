"""Deterministic synthetic data for the statistics benchmark.

``upload_csv`` writes one provider's SDMX-CSV 2.0 file whose totals are consistent, so the
validator finds no error: for every period and citizenship, SEX ``_T = F + M`` and the AGE
hierarchy (``_T = Y_LT18 + Y_GE18``, ``Y_LT18 = Y_LT14 + Y14T17``, ``Y_GE18`` = its six
bands) are exact sums of random leaves, and the ``_T`` citizenship is the sum of the
citizenships present. Only the leaves are drawn, from ``random.Random(seed)``.

``TOPN_SQL`` fills the Observation table directly (synthetic published vintages, many
providers, periods, citizenships and series) for the top-N query benchmark.
"""

from __future__ import annotations

import io
import random

SEXES = ("F", "M")
AGE_GROUPS = {
    "Y_LT18": ("Y_LT14", "Y14T17"),
    "Y_GE18": ("Y18T24", "Y25T34", "Y35T44", "Y45T54", "Y55T64", "Y_GE65"),
}
AGE_LEAVES = tuple(leaf for leaves in AGE_GROUPS.values() for leaf in leaves)
CELLS_PER_CITIZENSHIP = 3 * (len(AGE_LEAVES) + len(AGE_GROUPS) + 1)  # sex (F, M, _T) × 11 ages


def monthly_periods(count: int, first_year: int = 2011) -> list[str]:
    return [f"{first_year + i // 12}-{i % 12 + 1:02d}" for i in range(count)]


def _ages(leaves: dict[str, int]) -> dict[str, int]:
    ages = dict(leaves)
    for group, members in AGE_GROUPS.items():
        ages[group] = sum(leaves[m] for m in members)
    ages["_T"] = ages["Y_LT18"] + ages["Y_GE18"]
    return ages


def _citizenship_cells(rng: random.Random, weight: int) -> dict[tuple[str, str], int]:
    cells: dict[tuple[str, str], int] = {}
    for sex in SEXES:
        for age, value in _ages({a: rng.randint(0, weight) for a in AGE_LEAVES}).items():
            cells[(sex, age)] = value
    for age in (*AGE_LEAVES, *AGE_GROUPS, "_T"):
        cells[("_T", age)] = cells[("F", age)] + cells[("M", age)]
    return cells


def upload_csv(
    *, flow_id: str, dimensions: tuple[str, ...], provider: str, citizenships: list[str], rows: int, seed: int
) -> tuple[bytes, int]:
    """About ``rows`` observations (whole citizenship blocks of 33 cells); returns (file, rows)."""
    rng = random.Random(seed)
    weights = {c: max(2, int(4000 / (i + 1))) for i, c in enumerate(citizenships)}
    per_period = (len(citizenships) + 1) * CELLS_PER_CITIZENSHIP
    periods = monthly_periods(max(1, round(rows / per_period)))
    header = ["STRUCTURE", "STRUCTURE_ID", "FREQ", "REF_AREA", *dimensions, "TIME_PERIOD", "OBS_VALUE"]
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    prefix = f"dataflow,ALMATY:{flow_id}(1.0),M,{provider},"
    rest = {d: "_T" for d in dimensions}
    written = 0
    for period in periods:
        totals: dict[tuple[str, str], int] = {}
        for citizenship in citizenships:
            for (sex, age), value in _citizenship_cells(rng, weights[citizenship]).items():
                totals[(sex, age)] = totals.get((sex, age), 0) + value
                _line(out, prefix, dimensions, rest, citizenship, sex, age, period, value)
                written += 1
        for (sex, age), value in totals.items():
            _line(out, prefix, dimensions, rest, "_T", sex, age, period, value)
            written += 1
    return out.getvalue().encode(), written


def _line(
    out: io.StringIO,
    prefix: str,
    dimensions: tuple[str, ...],
    rest: dict[str, str],
    citizenship: str,
    sex: str,
    age: str,
    period: str,
    value: int,
) -> None:
    codes = {**rest, "CITIZENSHIP": citizenship, "SEX": sex, "AGE": age}
    out.write(f"{prefix}{','.join(codes[d] for d in dimensions)},{period},{value}\n")


# One INSERT … SELECT per (provider, dataflow): the cross product of periods × citizenships
# × series keys, with a deterministic value (a hash of the cell, skewed by citizenship rank)
# so that repeated runs build the same table.
TOPN_SQL = """
INSERT INTO statistics_observation (
    submission_id, dataflow_id, state_id, time_period, key, citizenship, rest_key, value,
    obs_status, conf_status, comment, is_current, is_released, is_public, published_value)
SELECT %(submission)s, %(flow)s, %(state)s, p.period, c.code || '.' || r.rest, c.code, r.rest,
       v.value, '', '', '', true, true, true, v.value
FROM unnest(%(periods)s::text[]) AS p(period)
CROSS JOIN unnest(%(citizenships)s::text[]) WITH ORDINALITY AS c(code, rank)
CROSS JOIN unnest(%(rests)s::text[]) AS r(rest)
CROSS JOIN LATERAL (
    SELECT (abs(hashtext(%(state)s || p.period || c.code || r.rest)) %% 1000) * 20 / (c.rank + 4)
) AS v(value)
"""
