"""Regenerate the public-holiday seed of the case kernel (corridor/cases/data/*.csv).

Not part of the application: the calendars are data (rows with their source), loaded by a
migration and edited by officers. This script only drafts them from the maintained
`holidays` library (python-holidays), so that the seed is reproducible:

    python -m venv /tmp/hol && /tmp/hol/bin/pip install holidays==0.108
    /tmp/hol/bin/python scripts/holidays_seed.py 2026 2027

Days fixed by statute are marked verified (as the library encodes the statute); days that
depend on the lunar calendar or on a yearly decree (Islamic feasts, Orthodox Easter, bridge
days) are marked movable and unverified until an officer checks the state's announcement.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import holidays  # type: ignore[import-not-found]

# Member and observer states of the Almaty Process, with Russia (the main destination).
STATES = {
    "AFG": "AF", "AZE": "AZ", "KAZ": "KZ", "KGZ": "KG", "TJK": "TJ", "TUR": "TR", "TKM": "TM",
    "IRN": "IR", "PAK": "PK", "UZB": "UZ", "RUS": "RU",
}  # fmt: skip
MOVABLE = re.compile(
    r"eid|ramadan|ramazan|kurban|qurbon|oraz|gurban|ashura|tasua|arbaeen|mawlid|prophet|imam|mahdi|"
    r"isra|fatima|ghadir|hijri|islamic new year|easter|estimated|holidays?\b|day off|bridge|iqbal",
    re.IGNORECASE,
)
# Nowruz falls on the equinox (21 March, or 20 March in some years and states): fixed by
# statute, even where the library calls the extra days "... Holiday".
NOWRUZ = re.compile(r"nowruz|nooruz|navruz|nauryz|novruz|norooz", re.IGNORECASE)
OUT = Path(__file__).resolve().parent.parent / "corridor" / "cases" / "data"


def main(years: list[int]) -> None:
    version = holidays.__version__
    rows, weeks = [], []
    for iso3, iso2 in sorted(STATES.items()):
        calendar = holidays.country_holidays(iso2, years=years)
        source = f"python-holidays {version}, {type(calendar).__name__} (statutory list as encoded there)"
        for day, names in sorted(calendar.items()):
            for name in names.split("; "):
                movable = bool(MOVABLE.search(name)) and not NOWRUZ.search(name)
                rows.append([iso3, day.isoformat(), name, int(movable), int(not movable), source])
        weekend = sorted(d + 1 for d in type(calendar).weekend)  # ISO: 1 = Monday … 7 = Sunday
        weeks.append([iso3, " ".join(map(str, weekend)), source])
    with (OUT / "holidays.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["state", "date", "name", "movable", "verified", "source"])
        writer.writerows(rows)
    with (OUT / "workweeks.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["state", "weekend", "source"])
        writer.writerows(weeks)
    sys.stdout.write(f"{len(rows)} holidays, {len(weeks)} work weeks\n")


if __name__ == "__main__":
    main([int(y) for y in sys.argv[1:]] or [2026, 2027])
