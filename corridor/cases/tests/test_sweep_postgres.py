"""The sweep on PostgreSQL as the application role: several sweeps at once (two scheduled runs
overlapping, or two hosts) act on each breach exactly once, under row-level security."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection

from corridor.access.management.commands.db_app_role import ensure_app_role
from corridor.audit.models import AuditEvent
from corridor.cases import registry
from corridor.cases.clocks import SweepReport, clock_start, clock_stop, clocks_sweep
from corridor.cases.models import Clock
from corridor.cases.tests.test_clocks import at, limit

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the set-based claim is PostgreSQL's"),
]

ROLE = f"corridor_app_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def test_sweeps_running_at_once_act_on_each_breach_once(make_licence):
    # given 90 clocks past their deadline in three states, one stopped and one not yet due
    limit(code="test.hours", amount=1, unit="hours")
    due = {
        clock_start(record=make_licence(state=state), code="test.hours", now=at(2026, 3, 1)).pk
        for state in ("KGZ", "TUR", "KAZ")
        for _ in range(30)
    }
    stopped = make_licence(state="KGZ")
    clock_start(record=stopped, code="test.hours", now=at(2026, 3, 1))
    clock_stop(record=stopped, now=at(2026, 3, 1, 10))
    clock_start(record=make_licence(state="TUR"), code="test.hours", now=at(2026, 3, 2, 10))
    ensure_app_role(ROLE, create=True)
    handled: list[int] = []
    reports: list[SweepReport] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def handler(*, clocks, now):
        with lock:
            handled.extend(c.pk for c in clocks)

    def sweep() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute(f'SET ROLE "{ROLE}"')  # bound by row-level security, like the app
            reports.append(clocks_sweep(now=at(2026, 3, 2), batch=7))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)
        finally:
            connection.close()

    registry.register_breach_handler("recruitment.licence", "notify", handler)
    try:
        # when three sweeps run at once, in small batches so that they meet on the same rows
        threads = [threading.Thread(target=sweep) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        registry.unregister_breach_handler("recruitment.licence", "notify")

    # then every overdue open clock was breached and handed to its handler exactly once
    assert failures == []
    assert sorted(handled) == sorted(due)
    assert sum(r.breached for r in reports) == len(due)
    breached = Clock.objects.unscoped().filter(breached_at__isnull=False)
    assert set(breached.values_list("id", flat=True)) == due
    events = AuditEvent.objects.filter(action="clock.breached")
    assert sum(e.data["count"] for e in events) == len(due)
    assert clocks_sweep(now=at(2026, 3, 2)).breached == 0
