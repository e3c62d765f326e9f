"""``corridor audit verify``: check the hash chain and name the first broken event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.audit.services import audit_verify


class Command(BaseCommand):
    help = "Audit trail tools. 'verify' checks the hash chain from the first event to the last."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check the hash chain; exit status 1 if it is broken.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_verify()
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(f"Audit chain intact: {report.checked} events; head {report.head_hash}")
            )
            return
        self.stderr.write(f"Audit chain BROKEN after {report.checked} good events: {report.problem}")
        if report.first_bad_uuid:
            self.stderr.write(f"First bad event: #{report.first_bad_seq} ({report.first_bad_uuid})")
        raise CommandError("audit chain verification failed", returncode=1)
