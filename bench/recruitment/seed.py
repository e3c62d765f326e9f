"""Load the seeded job ads into the database through the project's models (bulk_create)."""

from __future__ import annotations

import time
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.utils import timezone

from bench.recruitment.generate import ORIGINS, Occupation, vacancy_rows
from corridor.recruitment.models import Agency, Licence, LicenceStatus, Vacancy
from corridor.reference.models import Occupation as OccupationRow

AGENCIES_PER_ORIGIN = 40
BATCH = 5_000


def _occupations() -> list[Occupation]:
    # Minor groups (three digits) are the finest level in the reference table; no armed forces.
    rows = OccupationRow.objects.filter(level=3).exclude(code__startswith="0")
    return [Occupation(o.code, {"en": o.title_en, "ru": o.title_ru, "tr": o.title_tr}) for o in rows]


def _agencies(tag: str) -> list[tuple[int, str]]:
    """Licensed agencies of the origin states (a few with a suspended licence, as in life)."""
    today = timezone.localdate()
    agencies = Agency.objects.bulk_create(
        Agency(state_id=state, name=f"{state} Recruitment {n} ({tag})", licence_number=f"B-{tag}-{state}-{n}")
        for state in ORIGINS
        for n in range(AGENCIES_PER_ORIGIN)
    )
    Licence.objects.bulk_create(
        Licence(
            state_id=agency.state_id,
            agency=agency,
            status=LicenceStatus.SUSPENDED if i % 20 == 0 else LicenceStatus.ACTIVE,
            valid_from=today.replace(year=today.year - 1),
            valid_to=today.replace(year=today.year + 4),
        )
        for i, agency in enumerate(agencies)
    )
    return [(agency.pk, agency.state_id) for agency in agencies]


def _employers(tag: str, rows: list[dict[str, Any]]) -> None:
    """Link each ad to an employer record when the model has them (one per name and country)."""
    try:
        Vacancy._meta.get_field("employer")
    except FieldDoesNotExist:
        return
    employer_model = apps.get_model("recruitment", "Employer")
    keys = sorted({(row["employer_name"], row["destination_id"]) for row in rows})
    missing = [key for key in keys if key not in _EMPLOYERS]
    created = employer_model.objects.bulk_create(
        employer_model(state_id=country, country_id=country, name=name, registry_id=f"{tag}-{i}")
        for i, (name, country) in enumerate(missing, start=len(_EMPLOYERS))
    )
    _EMPLOYERS.update({key: employer.pk for key, employer in zip(missing, created, strict=True)})
    for row in rows:
        row["employer_id"] = _EMPLOYERS[(row["employer_name"], row["destination_id"])]


_EMPLOYERS: dict[tuple[str, str], int] = {}


def _store(tag: str, rows: list[dict[str, Any]]) -> None:
    _employers(tag, rows)
    Vacancy.objects.bulk_create(Vacancy(**values) for values in rows)


def seed(*, count: int, seed: int) -> dict[str, Any]:
    start = time.perf_counter()
    tag = f"s{seed}-{int(time.time())}"
    with transaction.atomic():
        agencies = _agencies(tag)
        batch: list[dict[str, Any]] = []
        for values in vacancy_rows(
            count=count, seed=seed, occupations=_occupations(), agencies=agencies, today=timezone.localdate()
        ):
            batch.append(values)
            if len(batch) == BATCH:
                _store(tag, batch)
                batch = []
        _store(tag, batch)
    load_s = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum would do after a bulk load; the planner needs the statistics.
            cursor.execute("VACUUM ANALYZE recruitment_vacancy")
            cursor.execute("VACUUM ANALYZE recruitment_agency")
            cursor.execute("VACUUM ANALYZE recruitment_licence")
    total = Vacancy.objects.unscoped().count()
    return {
        "command": "seed",
        "seed": seed,
        "vacancies_added": count,
        "vacancies_in_table": total,
        "agencies_added": len(agencies),
        "load_s": round(load_s, 1),
    }
