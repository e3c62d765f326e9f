"""Benchmark: the clock sweep over N open clocks on PostgreSQL (issue 11: 1,000,000 in ≤ 60 s).

    createdb -h 127.0.0.1 -U postgres kernel_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kernel_bench .venv/bin/corridor migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kernel_bench \\
        nice -n 15 .venv/bin/python -m bench.cases.sweep --clocks 1000000 --breached 0.5 --report r.json

Clocks are inserted set-based (``generate_series``) across 11 states and 4 record types, a
share ``--breached`` of them past their deadline, a tenth of those already stopped. One
breach handler is registered for one record type (it counts what it receives), the others
have none, as in a deployment where only some modules act on breaches. The sweep then runs
as the application does (``clocks_sweep``), and again to show that nothing is acted on twice.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from corridor.audit.models import AuditEvent  # noqa: E402
from corridor.cases import registry  # noqa: E402
from corridor.cases.clocks import SWEEP_BATCH, clocks_sweep  # noqa: E402
from corridor.cases.models import Clock, TimeLimit  # noqa: E402

STATES = ["AFG", "AZE", "KAZ", "KGZ", "TJK", "TUR", "TKM", "IRN", "PAK", "UZB", "RUS"]
TYPES = ["recruitment.licence", "recruitment.vacancy", "registration.registration", "people.personrecord"]


def _seed(clocks: int, breached: float) -> None:
    with connection.cursor() as cursor:  # bench data only: start from no clocks
        cursor.execute("TRUNCATE cases_clock")
    limit, _ = TimeLimit.objects.get_or_create(
        code="bench.reply",
        state=None,
        effective_from=timezone.localdate().replace(year=2026, month=1, day=1),
        defaults={"amount": 25, "unit": "calendar_days", "legal_source": "bench", "breach_action": "notify"},
    )
    type_ids = [ContentType.objects.get_by_natural_key(*t.split(".")).pk for t in TYPES]
    due_share = int(breached * 1000)  # per mille of clocks past their deadline
    # Every tenth overdue clock was stopped before the sweep (answered in time, then overdue).
    sql = """
        INSERT INTO cases_clock (created_at, updated_at, uuid, state_id, content_type_id, object_uuid,
            time_limit_id, name, started_at, due_at, deadline_at, extensions, stopped_at, breached_at)
        SELECT now(), now(), gen_random_uuid(), (%(states)s::text[])[1 + g %% %(n_states)s],
            (%(types)s::int[])[1 + (g / 7) %% %(n_types)s], gen_random_uuid(), %(limit)s, 'bench.reply',
            now() - interval '30 days', due, due, 0,
            CASE WHEN g %% 1000 < %(share)s AND g %% 10 = 0 THEN now() - interval '2 days' END, NULL
        FROM (
            SELECT g, CASE WHEN g %% 1000 < %(share)s THEN now() - interval '1 day'
                           ELSE now() + interval '30 days' END AS due
            FROM generate_series(1, %(clocks)s) AS g
        ) AS rows
    """
    params = {
        "states": STATES, "n_states": len(STATES), "types": type_ids, "n_types": len(type_ids),
        "limit": limit.pk, "share": due_share, "clocks": clocks,
    }  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_clock")


backends: list[int] = []
cpu_of_backends: list[float] = []


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far; the database server is on this machine."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _sweep_in_parallel(workers: int, batch: int) -> tuple[list[Any], float]:
    """``workers`` sweeps at once, each on its own connection (as two scheduled runs overlapping)."""
    reports: list[Any] = []

    def one() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backends.append(cursor.fetchone()[0])
            reports.append(clocks_sweep(batch=batch))
            cpu_of_backends.append(sum(_cpu_seconds(pid) for pid in backends[-1:]))
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(workers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return reports, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clocks", type=int, default=1_000_000)
    parser.add_argument("--breached", type=float, default=0.5, help="share of clocks past their deadline")
    parser.add_argument("--seed-only", action="store_true", help="seed and stop (make a template database)")
    parser.add_argument("--no-seed", action="store_true", help="sweep the clocks already in the database")
    parser.add_argument("--parallel", type=int, default=1, help="sweeps started at once")
    parser.add_argument("--batch", type=int, default=SWEEP_BATCH, help="clocks per transaction")
    parser.add_argument("--report", default="")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL")
    load_before = os.getloadavg()
    started = time.perf_counter()
    if not args.no_seed:
        _seed(args.clocks, args.breached)
    seeded = time.perf_counter() - started
    if args.seed_only:
        print(json.dumps({"seed_seconds": round(seeded, 1), "clocks": Clock.objects.unscoped().count()}))
        return
    now = timezone.now()
    open_clocks = Clock.objects.unscoped().filter(stopped_at__isnull=True, breached_at__isnull=True)
    open_due = open_clocks.filter(deadline_at__lte=now).count()
    received: list[int] = []  # ids of the clocks the handler was given

    def handler(*, clocks: list[Clock], now: Any) -> None:
        received.extend(clock.pk for clock in clocks)

    registry.register_breach_handler("recruitment.licence", "notify", handler)
    licence_due = open_clocks.filter(
        deadline_at__lte=now, content_type=ContentType.objects.get_by_natural_key("recruitment", "licence")
    ).count()
    events_before = AuditEvent.objects.filter(action="clock.breached").count()
    own_cpu = time.process_time()
    reports, first = _sweep_in_parallel(args.parallel, args.batch)
    own_cpu = time.process_time() - own_cpu
    load_after_first = os.getloadavg()
    started = time.perf_counter()
    again = clocks_sweep(batch=args.batch)
    second = time.perf_counter() - started
    breached = sum(r.breached for r in reports)
    by_type: dict[str, int] = {}
    for r in reports:
        for key, value in r.handled.items():
            by_type[key] = by_type.get(key, 0) + value
    events = AuditEvent.objects.filter(action="clock.breached").order_by("seq")[events_before:]
    audited = sum(int(e.data.get("count", 0)) for e in events)
    still_open_due = open_clocks.filter(deadline_at__lte=now).count()
    result = {
        "clocks": Clock.objects.unscoped().count(),
        "open_and_due_before": open_due,
        "parallel_sweeps": args.parallel,
        "batch": args.batch,
        "seed_seconds": round(seeded, 1),
        "sweep_seconds": round(first, 1),
        # Load-independent: CPU the sweep used, in this process and in its database backends.
        "sweep_cpu_seconds_python": round(own_cpu, 1),
        "sweep_cpu_seconds_postgres": round(sum(cpu_of_backends), 1),
        "breached": breached,
        "by_type": by_type,
        "handler_received": len(received),
        "handler_received_distinct": len(set(received)),
        "licence_clocks_due": licence_due,
        "audited_breaches": audited,
        "open_and_due_after": still_open_due,
        "second_sweep_seconds": round(second, 2),
        "second_sweep_breached": again.breached,
        "once": (
            breached == open_due == audited
            and again.breached == 0
            and still_open_due == 0
            and len(received) == len(set(received)) == licence_due
        ),
        "load_average_before": load_before,
        "load_average_after_sweep": load_after_first,
        "cpu_count": os.cpu_count(),
    }
    print(json.dumps(result, indent=2))
    if args.report:
        with open(args.report, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    if not result["once"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
