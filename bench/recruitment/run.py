"""Vacancy-search benchmark: seed 200,000 job ads, then load the public search on loopback.

    nice -n 10 .venv/bin/python -m bench.recruitment.run seed --vacancies 200000 --seed 7
    nice -n 10 .venv/bin/python -m bench.recruitment.run load --requests 2000 --concurrency 8
    nice -n 10 .venv/bin/python -m bench.recruitment.run explain

Run against a throw-away database (``DATABASE_URL``). ``load`` starts the app with
``corridor serve`` (gunicorn, 2 workers) on 127.0.0.1, fires the seeded mix at the API and at
the HTML search page, stops the server and prints a JSON report (``--report`` also writes it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from bench.recruitment.load import fire, query_mix  # noqa: E402
from bench.recruitment.seed import seed  # noqa: E402
from corridor.recruitment import selectors  # noqa: E402
from corridor.recruitment.models import Vacancy  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
API = "/api/v1/public/vacancies/"
PAGE = "/en/recruitment/vacancies/"


def machine() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "database": f"{connection.vendor} {version}".split(" on ")[0],
        "vacancies_in_table": Vacancy.objects.unscoped().count(),
    }


def _wait_ready(port: int, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped with code {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", API)
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not answer in time")


def load(args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, str(ROOT / "manage.py"), "serve", "--port", str(args.port), "--workers", "2"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        _wait_ready(args.port, server)
        # Warm both workers (imports, connections, templates) outside the measurement.
        fire(host="127.0.0.1", port=args.port, path=API, queries=query_mix(count=40, seed=999), concurrency=4)
        fire(
            host="127.0.0.1", port=args.port, path=PAGE, queries=query_mix(count=40, seed=999), concurrency=4
        )
        queries = query_mix(count=args.requests, seed=args.seed)
        api = fire(host="127.0.0.1", port=args.port, path=API, queries=queries, concurrency=args.concurrency)
        page_queries = query_mix(count=args.page_requests, seed=args.seed + 1)
        page = fire(
            host="127.0.0.1", port=args.port, path=PAGE, queries=page_queries, concurrency=args.concurrency
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "command": "load",
        "seed": args.seed,
        "target_p95_ms": 150,
        "api": api,
        "html_page": page,
        "machine": machine(),
    }


def _explain(sql: str, params: Any) -> tuple[float, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    total = float(plan.rsplit("Execution Time: ", 1)[1].split(" ")[0]) if "Execution Time" in plan else -1.0
    return total, plan


def explain(args: argparse.Namespace) -> dict[str, Any]:
    """EXPLAIN ANALYZE of the page query and the count query for one search of each kind."""
    if connection.vendor != "postgresql":
        raise SystemExit("explain needs PostgreSQL")
    seen: dict[str, Any] = {}
    for query in query_mix(count=200, seed=args.seed):
        if query.kind in seen:
            continue
        params = {k: v for k, v in query.params.items() if k != "page"}
        rows = selectors.public_vacancies(**params)
        page_sql, page_params = rows[:25].query.sql_with_params()
        count_sql, count_params = rows.order_by().query.sql_with_params()
        page_ms, page_plan = _explain(page_sql, page_params)
        # The SQL is Django's own, compiled from the selector; values stay parameters.
        count_ms, count_plan = _explain(f"SELECT COUNT(*) FROM ({count_sql}) AS rows", count_params)  # noqa: S608
        seen[query.kind] = {
            "params": params,
            "page_query_ms": page_ms,
            "count_query_ms": count_ms,
            **({"page_plan": page_plan, "count_plan": count_plan} if args.plans else {}),
        }
    return {"command": "explain", "queries": seen, "machine": machine()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sd = sub.add_parser("seed", help="bulk-load seeded job ads (adds to the table)")
    sd.add_argument("--vacancies", type=int, default=200_000)
    sd.add_argument("--seed", type=int, default=7)
    ld = sub.add_parser("load", help="serve with gunicorn on loopback and fire the search mix")
    ld.add_argument("--requests", type=int, default=2000)
    ld.add_argument("--page-requests", type=int, default=500)
    ld.add_argument("--concurrency", type=int, default=8)
    ld.add_argument("--port", type=int, default=8765)
    ld.add_argument("--seed", type=int, default=7)
    ex = sub.add_parser("explain", help="EXPLAIN ANALYZE one search of each kind")
    ex.add_argument("--seed", type=int, default=7)
    ex.add_argument("--plans", action="store_true", help="include the full plans")
    for p in (sd, ld, ex):
        p.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    commands = {"seed": lambda a: seed(count=a.vacancies, seed=a.seed), "load": load, "explain": explain}
    result = commands[args.command](args)
    text = json.dumps(result, indent=2, ensure_ascii=False, default=str)
    print(text)
    if args.report:
        args.report.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
