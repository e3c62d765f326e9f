"""Migration operation that makes the audit table append-only on PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db.migrations.operations.base import Operation


class ProtectAuditTable(Operation):
    """Refuse UPDATE, DELETE and TRUNCATE on the audit table, whoever connects."""

    reversible = True

    def __init__(self, table: str):
        self.table = table

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self.__class__.__name__, [self.table], {}

    def state_forwards(self, app_label: str, state: Any) -> None:
        return None

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        # A database superuser may still empty the table (test databases are flushed that
        # way); such a user could drop the trigger anyway. The application role never can.
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION corridor_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            "IF TG_OP = 'TRUNCATE' AND (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) "
            "THEN RETURN NULL; END IF; "
            "RAISE EXCEPTION 'audit events are append-only'; END $$"
        )
        schema_editor.execute(
            f'CREATE TRIGGER corridor_audit_no_change BEFORE UPDATE OR DELETE ON "{self.table}" '
            "FOR EACH ROW EXECUTE FUNCTION corridor_audit_immutable()"
        )
        schema_editor.execute(
            f'CREATE TRIGGER corridor_audit_no_truncate BEFORE TRUNCATE ON "{self.table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION corridor_audit_immutable()"
        )

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f'DROP TRIGGER IF EXISTS corridor_audit_no_change ON "{self.table}"')
        schema_editor.execute(f'DROP TRIGGER IF EXISTS corridor_audit_no_truncate ON "{self.table}"')

    def describe(self) -> str:
        return f"Make {self.table} append-only"
