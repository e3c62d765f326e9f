"""Clusters that do not chain (issue 18, item 4): twins, documents and dates as cannot-links."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from corridor.matching.clusters import cluster, dates_compatible, documents_compatible
from corridor.matching.records import prepare_tables, records_from_dicts


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("1990-03-14", "1990-03-14", True),
        ("1990-03-14", "1990-03-15", True),  # one digit
        ("1990-03-14", "1909-03-14", True),  # two adjacent digits swapped
        ("1990-03-14", "1990-14-03", True),  # day and month swapped (as the model reads them)
        ("1990-03-14", "1991-04-14", False),
        ("1990-03-14", "1985-07-02", False),
        ("1990-01-01", "1990-07-02", True),  # 1 January: only the year was known
        ("1991-01-01", "1990-07-02", False),
    ],
)
def test_dates_compatible_follows_the_date_models_typo_levels(a, b, same):
    assert dates_compatible(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"), [("AN1234567", "AN1234567", True), ("AN1234567", "AN1234568", True),
                         ("AN1234567", "AN1243567", True), ("AN1234567", "AN7654321", False)],
)  # fmt: skip
def test_documents_compatible_allows_one_typing_error(a, b, same):
    assert documents_compatible(a, b) is same


def _setup(rows: list[dict[str, str]]) -> tuple[duckdb.DuckDBPyConnection, list[str]]:
    (prepared,) = prepare_tables([records_from_dicts(rows)])
    con = duckdb.connect()
    con.register("recs", prepared)
    return con, ["recs"]


def _pairs(*triples: tuple[str, str, float]) -> pa.Table:
    left, right, p = zip(*triples, strict=True)
    return pa.table({"left_id": list(left), "right_id": list(right), "match_probability": list(p)})


def _groups(table: pa.Table) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in table.to_pylist():
        out.setdefault(row["cluster_id"], set()).add(row["record_id"])
    return {frozenset(v) for v in out.values()}


TWINS = [
    {"record_id": "nurlan", "family_name": "Асанов", "given_name": "Нурлан", "birth_date": "1990-03-14"},
    {"record_id": "bakyt", "family_name": "Asanov", "given_name": "Bakyt", "birth_date": "1990-03-14"},
    # a record that scores well with both (the given name missing): it must join one, not both
    {"record_id": "bridge", "family_name": "Asanov", "given_name": "", "birth_date": "1990-03-14"},
    {"record_id": "nurlan2", "family_name": "ASANOV", "given_name": "NURLAN", "birth_date": "1990-03-14"},
]


def test_twins_are_never_merged_even_through_a_third_record():
    con, tables = _setup(TWINS)
    pairs = _pairs(("nurlan", "nurlan2", 0.999), ("bridge", "nurlan", 0.9), ("bridge", "bakyt", 0.8))
    plain, _ = cluster(con, tables, pairs, constrained=False)
    assert frozenset({"nurlan", "nurlan2", "bridge", "bakyt"}) in _groups(plain)  # it chains
    constrained, report = cluster(con, tables, pairs)
    groups = _groups(constrained)
    assert frozenset({"nurlan", "nurlan2", "bridge"}) in groups
    assert frozenset({"bakyt"}) in groups
    assert report.refused["twins"] == 1


def test_different_documents_and_dates_beyond_a_typo_keep_clusters_apart():
    rows = [
        {"record_id": "a", "family_name": "Karimov", "given_name": "Rustam", "birth_date": "1985-01-01",
         "document_number": "AN111"},
        {"record_id": "b", "family_name": "Karimov", "given_name": "Rustam", "birth_date": "1985-01-01",
         "document_number": "AN222"},
        {"record_id": "c", "family_name": "Karimov", "given_name": "Rustam", "birth_date": "1979-06-30"},
        {"record_id": "d", "family_name": "Karimov", "given_name": "Rustam", "birth_date": "1985-10-01",
         "document_number": "AN111"},
    ]  # fmt: skip
    con, tables = _setup(rows)
    pairs = _pairs(("a", "d", 0.99), ("a", "b", 0.95), ("a", "c", 0.7))
    constrained, report = cluster(con, tables, pairs)
    assert _groups(constrained) == {frozenset({"a", "d"}), frozenset({"b"}), frozenset({"c"})}
    assert report.refused == {"documents": 1, "birth_dates": 1}


def test_a_long_chain_of_namesakes_does_not_become_one_giant_cluster():
    rows = [
        {
            "record_id": f"r{i}",
            "family_name": "Mammadov",
            "given_name": "Elvin",
            "birth_date": ("1950-05-05", "1961-08-21", "1973-12-09")[i % 3],
        }
        for i in range(40)
    ]
    con, tables = _setup(rows)
    pairs = _pairs(*[(f"r{i}", f"r{i + 1}", 0.6) for i in range(39)])
    _plain, plain_report = cluster(con, tables, pairs, constrained=False)
    _constrained, report = cluster(con, tables, pairs)
    assert plain_report.largest == 40
    assert report.largest == 1 and report.clusters == 40


def test_a_size_cap_is_honoured():
    rows = [{"record_id": f"r{i}", "family_name": "Mammadov", "given_name": "Elvin"} for i in range(10)]
    con, tables = _setup(rows)
    pairs = _pairs(*[(f"r{i}", f"r{i + 1}", 0.9) for i in range(9)])
    _table, report = cluster(con, tables, pairs, max_size=4)
    assert report.largest <= 4 and report.refused["size"] > 0
