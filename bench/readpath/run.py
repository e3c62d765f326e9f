"""Read-path benchmark (issue 20): audited, scoped people list and public vacancy list, each
against a bare Django view reading the same rows, in one run, same server, same workers.

Run from the repository root against a PostgreSQL database you own (see README.md). The
database is migrated and filled with the demo once; the server is gunicorn (2 workers ×
4 threads, as ``corridor serve``) connected as the application role (no owner, no
BYPASSRLS), so row-level security is on for every request.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
APP_ROLE = "corridor_bench_app"
OFFICER = "kgz.migration_officer"
ENDPOINTS = {
    "people_audited": "/api/v1/people/",
    "people_bare": "/bench/bare/people/",
    "vacancies_api": "/api/v1/public/vacancies/",
    "vacancies_bare": "/bench/bare/vacancies/",
}


def _setup() -> dict[str, Any]:
    """Migrate, load the demo once, create the app role; a token and the officer's rows."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command

    from corridor.access.actor import actor_for
    from corridor.access.management.commands.db_app_role import ensure_app_role
    from corridor.accounts.models import User
    from corridor.accounts.services import token_issue
    from corridor.people.selectors import person_list

    call_command("migrate", interactive=False, verbosity=0)
    if not User.objects.filter(username=OFFICER).exists():
        call_command("demo", no_serve=True, verbosity=0)
    ensure_app_role(APP_ROLE, create=True, password="bench-only")  # noqa: S106 - loopback benchmark role
    user = User.objects.get(username=OFFICER)
    actor = actor_for(user)
    rows = [str(u) for u in person_list(actor=actor).values_list("uuid", flat=True)[:25]]
    return {"token": token_issue(user=user, name="bench").raw, "state": actor.state, "people": rows}


def _app_url(url: str) -> str:
    parts = urlsplit(url)
    netloc = f"{APP_ROLE}:bench-only@{parts.hostname}:{parts.port or 5432}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]  # nearest rank


def fire(port: int, path: str, *, requests: int, concurrency: int, headers: dict[str, str]) -> dict[str, Any]:
    """``requests`` GETs over ``concurrency`` keep-alive connections; latency per request."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = iter(range(requests))

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if next(remaining, None) is None:
                    break
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok, conn = False, http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                errors += 0 if ok else 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(_percentile(latencies, 50), 1),
        "p95_ms": round(_percentile(latencies, 95), 1),
    }


def _wait_ready(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped with code {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not answer in time")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database you own (see bench/readpath/README.md).")
    setup = _setup()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"state": setup["state"], "people": setup["people"]}, handle)
    env = {**os.environ, "DATABASE_URL": _app_url(database_url), "BENCH_READPATH_ROWS": handle.name}
    command = [sys.executable, "-m", "gunicorn", "bench.readpath.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{args.port}", "--workers", "2", "--threads", "4"]
    server = subprocess.Popen(  # noqa: S603 - our own fixed command line
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    results: dict[str, Any] = {}
    try:
        _wait_ready(args.port, server)
        auth = {"Authorization": f"Bearer {setup['token']}"}
        for name, path in ENDPOINTS.items():
            headers = auth if name == "people_audited" else {}
            fire(args.port, path, requests=80, concurrency=4, headers=headers)  # warm both workers
            results[name] = fire(
                args.port, path, requests=args.requests, concurrency=args.concurrency, headers=headers
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        os.unlink(handle.name)
    report = {
        "command": " ".join(["python -m bench.readpath.run", *(argv or sys.argv[1:])]),
        "rows": {"people": len(setup["people"])},
        "results": results,
        "ratios": {
            "people_audited_vs_bare": round(
                results["people_audited"]["requests_per_s"] / results["people_bare"]["requests_per_s"], 3
            ),
            "vacancies_api_vs_bare": round(
                results["vacancies_api"]["requests_per_s"] / results["vacancies_bare"]["requests_per_s"], 3
            ),
        },
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()},
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
