"""``corridor registration_feed --state KGZ --year 2026 --month 10 --user kgz.statistician``:
send one month of registration counts to the regional data centre (``feeds`` service)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.access.actor import actor_for
from corridor.accounts.models import User
from corridor.core.errors import ApplicationError
from corridor.registration.services import feeds

BAD_ARGUMENTS = 2


class Command(BaseCommand):
    help = "Send one month of registration counts (statistics consent only) to the data centre."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--state", required=True, help="ISO 3166 alpha-3 code of the reporting state")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--month", required=True, type=int)
        parser.add_argument("--user", required=True, help="user name of a statistician of that state")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {options['user']!r}.", returncode=BAD_ARGUMENTS)
        actor = actor_for(user)
        if actor.state != options["state"].upper():
            raise CommandError(
                f"{options['user']} does not act for {options['state'].upper()}.", returncode=BAD_ARGUMENTS
            )
        try:
            result = feeds.publish_monthly_counts(actor=actor, year=options["year"], month=options["month"])
        except ApplicationError as exc:
            details = "; ".join(f"{name}: {' '.join(map(str, msgs))}" for name, msgs in exc.fields.items())
            raise CommandError(
                " ".join([str(exc.message), details]).strip(), returncode=BAD_ARGUMENTS
            ) from exc
        self.stdout.write(
            f"{result.period}: {result.people} people in {result.cells} cells sent to {feeds.FEED_DATAFLOW}; "
            f"submission {result.submission} vintage {result.vintage}: {result.status}"
        )
