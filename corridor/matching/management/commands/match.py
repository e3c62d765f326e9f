"""``corridor match``: thin wrapper; the logic and the contract live in corridor.matching.cli."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from corridor.matching import cli


class _Lines:
    """print() → OutputWrapper without blank lines (OutputWrapper adds its own line ending)."""

    def __init__(self, out: OutputWrapper) -> None:
        self.out = out

    def write(self, text: str, /) -> int:
        if text.strip():
            self.out.write(text.rstrip("\n"))
        return len(text)

    def flush(self) -> None:
        self.out.flush()


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
        # call_command("match", "dedupe", "--input", …): the same contract; messages go to the
        # command's stderr (call_command(..., stderr=buffer) captures them).
        status = cli.main(list(args), stderr=_Lines(self.stderr))
        if status:
            raise CommandError("match failed; see the message above.", returncode=status)
