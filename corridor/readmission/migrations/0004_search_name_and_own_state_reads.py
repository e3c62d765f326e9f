"""A searchable family name, and reads of readmission copies narrowed to the owner state.

Readmission copies are never shared by a data-sharing agreement: what the other state must
know travels as an exchange message. So PostgreSQL's read policy is the owner test alone,
which the planner inlines and can use with an index (the generic policy calls
``corridor_row_visible`` once per row: 1.5 s for a search over 50,000 rows of one state).
"""

from django.conf import settings
from django.db import migrations, models

TABLES = ["readmissioncase", "evidenceitem", "traveldocument"]
OWN = "state_id = current_setting('app.state', true)"


def own_state_reads(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f'DROP POLICY IF EXISTS corridor_read ON "readmission_{table}"')
        schema_editor.execute(
            f'CREATE POLICY corridor_read ON "readmission_{table}" FOR SELECT USING ({OWN})'
        )


def shared_reads(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        read = f"corridor_row_visible(state_id, 'readmission.{table}', NULL, false)"
        schema_editor.execute(f'DROP POLICY IF EXISTS corridor_read ON "readmission_{table}"')
        schema_editor.execute(
            f'CREATE POLICY corridor_read ON "readmission_{table}" FOR SELECT USING ({read})'
        )


def fill_search_names(apps, schema_editor):
    from django.db.models.functions import Upper

    apps.get_model("readmission", "ReadmissionCase").objects.update(search_name=Upper("family_name"))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_row_level_security"),
        ("readmission", "0003_agreements_and_time_limits"),
        ("reference", "0004_load_occupations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="readmissioncase",
            name="search_name",
            field=models.CharField(blank=True, editable=False, max_length=120),
        ),
        migrations.AddIndex(
            model_name="readmissioncase",
            index=models.Index(fields=["state", "search_name"], name="readmission_case_search"),
        ),
        migrations.AddIndex(
            model_name="readmissioncase",
            index=models.Index(fields=["state", "-created_at"], name="readmission_case_newest"),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        migrations.RunPython(own_state_reads, shared_reads),
    ]
