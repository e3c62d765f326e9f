"""``corridor complaints_escalate [--enqueue]``: raise the escalation level of overdue complaints.

Run it from cron (for example every 15 minutes) or let ``--enqueue`` hand it to the task worker.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from corridor.grievances.services import complaints_escalate
from corridor.grievances.tasks import escalate_overdue_complaints


class Command(BaseCommand):
    help = "Escalate complaints that passed their time limit (red), one level per period overdue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run it in the task worker instead")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = escalate_overdue_complaints.enqueue()
            self.stdout.write(f"Enqueued as task {result.id}.")
            return
        self.stdout.write(f"{complaints_escalate()} complaint(s) escalated.")
