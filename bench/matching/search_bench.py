"""Search mode at registry scale: family reports, one at a time, against millions of records.

    # the registry: shards of the project's generator (1M records each, disjoint people)
    nice .venv/bin/python -m bench.matching.generate --records 1000000 --seed 7 --shard 1 \\
        --out /work/data_search/registry_shard1.csv            # … shards 1 to 5
    # build the index: the shards + the destination records of a tracing set (their people are
    # the ones the reports look for), then search every report of the tracing set on its own
    nice .venv/bin/python -m bench.matching.search_bench build --index /work/data_search/idx5m \\
        --shards /work/data_search/registry_shard{1,2,3,4,5}.csv --tracing-seed 7
    nice .venv/bin/python -m bench.matching.search_bench search --index /work/data_search/idx5m \\
        --tracing-seed 7 --report bench/matching/results/search_5m.json

The tracing set (``tracing.py``: 400 reports, ~6,500 destination records, 25 % of reports with
no true record, names from speech, Perso-Arabic against Latin/Cyrillic, partial dates, …) is
built again from its seed by both steps, so the truth is known without a file. ``build``
reports wall and CPU time, peak memory and the index's size on disk; ``search`` the latency of
each report answered alone (p50, p95, p99, max), recall@1/5/10 of the reports that have a true
record, how many reports without one get a hit at p ≥ 0.5, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bench.matching.tracing import Shape, TracingSet
from corridor.matching.index import RegistryIndex, build_index
from corridor.matching.records import INPUT_COLUMNS


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def tracing(
    seed: int, reports: int
) -> tuple[list[dict[str, str]], list[dict[str, str]], list[tuple[str, str]]]:
    """The tracing set; destination ids prefixed ``t`` (the shards' ids are ``s<k>r<n>``)."""
    left, right, truth = TracingSet(seed, Shape(reports=reports)).build()
    right = [{**row, "record_id": "t" + row["record_id"]} for row in right]
    return left, right, [(q, "t" + r) for q, r in truth]


def _read_generated(paths: list[Path]) -> pa.Table:
    """Generated records (a shard still being written may end in a cut line: it is dropped)."""
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            try:
                rows.extend(row for row in reader if row.get("corruptions") is not None)
            except csv.Error:
                pass
    columns = [*INPUT_COLUMNS, "scheme"]
    return pa.table({c: [row[c] or "" for row in rows] for c in columns})


def recombined(base: pa.Table, n_records: int, seed: int, chunk: int = 1_000_000) -> Iterator[pa.Table]:
    """``n_records`` new records whose fields are drawn independently from generated records of
    the same country, sex and spelling scheme: the name, date and place frequencies of the
    generator at a size the generator cannot reach in time here. Family name and patronymic are
    drawn together (they agree in form), as are birthplace and citizenship. Each new record is
    a different person (no duplicates are made: the people searched for are the tracing set's)."""
    rng = np.random.default_rng(seed)
    keys = pc.binary_join_element_wise(base["citizenship"], base["sex"], base["scheme"], "|").to_numpy(
        zero_copy_only=False
    )
    groups: dict[str, np.ndarray] = {}
    for key in np.unique(keys):
        groups[key] = np.flatnonzero(keys == key)
    names = list(groups)
    weights = np.array([len(groups[k]) for k in names], dtype=float)
    weights /= weights.sum()
    made = 0
    while made < n_records:
        size = min(chunk, n_records - made)
        chosen = rng.choice(len(names), size=size, p=weights)
        picks = {
            part: np.empty(size, dtype=np.int64)
            for part in ("family", "given", "date", "place", "doc", "sex")
        }
        for g in np.unique(chosen):
            where = np.flatnonzero(chosen == g)
            members = groups[names[g]]
            for part in picks:
                picks[part][where] = members[rng.integers(0, len(members), size=len(where))]
        columns = {
            "record_id": pa.array([f"x{made + i}" for i in range(size)], pa.string()),
            "family_name": base["family_name"].take(picks["family"]),
            "patronymic": base["patronymic"].take(picks["family"]),
            "given_name": base["given_name"].take(picks["given"]),
            "birth_date": base["birth_date"].take(picks["date"]),
            "sex": base["sex"].take(picks["sex"]),
            "citizenship": base["citizenship"].take(picks["place"]),
            "birth_place": base["birth_place"].take(picks["place"]),
            "document_number": base["document_number"].take(picks["doc"]),
            "source": base["source"].take(picks["given"]),
        }
        made += size
        yield pa.table(columns)


def build(args: argparse.Namespace) -> dict[str, Any]:
    _left, right, _truth = tracing(args.tracing_seed, args.reports)
    destination = pa.table({c: [row[c] for row in right] for c in INPUT_COLUMNS})
    sources: list[Path | pa.Table] = [destination]
    base_records = 0
    if args.recombine:
        base = _read_generated(args.shards)
        base_records = base.num_rows
        sources += [base.select(list(INPUT_COLUMNS)), *recombined(base, args.recombine, args.tracing_seed)]
    else:
        sources += list(args.shards)
    started, cpu = time.perf_counter(), time.process_time()
    index = build_index(
        sources, args.index, progress=lambda m: print(f"build: {m}", file=sys.stderr, flush=True),
        memory_limit=args.memory_limit,
    )  # fmt: skip
    stats = index.stats()
    index.close()
    return {
        "step": "build",
        "records": stats.records,
        "generated_records": base_records or "all of the shards",
        "recombined_records": args.recombine,
        "key_rows": stats.key_rows,
        "bytes_on_disk": stats.bytes,
        "wall_s": round(time.perf_counter() - started, 1),
        "cpu_s_main_process": round(time.process_time() - cpu, 1),
        "peak_rss_mb": round(_peak_mb()),
        "load_after": _load(),
    }


def search(args: argparse.Namespace) -> dict[str, Any]:
    left, _right, truth = tracing(args.tracing_seed, args.reports)
    true_of: dict[str, set[str]] = {}
    for query_id, record_id in truth:
        true_of.setdefault(query_id, set()).add(record_id)
    opened = time.perf_counter()
    index = RegistryIndex(args.index, read_only=True, threads=args.threads)
    open_s = time.perf_counter() - opened
    rss_open = _rss_mb()
    queries = left[: args.limit] if args.limit else left
    index.search([queries[0]], top=args.top)  # warm the normaliser and DuckDB's catalogue
    cpu: list[float] = []
    latencies, ranks, alarms, no_truth, probable_true, probable = [], [], 0, 0, 0, 0
    load_before = _load()
    for row in queries:
        query = {c: row[c] for c in INPUT_COLUMNS if c != "record_id"}
        started, cpu_started = time.perf_counter(), time.process_time()
        (hits,) = index.search([query], top=args.top)
        latencies.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        wanted = true_of.get(row["record_id"], set())
        ids = [h.record_id for h in hits]
        if wanted:
            ranks.append(next((i + 1 for i, rid in enumerate(ids) if rid in wanted), None))
        else:
            no_truth += 1
            alarms += bool(hits and hits[0].match_probability >= 0.5)
        if hits and hits[0].match_probability >= 0.5:
            probable += 1
            probable_true += hits[0].record_id in wanted
    latencies.sort()
    cpu.sort()

    def pct(p: float, values: list[float] = latencies) -> float:
        return round(values[min(len(values) - 1, int(p * len(values)))] * 1000, 1)

    def recall(k: int) -> float:
        return round(sum(1 for r in ranks if r is not None and r <= k) / max(len(ranks), 1), 3)

    return {
        "step": "search",
        "registry_records": index.size,
        "queries": len(queries),
        "with_true_record": len(ranks),
        "latency_ms": {
            "p50": pct(0.50),
            "p95": pct(0.95),
            "p99": pct(0.99),
            "max": pct(1.0),
            "mean": round(statistics.mean(latencies) * 1000, 1),
        },
        # CPU of the whole process (all DuckDB threads) per search: what the load on a shared
        # machine does not change much; on an idle machine the wall time is at most this
        "cpu_ms": {"p50": pct(0.50, cpu), "p95": pct(0.95, cpu), "max": pct(1.0, cpu)},
        "recall_at_1": recall(1),
        "recall_at_5": recall(5),
        "recall_at_10": recall(10),
        "no_true_record_with_hit_p_ge_0_5": f"{alarms}/{no_truth}",
        "top_hit_p_ge_0_5_precision": round(probable_true / max(probable, 1), 3),
        "open_s": round(open_s, 2),
        "rss_after_open_mb": round(rss_open),
        "rss_end_mb": round(_rss_mb()),
        "peak_rss_mb": round(_peak_mb()),
        "load_before": load_before,
        "load_after": _load(),
        "threads": args.threads,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    for name in ("build", "search"):
        step = steps.add_parser(name)
        step.add_argument("--index", type=Path, required=True)
        step.add_argument("--tracing-seed", type=int, default=7)
        step.add_argument("--reports", type=int, default=400)
        step.add_argument("--report", type=Path)
        if name == "build":
            step.add_argument("--shards", type=Path, nargs="*", default=[])
            step.add_argument("--memory-limit", default="6GB")
            step.add_argument(
                "--recombine", type=int, default=0, help="add N records recombined from the shards' fields"
            )
        else:
            step.add_argument("--top", type=int, default=10)
            step.add_argument("--limit", type=int, default=0, help="search only the first N reports")
            step.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)
    result = build(args) if args.step == "build" else search(args)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
