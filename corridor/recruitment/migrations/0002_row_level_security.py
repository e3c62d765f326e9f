"""Row-level security for agencies, licences and vacancies.

On top of the standard state-owned policies: the agency register and its licences are
public (anyone may read them), verified job ads are public, and the destination state
reads and updates the job orders for its territory because it verifies them.
"""

from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity

DEST = "destination_id = current_setting('app.state', true)"
PUBLIC_VACANCY = "status NOT IN ('submitted', 'rejected')"

FORWARD = [
    "CREATE POLICY recruitment_public_read ON recruitment_agency FOR SELECT USING (true)",
    "CREATE POLICY recruitment_public_read ON recruitment_licence FOR SELECT USING (true)",
    f"CREATE POLICY recruitment_public_read ON recruitment_vacancy FOR SELECT USING ({PUBLIC_VACANCY})",
    f"CREATE POLICY recruitment_destination_read ON recruitment_vacancy FOR SELECT USING ({DEST})",
    f"CREATE POLICY recruitment_destination_update ON recruitment_vacancy FOR UPDATE USING ({DEST}) WITH CHECK ({DEST})",
]
REVERSE = [
    "DROP POLICY IF EXISTS recruitment_public_read ON recruitment_agency",
    "DROP POLICY IF EXISTS recruitment_public_read ON recruitment_licence",
    "DROP POLICY IF EXISTS recruitment_public_read ON recruitment_vacancy",
    "DROP POLICY IF EXISTS recruitment_destination_read ON recruitment_vacancy",
    "DROP POLICY IF EXISTS recruitment_destination_update ON recruitment_vacancy",
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
    dependencies = [("recruitment", "0001_initial"), ("access", "0002_row_visibility_function")]

    operations = [
        EnableRowLevelSecurity("agency"),
        EnableRowLevelSecurity("licence"),
        EnableRowLevelSecurity("vacancy"),
        migrations.RunPython(forwards, backwards),
    ]
