"""Row-level security for submissions and observations.

Submissions get the standard state-owned policies, plus two permissive ones: published
submissions are public, and the regional centre (whose organisation has no state) works on
rows when the statistics services set ``app.statistics_regional`` for their transaction.
Observations carry their owner in ``state_id`` and follow the same rules, keyed on
``is_released`` instead of the submission status (no join per row).
"""

from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity

REGIONAL = "current_setting('app.statistics_regional', true) = 'on'"
# The regional centre only ever works on what a state has approved nationally.
REGIONAL_STAGE = f"({REGIONAL} AND status IN ('approved_national', 'accepted_regional', 'published'))"
OWN = "state_id = current_setting('app.state', true)"

SUBMISSION_SQL = [
    "CREATE POLICY statistics_published_read ON statistics_submission FOR SELECT USING (status = 'published')",
    f"CREATE POLICY statistics_regional_read ON statistics_submission FOR SELECT USING {REGIONAL_STAGE}",
    f"CREATE POLICY statistics_regional_update ON statistics_submission FOR UPDATE USING {REGIONAL_STAGE} "
    f"WITH CHECK ({REGIONAL})",
]
OBSERVATION_SQL = [
    "ALTER TABLE statistics_observation ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE statistics_observation FORCE ROW LEVEL SECURITY",
    f"CREATE POLICY statistics_read ON statistics_observation FOR SELECT USING ({OWN} OR is_released OR {REGIONAL})",
    f"CREATE POLICY statistics_insert ON statistics_observation FOR INSERT WITH CHECK ({OWN} OR {REGIONAL})",
    f"CREATE POLICY statistics_update ON statistics_observation FOR UPDATE USING ({OWN} OR {REGIONAL}) WITH CHECK ({OWN} OR {REGIONAL})",
    f"CREATE POLICY statistics_delete ON statistics_observation FOR DELETE USING ({OWN})",
]
REVERSE = [
    "DROP POLICY IF EXISTS statistics_published_read ON statistics_submission",
    "DROP POLICY IF EXISTS statistics_regional_read ON statistics_submission",
    "DROP POLICY IF EXISTS statistics_regional_update ON statistics_submission",
    "ALTER TABLE statistics_observation NO FORCE ROW LEVEL SECURITY",
    "ALTER TABLE statistics_observation DISABLE ROW LEVEL SECURITY",
    *[
        f"DROP POLICY IF EXISTS statistics_{p} ON statistics_observation"
        for p in ("read", "insert", "update", "delete")
    ],
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in SUBMISSION_SQL + OBSERVATION_SQL:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial"), ("access", "0002_row_visibility_function")]

    operations = [
        EnableRowLevelSecurity("submission"),
        migrations.RunPython(forwards, backwards),
    ]
