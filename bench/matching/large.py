"""Very large deduplication (10M records) with bounded memory, scored partition by partition.

    nice -n 10 .venv/bin/python -m bench.matching.large --input /tmp/m1/records_10000000_seed7_g2.0.csv \
        --workdir /tmp/m1/large --parts 40 --memory-limit 6GB --report 10m.json

DuckDB works with ``memory_limit`` and a temporary directory under ``--workdir``, so it spills
instead of growing. Blocking keys are built once; the candidate pairs
are then made, scored and written to Parquet one partition at a time (partition = left record
number modulo ``--parts``), so at most one partition's pairs exist at once. After every
partition a progress line (time, pairs, rates, projection) is appended to ``progress.jsonl``;
a run stopped early still documents how far it got. Partitions are a uniform random split of
left records, so precision and recall over the finished partitions (true pairs whose left
record falls in them) estimate the whole run's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from bench.matching.run import emit_report, peak_memory_mb
from corridor.matching import engine
from corridor.matching.records import INPUT_COLUMNS, prepare_records


def read_input(path: Path) -> tuple[pa.Table, pa.Table]:
    """Records (input columns, empty strings for nulls) and the truth (record_id, entity_id)."""
    names = [*INPUT_COLUMNS, "entity_id"]
    options = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.string()), include_columns=names, strings_can_be_null=False
    )
    table = pacsv.read_csv(path, convert_options=options)
    return table.select(list(INPUT_COLUMNS)), table.select(["record_id", "entity_id"])


def _connect(workdir: Path, memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    workdir.mkdir(parents=True, exist_ok=True)
    # In-memory database: DuckDB still spills to temp_directory beyond memory_limit, and Splink's
    # many small CREATE TABLEs do not pay for the write-ahead log of an on-disk file.
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    con.execute("SET memory_limit = ?", [memory_limit])
    con.execute("SET temp_directory = ?", [str(workdir / "spill")])
    con.execute("SET preserve_insertion_order = false")
    return con


def _log(workdir: Path, entry: dict[str, Any]) -> None:
    entry = {"at": time.strftime("%H:%M:%S"), "rss_mb": round(peak_memory_mb()), **entry}
    print(json.dumps(entry), file=sys.stderr, flush=True)
    with (workdir / "progress.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")


def _score_parts(
    con: duckdb.DuckDBPyConnection, linker: Any, keys: Any, *, args: argparse.Namespace, started: float
) -> dict[str, Any]:
    done, pairs, seconds = 0, 0, 0.0
    for part in range(args.parts):
        if args.stop_after and time.perf_counter() - started > args.stop_after:
            break
        t0 = time.perf_counter()
        n = engine.register_pairs(linker, con, keys, part=part, parts=args.parts)
        predictions = linker.inference.predict(threshold_match_probability=0.5, warning_mode="never")
        con.execute(
            f"COPY (SELECT least(record_id_l, record_id_r) AS a, greatest(record_id_l, record_id_r) AS b, "  # noqa: S608
            f"match_probability AS p FROM {predictions.physical_name}) "
            f"TO '{args.workdir / f'pred_{part:03d}.parquet'}' (FORMAT parquet)"
        )
        con.execute(
            f"INSERT INTO truth_blocked SELECT {part}, count(*) FROM _blocked_pairs bp JOIN truth t "  # noqa: S608
            "ON t.a = bp.join_key_l AND t.b = bp.join_key_r"
        )
        predictions.drop_table_from_database_and_remove_from_cache()
        elapsed = time.perf_counter() - t0
        done, pairs, seconds = done + 1, pairs + n, seconds + elapsed
        rate = pairs / seconds
        _log(
            args.workdir,
            {
                "part": part,
                "pairs": n,
                "seconds": round(elapsed, 1),
                "pairs_per_s": round(rate),
                "projected_total_pairs": round(pairs / done * args.parts),
                "projected_predict_s": round(seconds / done * args.parts),
            },
        )
    return {
        "parts_done": done,
        "parts": args.parts,
        "pairs_scored": pairs,
        "predict_seconds": round(seconds, 1),
        "comparisons_per_second": round(pairs / max(seconds, 1e-9)),
    }


def _load_chunks(con: duckdb.DuckDBPyConnection, records: pa.Table, *, chunk: int, start: int) -> float:
    """Normalise and load ``records`` a chunk at a time (bounded Arrow memory); seconds spent.

    ``start``: the record number (``_rid``) of the first record.
    """
    seconds = 0.0
    for offset in range(0, len(records), chunk):
        t0 = time.perf_counter()
        prepared = prepare_records(records.slice(offset, chunk))
        seconds += time.perf_counter() - t0
        rid = pa.array(range(start + offset, start + offset + len(prepared)), pa.int64())
        con.register("chunk", prepared.append_column("_rid", rid))
        if start + offset == 0:
            con.execute("CREATE TABLE input_0 AS SELECT * FROM chunk")
        else:
            con.execute("INSERT INTO input_0 SELECT * FROM chunk")
        con.unregister("chunk")
    return seconds


def _wait(path: Path) -> None:
    """Inputs still being generated are used once ``<file>.done`` exists (see README)."""
    marker = path.with_name(path.name + ".done")
    while not marker.exists():
        time.sleep(5)


def _read_all(con: duckdb.DuckDBPyConnection, args: argparse.Namespace, started: float) -> tuple[float, int]:
    """Read, normalise and load every input in turn; the truth table rows go to ``truth_ids``."""
    normalise_s, loaded = 0.0, 0
    con.execute("CREATE TABLE truth_ids (record_id VARCHAR, entity_id VARCHAR)")
    for path in args.input:
        _wait(path)
        records, truth = read_input(path)
        con.register("truth_arrow", truth)
        con.execute("INSERT INTO truth_ids SELECT * FROM truth_arrow")
        con.unregister("truth_arrow")
        normalise_s += _load_chunks(con, records, chunk=args.chunk, start=loaded)
        loaded += len(records)
        _log(
            args.workdir,
            {"stage": f"loaded {path.name}", "records": loaded, "s": round(time.perf_counter() - started)},
        )
    return normalise_s, loaded


def _truth(con: duckdb.DuckDBPyConnection, parts: int) -> int:
    """True pairs (a < b as text, like Splink's join keys) and the partition that scores each."""
    con.execute(
        "CREATE TABLE ent AS SELECT t.record_id, t.entity_id, i._rid FROM truth_ids t "
        "JOIN input_0 i USING (record_id)"
    )
    con.execute(
        "CREATE TABLE truth AS SELECT least(x.record_id, y.record_id) AS a, "  # noqa: S608
        f"greatest(x.record_id, y.record_id) AS b, least(x._rid, y._rid) % {int(parts)} AS part "
        "FROM ent x JOIN ent y ON x.entity_id = y.entity_id AND x.record_id < y.record_id"
    )
    con.execute("DROP TABLE ent")
    con.execute("DROP TABLE truth_ids")
    con.execute("CREATE TABLE truth_blocked (part INTEGER, n BIGINT)")
    return int(con.execute("SELECT count(*) FROM truth").fetchall()[0][0])


def _quality(con: duckdb.DuckDBPyConnection, workdir: Path, done: int) -> dict[str, Any]:
    """Pairwise P/R/F1 over the finished partitions (a uniform sample of left records)."""
    con.execute(
        f"CREATE OR REPLACE VIEW pred AS SELECT * FROM read_parquet('{workdir}/pred_*.parquet')"  # noqa: S608
    )
    n_true = con.execute(f"SELECT count(*) FROM truth WHERE part < {done}").fetchall()[0][0]  # noqa: S608
    blocked = con.execute("SELECT coalesce(sum(n), 0) FROM truth_blocked").fetchall()[0][0]
    out: dict[str, Any] = {
        "true_pairs_in_finished_parts": n_true,
        "blocking_pair_completeness": round(blocked / max(n_true, 1), 4),
    }
    for threshold in (0.5, 0.9, 0.99):
        n_pred, tp = con.execute(
            f"SELECT count(*), count(t.a) FROM pred LEFT JOIN truth t USING (a, b) WHERE p >= {threshold}"  # noqa: S608
        ).fetchall()[0]
        precision, recall = tp / max(n_pred, 1), tp / max(n_true, 1)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[f"p>={threshold}"] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Corridor matching: very large deduplication run")
    parser.add_argument("--input", type=Path, nargs="+", required=True, help="one or more CSV parts")
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=40)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="6GB")
    parser.add_argument("--chunk", type=int, default=1_000_000, help="records normalised at a time")
    parser.add_argument("--stop-after", type=float, default=0, help="start no partition after N seconds")
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    con = _connect(args.workdir, args.memory_limit, args.threads)
    (args.workdir / "progress.jsonl").unlink(missing_ok=True)
    normalise_s, _ = _read_all(con, args, started)
    n_true = _truth(con, args.parts)
    config = engine.EngineConfig(threads=args.threads, memory_limit=args.memory_limit)
    engine._quiet()
    t0 = time.perf_counter()
    linker, keys = engine.linker_over_tables(con, ["input_0"], config=config)
    keys_s = time.perf_counter() - t0
    _log(args.workdir, {"stage": "keys", "keys_s": round(keys_s), "true_pairs": n_true})
    t0 = time.perf_counter()
    engine.train(linker, config=config)
    train_s = time.perf_counter() - t0
    _log(args.workdir, {"stage": "trained", "train_s": round(train_s)})
    scored = _score_parts(con, linker, keys, args=args, started=started)
    report = {
        "records": int(con.execute("SELECT count(*) FROM input_0").fetchall()[0][0]),
        "true_pairs": n_true,
        "seconds": {
            "normalise": round(normalise_s),
            "keys": round(keys_s),
            "train": round(train_s),
            "total_wall": round(time.perf_counter() - started),
        },
        "peak_rss_mb": round(peak_memory_mb()),
        "memory_limit": args.memory_limit,
        "threads": args.threads,
        **scored,
        **_quality(con, args.workdir, scored["parts_done"]),
    }
    emit_report(report, args.report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
