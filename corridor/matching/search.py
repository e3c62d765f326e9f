"""Search mode: one record (or a few) against a registry, ranked, each field explained.

The scoring is the linkage model's own: the comparison levels of :mod:`model` (their SQL
conditions, in their order), with m and u from the stored model of a pair of sources when the
caller has one and from the fixed parameters (:mod:`parameters`) otherwise, every weight held
inside :data:`fallback.WEIGHT_MIN` … :data:`fallback.WEIGHT_MAX`. Nothing is trained: a query
against a handful of records must answer at once, and must answer the same way tomorrow.

Splink's ``predict()`` computes the same weights but runs a chain of queries and temporary
tables per call, which a search answering in well under a second cannot spend; so the level
conditions are evaluated here in
one DuckDB query over the candidate pairs and the weights added up as Fellegi–Sunter does
(prior weight + the level's log2(m/u) per comparison + term-frequency adjustments). The test
``tests/test_search.py`` holds these weights to Splink's own on the same pairs (ADR 0014).

:func:`search_prepared` scores prepared query records against prepared registry records in a
DuckDB table; :mod:`index` uses it over an index of millions, ``services.search_records`` over a
small registry passed in memory.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb

from corridor.matching import fallback, model, parameters

# A short human label per comparison level (the engine's level labels are long and technical).
SHORT_LEVELS: dict[str, dict[str, str]] = {
    "full_name": {
        "null": "missing",
        "exact original": "exact",
        "exact pivot": "transliteration",
        "exact skeleton": "same name across scripts",
        "same stems in any order": "same names, order or suffix differs",
        "both names JW ≥ 0.92": "very similar",
        "spelling variants agree": "spelling variant",
        "both names JW ≥ 0.80": "similar",
        "given name agrees, family name does not": "given name only",
        "family name agrees, given name does not": "family name only",
        "All other comparisons": "different",
    },
    "patronymic": {
        "null": "missing",
        "exact stem": "exact",
        "Jaro-Winkler distance of pat_pivot >= 0.88": "similar",
        "same consonant key": "transliteration",
        "All other comparisons": "different",
    },
    "birth_date": {
        "null": "missing",
        "exact": "exact",
        "one digit or two adjacent digits": "one digit differs",
        "day and month swapped": "day and month swapped",
        "same year and month, a day missing": "same month, day missing",
        "same year (partial date, default 01-01 or other)": "same year",
        "birth year inside the estimated age range": "within the estimated age range",
        "year ± 1": "within 1 year",
        "All other comparisons": "different",
    },
    "sex": {
        "sex_n is NULL": "missing",
        "Exact match on sex_n": "exact",
        "All other comparisons": "different",
    },
    "origin": {
        "null": "missing",
        "same birthplace": "same birthplace",
        "birthplace JW ≥ 0.85": "similar birthplace",
        "birthplace by consonants": "same birthplace across scripts",
        "different birthplaces": "different birthplaces",
        "same citizenship, a birthplace missing": "same citizenship",
        "All other comparisons": "different",
    },
    "document_number": {
        "doc is NULL": "missing",
        "Exact match on doc": "exact",
        "All other comparisons": "different",
    },
}

# Raw input columns shown for each comparison in an explanation.
DISPLAY_COLUMNS: dict[str, tuple[str, ...]] = {
    "full_name": ("given_name", "family_name"),
    "patronymic": ("patronymic",),
    "birth_date": ("birth_date",),
    "sex": ("sex",),
    "origin": ("birth_place", "citizenship"),
    "document_number": ("document_number",),
}
# Query fields that make a search meaningful: without any of them every record scores alike.
SEARCH_FIELDS = ("family_name", "given_name", "patronymic", "birth_date", "document_number")


@dataclass(frozen=True, slots=True)
class FieldExplanation:
    field: str  # comparison: full_name, patronymic, birth_date, sex, origin, document_number
    query_value: str  # what the query says (raw input)
    record_value: str  # what the record says (raw input)
    level: str  # short label of the comparison level, e.g. "transliteration", "within 1 year"
    bits: float  # this field's weight, log2 of its Bayes factor (term frequencies included)


@dataclass(frozen=True, slots=True)
class SearchHit:
    record_id: str
    match_probability: float
    match_weight: float  # prior weight + the fields' bits
    explanation: list[FieldExplanation]


@dataclass(frozen=True, slots=True)
class Level:
    label: str  # the engine's level label (``label_for_charts``)
    sql: str  # its condition over ``<column>_l`` / ``<column>_r``
    weight: float  # log2(m/u), bounded; 0 for the null level
    tf_column: str | None = None  # term-frequency adjusted on this column
    u_exact: float | None = None  # u of the comparison's exact level on the TF column (Splink's anchor)


@dataclass(frozen=True, slots=True)
class Comparison:
    field: str
    levels: tuple[Level, ...]  # the null level first, as in the model


@dataclass(frozen=True, slots=True)
class ScoringModel:
    comparisons: tuple[Comparison, ...]
    source: str  # "fixed" or "stored"

    def tf_columns(self) -> list[str]:
        return sorted({lv.tf_column for c in self.comparisons for lv in c.levels if lv.tf_column})


@cache
def _model_comparisons() -> tuple[dict[str, Any], ...]:
    data = model.settings(link_type="link_only").create_settings_dict("duckdb")
    return tuple(data["comparisons"])


def _bounded(m: float, u: float) -> float:
    weight = math.log2(max(m, 1e-300) / u) if u > 0 else 0.0
    return min(max(weight, fallback.WEIGHT_MIN), fallback.WEIGHT_MAX)


def scoring_model(stored: Mapping[str, Any] | None = None, *, term_frequencies: bool = False) -> ScoringModel:
    """The model's levels with weights: a stored model's m/u where it has them, else the fixed.

    ``stored`` is a Splink model (a source pair's ``SourcePairModel.model``); levels it lacks
    (another engine's labels) take the fixed parameters. ``term_frequencies``: keep the model's
    TF adjustments (only where the registry's frequencies are known: :mod:`index`).
    """
    levels_of = fallback.levels_of(stored) if stored else {}
    comparisons = []
    for spec in _model_comparisons():
        name = spec["output_column_name"]
        table = {**parameters.LEVELS.get(name, {}), **levels_of.get(name, {})}
        exact_u: dict[str, float] = {}
        for level in spec["comparison_levels"]:
            column, label = level.get("tf_adjustment_column"), level["label_for_charts"]
            if column and level["sql_condition"] == f"{column}_l = {column}_r" and label in table:
                exact_u[column] = table[label][1]
        levels = []
        for level in spec["comparison_levels"]:
            label = level["label_for_charts"]
            if level.get("is_null_level") or label not in table:
                weight = 0.0
            else:
                weight = _bounded(*table[label])
            column = level.get("tf_adjustment_column") if term_frequencies else None
            anchor = exact_u.get(column) if column else None
            if column and anchor is None:
                # no exact level on the column: anchor at the level's own u (as Splink does)
                anchor = table.get(label, (None, None))[1]
            levels.append(
                Level(
                    label=label,
                    sql=level["sql_condition"],
                    weight=weight,
                    tf_column=column if anchor else None,
                    u_exact=anchor,
                )
            )
        comparisons.append(Comparison(field=name, levels=tuple(levels)))
    return ScoringModel(comparisons=tuple(comparisons), source="stored" if levels_of else "fixed")


def prior_for(registry_size: int) -> float:
    """One true record at most among the registry's: 1/N, never above the small-registry prior."""
    return min(parameters.PRIOR, 1.0 / max(registry_size, 1))


def _gamma(comparison: Comparison) -> str:
    whens = []
    for index, level in enumerate(comparison.levels):
        if level.sql.strip().upper() == "ELSE":
            whens.append(f"ELSE {index}")
        else:
            whens.append(f"WHEN {level.sql} THEN {index}")
    if not whens[-1].startswith("ELSE"):
        whens.append("ELSE -1")
    return f"CASE {' '.join(whens)} END"


def _weight(comparison: Comparison, gamma: str) -> str:
    parts = " ".join(f"WHEN {i} THEN {lv.weight!r}" for i, lv in enumerate(comparison.levels) if lv.weight)
    base = f"(CASE {gamma} {parts} ELSE 0.0 END)" if parts else "0.0"
    tf = [
        f"WHEN {gamma} = {i} THEN coalesce(log2({lv.u_exact!r} / "
        f"greatest(tf_{lv.tf_column}_l, tf_{lv.tf_column}_r)), 0.0)"
        for i, lv in enumerate(comparison.levels)
        if lv.tf_column and lv.u_exact
    ]
    return f"{base} + (CASE {' '.join(tf)} ELSE 0.0 END)" if tf else base


def scoring_sql(
    scoring: ScoringModel, pairs: str, *, prior: float, top: int, carry: Sequence[str] = ()
) -> str:
    """SQL ranking the pairs of the relation ``pairs`` (``qno``, ``record_id_r`` and every compared
    column as ``<column>_l`` / ``<column>_r``, TF columns as ``tf_<column>_l/_r``): the ``top``
    best records per query with the level index and weight of each comparison. ``pairs`` may be
    a parenthesised subquery with an alias; ``carry``: more of its columns to return."""
    prior_weight = math.log2(prior / (1.0 - prior))
    twin = _twin_condition(scoring)
    gammas = ", ".join(f"{_gamma(c)} AS g_{c.field}" for c in scoring.comparisons)
    weights = ", ".join(f"{_weight(c, 'g_' + c.field)} AS w_{c.field}" for c in scoring.comparisons)
    total = " + ".join(f"w_{c.field}" for c in scoring.comparisons)
    levels = ", ".join("g_" + c.field for c in scoring.comparisons)
    return f"""
        WITH g AS (SELECT *, {gammas} FROM {pairs}),
        w AS (SELECT qno, record_id_r, {"".join(c + ", " for c in carry)}{levels}, {weights} FROM g),
        t AS (SELECT *, {prior_weight!r} + {total} AS raw_weight FROM w),
        c AS (
            SELECT *, CASE WHEN {twin} THEN least(raw_weight, {model.TWIN_CAP!r}) ELSE raw_weight END
                AS match_weight FROM t
        )
        SELECT *, match_weight - raw_weight AS w_twins FROM c
        QUALIFY row_number() OVER (
            PARTITION BY qno ORDER BY match_weight DESC, raw_weight DESC, record_id_r) <= {int(top)}
        ORDER BY qno, match_weight DESC, raw_weight DESC, record_id_r
    """  # noqa: S608 — identifiers are the model's own


def _level_indices(scoring: ScoringModel, field: str, labels: Sequence[str]) -> list[int]:
    for comparison in scoring.comparisons:
        if comparison.field == field:
            return [i for i, level in enumerate(comparison.levels) if level.label in labels]
    return []


def _twin_condition(scoring: ScoringModel) -> str:
    """SQL: the names agree only in the family name and the birth dates agree (:data:`model.TWIN_CAP`)."""
    names = _level_indices(scoring, "full_name", model.TWIN_NAME_LEVELS)
    dates = _level_indices(scoring, "birth_date", model.TWIN_DATE_LEVELS)
    if not names or not dates:
        return "false"
    in_names, in_dates = ", ".join(map(str, names)), ", ".join(map(str, dates))
    return f"(g_full_name IN ({in_names}) AND g_birth_date IN ({in_dates}))"


def probability(weight: float) -> float:
    # 2^w / (1 + 2^w), without overflow for large |w|
    return 1.0 / (1.0 + 2.0 ** (-weight)) if weight > -1000 else 0.0


def _text(row: Mapping[str, Any], columns: Sequence[str]) -> str:
    return " ".join(str(row.get(c) or "").strip() for c in columns if str(row.get(c) or "").strip())


def explain(
    scoring: ScoringModel,
    row: Mapping[str, Any],
    query_raw: Mapping[str, Any],
    record_raw: Mapping[str, Any],
) -> list[FieldExplanation]:
    """The per-field explanation of one scored row of :func:`scoring_sql`."""
    out = []
    for comparison in scoring.comparisons:
        index = int(row[f"g_{comparison.field}"])
        label = comparison.levels[index].label if 0 <= index < len(comparison.levels) else "?"
        columns = DISPLAY_COLUMNS.get(comparison.field, ())
        out.append(
            FieldExplanation(
                field=comparison.field,
                query_value=_text(query_raw, columns),
                record_value=_text(record_raw, columns),
                level=SHORT_LEVELS.get(comparison.field, {}).get(label, label),
                bits=round(float(row[f"w_{comparison.field}"]), 3),
            )
        )
    twin = float(row.get("w_twins") or 0.0)
    if twin:
        out.append(
            FieldExplanation(
                field="twins",
                query_value=_text(query_raw, ("given_name",)),
                record_value=_text(record_raw, ("given_name",)),
                level="same family and birth date, another given name",
                bits=round(twin, 3),
            )
        )
    return out


def has_search_fields(query: Mapping[str, Any]) -> bool:
    return any(str(query.get(c) or "").strip() for c in SEARCH_FIELDS)


_BASE: list[duckdb.DuckDBPyConnection] = []
_BASE_LOCK = threading.Lock()


def connect() -> duckdb.DuckDBPyConnection:
    """A fresh connection (a cursor) to one in-memory database kept for the process.

    Opening a DuckDB database costs about 0.1 s; a cursor costs nothing and has its own
    registered tables and temporary views, so concurrent searches do not see each other's.
    """
    with _BASE_LOCK:
        if not _BASE:
            base = duckdb.connect()
            base.execute("SET preserve_insertion_order = false")
            _BASE.append(base)
        return _BASE[0].cursor()
