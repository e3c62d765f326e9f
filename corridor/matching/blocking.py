"""Candidate pairs on DuckDB: every blocking rule of :mod:`model` in one pass over a key table.

Splink evaluates the 13 rules one after another and excludes, for each, the pairs of the rules
before it; with capped keys it first adds a window count per key to the input. Here each record emits
one row per non-null key (record number, key group, hashed value); a value shared by more than
``cap`` records is dropped (the same cap as before), and a single self-join on (group, value)
gives the union of all rules. Keys without a date carry the birth year, and the join keeps
their pairs only where a year is missing or the years differ by at most
:data:`model.YEAR_TOLERANCE` (the rules' :data:`model.YEAR_CONDITION`). The pairs are registered with Splink
(``register_blocked_pairs_for_predict``), so scoring is Splink's own. Spark keeps Splink's
rule-by-rule blocking from the same :data:`model.BLOCKING_RULES`; both give the same pairs.

Pairs can be produced in partitions (by the left record number) so that a very large set is
scored and written out part by part with bounded memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from corridor.matching import model

# A rule "l.A = r.B" with A ≠ B joins two keys: they share a group and differ in role. Pairs of
# the second role with itself are not a rule (k_swapped = k_swapped) and are excluded.
_CROSS_KEYS: dict[str, tuple[str, int]] = {
    "k_swapped": ("k_fam_given", 1),
    "k_given_year_swapped": ("k_given_year", 1),
    "k_given_father": ("k_given_fam_cons", 1),
}


@dataclass(frozen=True, slots=True)
class KeyTable:
    """Names of the DuckDB tables that hold the keys and the record numbers."""

    keys: str
    ids: str
    link: bool


def _keys(tracing: bool) -> tuple[dict[str, str], frozenset[str], set[str]]:
    """Key expressions, year-tolerant keys and the rules they must reproduce."""
    if not tracing:
        return dict(model.BLOCK_KEYS), model.YEAR_TOLERANT, set(model.BLOCKING_RULES)
    keys = model.BLOCK_KEYS | model.TRACING_KEYS
    tolerant = model.YEAR_TOLERANT | model.TRACING_YEAR_TOLERANT
    return keys, tolerant, set(model.BLOCKING_RULES) | set(model.TRACING_RULES)


def _rule(a: str, b: str, tolerant: frozenset[str]) -> str:
    join = f"l.{a} = r.{b}"
    return f"{join} AND {model.YEAR_CONDITION}" if a in tolerant else join


def _groups(tracing: bool = False) -> dict[str, tuple[int, int]]:
    """Key column → (group number, role); checked against the rules so that they cannot drift."""
    keys, tolerant_keys, wanted = _keys(tracing)
    names = list(keys)
    groups: dict[str, tuple[int, int]] = {}
    for name in names:
        target, role = _CROSS_KEYS.get(name, (name, 0))
        groups[name] = (names.index(target), role)
    rules = {_rule(a, b, tolerant_keys) for a in names for b in names if groups[a][0] == groups[b][0]}
    rules -= {_rule(a, a, tolerant_keys) for a in names if groups[a][1] == 1}
    tolerant = {groups[name][0] for name in tolerant_keys}
    mixed = any(groups[name][0] in tolerant and name not in tolerant_keys for name in names)
    if rules != wanted or mixed:
        raise RuntimeError("blocking.py does not reproduce the model's blocking rules; update _CROSS_KEYS.")
    return groups


def is_tracing(con: duckdb.DuckDBPyConnection, inputs: Sequence[str], *, link: bool) -> bool:
    """A lopsided link (:func:`model.tracing_shape`): the tracing keys are added."""
    if not link:
        return False
    sizes = [int(con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]) for name in inputs]  # noqa: S608
    return model.tracing_shape(sizes)


def build_key_table(
    con: duckdb.DuckDBPyConnection,
    inputs: Sequence[str],
    *,
    cap: int,
    link: bool,
    tracing: bool | None = None,
) -> KeyTable:
    """Key table over the prepared ``inputs`` (one: dedupe, two: link).

    Each input has a ``_rid`` column numbering records across inputs. Splink's join keys
    (``record_id``, or ``side_<n>-__-record_id`` when linking) are kept in the ids table.
    ``tracing``: add :data:`model.TRACING_KEYS` (default: when the link is tracing-shaped).
    """
    if tracing is None:
        tracing = is_tracing(con, inputs, link=link)
    ids = []
    rows = []
    groups = _groups(tracing)
    keys, tolerant, _rules = _keys(tracing)
    for side, name in enumerate(inputs):
        jk = f"'side_{side}-__-' || record_id" if link else "record_id"
        ids.append(f"SELECT _rid, {jk} AS jk FROM {name}")  # noqa: S608
        for column, (group, role) in groups.items():
            expr = keys[column]
            # the birth year only where the rule looks at it (keys without a date)
            year = "dob_y" if column in tolerant else "NULL"
            rows.append(
                f"SELECT _rid AS rid, {side}::UTINYINT AS side, {group}::UTINYINT AS g, "  # noqa: S608
                f"{role}::UTINYINT AS role, '{column}' AS kc, hash({expr}) AS v, "
                f"{year}::SMALLINT AS y FROM {name} WHERE ({expr}) IS NOT NULL"
            )
    con.execute(f"CREATE OR REPLACE TABLE _block_ids AS {' UNION ALL '.join(ids)}")
    con.execute(
        "CREATE OR REPLACE TABLE _block_keys AS SELECT rid, side, g, role, v, y FROM ("  # noqa: S608
        f"{' UNION ALL '.join(rows)}) QUALIFY count(*) OVER (PARTITION BY kc, v) <= {int(cap)}"
    )
    return KeyTable(keys="_block_keys", ids="_block_ids", link=link)


def pairs_sql(table: KeyTable, *, part: int = 0, parts: int = 1) -> str:
    """SQL of the blocked pairs (Splink's ``match_key, join_key_l, join_key_r``) of one partition.

    Like Splink, the smaller join key (as text) is on the left; in link mode that is the first input.
    """
    where = f"WHERE a.rid % {int(parts)} = {int(part)}" if parts > 1 else ""
    sides = "AND a.side < b.side" if table.link else ""
    return f"""
        WITH p AS (
            SELECT DISTINCT a.rid AS l, b.rid AS r
            FROM {table.keys} a JOIN {table.keys} b
              ON a.g = b.g AND a.v = b.v AND a.rid < b.rid AND (a.role = 0 OR b.role = 0) {sides}
             AND (a.y IS NULL OR b.y IS NULL OR abs(a.y - b.y) <= {model.YEAR_TOLERANCE})
            {where}
        )
        SELECT '0' AS match_key, least(li.jk, ri.jk) AS join_key_l, greatest(li.jk, ri.jk) AS join_key_r
        FROM p JOIN {table.ids} li ON li._rid = p.l JOIN {table.ids} ri ON ri._rid = p.r
    """  # noqa: S608
