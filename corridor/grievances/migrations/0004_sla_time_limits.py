"""The complaint SLAs as case-kernel time limits (they were constants in ``sla.py``)."""

import datetime as dt

from django.db import migrations

SOURCE = (
    "Corridor complaint-handling policy adopted with the grievance mechanism (issue 5, items 6-7); "
    "no statute of the member states sets these periods"
)
LIMITS = [
    ("grievances.triage", 48),
    ("grievances.handle.critical", 24),
    ("grievances.handle.high", 72),
    ("grievances.handle.medium", 7 * 24),
    ("grievances.handle.low", 14 * 24),
]


def load(apps, schema_editor):
    time_limit = apps.get_model("cases", "TimeLimit")
    for code, hours in LIMITS:
        time_limit.objects.get_or_create(
            code=code,
            state=None,
            effective_from=dt.date(2026, 1, 1),
            defaults={"amount": hours, "unit": "hours", "legal_source": SOURCE, "breach_action": "escalate"},
        )


def unload(apps, schema_editor):
    apps.get_model("cases", "TimeLimit").objects.filter(code__in=[code for code, _ in LIMITS]).delete()


class Migration(migrations.Migration):
    dependencies = [("grievances", "0003_public_figures"), ("cases", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
