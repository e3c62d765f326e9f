"""Load ISCO-08 occupation groups (idempotent: the loader updates or creates each row)."""

from django.db import migrations

from corridor.reference import loaders


def forwards(apps, schema_editor):
    loaders.load_occupations(model=apps.get_model("reference", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0003_load_languages")]

    # Reversing keeps the rows: other modules point at them and the load is idempotent.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
