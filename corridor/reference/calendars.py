"""Solar Hijri (Afghan and Iranian civil calendar) ↔ Gregorian conversion.

Afghan documents give dates in the Solar Hijri calendar. The arithmetic is jdatetime's; this
module only adds the validation messages users see and the month names of both countries:
Iran uses the Persian month names (Farvardin …), Afghanistan the zodiac names (Hamal …).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import jdatetime
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Persian month names as used in Iran, with their common English transliteration.
PERSIAN_MONTHS = (
    ("فروردین", "Farvardin"),
    ("اردیبهشت", "Ordibehesht"),
    ("خرداد", "Khordad"),
    ("تیر", "Tir"),
    ("مرداد", "Mordad"),
    ("شهریور", "Shahrivar"),
    ("مهر", "Mehr"),
    ("آبان", "Aban"),
    ("آذر", "Azar"),
    ("دی", "Dey"),
    ("بهمن", "Bahman"),
    ("اسفند", "Esfand"),
)
# Dari month names as used in Afghanistan (the signs of the zodiac), with transliteration.
DARI_MONTHS = (
    ("حمل", "Hamal"),
    ("ثور", "Sawr"),
    ("جوزا", "Jawza"),
    ("سرطان", "Saratan"),
    ("اسد", "Asad"),
    ("سنبله", "Sunbula"),
    ("میزان", "Mizan"),
    ("عقرب", "Aqrab"),
    ("قوس", "Qaws"),
    ("جدی", "Jadi"),
    ("دلو", "Dalw"),
    ("حوت", "Hut"),
)

MIN_YEAR = jdatetime.MINYEAR
MAX_YEAR = jdatetime.MAXYEAR


def is_leap(year: int) -> bool:
    return bool(jdatetime.date(year, 1, 1).isleap())


def days_in_month(*, year: int, month: int) -> int:
    """Months 1–6 have 31 days, 7–11 have 30, Esfand has 29 or, in a leap year, 30."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap(year) else 29


@dataclass(frozen=True, order=True)
class SolarHijriDate:
    year: int
    month: int
    day: int

    def __str__(self) -> str:
        return self.isoformat()

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def month_name_persian(self) -> str:
        return PERSIAN_MONTHS[self.month - 1][0]

    @property
    def month_name_persian_latin(self) -> str:
        return PERSIAN_MONTHS[self.month - 1][1]

    @property
    def month_name_dari(self) -> str:
        return DARI_MONTHS[self.month - 1][0]

    @property
    def month_name_dari_latin(self) -> str:
        return DARI_MONTHS[self.month - 1][1]

    @property
    def is_leap_year(self) -> bool:
        return is_leap(self.year)


def _first_gregorian() -> datetime.date:
    return jdatetime.date(MIN_YEAR, 1, 1).togregorian()


def _last_gregorian() -> datetime.date:
    return jdatetime.date(MAX_YEAR, 12, days_in_month(year=MAX_YEAR, month=12)).togregorian()


def validate_solar_hijri(*, year: int, month: int, day: int) -> None:
    """Raise a ``ValidationError`` naming the first part of the date that cannot exist."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _("The Solar Hijri year must be between {minimum} and {maximum}.").format(
                minimum=MIN_YEAR, maximum=MAX_YEAR
            ),
            code="year_out_of_range",
        )
    if not 1 <= month <= 12:
        raise ValidationError(
            _("The Solar Hijri month must be between 1 and 12, not {month}.").format(month=month),
            code="invalid_month",
        )
    last_day = days_in_month(year=year, month=month)
    if not 1 <= day <= last_day:
        raise ValidationError(
            _("Month {month} of the Solar Hijri year {year} has days 1 to {last_day}, not {day}.").format(
                month=month, year=year, last_day=last_day, day=day
            ),
            code="invalid_day",
        )


def from_solar_hijri(year: int, month: int, day: int) -> datetime.date:
    """The Gregorian date of a Solar Hijri date; ``ValidationError`` if it cannot exist."""
    validate_solar_hijri(year=year, month=month, day=day)
    return jdatetime.date(year, month, day).togregorian()


def to_solar_hijri(date: datetime.date) -> SolarHijriDate:
    """The Solar Hijri date of a Gregorian date; ``ValidationError`` outside the calendar's range."""
    if isinstance(date, datetime.datetime):
        date = date.date()
    first, last = _first_gregorian(), _last_gregorian()
    if not first <= date <= last:
        raise ValidationError(
            _("Dates from {first} to {last} can be converted to the Solar Hijri calendar.").format(
                first=first.isoformat(), last=last.isoformat()
            ),
            code="date_out_of_range",
        )
    converted = jdatetime.date.fromgregorian(date=date)
    return SolarHijriDate(year=converted.year, month=converted.month, day=converted.day)


def parse_solar_hijri(value: str) -> SolarHijriDate:
    """Parse ``YYYY-MM-DD`` written in the Solar Hijri calendar, checking that the date exists."""
    parts = value.strip().split("-")
    if len(parts) != 3 or not all(part.isdigit() and part.isascii() for part in parts):
        raise ValidationError(
            _("Write the Solar Hijri date as YYYY-MM-DD, for example {example}.").format(
                example="1403-01-01"
            ),
            code="invalid_format",
        )
    year, month, day = (int(part) for part in parts)
    validate_solar_hijri(year=year, month=month, day=day)
    return SolarHijriDate(year=year, month=month, day=day)
