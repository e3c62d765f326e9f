"""Seed the public-holiday calendars and work weeks of the member and observer states and
Russia for 2026–2027 from ``corridor/cases/data/`` (drafted by ``scripts/holidays_seed.py``)."""

import csv
import datetime as dt
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with (DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    holiday = apps.get_model("cases", "PublicHoliday")
    week = apps.get_model("cases", "WorkWeek")
    for row in _rows("workweeks.csv"):
        week.objects.update_or_create(
            state_id=row["state"],
            defaults={"weekend": [int(d) for d in row["weekend"].split()], "source": row["source"]},
        )
    holiday.objects.bulk_create(
        [
            holiday(
                state_id=row["state"],
                date=dt.date.fromisoformat(row["date"]),
                name=row["name"],
                movable=row["movable"] == "1",
                verified=row["verified"] == "1",
                source=row["source"],
            )
            for row in _rows("holidays.csv")
        ],
        ignore_conflicts=True,
    )


def unload(apps, schema_editor):
    apps.get_model("cases", "PublicHoliday").objects.all().delete()
    apps.get_model("cases", "WorkWeek").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_row_level_security")]

    operations = [migrations.RunPython(load, unload)]
