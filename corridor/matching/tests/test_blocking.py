"""One-pass blocking (key table) against Splink's rule-by-rule blocking; one-pass u against Splink's."""

from __future__ import annotations

import pyarrow as pa
import pytest

from corridor.matching import blocking, engine
from corridor.matching.engine import EngineConfig
from corridor.matching.records import prepare_records, read_records_csv, records_from_dicts
from corridor.matching.u_sample import estimate_u


def _pairs(linker, con) -> set[tuple[str, str]]:
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    rows = con.execute(f"SELECT join_key_l, join_key_r FROM {blocked.physical_name}").fetchall()
    return {(a, b) for a, b in rows}


def _both(tables: list[pa.Table], config: EngineConfig) -> tuple[set, set]:
    prepared = [prepare_records(t) for t in tables]
    con_keys, con_rules = engine._connect(config), engine._connect(config)
    keyed = engine.build_linker(con_keys, prepared, config=config)
    by_rules = engine.build_linker(con_rules, prepared, config=config, splink_blocking=True)
    return _pairs(keyed, con_keys), _pairs(by_rules, con_rules)


def test_key_table_gives_exactly_splinks_pairs_when_deduplicating(generated_csv):
    # given
    table = read_records_csv(generated_csv)
    # when
    ours, splinks = _both([table], EngineConfig(threads=1))
    # then
    assert len(splinks) > 2000
    assert ours == splinks


def test_key_table_gives_exactly_splinks_pairs_when_linking(generated_csv):
    # given
    table = read_records_csv(generated_csv)
    left, right = table.take(list(range(0, 2000, 2))), table.take(list(range(1, 2000, 2)))
    # when
    ours, splinks = _both([left, right], EngineConfig(threads=1))
    # then
    assert len(splinks) > 500
    assert ours == splinks
    assert all(a.startswith("side_0-__-") and b.startswith("side_1-__-") for a, b in ours)


def test_a_key_value_shared_by_more_records_than_the_cap_makes_no_pairs():
    # given: 6 namesakes born the same year, nothing else shared; the cap is 5
    rows = [
        {"record_id": f"r{i}", "family_name": "Mamedov", "given_name": "Ali", "birth_date": "1990"}
        for i in range(6)
    ]
    table = records_from_dicts(rows)
    # when
    capped, splink_capped = _both([table], EngineConfig(threads=1, block_cap=5))
    uncapped, _ = _both([table], EngineConfig(threads=1, block_cap=6))
    # then
    assert capped == splink_capped == set()
    assert len(uncapped) == 15


def test_the_rule_check_refuses_a_key_table_that_drifted_from_the_rules(monkeypatch):
    # given
    monkeypatch.setattr("corridor.matching.model.BLOCKING_RULES", ("l.k_doc = r.k_doc",))
    # when / then
    with pytest.raises(RuntimeError, match="does not reproduce"):
        blocking._groups()


def test_one_pass_u_equals_splinks_estimate_over_all_pairs(generated_csv):
    # given: 300 records, so both estimators see all 44,850 pairs and no sampling differs
    table = prepare_records(read_records_csv(generated_csv).slice(0, 300))
    config = EngineConfig(threads=1)
    con_ours, con_splink = engine._connect(config), engine._connect(config)
    ours = engine.build_linker(con_ours, [table], config=config)
    splinks = engine.build_linker(con_splink, [table], config=config)
    # when
    estimate_u(ours, con_ours, inputs=["input_0"], max_pairs=1e6, seed=1)
    splinks.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1, num_chunks=1)
    # then
    for mine, theirs in zip(ours._settings_obj.comparisons, splinks._settings_obj.comparisons, strict=True):
        for a, b in zip(
            mine._comparison_levels_excluding_null, theirs._comparison_levels_excluding_null, strict=True
        ):
            assert a.u_probability == pytest.approx(b.u_probability, rel=1e-9), (mine.output_column_name, a)


def test_partitions_of_the_pairs_are_disjoint_and_add_up_to_all_pairs(generated_csv):
    # given
    table = prepare_records(read_records_csv(generated_csv))
    config = EngineConfig(threads=1)
    con = engine._connect(config)
    linker, keys = engine.linker_with_keys(con, [table], config=config)
    assert keys is not None
    whole = engine.register_pairs(linker, con, keys)
    # when
    parts = []
    for part in range(3):
        engine.register_pairs(linker, con, keys, part=part, parts=3)
        parts.append(set(con.execute("SELECT join_key_l, join_key_r FROM _blocked_pairs").fetchall()))
    # then
    assert sum(len(p) for p in parts) == whole
    assert len(parts[0] | parts[1] | parts[2]) == whole
    assert all(len(p) > 0 for p in parts)


def test_keys_without_a_date_pair_records_only_when_a_year_is_missing_or_one_apart():
    # given: one name and father's name; born 1980, 1981, 1990 and unknown
    years = {"a": "1980-03-01", "b": "1981", "c": "1990-07-15", "d": ""}
    rows = [
        {
            "record_id": rid,
            "family_name": "Asanov",
            "given_name": "Bakyt",
            "patronymic": "Temirovich",
            "birth_date": d,
        }
        for rid, d in years.items()
    ]
    table = records_from_dicts(rows)
    # when
    ours, splinks = _both([table], EngineConfig(threads=1))
    # then: 1980 ~ 1981 and the undated record with everyone; 1990 is ten years from both
    assert ours == splinks == {("a", "b"), ("a", "d"), ("b", "d"), ("c", "d")}
