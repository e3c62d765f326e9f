"""The brief's codelists, concept scheme, DSDs, dataflows, provision agreements and map."""

from django.db import migrations

from corridor.statistics.loading import load_structures


def forwards(apps, schema_editor):
    load_structures(apps)


class Migration(migrations.Migration):
    dependencies = [("statistics", "0002_row_level_security"), ("reference", "0002_load_countries")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
