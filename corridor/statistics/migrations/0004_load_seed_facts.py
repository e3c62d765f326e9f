"""The figures of the Almaty Process documents as Türkiye's published, source-public data."""

from django.db import migrations

from corridor.statistics.loading import load_seed_facts


def forwards(apps, schema_editor):
    load_seed_facts(apps)


class Migration(migrations.Migration):
    dependencies = [("statistics", "0003_load_structures")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
