"""Existing job orders name their employer in free text: make those names employer records.

The data step and the NOT NULL step are separate migrations so that PostgreSQL does not refuse
an ALTER TABLE with pending foreign-key trigger events in the same transaction.
"""

from django.db import migrations


def employers_from_names(apps, schema_editor):
    """Each distinct (owner state, destination, employer name) of existing job orders becomes an employer."""
    Vacancy = apps.get_model("recruitment", "Vacancy")
    Employer = apps.get_model("recruitment", "Employer")
    for vacancy in Vacancy.objects.filter(employer__isnull=True).order_by("id"):
        employer, _ = Employer.objects.get_or_create(
            state_id=vacancy.state_id,
            country_id=vacancy.destination_id,
            name=vacancy.employer_name,
            defaults={"city": vacancy.city},
        )
        vacancy.employer = employer
        vacancy.save(update_fields=["employer"])


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0003_employers_certification_inspections")]

    operations = [migrations.RunPython(employers_from_names, migrations.RunPython.noop)]
