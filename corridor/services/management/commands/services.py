"""``corridor services import|export``: the service register as HSDS 3.1 files, on the command line.

    corridor services export --state TUR --format csv --output tur-register.zip
    corridor services export --public --format json --output register.json
    corridor services import tur-register.zip --state TUR

Command-line work is system work, done by whoever operates the node: an import goes into
the named state's register in one transaction (all or nothing) and keeps the file's
verification dates; both are written to the audit trail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.core.errors import ApplicationError
from corridor.reference.models import Country
from corridor.services import services


class Command(BaseCommand):
    help = "Import or export the service register as HSDS 3.1 (JSON document or CSV package)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write the register to a file.")
        who = export.add_mutually_exclusive_group(required=True)
        who.add_argument("--state", help="ISO 3166 alpha-3 code: that state's whole register.")
        who.add_argument("--public", action="store_true", help="Verified, active entries of every state.")
        export.add_argument("--format", choices=["json", "csv"], default="json")
        export.add_argument("--output", required=True, help="File to write (a .zip for csv).")
        load = sub.add_parser("import", help="Read an HSDS file into a state's register.")
        load.add_argument("path", help="A .json document or a .zip CSV package.")
        load.add_argument("--state", required=True, help="ISO 3166 alpha-3 code of the owner state.")
        load.add_argument("--format", choices=["json", "csv"], help="Default: from the file name.")

    def handle(self, *args: Any, **options: Any) -> None:
        state = (options.get("state") or "").upper() or None
        if state and not Country.objects.filter(iso3=state).exists():
            raise CommandError(f"Unknown state {state!r}: use an ISO 3166 alpha-3 code such as TUR.")
        if options["action"] == "export":
            data = services.register_export(actor=None, fmt=options["format"], state=state)
            Path(options["output"]).write_bytes(data)
            self.stdout.write(f"Wrote {options['output']} ({len(data)} bytes).")
            return
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        fmt = options.get("format") or ("csv" if path.suffix.lower() == ".zip" else "json")
        try:
            report = services.register_load(
                state=state or "", data=path.read_bytes(), fmt=fmt, name=path.name
            )
        except ApplicationError as error:
            lines = [str(error.message), *error.fields.get("file", [])]
            raise CommandError("\n".join(lines)) from error
        counts = ", ".join(f"{table} {count}" for table, count in sorted(report.counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Imported into {state}: {counts}."))
        if report.ignored:
            self.stdout.write("Not kept by this register: " + ", ".join(report.ignored))
