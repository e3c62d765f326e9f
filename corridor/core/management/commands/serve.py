"""``corridor serve``: the production-grade HTTP server (gunicorn) on 127.0.0.1:$PORT."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

_RUN_COMMAND = "import sys; from corridor.cli import main; main(sys.argv[1:])"
# The access log names the path, never the query string or the referrer: searches by passport
# or document number travel as query strings (``?passport_number=``), and a log line must not
# hold them in clear (issue 20). The request id ties a line to the application's own records.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s" %({x-request-id}o)s'


class Command(BaseCommand):
    help = "Serve Corridor with gunicorn on 127.0.0.1:$PORT (default 8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        bind = f"{options['host']}:{options['port']}"
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            "--threads",
            "4",
            "--access-logfile",
            "-",
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--forwarded-allow-ips",
            "127.0.0.1",
            "--timeout",
            "60",
            "--graceful-timeout",
            "20",
        ]
        if settings.DEMO_MODE and "CORRIDOR_MANIFEST_STATIC" not in os.environ:
            self._collect_static()
        self.stdout.write(f"Corridor is serving on http://{bind}/ (Ctrl+C stops it)")
        self.stdout.flush()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with the server

    def _collect_static(self) -> None:
        """Hashed, compressed static files in the demo as in production (served with long cache lifetimes)."""
        self.stdout.write("Collecting static files (hashed and compressed) …")
        os.environ["CORRIDOR_MANIFEST_STATIC"] = "1"  # for the collection below and the server it starts
        subprocess.run(  # noqa: S603 - our own command line, no user input
            [sys.executable, "-c", _RUN_COMMAND, "collectstatic", "--noinput", "--verbosity", "0"],
            check=True,
        )
