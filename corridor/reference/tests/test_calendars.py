"""Solar Hijri ↔ Gregorian conversion: known dates, leap years, impossible dates, round trips."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from corridor.reference.calendars import (
    SolarHijriDate,
    days_in_month,
    from_solar_hijri,
    is_leap,
    parse_solar_hijri,
    to_solar_hijri,
)


@pytest.mark.parametrize(
    ("gregorian", "solar_hijri"),
    [
        # Nowruz 1403 fell on 20 March 2024, Nowruz 1404 on 21 March 2025.
        (datetime.date(2024, 3, 20), SolarHijriDate(1403, 1, 1)),
        (datetime.date(2025, 3, 21), SolarHijriDate(1404, 1, 1)),
        # 1 Farvardin 1405 = 21 March 2026; 22 November 2026 is day 247 of that year:
        # 6 months of 31 days (186) and 2 of 30 (60) leave day 1 of the 9th month, Azar.
        (datetime.date(2026, 11, 22), SolarHijriDate(1405, 9, 1)),
        (datetime.date(2026, 3, 21), SolarHijriDate(1405, 1, 1)),
        # 1403 is a leap year, so its Esfand has a 30th day, the eve of Nowruz 1404.
        (datetime.date(2025, 3, 20), SolarHijriDate(1403, 12, 30)),
        # 1404 is not: its last day is 29 Esfand, the eve of Nowruz 1405.
        (datetime.date(2026, 3, 20), SolarHijriDate(1404, 12, 29)),
        (datetime.date(2024, 9, 22), SolarHijriDate(1403, 7, 1)),
        (datetime.date(2024, 9, 21), SolarHijriDate(1403, 6, 31)),
    ],
)
def test_known_dates_convert_both_ways(gregorian, solar_hijri):
    # given a pair of dates known to be the same day
    # when converting each way
    to_sh = to_solar_hijri(gregorian)
    to_gregorian = from_solar_hijri(solar_hijri.year, solar_hijri.month, solar_hijri.day)
    # then each gives the other
    assert to_sh == solar_hijri
    assert to_gregorian == gregorian


def test_solar_hijri_date_formats_and_names_its_month():
    # given the first day of 1403
    date = to_solar_hijri(datetime.date(2024, 3, 20))
    # when formatting it
    # then it reads in ISO order and names the month in Persian, Dari and transliteration
    assert date.isoformat() == "1403-01-01"
    assert str(date) == "1403-01-01"
    assert (date.month_name_persian, date.month_name_persian_latin) == ("فروردین", "Farvardin")
    assert (date.month_name_dari, date.month_name_dari_latin) == ("حمل", "Hamal")
    assert date.is_leap_year is True


def test_last_month_names():
    # given a date in Esfand / Hut
    date = SolarHijriDate(1404, 12, 29)
    # when reading its month names
    names = (
        date.month_name_persian,
        date.month_name_persian_latin,
        date.month_name_dari,
        date.month_name_dari_latin,
    )
    # then they are the twelfth month's
    assert names == ("اسفند", "Esfand", "حوت", "Hut")


def test_datetime_converts_by_its_date():
    # given a datetime on Nowruz 1403
    moment = datetime.datetime(2024, 3, 20, 23, 59, tzinfo=datetime.UTC)
    # when converting
    date = to_solar_hijri(moment)
    # then its calendar day is used
    assert date == SolarHijriDate(1403, 1, 1)


def test_solar_hijri_date_is_frozen():
    # given a date
    date = SolarHijriDate(1403, 1, 1)
    # when changing a field
    # then the dataclass refuses
    with pytest.raises(AttributeError):
        date.year = 1404  # type: ignore[misc]


@pytest.mark.parametrize(
    ("year", "leap"),
    [(1395, True), (1399, True), (1400, False), (1403, True), (1404, False), (1407, False), (1408, True)],
)
def test_leap_years(year, leap):
    # given a Solar Hijri year
    # when asking whether it is leap
    # then the answer matches the official calendar (leap years 1399, 1403, 1408 …)
    assert is_leap(year) is leap
    assert days_in_month(year=year, month=12) == (30 if leap else 29)


@pytest.mark.parametrize(
    ("year", "month", "day", "code"),
    [
        (1403, 13, 1, "invalid_month"),
        (1403, 0, 1, "invalid_month"),
        (1403, 7, 31, "invalid_day"),
        (1403, 11, 31, "invalid_day"),
        (1404, 12, 30, "invalid_day"),
        (1403, 1, 32, "invalid_day"),
        (1403, 1, 0, "invalid_day"),
        (0, 1, 1, "year_out_of_range"),
        (9378, 1, 1, "year_out_of_range"),
    ],
)
def test_impossible_dates_are_refused(year, month, day, code):
    # given a Solar Hijri date that cannot exist
    # when converting it
    with pytest.raises(ValidationError) as error:
        from_solar_hijri(year, month, day)
    # then the error says why
    assert error.value.code == code


def test_impossible_day_message_names_the_limits():
    # given Esfand 30 of a common year
    # when converting it
    with pytest.raises(ValidationError) as error:
        from_solar_hijri(1404, 12, 30)
    # then the message names the month, year and days allowed
    assert error.value.messages == ["Month 12 of the Solar Hijri year 1404 has days 1 to 29, not 30."]


def test_error_message_is_translatable():
    # given a request in Russian
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        # when converting an impossible month
        from_solar_hijri(1403, 13, 1)
    # then the message comes in Russian, with the number in place
    assert error.value.messages == ["Месяц по солнечной хиджре должен быть от 1 до 12, а не 13."]


def test_gregorian_date_before_the_calendar_is_refused():
    # given a date before the calendar's first day (21 March 622)
    # when converting
    with pytest.raises(ValidationError) as error:
        to_solar_hijri(datetime.date(622, 3, 20))
    # then the error gives the supported range
    assert error.value.code == "date_out_of_range"
    assert error.value.messages == [
        "Dates from 0622-03-21 to 9999-03-20 can be converted to the Solar Hijri calendar."
    ]


def test_calendar_ends_are_convertible():
    # given the first and last supported Gregorian days
    # when converting
    # then they are the first and last Solar Hijri days
    assert to_solar_hijri(datetime.date(622, 3, 21)) == SolarHijriDate(1, 1, 1)
    assert from_solar_hijri(1, 1, 1) == datetime.date(622, 3, 21)


@pytest.mark.parametrize("text", ["1403-1-1", "1403-01-01", " 1403-01-01 "])
def test_parse_accepts_iso_order(text):
    # given a Solar Hijri date as text
    # when parsing
    date = parse_solar_hijri(text)
    # then it gives the date
    assert date == SolarHijriDate(1403, 1, 1)


@pytest.mark.parametrize("text", ["", "1403/01/01", "1403-01", "۱۴۰۳-۰۱-۰۱", "a-b-c", "1403-01-01-01"])
def test_parse_refuses_other_forms(text):
    # given text that is not YYYY-MM-DD in ASCII digits
    # when parsing
    with pytest.raises(ValidationError) as error:
        parse_solar_hijri(text)
    # then the format is explained
    assert error.value.code == "invalid_format"


@given(st.dates(min_value=datetime.date(622, 3, 21), max_value=datetime.date(9999, 3, 20)))
def test_round_trip_through_solar_hijri(gregorian):
    # given any supported Gregorian date
    # when converting to Solar Hijri and back
    solar_hijri = to_solar_hijri(gregorian)
    back = from_solar_hijri(solar_hijri.year, solar_hijri.month, solar_hijri.day)
    # then the same day comes back and the Solar Hijri date is one that exists
    assert back == gregorian
    assert 1 <= solar_hijri.day <= days_in_month(year=solar_hijri.year, month=solar_hijri.month)


@given(st.dates(min_value=datetime.date(622, 3, 21), max_value=datetime.date(9999, 3, 19)))
def test_consecutive_days_stay_consecutive(gregorian):
    # given any supported day and the next
    # when converting both
    today = to_solar_hijri(gregorian)
    tomorrow = to_solar_hijri(gregorian + datetime.timedelta(days=1))
    # then the next day is the next Solar Hijri day, wrapping month and year correctly
    if today.day < days_in_month(year=today.year, month=today.month):
        assert tomorrow == SolarHijriDate(today.year, today.month, today.day + 1)
    elif today.month < 12:
        assert tomorrow == SolarHijriDate(today.year, today.month + 1, 1)
    else:
        assert tomorrow == SolarHijriDate(today.year + 1, 1, 1)
