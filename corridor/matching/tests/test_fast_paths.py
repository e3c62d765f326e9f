"""The fast paths of the normaliser and the model give exactly what their slow references give.

Each speed-up (engine 3) replaced a simple formulation by a cheaper one; these tests hold the
two to the same answers on real names and on random strings built from the letters that matter.
"""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.matching import model, records
from corridor.matching.normalise import keys, translit
from corridor.matching.normalise.translit import load_table
from corridor.matching.records import read_records_csv

# Letters and digraph material of the skeleton rules, plus a few outsiders (digits, apostrophes).
SKELETON_ALPHABET = "abcdeghijklmnoqstuwxyz'1"
words = st.text(alphabet=SKELETON_ALPHABET, min_size=0, max_size=14)


@given(words)
@settings(max_examples=3000)
def test_the_fast_skeleton_of_a_word_equals_the_rule_by_rule_cascade(word):
    assert keys._skeleton_word.__wrapped__(word) == keys.skeleton_word_by_rules(word)


def test_the_fast_skeleton_equals_the_cascade_on_every_word_of_a_generated_set(generated_csv):
    table = read_records_csv(generated_csv)
    values = {
        v for c in ("given_name", "family_name", "patronymic", "birth_place") for v in table[c].to_pylist()
    }
    pivots = {w for v in values for w in translit.pivot(v.lower()).split()}
    assert len(pivots) > 1000
    assert all(keys._skeleton_word.__wrapped__(w) == keys.skeleton_word_by_rules(w) for w in pivots)


def test_a_skeleton_is_a_fixed_point_of_the_rules():
    # "kkh": the first pass makes "kh", which the second turns into "h"
    assert keys.skeleton("kkhan") == keys.skeleton_word_by_rules("kkhan") == "han"


_TABLE_LETTERS = "".join(load_table())
letters = st.text(alphabet=_TABLE_LETTERS + "abcxwz'-ßøé", min_size=1, max_size=12)


@given(letters)
@settings(max_examples=3000)
def test_translating_a_cyrillic_word_to_the_pivot_equals_the_letter_by_letter_loop(word):
    table = load_table()
    assert translit._cyrillic_word(word, table, "pivot") == translit._cyrillic_word_by_letter(
        word, table, "pivot"
    )


@given(st.text(alphabet="abcçğıöşüəäñňýžčšâîûūōīëéèŭǵxwøßgo'", min_size=1, max_size=12))
@settings(max_examples=3000)
def test_translating_a_latin_word_to_the_pivot_equals_the_letter_by_letter_loop(word):
    table = load_table()
    assert translit._latin_word(word, table) == translit._latin_word_by_letter(word, table)


@pytest.fixture(scope="module")
def dates() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE d AS SELECT strftime(DATE '1960-01-01' + (i * 37 % 16000)::INT, '%Y-%m-%d') AS dob"
        " FROM range(400) t(i)"
    )
    # every date against every other, plus each date with one digit changed and two swapped
    con.execute(
        """CREATE TABLE p AS
        SELECT a.dob AS dob_l, b.dob AS dob_r FROM d a, d b
        UNION ALL SELECT dob, overlay(dob PLACING '9' FROM 10) FROM d
        UNION ALL SELECT dob, substr(dob, 1, 8) || substr(dob, 10, 1) || substr(dob, 9, 1) FROM d
        UNION ALL SELECT dob, substr(dob, 1, 2) || substr(dob, 4, 1) || substr(dob, 3, 1) || substr(dob, 5) FROM d"""
    )
    return con


def test_the_hamming_gated_date_level_equals_damerau_levenshtein_at_most_one(dates):
    fast, slow = model._one_digit("duckdb"), model._one_digit("spark")
    rows = dates.execute(
        f"SELECT count(*), count(*) FILTER (WHERE ({fast}) IS DISTINCT FROM ({slow})),"
        f" count(*) FILTER (WHERE {slow}) FROM p"
    ).fetchall()
    total, differing, near = rows[0]
    assert total > 160_000
    assert near > 1_000  # the level is exercised, not only its "else"
    assert differing == 0


def test_normalising_in_several_processes_gives_the_same_forms_as_in_one(generated_csv, monkeypatch):
    # given
    table = read_records_csv(generated_csv)
    values = sorted({v for c in ("given_name", "family_name", "patronymic") for v in table[c].to_pylist()})
    serial = records.name_forms_table(values, naive=False)
    monkeypatch.setattr(records, "PARALLEL_MIN_VALUES", 10)
    monkeypatch.setattr(records, "_workers", lambda: 3)
    # when
    parallel = records.name_forms_table(values, naive=False)
    # then
    assert len(values) > 1000
    assert parallel == serial


def test_forms_made_together_equal_forms_made_one_by_one(generated_csv):
    from corridor.matching.normalise import name_forms, name_forms_many

    table = read_records_csv(generated_csv)
    values = sorted({v for c in records.NAME_FIELDS for v in table[c].to_pylist()})
    values += ["", "  ", "123", "O'Neil-Smith", "kkhan", "ʻUmarov  Ali", "Ахмад‌زی", "Şükrü İĞDIR"]
    assert name_forms_many(values) == [name_forms(v) for v in values]


@given(st.lists(st.text(alphabet=SKELETON_ALPHABET + " ", max_size=20), max_size=30))
@settings(max_examples=500)
def test_skeletons_and_consonant_keys_of_words_made_together_equal_one_by_one(texts):
    words = [w for t in texts for w in t.split()]
    skeletons = keys.skeleton_words(words)
    assert skeletons == {w: keys.skeleton(w) for w in words}
    skeleton_words = [w for s in skeletons.values() for w in s.split()]
    assert keys.consonant_words(skeleton_words) == {w: keys.consonant_key(w) for w in skeleton_words}
