"""The registry index of search mode (issue 18, item 3): built once, kept up to date, searched.

An updated record is found under its new keys and no longer under its old ones; a deleted one is
not found; compaction changes no answer; the command line keeps its contract.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow as pa
import pytest

from corridor.matching.cli import main
from corridor.matching.index import RegistryIndex, build_index
from corridor.matching.records import INPUT_COLUMNS, InputError, read_records_csv

PEOPLE = [
    {"record_id": "p-cyr", "family_name": "Асанов", "given_name": "Нурлан", "patronymic": "Бакытович",
     "birth_date": "1990-03-14", "sex": "M", "citizenship": "KGZ", "birth_place": "Бишкек"},
    {"record_id": "p-brother", "family_name": "Асанов", "given_name": "Бакыт", "patronymic": "Бакытович",
     "birth_date": "1990-03-14", "sex": "M", "citizenship": "KGZ", "birth_place": "Бишкек"},
    {"record_id": "p-dari", "family_name": "رحیمی", "given_name": "نجیب", "patronymic": "کریم",
     "birth_date": "1367", "sex": "M", "citizenship": "AFG", "birth_place": "کابل"},
    {"record_id": "p-aze", "family_name": "Məmmədova", "given_name": "Könül", "patronymic": "Pərviz qızı",
     "birth_date": "1993-07-21", "sex": "F", "citizenship": "AZE", "birth_place": "Gəncə"},
]  # fmt: skip


@pytest.fixture(scope="module")
def registry_csv(tmp_path_factory: pytest.TempPathFactory, generated_csv: Path) -> Path:
    """2,000 generated records and four hand-written people in three scripts."""
    path = tmp_path_factory.mktemp("index") / "registry.csv"
    with generated_csv.open(encoding="utf-8") as source, path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(INPUT_COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(csv.DictReader(source))
        writer.writerows(PEOPLE)
    return path


@pytest.fixture
def index(tmp_path: Path, registry_csv: Path) -> RegistryIndex:
    built = build_index([registry_csv], tmp_path / "registry.index")
    yield built
    built.close()


def _ids(index: RegistryIndex, query: dict[str, str], top: int = 5) -> list[str]:
    return [hit.record_id for hit in index.search([query], top=top)[0]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"family_name": "ASANOV", "given_name": "NURLAN", "birth_date": "1990-03-14"}, "p-cyr"),
        ({"family_name": "Rahimi", "given_name": "Mohammad Najib", "birth_date": "1988"}, "p-dari"),
        ({"family_name": "Мамедова", "given_name": "Кёнуль", "birth_date": "1993-07-21"}, "p-aze"),
    ],
)
def test_the_person_is_found_across_scripts(index, query, expected):
    (hits,) = index.search([query])
    assert hits[0].record_id == expected
    if len(query["birth_date"]) == 10:  # a name and a year alone are not enough among 2,000 people
        assert hits[0].match_probability >= 0.5
    fields = {e.field for e in hits[0].explanation}
    assert {"full_name", "birth_date", "origin"} <= fields


def test_several_queries_answer_in_order_and_an_empty_query_answers_nothing(index):
    queries = [
        {"family_name": "Məmmədova", "given_name": "Könül"},
        {"sex": "F"},
        {"family_name": "Asanov", "given_name": "Nurlan", "birth_date": "1990-03-14"},
    ]
    answers = index.search(queries, top=3)
    assert answers[0][0].record_id == "p-aze"
    assert answers[1] == []
    assert answers[2][0].record_id == "p-cyr"


def test_twins_in_the_registry_are_not_probable(index):
    (hits,) = index.search([{"family_name": "Асанов", "given_name": "Нурлан", "birth_date": "1990-03-14"}])
    brother = next(h for h in hits if h.record_id == "p-brother")
    assert hits[0].record_id == "p-cyr"
    assert brother.match_probability < 0.5


def test_an_updated_record_is_found_under_its_new_keys_only(index):
    old = {"family_name": "Məmmədova", "given_name": "Könül", "birth_date": "1993-07-21"}
    new = {"family_name": "Hüseynova", "given_name": "Könül", "birth_date": "1993-07-21"}  # married
    assert "p-aze" in _ids(index, old)
    changed = {**PEOPLE[3], "family_name": "Hüseynova", "birth_place": "Bakı"}
    assert index.upsert([changed]) == 1
    hits = index.search([new])[0]
    assert hits[0].record_id == "p-aze"
    assert hits[0].explanation[0].record_value == "Könül Hüseynova"
    stale = index.search([{**old, "given_name": "Pərviz"}])[0]  # the old surname alone no longer reaches it
    assert "p-aze" not in [h.record_id for h in stale]
    assert index.size == 2004


def test_a_deleted_record_is_not_found(index):
    query = {"family_name": "Rahimi", "given_name": "Najib", "birth_date": "1988"}
    assert _ids(index, query)[0] == "p-dari"
    assert index.delete(["p-dari", "no-such-id"]) == 1
    assert "p-dari" not in _ids(index, query, top=50)
    assert index.size == 2003
    assert index.delete(["p-dari"]) == 0


def test_compaction_changes_no_answer(index, tmp_path):
    index.upsert([{**PEOPLE[3], "family_name": "Hüseynova"}])
    index.delete(["p-dari"])
    query = {"family_name": "Hüseynova", "given_name": "Könül", "birth_date": "1993-07-21"}
    before = index.search([query])[0]
    compacted = index.compact()
    try:
        after = compacted.search([query])[0]
        stats = compacted.stats()
    finally:
        compacted.close()
    assert [h.record_id for h in after][:3] == [h.record_id for h in before][:3]
    assert stats.delta == 0 and stats.tombstones == 0 and stats.records == 2003


def test_bad_registries_are_refused_with_a_message(tmp_path, registry_csv):
    with pytest.raises(InputError, match="unique"):
        build_index([registry_csv, read_records_csv(registry_csv).slice(0, 1)], tmp_path / "dup.index")
    assert not (tmp_path / "dup.index").exists()
    with pytest.raises(InputError, match="no records"):
        build_index([pa.table({"record_id": pa.array([], pa.string())})], tmp_path / "empty.index")
    with pytest.raises(InputError, match="no index here"):
        RegistryIndex(tmp_path / "nowhere")


def test_the_command_line_builds_searches_updates_and_deletes(tmp_path, registry_csv):
    index_dir = tmp_path / "cli.index"
    err = io.StringIO()
    assert main(["index", "build", "--index", str(index_dir), "--input", str(registry_csv)], stderr=err) == 0
    queries = tmp_path / "queries.csv"
    with queries.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(INPUT_COLUMNS))
        writer.writeheader()
        writer.writerow(
            {c: "" for c in INPUT_COLUMNS}
            | {"record_id": "q1", "family_name": "Asanov", "given_name": "Nurlan", "birth_date": "1990-03-14"}
        )
    out = tmp_path / "hits.csv"
    assert main(["search", "--index", str(index_dir), "--query", str(queries), "--out", str(out), "--top", "3"],
                stderr=err) == 0  # fmt: skip
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["query_id"] == "q1" and rows[0]["record_id"] == "p-cyr" and rows[0]["rank"] == "1"
    assert (
        '"level": "transliteration"' in rows[0]["explanation"]
        or '"field": "full_name"' in rows[0]["explanation"]
    )
    ids = tmp_path / "ids.txt"
    ids.write_text("p-cyr\n", encoding="utf-8")
    assert main(["index", "delete", "--index", str(index_dir), "--ids", str(ids)], stderr=err) == 0
    assert (
        main(["search", "--index", str(index_dir), "--query", str(queries), "--out", str(out)], stderr=err)
        == 0
    )
    assert "p-cyr" not in out.read_text(encoding="utf-8")
    bad = io.StringIO()
    assert main(["search", "--index", str(tmp_path / "none"), "--query", str(queries), "--out", str(out)],
                stderr=bad) == 2  # fmt: skip
    assert bad.getvalue().count("\n") == 1 and bad.getvalue().startswith("match: error: ")
    assert main(["search", "--index", str(index_dir), "--query", str(queries), "--out", str(out), "--top", "0"],
                stderr=bad) == 2  # fmt: skip
