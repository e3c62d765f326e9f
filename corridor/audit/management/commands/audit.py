"""``corridor audit verify|checkpoint``: check the hash chain (and its witnessed checkpoints),
or sign the chain's head and hand it to the witnesses."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.audit.anchoring import checkpoint_publish, verify_witnessed, witnesses
from corridor.audit.services import audit_verify


class Command(BaseCommand):
    help = (
        "Audit trail tools. 'verify' checks the hash chain from the first event to the last and "
        "against every witnessed checkpoint; 'checkpoint' signs the chain's head for the witnesses."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check the chain and the checkpoints; exit status 1 if broken.")
        sub.add_parser("checkpoint", help="Sign the chain's head and append it to every witness.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            checkpoint = checkpoint_publish()
            if checkpoint is None:
                self.stdout.write("No audit event yet; nothing to witness.")
            else:
                count = len(witnesses())
                self.stdout.write(
                    f"Checkpoint #{checkpoint.seq} {checkpoint.head_hash} given to {count} witness(es)"
                )
            return
        report = audit_verify()
        if not report.ok:
            self.stderr.write(f"Audit chain BROKEN after {report.checked} good events: {report.problem}")
            if report.first_bad_uuid:
                self.stderr.write(f"First bad event: #{report.first_bad_seq} ({report.first_bad_uuid})")
            raise CommandError("audit chain verification failed", returncode=1)
        problems = verify_witnessed()
        if problems:
            for problem in problems:
                self.stderr.write(f"Audit chain does not match a witnessed checkpoint: {problem}")
            raise CommandError("audit chain verification failed", returncode=1)
        checkpoints = sum(len(w.tokens()) for w in witnesses())
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {report.checked} events; head {report.head_hash}; "
                f"matches {checkpoints} checkpoint(s) of {len(witnesses())} witness(es)"
            )
        )
