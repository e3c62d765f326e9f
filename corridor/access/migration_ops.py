"""Migration operations for the second isolation layer (PostgreSQL row-level security).

Every state-owned table gets ``EnableRowLevelSecurity`` in the migration that creates it.
On other databases the operation does nothing: the application layer is the only layer.
"""

from __future__ import annotations

from typing import Any

from django.db.migrations.operations.base import Operation

VISIBLE_FUNCTION = """
CREATE OR REPLACE FUNCTION corridor_row_visible(owner text, record_type text, origin text, protected boolean)
RETURNS boolean LANGUAGE sql STABLE SECURITY INVOKER AS $$
  SELECT owner = current_setting('app.state', true)
  OR (
    NOT (coalesce(protected, false) AND origin = current_setting('app.state', true))
    AND EXISTS (
      SELECT 1
      FROM access_datasharingagreement a
      JOIN access_datasharingagreement_grantees g ON g.datasharingagreement_id = a.id
      WHERE a.grantor_id = owner
        AND g.country_id = current_setting('app.state', true)
        AND a.status = 'active'
        AND a.scope_kind = 'records'
        AND a.valid_from <= current_date
        AND (a.valid_to IS NULL OR a.valid_to >= current_date)
        AND a.record_types @> to_jsonb(record_type)
        AND (NOT a.nationals_only OR origin IS NULL OR origin = current_setting('app.state', true))
    )
  )
$$;
"""


class CreateRowVisibilityFunction(Operation):
    reversible = True

    def state_forwards(self, app_label: str, state: Any) -> None:
        return None

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(VISIBLE_FUNCTION)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP FUNCTION IF EXISTS corridor_row_visible(text, text, text, boolean)")

    def describe(self) -> str:
        return "Create the row-visibility function used by row-level security policies"


class EnableRowLevelSecurity(Operation):
    """Enable and force RLS on a state-owned table with read and write policies."""

    reversible = True

    def __init__(
        self, model_name: str, origin_column: str | None = None, protected_column: str | None = None
    ):
        self.model_name = model_name
        self.origin_column = origin_column
        self.protected_column = protected_column

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"origin_column": self.origin_column, "protected_column": self.protected_column}
        return self.__class__.__name__, [self.model_name], kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        return None

    def _sql(self, table: str, record_type: str) -> list[str]:
        origin = self.origin_column or "NULL"
        protected = self.protected_column or "false"
        own = "state_id = current_setting('app.state', true)"
        read = f"corridor_row_visible(state_id, '{record_type}', {origin}, {protected})"
        return [
            f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
            f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
            f'CREATE POLICY corridor_read ON "{table}" FOR SELECT USING ({read})',
            f'CREATE POLICY corridor_insert ON "{table}" FOR INSERT WITH CHECK ({own})',
            f'CREATE POLICY corridor_update ON "{table}" FOR UPDATE USING ({own}) WITH CHECK ({own})',
            f'CREATE POLICY corridor_delete ON "{table}" FOR DELETE USING ({own})',
        ]

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        for statement in self._sql(model._meta.db_table, model._meta.label_lower):
            schema_editor.execute(statement)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        table = from_state.apps.get_model(app_label, self.model_name)._meta.db_table
        for policy in ("corridor_read", "corridor_insert", "corridor_update", "corridor_delete"):
            schema_editor.execute(f'DROP POLICY IF EXISTS {policy} ON "{table}"')
        schema_editor.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
        schema_editor.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')

    def describe(self) -> str:
        return f"Enable row-level security on {self.model_name}"


class RestrictForeignReads(Operation):
    """Narrow a table's read policy: a foreign row also needs ``condition`` (SQL on the row).

    For rules beyond the agreement that PostgreSQL must enforce too, such as a registration
    reaching its destination state only with the person's consent to share it. The own
    state's rows are unaffected.
    """

    reversible = True

    def __init__(self, model_name: str, condition: str):
        self.model_name = model_name
        self.condition = condition

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self.__class__.__name__, [self.model_name, self.condition], {}

    def state_forwards(self, app_label: str, state: Any) -> None:
        return None

    def _policy(self, table: str, record_type: str, condition: str | None) -> list[str]:
        read = f"corridor_row_visible(state_id, '{record_type}', NULL, false)"
        if condition:
            own = "state_id = current_setting('app.state', true)"
            read = f"{read} AND ({own} OR ({condition}))"
        return [
            f'DROP POLICY IF EXISTS corridor_read ON "{table}"',
            f'CREATE POLICY corridor_read ON "{table}" FOR SELECT USING ({read})',
        ]

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        for statement in self._policy(model._meta.db_table, model._meta.label_lower, self.condition):
            schema_editor.execute(statement)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        for statement in self._policy(model._meta.db_table, model._meta.label_lower, None):
            schema_editor.execute(statement)

    def describe(self) -> str:
        return f"Restrict foreign reads of {self.model_name}"
