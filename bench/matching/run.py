"""Matching benchmark: designed normaliser vs naive normalisation, same Splink pipeline.

    nice -n 15 .venv/bin/python -m bench.matching.run --records 100000 --seed 7

Generates (or reuses) ``bench/matching/data/records_<n>.csv``, deduplicates it twice (designed
and naive normalisation) and prints a JSON report; ``--report`` also writes it to a file.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from bench.matching.generate import GENERATOR_VERSION, data_path, generate
from corridor.matching import clusters
from corridor.matching.engine import EngineConfig, LinkResult, link_records
from corridor.matching.normalise import detect_script, prepare
from corridor.matching.records import read_records_csv

THRESHOLDS = (0.5, 0.9, 0.99)


def emit_report(report: dict[str, Any], path: Path | None) -> None:
    """Print a benchmark report as JSON and, when a path is given, write it there too."""
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if path:
        path.write_text(text + "\n", encoding="utf-8")


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _truth(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    con.execute(
        "CREATE OR REPLACE TABLE rec AS SELECT record_id, entity_id, country, "
        "coalesce(given_name, '') AS given_name, coalesce(family_name, '') AS family_name "
        "FROM read_csv(?, all_varchar = true, header = true)",
        [str(path)],
    )
    scripts = {
        rid: detect_script(prepare(f"{given} {family}".strip()))
        for rid, given, family in con.execute("SELECT record_id, given_name, family_name FROM rec").fetchall()
    }
    con.register("scripts", pa.table({"record_id": list(scripts), "script": list(scripts.values())}))
    con.execute(
        "CREATE OR REPLACE TABLE rec2 AS SELECT rec.*, script FROM rec JOIN scripts USING (record_id)"
    )
    con.execute(
        "CREATE OR REPLACE TABLE truth AS SELECT a.record_id AS a, b.record_id AS b, a.country, "
        "least(a.script, b.script) || '-' || greatest(a.script, b.script) AS script_pair "
        "FROM rec2 a JOIN rec2 b ON a.entity_id = b.entity_id AND a.record_id < b.record_id"
    )


def _pairs_table(con: duckdb.DuckDBPyConnection, name: str, pairs: pa.Table) -> None:
    con.register(f"{name}_raw", pairs)
    con.execute(
        f"CREATE OR REPLACE TABLE {name} AS SELECT least(left_id, right_id) AS a, "  # noqa: S608
        f"greatest(left_id, right_id) AS b, match_probability AS p FROM {name}_raw"
    )


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    return con.execute(sql).fetchall()[0][0]


def quality(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, Any]:
    n_true = _scalar(con, "SELECT count(*) FROM truth")
    out: dict[str, Any] = {}
    for threshold in THRESHOLDS:
        n_pred = _scalar(con, f"SELECT count(*) FROM {table} WHERE p >= {threshold}")  # noqa: S608
        tp = _scalar(con, f"SELECT count(*) FROM {table} JOIN truth USING (a, b) WHERE p >= {threshold}")  # noqa: S608
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_true if n_true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[f"p>={threshold}"] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    for group in ("script_pair", "country"):
        rows = con.execute(
            f"SELECT {group}, count(*), count(p) FROM truth LEFT JOIN (SELECT * FROM {table} WHERE p >= 0.5) "  # noqa: S608
            f"USING (a, b) GROUP BY 1 ORDER BY 1"
        ).fetchall()
        out[f"recall_by_{group}"] = {k: {"pairs": n, "recall": round(found / n, 4)} for k, n, found in rows}
    return out


def blocking_completeness(con: duckdb.DuckDBPyConnection, result: LinkResult) -> float:
    """Share of true pairs that blocking puts together, counted inside the linker's database.

    The blocked pairs (63 M at 1M records) stay in DuckDB; only the truth table moves.
    """
    assert result.linker is not None
    blocked = result.linker.inference.compute_blocked_pairs_for_predict()
    linker_con = result.linker._db_api._con
    linker_con.register("truth_pairs", con.sql("SELECT a, b FROM truth").to_arrow_table())
    found = linker_con.execute(
        "SELECT count(*) FROM truth_pairs JOIN (SELECT DISTINCT least(join_key_l, join_key_r) AS a, "  # noqa: S608
        f"greatest(join_key_l, join_key_r) AS b FROM {blocked.physical_name}) USING (a, b)"
    ).fetchall()[0][0]
    linker_con.unregister("truth_pairs")
    return round(found / _scalar(con, "SELECT count(*) FROM truth"), 4)


def run_variant(
    con: duckdb.DuckDBPyConnection,
    records: pa.Table,
    *,
    naive: bool,
    threads: int,
    memory_limit: str | None = None,
) -> dict[str, Any]:
    label = "naive" if naive else "designed"
    config = EngineConfig(naive=naive, threads=threads, threshold=min(THRESHOLDS), memory_limit=memory_limit)
    start = time.perf_counter()
    result = link_records(
        tables=[records], config=config, progress=lambda m: print(f"[{label}] {m}", file=sys.stderr)
    )
    elapsed = time.perf_counter() - start
    linkage_peak = peak_memory_mb()  # before the evaluation below, which holds extra tables
    _pairs_table(con, f"pred_{label}", result.pairs)
    report = {
        "seconds_total": round(elapsed, 1),
        "seconds": {k: round(v, 1) for k, v in result.seconds.items()},
        "cpu_seconds": {k: round(v, 1) for k, v in result.cpu_seconds.items()},
        "seconds_side_by_side": {k: round(v, 1) for k, v in result.parallel_seconds.items()},
        "comparisons": result.n_comparisons,
        "cpu_seconds_total": round(sum(result.cpu_seconds.values()), 1),
        "comparisons_per_second": round(result.n_comparisons / max(result.seconds["predict"], 1e-9)),
        "comparisons_per_cpu_second": round(result.n_comparisons / max(result.cpu_seconds["predict"], 1e-9)),
        "blocking_pair_completeness": blocking_completeness(con, result),
        "peak_memory_mb_after_linkage": round(linkage_peak),
        "peak_memory_mb_after_evaluation": round(peak_memory_mb()),
    }
    report |= quality(con, f"pred_{label}")
    if not naive:
        report["clusters"] = cluster_quality(con, result)
    return report


def cluster_quality(con: duckdb.DuckDBPyConnection, result: LinkResult) -> dict[str, Any]:
    """Connected components against constrained clustering (``clusters.py``) at p ≥ 0.5: sizes,
    and pairwise precision / recall / F1 of the pairs each clustering puts together."""
    assert result.linker is not None
    linker_con = result.linker._db_api._con
    tables = [f.physical_name for f in result.linker._input_tables_dict.values()]
    out: dict[str, Any] = {}
    n_true = _scalar(con, "SELECT count(*) FROM truth")
    for name, constrained in (("connected_components", False), ("constrained", True)):
        started = time.perf_counter()
        table, report = clusters.cluster(
            linker_con, tables, result.pairs, threshold=0.5, constrained=constrained
        )
        seconds = time.perf_counter() - started
        con.register("clustered", table)
        implied = _scalar(
            con, "SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM clustered GROUP BY cluster_id)"
        )
        correct = _scalar(
            con,
            "SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM clustered "
            "JOIN rec USING (record_id) GROUP BY cluster_id, entity_id)",
        )
        con.unregister("clustered")
        precision = correct / implied if implied else 0.0
        recall = correct / n_true if n_true else 0.0
        out[name] = {
            "clusters": report.clusters,
            "largest": report.largest,
            "clusters_over_8": sum(n for size, n in report.sizes.items() if size > 8),
            "clusters_over_20": sum(n for size, n in report.sizes.items() if size > 20),
            "records_in_clusters_over_20": sum(size * n for size, n in report.sizes.items() if size > 20),
            "pairs_implied": int(implied or 0),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
            "refused": dict(report.refused),
            "seconds": round(seconds, 1),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Corridor matching benchmark")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--memory-limit", help='DuckDB memory limit, e.g. "6GB" (spills beyond it)')
    parser.add_argument("--report", type=Path)
    parser.add_argument(
        "--data-dir", type=Path, help="where generated sets are kept (default bench/matching/data)"
    )
    parser.add_argument("--input", type=Path, help="a generated file to use instead (--records is ignored)")
    args = parser.parse_args(argv)
    path = data_path(args.records, args.seed)
    if args.data_dir:
        path = args.data_dir / path.name
    if args.input:
        path = args.input
    elif not path.exists():
        generate(n_records=args.records, seed=args.seed, out=path)
    records = read_records_csv(path)
    con = duckdb.connect()
    _truth(con, path)
    report: dict[str, Any] = {
        "records": len(records),
        "true_pairs": _scalar(con, "SELECT count(*) FROM truth"),
        "generator": GENERATOR_VERSION,
        "seed": args.seed,
        "threads": args.threads,
        "memory_limit": args.memory_limit,
        "designed": run_variant(
            con, records, naive=False, threads=args.threads, memory_limit=args.memory_limit
        ),
    }
    if not args.skip_baseline:
        report["naive_baseline"] = run_variant(
            con, records, naive=True, threads=args.threads, memory_limit=args.memory_limit
        )
    emit_report(report, args.report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
