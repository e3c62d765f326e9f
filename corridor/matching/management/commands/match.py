"""``corridor match``: thin wrapper; the logic and the contract live in corridor.matching.cli."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.matching import cli


class Command(BaseCommand):
    help = "Link or deduplicate person records across scripts (see corridor/matching/README.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "args", nargs=argparse.REMAINDER, help="link | dedupe | encode, with their options"
        )

    def run_from_argv(self, argv: list[str]) -> None:
        # Hand the raw arguments to our parser so that `match link --left …` works unchanged.
        status = cli.main(argv[2:])
        if status:
            raise SystemExit(status)

    def handle(self, *args: Any, **options: Any) -> None:
        status = cli.main(list(args))
        if status:
            raise CommandError("match failed; see the message above.", returncode=status)
