"""``corridor demo [--no-serve]``: migrate, load the demo data, print the accounts, serve."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from corridor.portal.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Set up the demo on the embedded database and serve it on 127.0.0.1:$PORT."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Set up only; do not start the server.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "corridor demo runs in demo mode only (unset DATABASE_URL or set CORRIDOR_DEMO=1)."
            )
        self.stdout.write("Migrating the database …")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Loading demo data …")
        summary = load_demo()
        self.stdout.write(f"Demo data ready ({summary.created_people} new synthetic person records).")
        self._load_module_demos()
        from corridor.recruitment.demo import EMPLOYER_USERNAME

        self._print_accounts([*summary.users, EMPLOYER_USERNAME])
        if not options["no_serve"]:
            call_command("serve")

    def _load_module_demos(self) -> None:
        """Each module brings its own idempotent demo data, made through its services."""
        from corridor.grievances.demo import load_demo_grievances
        from corridor.recruitment.demo import load_demo_recruitment
        from corridor.registration.demo import load_demo_registrations
        from corridor.services.demo import load_demo_services
        from corridor.statistics.demo import load_demo_statistics

        self.stdout.write("Loading synthetic registrations, statistics, agencies, vacancies and complaints …")
        load_demo_registrations()
        load_demo_statistics()
        load_demo_recruitment()
        load_demo_grievances()
        self.stdout.write("Loading the demonstration service register (find help) …")
        load_demo_services()
        from corridor.readmission.demo import load_demo_readmission

        self.stdout.write("Loading readmission cases between Türkiye and Kyrgyzstan …")
        load_demo_readmission()

    def _print_accounts(self, users: list[str]) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        by_state: dict[str, list[str]] = {}
        for username in users:
            state, _, role = username.partition(".")
            by_state.setdefault(state.upper() if role else "Regional", []).append(username)
        for state, names in by_state.items():
            self.stdout.write(f"  {state:9} {', '.join(names)}")
        mfa = (
            "required"
            if settings.CORRIDOR_MFA_REQUIRED
            else "off in demo mode (CORRIDOR_MFA_REQUIRED=1 turns it on)"
        )
        self.stdout.write(f"  Two-factor sign-in: {mfa}")
        self.stdout.write(f"  Open http://127.0.0.1:{settings.PORT}/ — API docs at /api/v1/docs/")
        self.stdout.write("")
