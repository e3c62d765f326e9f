"""``corridor db_app_role``: give the application's PostgreSQL role exactly what it needs.

The application connects as this role in production: not the owner of the tables, not a
superuser, no BYPASSRLS, so row-level security binds it; on the audit table it may only
read and append. Migrations run as the owner.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

AUDIT_TABLE = "audit_auditevent"


def grant_statements(role: str) -> list[str]:
    quoted = connection.ops.quote_name(role)
    return [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {AUDIT_TABLE} FROM {quoted}",
        f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {quoted}",
    ]


def ensure_app_role(role: str, *, create: bool = False, password: str | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        exists = cursor.fetchone() is not None
        if not exists:
            if not create:
                raise CommandError(f"PostgreSQL role {role} does not exist; pass --create.", returncode=2)
            quoted = connection.ops.quote_name(role)
            cursor.execute(f"CREATE ROLE {quoted} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE")
            if password:
                cursor.execute(f"ALTER ROLE {quoted} PASSWORD %s", [password])
        for statement in grant_statements(role):
            cursor.execute(statement)


class Command(BaseCommand):
    help = "Create (optionally) and grant the application's PostgreSQL role; run as the owner."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", default=settings.CORRIDOR_APP_DB_ROLE)
        parser.add_argument("--create", action="store_true")
        parser.add_argument("--password-file")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Row-level security and roles exist on PostgreSQL only.", returncode=2)
        password = None
        if options["password_file"]:
            with open(options["password_file"], encoding="utf-8") as handle:
                password = handle.read().strip()
        ensure_app_role(options["role"], create=options["create"], password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Role {options['role']} granted; audit table is append-only for it.")
        )
