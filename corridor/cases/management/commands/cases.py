"""``corridor cases sweep [--today D] [--enqueue]``: act on every breached clock once (run it often)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.cases.clocks import clocks_sweep, sweep_moment


class Command(BaseCommand):
    help = "Case kernel tools. 'sweep' marks clocks past their deadline as breached and acts on them once."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sweep = sub.add_parser("sweep", help="Act on every clock past its deadline, once.")
        sweep.add_argument("--today", help="Sweep as at the end of this date (YYYY-MM-DD); default now.")
        sweep.add_argument("--enqueue", action="store_true", help="Hand the sweep to the task worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today must be a date such as 2026-01-31") from exc
        if options.get("enqueue"):
            from corridor.cases.tasks import clocks_sweep_task

            clocks_sweep_task.enqueue(today=today.isoformat() if today else None)
            self.stdout.write("enqueued")
            return
        report = clocks_sweep(now=sweep_moment(today))
        self.stdout.write(f"breached: {report.breached}")
        for key, count in sorted(report.handled.items()):
            self.stdout.write(f"{key}: {count}")
