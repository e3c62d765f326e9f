"""What an upload converts before validation: Solar Hijri periods and national codes.

Both work on the parsed columns (lists of strings) and return notes for the report, so the
provider sees exactly what was read differently from what was sent.

**Solar Hijri periods.** Afghanistan and Iran count years from 1 Farvardin (about 21 March).
A provider of ``SOLAR_HIJRI_PROVIDERS`` may send ``TIME_PERIOD`` in that calendar; a year
between 1300 and 1499 cannot be a Gregorian reference year of this centre, so such a period
is read as Solar Hijri. The rule for a year that straddles two Gregorian years: the year is
filed under the Gregorian year in which it **starts** (1402 runs from 21 March 2023 to
19 March 2024 and is filed as 2023). A month is filed under the Gregorian month of its first
day (1402-01, Farvardin, starts on 21 March 2023: 2023-03); the start days of the twelve
months fall in twelve different Gregorian months, so no two collide.

**National codes.** A provider with a structure map from its national codelist (Türkiye's
``CL_PERMIT_TYPE_TUR``) may send those codes in the mapped dimension (PERMIT_TYPE). Sending
codes of the national list is the declaration. Each is mapped to the harmonised target
(CL_PURPOSE: the PURPOSE dimension), PERMIT_TYPE becomes ``_T``, and cells that now share a
key (SHORT_TERM and LONG_TERM are both OTHER) are added up.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from corridor.reference.calendars import from_solar_hijri
from corridor.statistics.models import CodeMapping
from corridor.statistics.structure import MEASURE, TIME, FlowStructure

SOLAR_HIJRI_PROVIDERS = frozenset({"AFG", "IRN"})
SOLAR_HIJRI_YEARS = range(1300, 1500)
# The national dimension and the dimension its harmonised codes go to.
MAPPED = {"PERMIT_TYPE": "PURPOSE"}


def solar_hijri_period(period: str) -> str | None:
    """The Gregorian period of a Solar Hijri one (``1402`` → ``2023``), else None."""
    year_text, _sep, month_text = period.partition("-")
    if not (year_text.isdigit() and int(year_text) in SOLAR_HIJRI_YEARS):
        return None
    if not month_text:
        return str(from_solar_hijri(int(year_text), 1, 1).year)
    if not (month_text.isdigit() and 1 <= int(month_text) <= 12):
        return None
    start = from_solar_hijri(int(year_text), int(month_text), 1)
    return f"{start.year}-{start.month:02d}"


def convert_periods(columns: dict[str, list[str]], provider: str) -> list[dict[str, Any]]:
    if provider not in SOLAR_HIJRI_PROVIDERS or TIME not in columns:
        return []
    converted: Counter[tuple[str, str]] = Counter()
    periods = columns[TIME]
    for i, period in enumerate(periods):
        gregorian = solar_hijri_period(period.strip())
        if gregorian is not None:
            converted[(period.strip(), gregorian)] += 1
            periods[i] = gregorian
    return [
        {
            "kind": "solar_hijri",
            "params": {
                "source": source,
                "target": target,
                "cells": count,
                "starts": from_solar_hijri(int(source[:4]), int(source[5:7] or 1), 1).isoformat(),
            },
        }
        for (source, target), count in sorted(converted.items())
    ]


def _national_map(structure: FlowStructure, provider: str, dimension: str) -> tuple[str, dict[str, str]]:
    source = f"CL_PERMIT_TYPE_{provider}"
    if dimension not in structure.dimensions or MAPPED[dimension] not in structure.dimensions:
        return source, {}
    rows = CodeMapping.objects.filter(structure_map__source__code_id=source).values_list(
        "source_code", "target_code"
    )
    return source, {code: target for code, target in rows if code != "_T"}


def map_national_codes(
    columns: dict[str, list[str]], rows: int, structure: FlowStructure, provider: str
) -> tuple[int, list[dict[str, Any]]]:
    """Map national codes in place; returns the new row count and the report notes."""
    notes: list[dict[str, Any]] = []
    for dimension, target_dimension in MAPPED.items():
        codelist, mapping = _national_map(structure, provider, dimension)
        if not mapping or dimension not in columns or target_dimension not in columns:
            continue
        national, target = columns[dimension], columns[target_dimension]
        mapped: Counter[tuple[str, str]] = Counter()
        for i in range(rows):
            code = national[i]
            if code in mapping and target[i] in ("_T", ""):
                mapped[(code, mapping[code])] += 1
                national[i], target[i] = "_T", mapping[code]
        if mapped:
            rows = _add_up_collisions(columns, rows, structure)
        notes += [
            {
                "kind": "code_map",
                "params": {
                    "dimension": dimension,
                    "source": s,
                    "codelist": codelist,
                    "target": t,
                    "cells": n,
                },
            }
            for (s, t), n in sorted(mapped.items())
        ]
    return rows, notes


def _add_up_collisions(columns: dict[str, list[str]], rows: int, structure: FlowStructure) -> int:
    """Merge rows whose key now coincides, adding whole-number values. Rows with anything
    else (text, a missing value) are kept apart so the validator reports them."""
    key_columns = [columns[d] for d in structure.all_dimensions if d in columns]
    values = columns[MEASURE]
    first: dict[tuple[str, ...], int] = {}
    keep: list[int] = []
    for i in range(rows):
        key = tuple(col[i] for col in key_columns)
        j = first.get(key)
        if j is not None and values[i].strip().isdigit() and values[j].strip().isdigit():
            values[j] = str(int(values[j]) + int(values[i]))
            continue
        first.setdefault(key, i)
        keep.append(i)
    if len(keep) == rows:
        return rows
    for name, column in columns.items():
        columns[name] = [column[i] for i in keep]
    return len(keep)
