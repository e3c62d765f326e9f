"""Tracing work: name and date rules of engine 3.2 (golden, real names) and a small tracing link.

Issue 18, item 2: a few reports against many records, documents rare, dates partial or
estimated, Afghan name structures, names taken down from speech, surname changes.
"""

from __future__ import annotations

import pytest

from bench.matching.tracing import Shape, TracingSet
from corridor.matching import model
from corridor.matching.dates import parse_birth_date
from corridor.matching.engine import EngineConfig, link_records
from corridor.matching.normalise import name_forms
from corridor.matching.records import drop_mohammad, records_from_dicts, split_one_field


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Karimov Rustam", ("Karimov", "Rustam", "")),
        ("Rustam Karimov", ("Karimov", "Rustam", "")),  # the surname ending decides, not the order
        ("Абдуллоҷонов Иззатиддин Зайнуллоевич", ("Абдуллоҷонов", "Иззатиддин", "Зайнуллоевич")),
        ("Мирлан кызы Айгерим", ("Мирлан кызы", "Айгерим", "")),  # a Kyrgyz filial surname
        ("Məmmədova Könül Pərviz qızı", ("Məmmədova", "Könül", "Pərviz qızı")),
        ("Rahmonzoda Munira", ("Rahmonzoda", "Munira", "")),
        ("Ahmet Yılmaz", ("Ahmet", "Yılmaz", "")),  # no ending: registry order (family first)
    ],
)
def test_a_whole_name_in_one_field_is_split_by_its_endings(value, expected):
    assert split_one_field(value) == expected


def test_a_surname_alone_in_one_field_is_not_split():
    assert split_one_field("Асан уулу")[1] == ""


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Mohammad Najib", "Najib"),
        ("محمد نجیب", "نجیب"),
        ("Мухаммад Али", "Али"),
        ("Muhammed Emin", "Emin"),
        ("Mohammad", "Mohammad"),  # alone it is the name
        ("Najib Mohammad", "Najib Mohammad"),  # only a leading one
    ],
)
def test_a_leading_mohammad_is_dropped_when_another_given_name_follows(given, expected):
    assert drop_mohammad(given) == expected


@pytest.mark.parametrize(
    ("heard", "written"),
    [
        ("Санжараф", "Sanjarov"),  # unstressed о heard as а, final в as ф
        ("Yilmas", "Yılmaz"),
        ("Javet", "Jawed"),
        ("Бунёт", "Bunyod"),
        ("Ахмат", "Ahmad"),
    ],
)
def test_final_devoicing_meets_in_the_consonant_key(heard, written):
    assert name_forms(heard).consonants == name_forms(written).consonants


def test_the_consonant_key_keeps_voicing_inside_a_word():
    assert name_forms("Batir").consonants != name_forms("Badir").consonants


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [("1984/1992", 1984, 1992), ("1992-1984", 1984, 1992), ("1363/1370", 1984, 1991), ("1990", 1990, 1990)],
)
def test_an_estimated_age_range_is_a_range_of_birth_years(value, low, high):
    parsed = parse_birth_date(value)
    assert (parsed["dob_lo"], parsed["dob_hi"]) == (low, high)
    assert parsed["dob_y"] is None if low != high else parsed["dob_y"] == low


def test_a_range_too_wide_says_nothing():
    assert parse_birth_date("1900/1990")["dob_lo"] is None


def test_the_tracing_keys_join_a_link_of_few_reports_against_many_records():
    assert model.tracing_shape([400, 6000])
    assert not model.tracing_shape([1000, 1000])
    assert not model.tracing_shape([6000])


def _person(record_id: str, family: str, given: str, birth: str, **extra: str) -> dict[str, str]:
    return {"record_id": record_id, "family_name": family, "given_name": given, "birth_date": birth, **extra}


def test_a_report_finds_its_record_across_the_tracing_shapes():
    # given reports written by families and records written by destination systems
    reports = [
        _person("q1", "", "Karimov Rustam", "1985"),  # one field, year only
        _person("q2", "", "محمد نجیب", "1992", patronymic="رحیم", sex="M"),  # Mohammad, single name
        _person("q3", "Асанова", "Айгүл", "", patronymic="Бакытовна", sex="F"),  # married since
    ]
    records = [
        _person("r1", "KARIMOV", "RUSTAM", "1985-01-01", sex="M"),
        _person("r2", "Rahimi", "Najib", "1990/1995", patronymic="Rahim", sex="M"),
        _person("r3", "Токтогулова", "Айгул", "1979-05-02", patronymic="Бакытовна", sex="F"),
    ]
    filler = [
        _person(f"f{i}", f"Filler{i}ov", f"Name{i}", f"19{50 + i % 40}-03-0{1 + i % 9}") for i in range(20)
    ]
    # when they are linked
    result = link_records(
        tables=[records_from_dicts(reports), records_from_dicts(records + filler)],
        config=EngineConfig(threshold=0.0),
    )
    try:
        found = {(row["left_id"], row["right_id"]) for row in result.pairs.to_pylist()}
    finally:
        result.close()
    # then each report meets its record as a candidate
    assert {("q1", "r1"), ("q2", "r2"), ("q3", "r3")} <= found


def test_a_generated_tracing_link_reaches_its_records():
    """A small generated tracing set (60 reports against ~900 records): candidates and ranks."""
    left, right, truth = TracingSet(3, Shape(reports=60, records=900)).build()
    result = link_records(
        tables=[records_from_dicts(left), records_from_dicts(right)], config=EngineConfig(threshold=0.0)
    )
    try:
        rows = result.pairs.to_pylist()
    finally:
        result.close()
    ranked: dict[str, list[str]] = {}
    for row in sorted(rows, key=lambda r: -r["match_probability"]):
        ranked.setdefault(row["left_id"], []).append(row["right_id"])
    reports_with_match = {a for a, _b in truth}
    at_five = sum(any((a, b) in set(truth) for b in ranked.get(a, [])[:5]) for a in reports_with_match)
    # measured 2026-12-08: see bench/matching/README.md "Tracing" for the full-size figures
    assert at_five / len(reports_with_match) >= 0.85
    likely = {(r["left_id"], r["right_id"]) for r in rows if r["match_probability"] >= 0.5}
    assert len(likely & set(truth)) / max(len(likely), 1) >= 0.85  # precision at p ≥ 0.5
