"""Load languages (idempotent: the loader updates or creates each row)."""

from django.db import migrations

from corridor.reference import loaders


def forwards(apps, schema_editor):
    loaders.load_languages(model=apps.get_model("reference", "Language"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_load_countries")]

    # Reversing keeps the rows: other modules point at them and the load is idempotent.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
