"""Golden cases and properties of the pure stay arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.guidance.calculator import (
    CALENDAR_YEAR,
    PER_ENTRY,
    ROLLING,
    Limits,
    Stay,
    StayInputError,
    add_days,
    assess,
    day_is_lawful,
    validate_stays,
)

D = dt.date
TURKIYE = Limits(rolling_days=90, rolling_window=180)
RUSSIA = Limits(year_days=90, entry_days=90)
YEAR_ONLY = Limits(year_days=90)
KAZAKHSTAN = Limits(entry_days=30, rolling_days=90, rolling_window=180)


def test_brief_example_kgz_to_turkiye_is_an_overstay_of_seven_days():
    # given 51 days in Jan–Mar and an open stay from 1 May
    stays = [Stay(D(2026, 1, 10), D(2026, 3, 1)), Stay(D(2026, 5, 1))]
    # when
    result = assess(TURKIYE, stays, D(2026, 6, 15))
    # then 51 + 46 days fall in the 180-day window ending 15 June
    assert result.days_used == 97
    assert result.last_lawful_day == D(2026, 6, 8)
    assert result.days_remaining == 0
    assert result.overstay_days == 7
    assert result.binding == ROLLING


def test_rolling_window_first_day_of_stay_counts_in_a_leap_year():
    result = assess(TURKIYE, [Stay(D(2024, 1, 1))], D(2024, 1, 1))
    # 31 (Jan) + 29 (Feb) + 30 (Mar) = 90
    assert result.last_lawful_day == D(2024, 3, 30)
    assert result.days_used == 1
    assert result.days_remaining == 89


def test_rolling_window_in_a_common_year():
    result = assess(TURKIYE, [Stay(D(2025, 1, 1))], D(2025, 2, 1))
    assert result.last_lawful_day == D(2025, 3, 31)
    assert result.days_used == 32
    assert result.days_remaining == 58


def test_re_entry_one_day_before_the_window_clears_is_unlawful_from_the_first_day():
    # given 90 days used from 1 Jan to 31 Mar 2025
    used = Stay(D(2025, 1, 1), D(2025, 3, 31))
    # when the person comes back on 29 June, the window still holds all 90 days
    early = assess(TURKIYE, [used, Stay(D(2025, 6, 29))], D(2025, 6, 29))
    # then
    assert early.days_used == 91
    assert early.last_lawful_day == D(2025, 6, 28)
    assert early.overstay_days == 1


def test_re_entry_on_the_day_the_window_clears_lasts_until_the_old_days_have_all_dropped_out():
    used = Stay(D(2025, 1, 1), D(2025, 3, 31))
    result = assess(TURKIYE, [used, Stay(D(2025, 6, 30))], D(2025, 6, 30))
    assert result.days_used == 90
    assert result.last_lawful_day == D(2025, 9, 27)
    assert result.days_remaining == 89
    assert result.overstay_days == 0


def test_not_in_the_country_assumes_entry_on_the_check_date():
    result = assess(TURKIYE, [Stay(D(2026, 1, 1), D(2026, 1, 30))], D(2026, 3, 1))
    assert result.present is False
    assert result.days_used == 30
    assert result.last_lawful_day == D(2026, 3, 1) + dt.timedelta(days=59)
    assert result.overstay_days == 0


def test_russia_calendar_year_binds_before_the_per_entry_limit():
    stays = [Stay(D(2026, 1, 1), D(2026, 2, 28)), Stay(D(2026, 6, 1))]
    result = assess(RUSSIA, stays, D(2026, 6, 10))
    assert result.binding == CALENDAR_YEAR
    assert result.days_used == 69
    assert result.last_lawful_day == D(2026, 7, 1)
    assert result.days_remaining == 21
    assert result.counts == {CALENDAR_YEAR: 69, PER_ENTRY: 10}


def test_russia_new_year_resets_the_year_count_but_not_the_continuous_limit():
    result = assess(RUSSIA, [Stay(D(2025, 12, 1))], D(2025, 12, 31))
    assert result.binding == PER_ENTRY
    assert result.last_lawful_day == D(2026, 2, 28)
    assert result.days_used == 31


@pytest.mark.parametrize(
    ("entry", "last"),
    [(D(2025, 12, 1), D(2026, 3, 31)), (D(2027, 12, 1), D(2028, 3, 30))],
    ids=["common-year", "leap-year"],
)
def test_calendar_year_only_limit_across_new_year(entry, last):
    # 31 days of December count for the old year; the new year starts from zero
    result = assess(YEAR_ONLY, [Stay(entry)], entry)
    assert result.last_lawful_day == last


def test_per_entry_limit_counts_the_entry_day():
    result = assess(Limits(entry_days=30), [Stay(D(2026, 3, 1))], D(2026, 3, 30))
    assert result.last_lawful_day == D(2026, 3, 30)
    assert result.days_used == 30
    assert result.days_remaining == 0
    assert result.overstay_days == 0
    assert assess(Limits(entry_days=30), [Stay(D(2026, 3, 1))], D(2026, 3, 31)).overstay_days == 1


def test_per_entry_limit_over_february_29():
    result = assess(Limits(entry_days=30), [Stay(D(2028, 2, 15))], D(2028, 2, 20))
    assert result.last_lawful_day == D(2028, 3, 15)


def test_kazakhstan_thirty_days_per_entry_bind_before_ninety_in_one_eighty():
    result = assess(KAZAKHSTAN, [Stay(D(2026, 4, 1))], D(2026, 4, 5))
    assert result.binding == PER_ENTRY
    assert result.last_lawful_day == D(2026, 4, 30)


def test_no_numeric_limit_gives_no_last_day():
    result = assess(Limits(), [Stay(D(2026, 4, 1))], D(2026, 4, 5))
    assert result.last_lawful_day is None
    assert result.days_remaining is None


@pytest.mark.parametrize(
    ("stays", "on", "field", "message"),
    [
        ([Stay(D(2026, 3, 1), D(2026, 2, 1))], D(2026, 4, 1), "stays.0.exit", "before the entry date"),
        ([Stay(D(2026, 5, 1))], D(2026, 4, 1), "stays.0.entry", "after the date of the check"),
        ([Stay(D(2026, 3, 1), D(2026, 4, 2))], D(2026, 4, 1), "stays.0.exit", "after the date of the check"),
        (
            [Stay(D(2026, 3, 1), D(2026, 3, 10)), Stay(D(2026, 3, 10), D(2026, 3, 12))],
            D(2026, 4, 1),
            "stays.1.entry",
            "overlaps the stay from 2026-03-01 to 2026-03-10",
        ),
        ([Stay(D(2026, 3, 1)), Stay(D(2026, 3, 5))], D(2026, 4, 1), "stays.1.entry", "overlaps"),
    ],
    ids=["exit-before-entry", "future-entry", "future-exit", "overlap", "two-open-stays"],
)
def test_bad_stays_are_refused_at_the_field(stays, on, field, message):
    with pytest.raises(StayInputError) as caught:
        validate_stays(stays, on)
    assert list(caught.value.fields) == [field]
    assert message in caught.value.fields[field][0]


def test_overlap_is_reported_on_the_later_row_whatever_the_input_order():
    stays = [Stay(D(2026, 3, 5), D(2026, 3, 6)), Stay(D(2026, 3, 1), D(2026, 3, 10))]
    with pytest.raises(StayInputError) as caught:
        validate_stays(stays, D(2026, 4, 1))
    assert list(caught.value.fields) == ["stays.0.entry"]


def test_working_days_skip_the_weekend():
    # Friday 6 March 2026 + 7 working days = Tuesday 17 March
    assert add_days(D(2026, 3, 6), 7, working=True) == D(2026, 3, 17)
    assert add_days(D(2026, 3, 6), 7, working=False) == D(2026, 3, 13)


# --- properties ------------------------------------------------------------------------

LIMITS = st.sampled_from(
    [
        TURKIYE,
        RUSSIA,
        YEAR_ONLY,
        KAZAKHSTAN,
        Limits(entry_days=30),
        Limits(rolling_days=30, rolling_window=60),
    ]
)


@st.composite
def histories(draw):
    on = draw(st.dates(min_value=D(2023, 1, 1), max_value=D(2030, 12, 31)))
    stays, cursor = [], on - dt.timedelta(days=draw(st.integers(0, 900)))
    for _ in range(draw(st.integers(0, 5))):
        entry = cursor + dt.timedelta(days=draw(st.integers(0, 120)))
        length = draw(st.integers(0, 120))
        if entry > on:
            break
        exit_ = entry + dt.timedelta(days=length)
        if exit_ >= on:
            stays.append(Stay(entry, None if draw(st.booleans()) else on))
            break
        stays.append(Stay(entry, exit_))
        cursor = exit_ + dt.timedelta(days=1)
    return stays, on


@settings(max_examples=300, deadline=None)
@given(limits=LIMITS, history=histories())
def test_last_lawful_day_is_lawful_and_the_next_day_is_not(limits, history):
    stays, on = history
    result = assess(limits, stays, on)
    continued = stays if result.present else [*stays, Stay(on)]
    last = result.last_lawful_day
    assert last is not None
    if last >= result.entry:
        assert day_is_lawful(limits, continued, last)
    assert not day_is_lawful(limits, continued, last + dt.timedelta(days=1))
    assert result.days_remaining == max(0, (last - on).days)
    assert result.overstay_days == (max(0, (on - last).days) if result.present else 0)


@settings(max_examples=200, deadline=None)
@given(limits=LIMITS, history=histories())
def test_every_day_from_entry_to_the_last_lawful_day_is_lawful(limits, history):
    stays, on = history
    result = assess(limits, stays, on)
    continued = stays if result.present else [*stays, Stay(on)]
    day = result.entry
    assert result.last_lawful_day is not None
    while day <= result.last_lawful_day:
        assert day_is_lawful(limits, continued, day)
        day += dt.timedelta(days=7)
