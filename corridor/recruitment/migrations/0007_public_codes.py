"""Short public ids for agencies and job ads (JOB-7K3M-9QX, AGY-7K3M-9QX).

Added empty, filled row by row with fresh codes (unique, retried on the rare collision), then
made required and unique, with new rows getting a code by default.
"""

from django.db import migrations, models

import corridor.recruitment.models


def fill(apps, schema_editor):
    from corridor.recruitment.models import new_agency_code, new_job_ad_code

    for model_name, make in (("Agency", new_agency_code), ("Vacancy", new_job_ad_code)):
        model = apps.get_model("recruitment", model_name)
        taken: set[str] = set()
        for pk in (
            model._base_manager.filter(public_code__isnull=True).values_list("pk", flat=True).iterator()
        ):
            code = make()
            while code in taken:
                code = make()
            taken.add(code)
            model._base_manager.filter(pk=pk).update(public_code=code)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0006_rls_and_search_index")]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="public_code",
            field=models.CharField(editable=False, max_length=16, null=True, verbose_name="public id"),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="public_code",
            field=models.CharField(editable=False, max_length=16, null=True, verbose_name="public id"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agency",
            name="public_code",
            field=models.CharField(
                default=corridor.recruitment.models.new_agency_code,
                editable=False,
                max_length=16,
                unique=True,
                verbose_name="public id",
            ),
        ),
        migrations.AlterField(
            model_name="vacancy",
            name="public_code",
            field=models.CharField(
                default=corridor.recruitment.models.new_job_ad_code,
                editable=False,
                max_length=16,
                unique=True,
                verbose_name="public id",
            ),
        ),
    ]
