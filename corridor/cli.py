"""The ``corridor`` console command: every task of the platform, and Django's own commands.

``corridor demo``, ``corridor serve``, ``corridor worker``, ``corridor audit verify``,
``corridor migrate`` … are Django management commands; this wrapper only sets the
settings module so that the command works from any directory.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None, *, exit_now: bool = False) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["match"]:
        # Person matching on files needs no database or settings: it starts without Django (1.3 s
        # sooner). `python manage.py match` and call_command("match", …) run the same contract.
        from corridor.matching import cli as match

        status = match.main(args[1:])
        if exit_now:
            match.exit_now(status)
        raise SystemExit(status)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["corridor", *args])


if __name__ == "__main__":
    main()


def console() -> None:
    """The installed ``corridor`` command: :func:`main`, ending ``corridor match`` at once."""
    main(exit_now=True)
