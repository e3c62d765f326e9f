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
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from corridor.cases import registry  # noqa: E402
from corridor.cases.clocks import clocks_sweep  # noqa: E402
from corridor.cases.models import Clock, TimeLimit  # noqa: E402

STATES = ["AFG", "AZE", "KAZ", "KGZ", "TJK", "TUR", "TKM", "IRN", "PAK", "UZB", "RUS"]
TYPES = ["recruitment.licence", "recruitment.vacancy", "registration.registration", "people.personrecord"]


def _seed(clocks: int, breached: float) -> None:
    Clock.objects.unscoped().delete()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clocks", type=int, default=1_000_000)
    parser.add_argument("--breached", type=float, default=0.5, help="share of clocks past their deadline")
    parser.add_argument("--report", default="")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL")
    started = time.perf_counter()
    _seed(args.clocks, args.breached)
    seeded = time.perf_counter() - started
    open_due = (
        Clock.objects.unscoped()
        .filter(stopped_at__isnull=True, breached_at__isnull=True, deadline_at__lte=timezone.now())
        .count()
    )
    received: list[int] = []
    registry.register_breach_handler(
        "recruitment.licence", "notify", lambda *, clocks, now: received.append(len(clocks))
    )
    started = time.perf_counter()
    report = clocks_sweep()
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = clocks_sweep()
    second = time.perf_counter() - started
    result = {
        "clocks": args.clocks,
        "open_and_due_before": open_due,
        "seed_seconds": round(seeded, 1),
        "sweep_seconds": round(first, 1),
        "breached": report.breached,
        "by_type": report.handled,
        "handler_received": sum(received),
        "second_sweep_seconds": round(second, 2),
        "second_sweep_breached": again.breached,
        "once": report.breached == open_due and again.breached == 0,
    }
    print(json.dumps(result, indent=2))
    if args.report:
        with open(args.report, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)


if __name__ == "__main__":
    main()
