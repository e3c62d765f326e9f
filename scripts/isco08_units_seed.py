"""Regenerate the ISCO-08 unit groups (corridor/reference/data/isco08_units.csv).

Not part of the application: the unit groups are reference data loaded by a migration. This
script turns the ILO's published structure of ISCO-08 (codes and English titles; the ILO
distributes it as a spreadsheet, "ISCO-08 structure and definitions") into Corridor's CSV,
after checking it, so that the seed is reproducible:

    # export the ILO spreadsheet's sheet to CSV (columns "ISCO 08 Code" and "Title EN";
    # "code" and "title_en" are accepted too), then
    python scripts/isco08_units_seed.py path/to/isco08_structure.csv

Only four-digit codes are taken. Checks: every code is four digits, appears once, and belongs
to a minor group of corridor/reference/data/isco08.csv; there are exactly 436 unit groups.
Russian and Turkish titles already in the output file are kept (they are translated for
Corridor, not published by the ILO); a unit group without them shows its English title.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "corridor" / "reference" / "data"
GROUPS_CSV = DATA / "isco08.csv"
UNITS_CSV = DATA / "isco08_units.csv"
UNIT_GROUP_COUNT = 436  # ISCO-08: 10 major, 43 sub-major, 130 minor, 436 unit groups
CODE_COLUMNS = ("isco 08 code", "isco08 code", "code")
TITLE_COLUMNS = ("title en", "title_en", "title")
HEADER = (
    "# ISCO-08 unit groups (four digits). English titles: ILO, ISCO-08 (2012), as published.\n"
    "# Russian and Turkish titles: translated for Corridor where filled; review with national\n"
    "# statistics offices. Regenerate with scripts/isco08_units_seed.py.\n"
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [
            {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines)
        ]


def _column(row: dict[str, str], names: tuple[str, ...]) -> str:
    for name in names:
        if name in row:
            return row[name]
    raise SystemExit(f"none of the columns {names} in the source")


def read_source(path: Path) -> dict[str, str]:
    titles: dict[str, str] = {}
    for row in _rows(path):
        code = _column(row, CODE_COLUMNS)
        if not re.fullmatch(r"\d{4}", code):
            continue  # major, sub-major and minor groups are in isco08.csv
        if code in titles:
            raise SystemExit(f"{code}: twice in the source")
        title = " ".join(_column(row, TITLE_COLUMNS).split())
        if not title:
            raise SystemExit(f"{code}: no English title")
        titles[code] = title
    return titles


def check(titles: dict[str, str]) -> None:
    minors = {row["code"] for row in _rows(GROUPS_CSV) if len(row["code"]) == 3}
    orphans = sorted(code for code in titles if code[:3] not in minors)
    if orphans:
        raise SystemExit(f"unit groups without a minor group: {', '.join(orphans)}")
    childless = sorted(minor for minor in minors if not any(code.startswith(minor) for code in titles))
    if childless:
        raise SystemExit(f"minor groups without a unit group: {', '.join(childless)}")
    if len(titles) != UNIT_GROUP_COUNT:
        raise SystemExit(f"{len(titles)} unit groups, ISCO-08 has {UNIT_GROUP_COUNT}")


def write(titles: dict[str, str]) -> None:
    kept = {row["code"]: row for row in _rows(UNITS_CSV)} if UNITS_CSV.exists() else {}
    with UNITS_CSV.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "title_en", "title_ru", "title_tr"])
        for code in sorted(titles):
            old = kept.get(code, {})
            writer.writerow([code, titles[code], old.get("title_ru", ""), old.get("title_tr", "")])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    titles = read_source(Path(argv[1]))
    check(titles)
    write(titles)
    sys.stdout.write(f"{len(titles)} unit groups written to {UNITS_CSV.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
