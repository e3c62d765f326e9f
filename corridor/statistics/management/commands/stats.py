"""``corridor stats submit FILE --dataflow ID --provider ISO3 --user NAME``: send a file
through the same service as the page and the API, and print the validation report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.access.actor import actor_for
from corridor.accounts.models import User
from corridor.core.errors import ApplicationError
from corridor.statistics import services
from corridor.statistics.validation.messages import render


class Command(BaseCommand):
    help = "Statistics data centre: submit a file (SDMX-CSV 2.0, SDMX-ML 2.1 or Excel template)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        submit = sub.add_parser("submit")
        submit.add_argument("file")
        submit.add_argument("--dataflow", required=True)
        submit.add_argument("--provider", required=True, help="ISO 3166 alpha-3 code of the provider state")
        submit.add_argument("--user", required=True, help="user name of a statistician of the provider state")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        actor = actor_for(user)
        if user is None or actor.state != options["provider"].upper():
            raise CommandError("The user must be a statistician of the provider state.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            submission = services.submission_upload(
                actor=actor, dataflow=options["dataflow"], content=path.read_bytes(), file_name=path.name
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        for item in submission.report.get("issues", []):
            self.stdout.write(
                f"{item['level']}\trow {item.get('row') or '-'}\t{item.get('column', '')}\t{render(item)}"
            )
        self.stdout.write(
            f"{submission.uuid} vintage {submission.vintage}: {submission.status}, "
            f"{submission.observation_count} cells, {submission.error_count} errors"
        )
        if submission.error_count:
            raise CommandError("The file has errors; nothing was stored.")
