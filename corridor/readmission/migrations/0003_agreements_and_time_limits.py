"""The Türkiye–Kyrgyzstan agreement and the Almaty Process standard terms, with their time
limits as ``cases.TimeLimit`` rows (each with its legal source; unverified ones marked)."""

from django.db import migrations

from corridor.readmission import seed


def forwards(apps, schema_editor):
    seed.load(apps)


def backwards(apps, schema_editor):
    TimeLimit = apps.get_model("cases", "TimeLimit")
    apps.get_model("readmission", "Agreement").objects.all().delete()
    TimeLimit.objects.filter(code__startswith="readmission.").delete()


class Migration(migrations.Migration):
    dependencies = [("readmission", "0002_row_level_security"), ("cases", "0007_document_row_level_security")]

    operations = [migrations.RunPython(forwards, backwards)]
