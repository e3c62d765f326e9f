"""Birth dates: full, partial (YYYY-MM, YYYY) and Solar Hijri years."""

from __future__ import annotations

import re
from datetime import date
from typing import TypedDict

import jdatetime

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# Solar Hijri years in living people's records fall in this range (1921–2071 Gregorian).
_HIJRI_YEARS = range(1300, 1451)


class BirthDate(TypedDict):
    dob: str | None
    dob_y: int | None
    dob_m: int | None
    dob_d: int | None


EMPTY: BirthDate = {"dob": None, "dob_y": None, "dob_m": None, "dob_d": None}


def _from_hijri(year: int, month: int | None, day: int | None) -> tuple[int, int | None, int | None]:
    """Solar Hijri to Gregorian. A bare year straddles two Gregorian years; take the larger part."""
    if month is None:
        return year + 621, None, None
    try:
        gregorian = jdatetime.date(year, month, day or 1).togregorian()
    except ValueError:
        return year + 621, None, None
    if day is None:
        return gregorian.year, gregorian.month, None
    return gregorian.year, gregorian.month, gregorian.day


def parse_birth_date(value: str) -> BirthDate:
    """Parse YYYY-MM-DD, YYYY-MM or YYYY; an invalid or empty value gives all None.

    A year from 1300 to 1450 is read as Solar Hijri (Afghan and Iranian documents) and converted.
    """
    match = _DATE_RE.match(value.strip())
    if not match:
        return dict(EMPTY)  # type: ignore[return-value]
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year in _HIJRI_YEARS:
        year, month, day = _from_hijri(year, month, day)
    if month is not None and not 1 <= month <= 12:
        return {"dob": None, "dob_y": year, "dob_m": None, "dob_d": None}
    full: str | None = None
    if month is not None and day is not None:
        try:
            full = date(year, month, day).isoformat()
        except ValueError:
            day = None
    return {"dob": full, "dob_y": year, "dob_m": month, "dob_d": day}
