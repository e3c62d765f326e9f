"""Row-level security for the register tables, and the needs taxonomy Corridor starts with.

On top of the standard state-owned policies (only the owner state writes): the register is
public by design, so anyone may read organisations, locations, phones, hours, languages,
contacts and costs; services and services at locations only once verified (the application
further drops entries whose verification has aged out and inactive services).
"""

import uuid

from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity
from corridor.services.taxonomy import NEEDS, TAXONOMY

TABLES = [
    "organization",
    "service",
    "location",
    "serviceatlocation",
    "phone",
    "schedule",
    "servicelanguage",
    "contact",
    "costoption",
]
OPEN = ["organization", "location", "phone", "schedule", "servicelanguage", "contact", "costoption"]
VERIFIED_SERVICE = "verified_at IS NOT NULL"
VERIFIED_PLACE = (
    "EXISTS (SELECT 1 FROM services_service s WHERE s.id = service_id AND s.verified_at IS NOT NULL)"
)
FORWARD = [
    *(f"CREATE POLICY services_public_read ON services_{table} FOR SELECT USING (true)" for table in OPEN),
    f"CREATE POLICY services_public_read ON services_service FOR SELECT USING ({VERIFIED_SERVICE})",
    f"CREATE POLICY services_public_read ON services_serviceatlocation FOR SELECT USING ({VERIFIED_PLACE})",
]
REVERSE = [f"DROP POLICY IF EXISTS services_public_read ON services_{table}" for table in TABLES]


def policies_forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def policies_backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in REVERSE:
            schema_editor.execute(statement)


def load_needs(apps, schema_editor):
    Need = apps.get_model("services", "Need")
    for position, (code, name, description) in enumerate(NEEDS):
        Need.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "taxonomy": TAXONOMY,
                "position": position,
                "uuid": uuid.uuid5(uuid.NAMESPACE_URL, f"corridor:needs:{code}"),
            },
        )


def unload_needs(apps, schema_editor):
    apps.get_model("services", "Need").objects.filter(taxonomy=TAXONOMY).delete()


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial"), ("access", "0002_row_visibility_function")]

    operations = [
        *(EnableRowLevelSecurity(table) for table in TABLES),
        migrations.RunPython(policies_forwards, policies_backwards),
        migrations.RunPython(load_needs, unload_needs),
    ]
