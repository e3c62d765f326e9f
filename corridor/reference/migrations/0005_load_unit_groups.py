"""Load the 436 ISCO-08 unit groups (the loader is idempotent: groups already there are kept)."""

from django.db import migrations

from corridor.reference import loaders


def forwards(apps, schema_editor):
    loaders.load_occupations(model=apps.get_model("reference", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0004_load_occupations")]

    # Reversing keeps the rows: other modules point at them.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
