"""Row-level security for complaints and their history.

On top of the standard state-owned policies (owner state reads and writes): the concerned
state reads the complaints that concern it; an anonymous request that holds a reference
number reads and inserts that one complaint (``app.reference``, set transaction-locally by
the public pages). A history row is visible and insertable exactly when its complaint is.
"""

from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity

CONCERNED = "concerned_state_id = current_setting('app.state', true)"
BY_REFERENCE = "reference = current_setting('app.reference', true)"
VIA_COMPLAINT = "EXISTS (SELECT 1 FROM grievances_complaint c WHERE c.id = complaint_id)"

FORWARD = [
    f"CREATE POLICY grievances_concerned_read ON grievances_complaint FOR SELECT USING ({CONCERNED})",
    f"CREATE POLICY grievances_by_reference ON grievances_complaint FOR SELECT USING ({BY_REFERENCE})",
    f"CREATE POLICY grievances_by_reference_insert ON grievances_complaint FOR INSERT WITH CHECK ({BY_REFERENCE})",
    "ALTER TABLE grievances_complaintevent ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE grievances_complaintevent FORCE ROW LEVEL SECURITY",
    f"CREATE POLICY grievances_event_read ON grievances_complaintevent FOR SELECT USING ({VIA_COMPLAINT})",
    f"CREATE POLICY grievances_event_insert ON grievances_complaintevent FOR INSERT WITH CHECK ({VIA_COMPLAINT})",
]
REVERSE = [
    "DROP POLICY IF EXISTS grievances_concerned_read ON grievances_complaint",
    "DROP POLICY IF EXISTS grievances_by_reference ON grievances_complaint",
    "DROP POLICY IF EXISTS grievances_by_reference_insert ON grievances_complaint",
    "DROP POLICY IF EXISTS grievances_event_read ON grievances_complaintevent",
    "DROP POLICY IF EXISTS grievances_event_insert ON grievances_complaintevent",
    "ALTER TABLE grievances_complaintevent NO FORCE ROW LEVEL SECURITY",
    "ALTER TABLE grievances_complaintevent DISABLE ROW LEVEL SECURITY",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("grievances", "0001_initial"), ("access", "0002_row_visibility_function")]

    operations = [EnableRowLevelSecurity("complaint"), migrations.RunPython(forwards, backwards)]
