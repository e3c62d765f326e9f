"""Search mode for small registries: ``services.search_records`` (issue 18, item 3).

Across scripts (Cyrillic ↔ Latin ↔ Perso-Arabic), never failing on small or awkward input,
twins kept apart, and its weights held to Splink's own ``predict()`` on the same pairs.
"""

from __future__ import annotations

import datetime
import itertools
import math

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from splink import DuckDBAPI, Linker

from corridor.matching import model, parameters, search
from corridor.matching.records import InputError, prepare_tables, records_from_dicts
from corridor.matching.services import FieldExplanation, SearchHit, search_records

REGISTRY = [
    # one person in several scripts and spellings, and people who share parts of him
    {"record_id": "kgz-cyr", "family_name": "Асанов", "given_name": "Нурлан", "patronymic": "Бакытович",
     "birth_date": "1990-03-14", "sex": "M", "citizenship": "KGZ", "birth_place": "Бишкек"},
    {"record_id": "brother", "family_name": "Asanov", "given_name": "Bakyt", "patronymic": "Bakytovich",
     "birth_date": "1990-03-14", "sex": "M", "citizenship": "KGZ", "birth_place": "Bishkek"},
    {"record_id": "namesake", "family_name": "Asanov", "given_name": "Nurlan", "patronymic": "Sultanovich",
     "birth_date": "1961-08-02", "sex": "M", "citizenship": "KGZ", "birth_place": "Naryn"},
    {"record_id": "afg-dari", "family_name": "رحیمی", "given_name": "نجیب", "patronymic": "کریم",
     "birth_date": "1367", "sex": "M", "citizenship": "AFG", "birth_place": "کابل"},
    {"record_id": "afg-other", "family_name": "Karimi", "given_name": "Hamid", "patronymic": "",
     "birth_date": "1985-01-01", "sex": "M", "citizenship": "AFG", "birth_place": "Herat"},
    {"record_id": "aze", "family_name": "Məmmədova", "given_name": "Könül", "patronymic": "Pərviz qızı",
     "birth_date": "1993-07-21", "sex": "F", "citizenship": "AZE", "birth_place": "Gəncə"},
    {"record_id": "uzb", "family_name": "Рахимова", "given_name": "Дилноза", "patronymic": "Шухратовна",
     "birth_date": "1993-07", "sex": "F", "citizenship": "UZB", "birth_place": "Самарканд"},
    {"record_id": "tur", "family_name": "Yılmaz", "given_name": "Ayşe", "patronymic": "",
     "birth_date": "1979-05-05", "sex": "F", "citizenship": "TUR", "birth_place": "İstanbul"},
]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Latin passport spelling → Cyrillic record
        ({"family_name": "ASANOV", "given_name": "NURLAN", "birth_date": "1990-03-14"}, "kgz-cyr"),
        # Latin, Afghan, with Mohammad added and a Gregorian date → Dari script, Solar Hijri year
        ({"family_name": "Rahimi", "given_name": "Mohammad Najib", "birth_date": "1988-05-02"}, "afg-dari"),
        # Cyrillic (Russian rendering) → Azerbaijani Latin
        ({"family_name": "Мамедова", "given_name": "Кенуль", "birth_date": "1993-07-21"}, "aze"),
        # Latin → Cyrillic, a partial date on the record
        ({"family_name": "Rakhimova", "given_name": "Dilnoza", "birth_date": "1993-07-04"}, "uzb"),
        # Cyrillic → Turkish Latin, names swapped into the other fields
        ({"family_name": "Айше", "given_name": "Йылмаз", "birth_date": "1979-05-05"}, "tur"),
        # the whole name in one field
        ({"family_name": "Asanov Nurlan Bakytovich", "birth_date": "1990-03-14"}, "kgz-cyr"),
    ],
)
def test_the_person_is_found_first_across_scripts(query, expected):
    hits = search_records(query, REGISTRY, top=3)
    assert hits[0].record_id == expected
    assert hits[0].match_probability >= 0.5
    assert all(a.match_weight >= b.match_weight for a, b in itertools.pairwise(hits))


def test_a_hit_explains_each_field_with_both_values():
    hits = search_records(
        {
            "family_name": "Асанов",
            "given_name": "Нурлан",
            "birth_date": "1991-03-14",
            "birth_place": "Бишкек",
        },
        REGISTRY,
        top=1,
    )
    hit = hits[0]
    assert isinstance(hit, SearchHit)
    by_field = {e.field: e for e in hit.explanation}
    assert set(by_field) == {"full_name", "patronymic", "birth_date", "sex", "origin", "document_number"}
    assert by_field["full_name"] == FieldExplanation(
        "full_name", "Нурлан Асанов", "Нурлан Асанов", "exact", round(math.log2(0.20 / 0.00024), 3)
    )
    assert by_field["birth_date"].level == "one digit differs"
    assert by_field["birth_date"].query_value == "1991-03-14"
    assert by_field["patronymic"].level == "missing" and by_field["patronymic"].bits == 0.0
    prior = math.log2(search.prior_for(len(REGISTRY)) / (1 - search.prior_for(len(REGISTRY))))
    assert hit.match_weight == pytest.approx(prior + sum(e.bits for e in hit.explanation), abs=0.01)
    with pytest.raises(AttributeError):
        hit.record_id = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("record_date", "query_date", "level"),
    [
        ("1990-03-14", "1991-03-14", "one digit differs"),
        ("1990-03-14", "1990-14-03", "same year"),  # no month 14: only the year is read
        ("1990-03-14", "1990", "same year"),
        ("1990-03-14", "1989", "within 1 year"),
        ("1984/1992", "1990-03-14", "within the estimated age range"),
        ("1990-03-14", "1990-03", "same month, day missing"),
    ],
)
def test_date_levels_have_short_labels(record_date, query_date, level):
    record = {"record_id": "r", "family_name": "Асанов", "given_name": "Нурлан", "birth_date": record_date}
    hits = search_records(
        {"family_name": "Asanov", "given_name": "Nurlan", "birth_date": query_date}, [record]
    )
    date = next(e for e in hits[0].explanation if e.field == "birth_date")
    assert date.level == level


def test_twins_are_ranked_below_the_person_and_never_probable():
    """Same family name, birth date, father's name and birthplace, another given name."""
    hits = search_records(
        {"family_name": "Asanov", "given_name": "Nurlan", "patronymic": "Bakytovich",
         "birth_date": "1990-03-14", "birth_place": "Bishkek"},
        REGISTRY,
    )  # fmt: skip
    assert hits[0].record_id == "kgz-cyr"
    brother = next(h for h in hits if h.record_id == "brother")
    assert brother.match_probability < 0.5
    assert brother.match_weight <= model.TWIN_CAP
    assert any(e.field == "twins" and e.bits < 0 for e in brother.explanation)


@pytest.mark.parametrize(
    "records",
    [
        [],
        pa.table({"record_id": pa.array([], pa.string())}),
        [{"record_id": "only"}],  # a record with nothing but an id
        [
            {"record_id": str(i), "family_name": "Асанов", "given_name": "Нурлан"} for i in range(3)
        ],  # all alike
        [
            {
                "record_id": 7,
                "family_name": None,
                "given_name": "Nurlan",
                "birth_date": datetime.date(1990, 3, 14),
            }
        ],
        [
            {
                "record_id": "x",
                "family_name": "  ",
                "given_name": "😀",
                "birth_date": "31/02/90",
                "sex": "?",
                "document_number": "—",
                "birth_place": "ك" * 300,
            }
        ],
        pa.table({"record_id": [1, 2], "given_name": ["Nurlan", None], "birth_date": [None, "1990"]}),
    ],
)
@pytest.mark.parametrize(
    "query",
    [
        {"family_name": "Asanov", "given_name": "Nurlan", "birth_date": "1990-03-14"},
        {"given_name": "نجیب"},
        {"birth_date": "1990"},
        {"document_number": "AN 123"},
        {"family_name": "x" * 500, "given_name": "\u200d\u200c", "birth_date": "0000-00-00"},
    ],
)
def test_never_fails_on_small_or_awkward_input(records, query):
    hits = search_records(query, records, top=5)
    n = records.num_rows if isinstance(records, pa.Table) else len(records)
    assert len(hits) <= min(5, n)
    for hit in hits:
        assert 0.0 <= hit.match_probability <= 1.0
        assert math.isfinite(hit.match_weight)
        assert len({e.field for e in hit.explanation}) >= 6


@pytest.mark.parametrize(
    "query", [{}, {"sex": "M"}, {"citizenship": "KGZ", "birth_place": "Osh"}, {"record_id": "1"}]
)
def test_a_query_with_nothing_to_search_by_answers_nothing(query):
    assert search_records(query, REGISTRY) == []


def test_top_limits_the_answer():
    query = {"family_name": "Asanov", "given_name": "Nurlan"}
    assert search_records(query, REGISTRY, top=0) == []
    assert len(search_records(query, REGISTRY, top=2)) == 2
    assert len(search_records(query, REGISTRY, top=100)) == len(REGISTRY)


def test_bad_records_raise_a_clear_error():
    with pytest.raises(InputError, match="unique"):
        search_records({"given_name": "Nurlan"}, [{"record_id": "a"}, {"record_id": "a"}])
    with pytest.raises(InputError, match="record_id"):
        search_records({"given_name": "Nurlan"}, [{"given_name": "Nurlan"}])


def test_a_stored_model_is_used_where_it_has_the_level():
    stored = model.settings(link_type="link_only").create_settings_dict("duckdb")
    for comparison in stored["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level["label_for_charts"] == "exact":  # birth_date: exact, a stronger stored model
                level["m_probability"], level["u_probability"] = 0.9, 0.0001
    query = {"family_name": "Asanov", "given_name": "Nurlan", "birth_date": "1990-03-14"}
    fixed = search_records(query, REGISTRY, top=1)[0]
    with_stored = search_records(query, REGISTRY, top=1, model=stored)[0]
    fixed_bits, stored_bits = (
        next(e.bits for e in hit.explanation if e.field == "birth_date") for hit in (fixed, with_stored)
    )
    assert stored_bits == pytest.approx(math.log2(0.9 / 0.0001), abs=0.01)
    assert fixed_bits == pytest.approx(math.log2(0.74 / 0.00098), abs=0.01)


def _splink_weights(query: dict[str, str], records: list[dict[str, str]], prior: float) -> dict[str, float]:
    """Splink's own match weights for the query against every record, with the fixed parameters."""
    left, right = prepare_tables(
        [records_from_dicts([{**query, "record_id": "q"}]), records_from_dicts(records)]
    )
    data = model.settings(
        link_type="link_only", probability_two_random_records_match=prior
    ).create_settings_dict("duckdb")
    for comparison in data["comparisons"]:
        for level in comparison["comparison_levels"]:
            level.pop("tf_adjustment_column", None)
            level.pop("tf_adjustment_weight", None)
            if not level.get("is_null_level"):
                m, u = parameters.LEVELS[comparison["output_column_name"]][level["label_for_charts"]]
                level["m_probability"], level["u_probability"] = m, u
    data["blocking_rules_to_generate_predictions"] = [{"blocking_rule": "1 = 1"}]
    db = DuckDBAPI()
    linker = Linker([db.register(left), db.register(right)], data)
    rows = linker.inference.predict().as_pyarrow_table().to_pylist()
    return {
        (r["record_id_r"] if r["record_id_l"] == "q" else r["record_id_l"]): r["match_weight"] for r in rows
    }


@pytest.mark.parametrize(
    "query",
    [
        {
            "family_name": "Asanov",
            "given_name": "Nurlan",
            "birth_date": "1990-03-15",
            "birth_place": "Bishkek",
        },
        {"family_name": "Rahimi", "given_name": "Najib", "patronymic": "Karim", "birth_date": "1988"},
        {"family_name": "Мамедова", "given_name": "Кенуль", "birth_date": "1993-21-07", "sex": "F"},
    ],
)
def test_weights_equal_splinks_own_on_the_same_pairs(query):
    """ADR 0014: the search's one-query scoring is held to Splink's ``predict()``."""
    without_twins = [r for r in REGISTRY if r["record_id"] != "brother"]
    prior = search.prior_for(len(without_twins))
    expected = _splink_weights(query, without_twins, prior)
    hits = search_records(query, without_twins, top=len(without_twins))
    assert {h.record_id: round(h.match_weight, 3) for h in hits} == pytest.approx(
        {k: round(v, 3) for k, v in expected.items()}, abs=0.002
    )


NAMES = st.sampled_from(
    ["", "Асанов", "Asanov", "رحیمی", "Nurlan", "Нурлан", "نجیب", "Mohammad Ali", "Ay", "-"]
)
DATES = st.sampled_from(["", "1990", "1990-03", "1990-03-14", "1369", "1984/1992", "99-99-99", "1990-02-30"])


@st.composite
def registries(draw: st.DrawFn) -> list[dict[str, str]]:
    size = draw(st.integers(0, 6))
    return [
        {"record_id": f"r{i}", "family_name": draw(NAMES), "given_name": draw(NAMES), "patronymic": draw(NAMES),
         "birth_date": draw(DATES), "sex": draw(st.sampled_from(["", "M", "F", "x"])),
         "birth_place": draw(NAMES), "document_number": draw(st.sampled_from(["", "AN1", "an 1"]))}
        for i in range(size)
    ]  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=st.fixed_dictionaries({"family_name": NAMES, "given_name": NAMES, "birth_date": DATES}),
    records=registries(),
    top=st.integers(0, 4),
)
def test_property_any_small_search_answers(query, records, top):
    hits = search_records(query, records, top=top)
    assert len(hits) <= max(0, min(top, len(records)))
    assert [h.match_weight for h in hits] == sorted((h.match_weight for h in hits), reverse=True)
    assert all(0.0 <= h.match_probability <= 1.0 for h in hits)
