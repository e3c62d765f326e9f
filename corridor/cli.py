"""The ``corridor`` console command: every task of the platform, and Django's own commands.

``corridor demo``, ``corridor serve``, ``corridor worker``, ``corridor audit verify``,
``corridor migrate`` … are Django management commands; this wrapper only sets the
settings module so that the command works from any directory.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["corridor", *args])


if __name__ == "__main__":
    main()
