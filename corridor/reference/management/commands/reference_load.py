"""``corridor reference_load``: reload countries, languages and ISCO-08 groups.

The data migrations load the same rows; run this after upgrading pycountry or editing the
CSV files under ``reference/data`` to bring an existing database up to date.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from corridor.reference import loaders
from corridor.reference.models import Country, Language, Occupation


class Command(BaseCommand):
    help = "Load or refresh the reference tables (countries, languages, ISCO-08 occupation groups)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            counts = loaders.load_all(
                country_model=Country, language_model=Language, occupation_model=Occupation
            )
        for table, count in counts.items():
            self.stdout.write(f"{table}: {count}")
