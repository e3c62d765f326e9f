"""Stay arithmetic: pure functions over dates, no database, no request.

Semantics (the same for the page, the API and the tests):

- the entry day and the exit day are both days of stay;
- a rolling window of N days ending on a day includes that day;
- a calendar-year limit counts the days of stay in that year up to and including the day;
- a per-entry limit counts the days since the current entry, entry day included;
- the last lawful day is the last day the person may remain if they stay on continuously
  from the current entry (or, when not in the country, if they entered on the check date).

A day is lawful when every limit of the rule holds on it. With continuous presence the
rolling and per-entry counts never fall, so the first unlawful day ends the lawful stay;
the calendar-year count resets on 1 January, but a stay already past its limit was
unlawful before that, so the first unlawful day is still the end.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.translation import gettext as _

ONE_DAY = dt.timedelta(days=1)
# Far enough for any limit we store (at most a year of days plus a window of a year).
SEARCH_HORIZON_DAYS = 3 * 366
MAX_STAYS = 100

ROLLING = "rolling"
CALENDAR_YEAR = "calendar_year"
PER_ENTRY = "per_entry"


@dataclass(frozen=True)
class Limits:
    """The numeric stay limits of one rule; any of them may be absent."""

    rolling_days: int | None = None
    rolling_window: int | None = None
    year_days: int | None = None
    entry_days: int | None = None

    def kinds(self) -> list[str]:
        found = []
        if self.rolling_days is not None and self.rolling_window is not None:
            found.append(ROLLING)
        if self.year_days is not None:
            found.append(CALENDAR_YEAR)
        if self.entry_days is not None:
            found.append(PER_ENTRY)
        return found


@dataclass(frozen=True)
class Stay:
    entry: dt.date
    exit: dt.date | None = None


@dataclass
class StayInputError(Exception):
    """Bad input, keyed by field (``on``, ``stays``, ``stays.<i>.entry``, ``stays.<i>.exit``)."""

    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, message: str) -> None:
        self.fields.setdefault(key, []).append(message)


@dataclass(frozen=True)
class Assessment:
    present: bool
    entry: dt.date  # the current entry, or the check date when not in the country
    days_used: int
    last_lawful_day: dt.date | None
    days_remaining: int | None
    overstay_days: int
    binding: str | None
    counts: dict[str, int]


def validate_stays(stays: Sequence[Stay], on: dt.date) -> list[Stay]:
    """Sorted stays, or StayInputError naming each bad field. Only the last stay may be open."""
    error = StayInputError()
    if len(stays) > MAX_STAYS:
        error.add("stays", _("Enter at most {count} stays.").format(count=MAX_STAYS))
        raise error
    for index, stay in enumerate(stays):
        if stay.entry > on:
            error.add(f"stays.{index}.entry", _("The entry date is after the date of the check."))
        if stay.exit is not None and stay.exit < stay.entry:
            error.add(f"stays.{index}.exit", _("The exit date is before the entry date."))
        elif stay.exit is not None and stay.exit > on:
            error.add(f"stays.{index}.exit", _("The exit date is after the date of the check."))
    if error.fields:
        raise error
    order = sorted(range(len(stays)), key=lambda i: stays[i].entry)
    for before, after in pairwise(order):
        first, second = stays[before], stays[after]
        first_end = first.exit or on  # an open stay lasts until the check date
        if second.entry <= first_end:
            error.add(
                f"stays.{after}.entry",
                _("This stay overlaps the stay from {entry} to {exit}.").format(
                    entry=first.entry.isoformat(), exit=first_end.isoformat()
                ),
            )
    if error.fields:
        raise error
    return [stays[i] for i in order]


class _Presence:
    """Days of stay as sorted ordinals, so that counting a range is two bisections."""

    def __init__(self, stays: Sequence[Stay], horizon_end: dt.date) -> None:
        days: list[int] = []
        for stay in stays:
            end = stay.exit if stay.exit is not None else horizon_end
            days.extend(range(stay.entry.toordinal(), end.toordinal() + 1))
        # A set: a hypothetical re-entry on the day of the last exit counts that day once.
        self.days = sorted(set(days))

    def count(self, first: dt.date, last: dt.date) -> int:
        if last < first:
            return 0
        return bisect_right(self.days, last.toordinal()) - bisect_left(self.days, first.toordinal())


def _count(limits: Limits, kind: str, presence: _Presence, day: dt.date, entry: dt.date) -> int:
    if kind == ROLLING:
        assert limits.rolling_window is not None
        return presence.count(day - dt.timedelta(days=limits.rolling_window - 1), day)
    if kind == CALENDAR_YEAR:
        return presence.count(dt.date(day.year, 1, 1), day)
    return (day - entry).days + 1


def _allowed(limits: Limits, kind: str) -> int:
    value = {ROLLING: limits.rolling_days, CALENDAR_YEAR: limits.year_days, PER_ENTRY: limits.entry_days}[
        kind
    ]
    assert value is not None
    return value


def _first_unlawful(limits: Limits, kind: str, presence: _Presence, entry: dt.date) -> dt.date | None:
    day = entry
    end = entry + dt.timedelta(days=SEARCH_HORIZON_DAYS)
    allowed = _allowed(limits, kind)
    while day <= end:
        if _count(limits, kind, presence, day, entry) > allowed:
            return day
        day += ONE_DAY
    return None


def day_is_lawful(limits: Limits, stays: Sequence[Stay], day: dt.date) -> bool:
    """Does every limit hold on ``day``? ``stays`` are valid and sorted; an open last stay
    lasts through ``day`` and is the entry that per-entry limits count from."""
    open_stay = stays[-1] if stays and stays[-1].exit is None else None
    entry = open_stay.entry if open_stay is not None else day
    presence = _Presence(stays, day)
    return all(
        _count(limits, kind, presence, day, entry) <= _allowed(limits, kind) for kind in limits.kinds()
    )


def assess(limits: Limits, stays: Sequence[Stay], on: dt.date) -> Assessment:
    """Days used, last lawful day, days remaining and overstay for a person on ``on``."""
    ordered = validate_stays(stays, on)
    present = bool(ordered) and ordered[-1].exit is None
    entry = ordered[-1].entry if present else on
    continued = [*ordered, Stay(entry=on)] if not present else ordered
    horizon_end = entry + dt.timedelta(days=SEARCH_HORIZON_DAYS)
    presence = _Presence(continued, horizon_end)
    actual = _Presence(ordered, on)

    counts: dict[str, int] = {}
    ends: dict[str, dt.date | None] = {}
    for kind in limits.kinds():
        counts[kind] = _count(limits, kind, actual, on, entry) if present or kind != PER_ENTRY else 0
        first_bad = _first_unlawful(limits, kind, presence, entry)
        ends[kind] = first_bad - ONE_DAY if first_bad is not None else None

    bounded = {kind: end for kind, end in ends.items() if end is not None}
    if not bounded:
        return Assessment(present, entry, 0, None, None, 0, None, counts)
    binding = min(bounded, key=lambda kind: (bounded[kind], limits.kinds().index(kind)))
    last = bounded[binding]
    remaining = max(0, (last - on).days)
    overstay = max(0, (on - last).days) if present else 0
    return Assessment(present, entry, counts[binding], last, remaining, overstay, binding, counts)


def add_days(start: dt.date, days: int, *, working: bool) -> dt.date:
    """``days`` calendar days after ``start``, or ``days`` working days (Monday to Friday).

    Public holidays are not known here; the page says so next to every working-day deadline.
    """
    if not working:
        return start + dt.timedelta(days=days)
    day, left = start, days
    while left > 0:
        day += ONE_DAY
        if day.weekday() < 5:
            left -= 1
    return day
