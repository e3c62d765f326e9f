"""Link-set benchmark: ``corridor match link`` against the naive baseline, both as commands.

    nice -n 10 .venv/bin/python -m bench.matching.linkset --records 100000 --seed 7 --repeat 3

The generated set (``generate.py``) is split into the two files of a cross-border link: the
**left** file is what an origin state's registers hold — national Cyrillic, Russian Cyrillic,
Dari script and the native Latin of Türkiye and Azerbaijan (sources ``cyrillic``, ``russian``,
``arabic``, ``native``); the **right** file is what other systems wrote of the same people —
passports (ICAO, the Russian MVD scheme, ASCII), BGN, Turkish, Uzbek and Kazakh Latin. True
pairs are left–right pairs of one person.

Each run is a separate process, started the same way: the designed pipeline is the real
command line (``corridor match link --left … --right … --out …``); the baseline is
:func:`worker`, which starts as ``corridor match`` does (no Django) and calls the same
``services.link_files`` with the naive normaliser (NFKC, ASCII folding, lower case) and
nothing else changed. Wall-clock seconds, CPU seconds (user + system of the process and its
threads) and peak RSS come from ``os.wait4`` of each child; the two are run alternately
``--repeat`` times and the median is reported next to the range.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from bench.matching.generate import GENERATOR_VERSION, data_path, generate
from bench.matching.run import emit_report
from corridor.matching.records import INPUT_COLUMNS

LEFT_SOURCES = ("cyrillic", "russian", "arabic", "native")
THRESHOLDS = (0.5, 0.9, 0.99)
ROOT = Path(__file__).resolve().parents[2]


def split(source: Path, out_dir: Path) -> tuple[Path, Path]:
    """Write ``left.csv`` and ``right.csv`` (input columns only) and ``truth.csv`` beside them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    left, right, truth = out_dir / "left.csv", out_dir / "right.csv", out_dir / "truth.csv"
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE rec AS SELECT * FROM read_csv(?, all_varchar = true, header = true)", [str(source)]
    )
    columns = ", ".join(INPUT_COLUMNS)
    sources = ", ".join(f"'{s}'" for s in LEFT_SOURCES)
    for path, condition in ((left, f"source IN ({sources})"), (right, f"source NOT IN ({sources})")):
        con.execute(f"COPY (SELECT {columns} FROM rec WHERE {condition}) TO '{path}' (HEADER)")  # noqa: S608
    con.execute(
        f"COPY (SELECT l.record_id AS left_id, r.record_id AS right_id, l.scheme AS left_scheme, "  # noqa: S608
        f"r.scheme AS right_scheme, l.country FROM rec l JOIN rec r USING (entity_id) "
        f"WHERE l.source IN ({sources}) AND r.source NOT IN ({sources})) TO '{truth}' (HEADER)"
    )
    return left, right


def _scripts(scheme: str) -> str:
    if scheme in ("cyrillic", "russian"):
        return "cyrillic"
    return "arabic" if scheme == "arabic" else "latin"


def quality(pairs: Path, truth: Path) -> dict[str, Any]:
    """P/R/F1 at each threshold and recall by script pair and citizenship at the CLI default 0.5."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM read_csv(?, all_varchar = true, header = true)", [str(truth)]
    )
    con.execute(
        "CREATE TABLE p AS SELECT left_id, right_id, CAST(match_probability AS DOUBLE) AS p "
        "FROM read_csv(?, all_varchar = true, header = true)",
        [str(pairs)],
    )
    n_true = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
    out: dict[str, Any] = {"true_pairs": n_true}
    for threshold in THRESHOLDS:
        n_pred, tp = con.execute(
            "SELECT count(*), count(t.left_id) FROM p LEFT JOIN t USING (left_id, right_id) WHERE p >= ?",
            [threshold],
        ).fetchall()[0]
        precision, recall = tp / max(n_pred, 1), tp / max(n_true, 1)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[f"p>={threshold}"] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    rows = con.execute(
        "SELECT left_scheme, right_scheme, country, p IS NOT NULL "
        "FROM t LEFT JOIN p USING (left_id, right_id)"
    ).fetchall()
    by_script: dict[str, list[int]] = {}
    by_country: dict[str, list[int]] = {}
    for left_scheme, right_scheme, country, found in rows:
        pair = f"{_scripts(left_scheme)}-{_scripts(right_scheme)}"
        for table, key in ((by_script, pair), (by_country, country)):
            counts = table.setdefault(key, [0, 0])
            counts[0] += 1
            counts[1] += int(found)
    for name, table in (("recall_by_script_pair", by_script), ("recall_by_citizenship", by_country)):
        out[name] = {k: {"pairs": n, "recall": round(f / n, 4)} for k, (n, f) in sorted(table.items())}
    return out


def _run(argv: list[str]) -> dict[str, float]:
    """Run a command; its wall and CPU seconds and peak RSS (MB), from ``os.wait4``."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{argv[:3]} failed ({process.returncode}): {stderr[-2000:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
    }


def commands(left: Path, right: Path, out_dir: Path) -> dict[str, list[str]]:
    corridor = str(Path(sys.executable).with_name("corridor"))
    common = ["--left", str(left), "--right", str(right)]
    return {
        "designed": [corridor, "match", "link", *common, "--out", str(out_dir / "pairs_designed.csv")],
        "naive_baseline": [
            sys.executable,
            "-m",
            "bench.matching.linkset",
            "worker",
            *common,
            "--out",
            str(out_dir / "pairs_naive_baseline.csv"),
        ],
    }


def _summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("wall_s", "cpu_s", "peak_rss_mb"):
        values = [r[key] for r in runs]
        out[key] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    return out


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    source = data_path(args.records, args.seed)
    if args.data_dir:
        source = args.data_dir / source.name
    if not source.exists():
        generate(n_records=args.records, seed=args.seed, out=source)
    out_dir = source.with_name(f"linkset_{args.records}_seed{args.seed}")
    left, right = split(source, out_dir)
    runs: dict[str, list[dict[str, float]]] = {"designed": [], "naive_baseline": []}
    argv = commands(left, right, out_dir)
    for round_no in range(args.repeat):
        order = list(argv) if round_no % 2 == 0 else list(reversed(argv))
        for name in order:
            runs[name].append(_run(argv[name]))
            print(f"[linkset] round {round_no + 1} {name}: {runs[name][-1]}", file=sys.stderr)
    report: dict[str, Any] = {
        "records": args.records,
        "seed": args.seed,
        "generator": GENERATOR_VERSION,
        "left_rows": _rows(left),
        "right_rows": _rows(right),
        "repeat": args.repeat,
    }
    for name in argv:
        report[name] = {
            "command": " ".join(Path(a).name if a.startswith("/") else a for a in argv[name]),
            "runs": runs[name],
            **_summary(runs[name]),
            **quality(out_dir / f"pairs_{name}.csv", out_dir / "truth.csv"),
        }
    designed, naive = report["designed"], report["naive_baseline"]
    report["designed_over_naive"] = {
        "wall_time": round(designed["wall_s"]["median"] / naive["wall_s"]["median"], 3),
        "cpu_time": round(designed["cpu_s"]["median"] / naive["cpu_s"]["median"], 3),
        "f1_at_0.5": round(designed["p>=0.5"]["f1"] - naive["p>=0.5"]["f1"], 4),
    }
    return report


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def worker(argv: list[str]) -> int:
    """The naive baseline as a command started as ``corridor match`` starts (without Django)."""
    parser = argparse.ArgumentParser(prog="linkset worker")
    parser.add_argument("--left", type=Path, required=True)
    parser.add_argument("--right", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    from corridor.matching import services
    from corridor.matching.cli import exit_now
    from corridor.matching.engine import EngineConfig

    count = services.link_files(
        left=args.left, right=args.right, out=args.out, threshold=0.5, config=EngineConfig(naive=True)
    )
    print(f"wrote {count:,} pairs to {args.out}", file=sys.stderr)
    exit_now(0)  # as corridor match ends
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["worker"]:
        return worker(argv[1:])
    parser = argparse.ArgumentParser(description="Corridor matching: link-set benchmark")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    report = benchmark(args)
    emit_report(report, args.report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
