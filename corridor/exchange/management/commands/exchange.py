"""``corridor exchange``: deliver the outbox, list purposes."""

from __future__ import annotations

import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections
from django.utils.translation import gettext as _

from corridor.exchange import registry, services

logger = logging.getLogger("corridor.exchange")


class Command(BaseCommand):
    help = "Cross-state messages: deliver what is due (once, or in a loop), list the purposes."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="{deliver,purposes}")
        deliver = actions.add_parser("deliver", help="Deliver queued messages and due retries; expire.")
        deliver.add_argument("--loop", action="store_true", help="Keep going until stopped.")
        deliver.add_argument("--interval", type=float, default=5.0, help="Seconds between rounds (--loop).")
        deliver.add_argument("--limit", type=int, default=500, help="Messages per state and round.")
        deliver.add_argument("--workers", type=int, default=1, help="Messages delivered at once.")
        actions.add_parser("purposes", help="The registered purposes and their field sets.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options.get("action")
        if action == "deliver":
            self._deliver(options)
        elif action == "purposes":
            self._purposes()
        else:
            raise CommandError(_("Say what to do: exchange deliver | purposes."), returncode=2)

    def _deliver(self, options: dict[str, Any]) -> None:
        if options["interval"] <= 0 or options["limit"] <= 0 or options["workers"] <= 0:
            raise CommandError(_("--interval, --limit and --workers must be positive."), returncode=2)
        while True:
            try:
                counts = services.messages_deliver_due(limit=options["limit"], workers=options["workers"])
                counts["expired"] = services.messages_expire()
            except DatabaseError:
                if not options["loop"]:
                    raise
                # The database went away (restart, failover): the outbox is still there; the
                # next round reconnects and takes up what is due.
                logger.exception("exchange deliver: round failed; trying again")
                close_old_connections()
                counts = {}
            summary = ", ".join(f"{key} {value}" for key, value in sorted(counts.items()) if value)
            if summary or not options["loop"]:
                self.stdout.write(summary or _("Nothing to deliver."))
            if not options["loop"]:
                return
            time.sleep(options["interval"])

    def _purposes(self) -> None:
        for purpose in registry.purposes(include_internal=True):
            fields = ", ".join(f"{name}:{spec.type}" for name, spec in purpose.fields.items())
            self.stdout.write(f"{purpose.code}  [{fields}]")
