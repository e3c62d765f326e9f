"""Birth dates: full, partial (YYYY-MM, YYYY), Solar Hijri years and estimated age ranges.

An estimated age range (remains, detainees without papers) is written as a range of birth
years, ``1984/1992`` (also with ``-`` or ``–``): it has no birth year of its own (``dob_y`` is
None, so blocking treats it as a missing date) and carries ``dob_lo``–``dob_hi``, which the
date comparison checks the other record's year against. Every dated record has
``dob_lo = dob_hi = dob_y``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TypedDict

import jdatetime

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_RANGE_RE = re.compile(r"^(\d{4})\s*[/–-]\s*(\d{4})$")
_MAX_RANGE = 40  # wider than this says nothing
# Solar Hijri years in living people's records fall in this range (1921–2071 Gregorian).
_HIJRI_YEARS = range(1300, 1451)


class BirthDate(TypedDict):
    dob: str | None
    dob_y: int | None
    dob_m: int | None
    dob_d: int | None
    dob_lo: int | None  # earliest possible birth year (= dob_y for a dated record)
    dob_hi: int | None  # latest possible birth year


EMPTY: BirthDate = {"dob": None, "dob_y": None, "dob_m": None, "dob_d": None, "dob_lo": None, "dob_hi": None}


def _year(year: int) -> int:
    return year + 621 if year in _HIJRI_YEARS else year


def _age_range(low: int, high: int) -> BirthDate:
    low, high = sorted((_year(low), _year(high)))
    if high - low > _MAX_RANGE:
        return dict(EMPTY)  # type: ignore[return-value]
    return {"dob": None, "dob_y": None, "dob_m": None, "dob_d": None, "dob_lo": low, "dob_hi": high}


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
    ``YYYY/YYYY`` is an estimated age range (see the module's note).
    """
    match = _DATE_RE.match(value.strip())
    if not match:
        ranged = _RANGE_RE.match(value.strip())
        if ranged:
            return _age_range(int(ranged.group(1)), int(ranged.group(2)))
        return dict(EMPTY)  # type: ignore[return-value]
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year in _HIJRI_YEARS:
        year, month, day = _from_hijri(year, month, day)
    if month is not None and not 1 <= month <= 12:
        return {"dob": None, "dob_y": year, "dob_m": None, "dob_d": None, "dob_lo": year, "dob_hi": year}
    full: str | None = None
    if month is not None and day is not None:
        try:
            full = date(year, month, day).isoformat()
        except ValueError:
            day = None
    return {"dob": full, "dob_y": year, "dob_m": month, "dob_d": day, "dob_lo": year, "dob_hi": year}
