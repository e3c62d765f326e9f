"""``corridor recruitment sweep``: apply the date-driven status changes now (run it daily)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.recruitment.services.sweeps import recruitment_sweep


class Command(BaseCommand):
    help = "Recruitment tools. 'sweep' marks licences renewal-due/expired, certifications and job ads."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sweep = sub.add_parser("sweep", help="Apply status changes that follow from dates.")
        sweep.add_argument("--today", help="Sweep as of this date (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today must be a date such as 2026-01-31") from exc
        result = recruitment_sweep(today=today)
        for name, count in result.as_dict().items():
            self.stdout.write(f"{name}: {count}")
