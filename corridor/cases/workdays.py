"""Deadline arithmetic without Django: calendar days, working days and hours.

Days count from the day after the start; a deadline in days falls at the **end** of its last
day (midnight that begins the next day, in the time zone of the start), as a legal time
limit "within N days" does. A deadline in hours is exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

CALENDAR_DAYS = "calendar_days"
WORKING_DAYS = "working_days"
HOURS = "hours"


def is_working_day(day: dt.date, *, weekend: Collection[int], holidays: Collection[dt.date]) -> bool:
    return day.isoweekday() not in weekend and day not in holidays


def nth_working_day(
    start: dt.date, n: int, *, weekend: Collection[int], holidays: Collection[dt.date]
) -> dt.date:
    """The n-th working day after ``start`` (``start`` itself never counts); ``start`` for n = 0."""
    if n < 0:
        raise ValueError("n must not be negative")
    if len(set(weekend)) >= 7:
        raise ValueError("a week needs at least one working day")
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if is_working_day(day, weekend=weekend, holidays=holidays):
            counted += 1
    return day


def _end_of(day: dt.date, like: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=like.tzinfo)


def deadline(
    start: dt.datetime,
    amount: int,
    unit: str,
    *,
    weekend: Collection[int] = (),
    holidays: Collection[dt.date] = (),
) -> dt.datetime:
    """When a time limit of ``amount`` ``unit`` started at ``start`` runs out."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    if unit == HOURS:
        return start + dt.timedelta(hours=amount)
    if unit == CALENDAR_DAYS:
        return _end_of(start.date() + dt.timedelta(days=amount), start)
    if unit == WORKING_DAYS:
        return _end_of(nth_working_day(start.date(), amount, weekend=weekend, holidays=holidays), start)
    raise ValueError(f"unknown unit {unit!r}")
