"""``corridor worker``: run background tasks queued in the database."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run queued background tasks (production: CORRIDOR_TASK_BACKEND=database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.TASKS["default"]["BACKEND"].endswith("DatabaseBackend"):
            raise CommandError(
                "Tasks run in-process on this configuration; set CORRIDOR_TASK_BACKEND=database "
                "to queue them for a worker.",
                returncode=2,
            )
        worker_args = ["--batch"] if options["batch"] else []
        call_command("db_worker", *worker_args)
