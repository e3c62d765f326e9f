"""Benchmark generator shards: concatenated shards never share a record or entity id."""

from __future__ import annotations

from bench.matching.generate import generate
from corridor.matching.tests.conftest import read_rows


def test_shards_have_their_own_ids_and_random_stream(tmp_path):
    # given
    base, shard = tmp_path / "base.csv", tmp_path / "shard.csv"
    # when
    generate(n_records=300, seed=7, out=base)
    generate(n_records=300, seed=7, out=shard, shard=2)
    # then
    rows_base, rows_shard = read_rows(base), read_rows(shard)
    assert all(r["record_id"].startswith("s2r") for r in rows_shard)
    assert all(int(r["entity_id"]) > 2_000_000_000 for r in rows_shard)
    assert not {r["record_id"] for r in rows_base} & {r["record_id"] for r in rows_shard}
    assert [r["family_name"] for r in rows_base[:20]] != [r["family_name"] for r in rows_shard[:20]]


def test_shard_zero_is_the_unchanged_set(tmp_path):
    # given
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    # when
    generate(n_records=200, seed=7, out=first)
    generate(n_records=200, seed=7, out=second, shard=0)
    # then
    assert first.read_bytes() == second.read_bytes()
    assert read_rows(first)[0]["record_id"] == "r1"
