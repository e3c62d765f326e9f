"""On upload: Solar Hijri periods converted, national codes mapped (both reported), and the
checks across dataflows as warnings."""

from __future__ import annotations

import pytest

from corridor.statistics.conversion import solar_hijri_period
from corridor.statistics.models import Observation
from corridor.statistics.tests.factories import published, statistician, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("1402", "2023"),
        ("1403", "2024"),
        ("1402-01", "2023-03"),
        ("1403-12", "2025-02"),
        ("1402-10", "2023-12"),
    ],
)
def test_solar_hijri_period_is_filed_where_it_starts(period, expected):
    assert solar_hijri_period(period) == expected


@pytest.mark.parametrize("period", ["2023", "2023-03", "1402-13", "1402-Q1", "999"])
def test_gregorian_and_malformed_periods_are_left_alone(period):
    assert solar_hijri_period(period) is None


def test_afghan_upload_in_solar_hijri_years_is_converted_and_reported():
    # given an Afghan statistician's file for the year 1402
    afg = statistician("AFG")
    cells = [
        {"CITIZENSHIP": "PAK", "TIME_PERIOD": "1402", "value": 40},
        {"CITIZENSHIP": "IRN", "TIME_PERIOD": "1402", "value": 25},
    ]
    # when
    submission = upload(afg, "DF_IRREG_MIGR", cells)
    # then it is stored as 2023 and the report says so
    assert submission.error_count == 0, submission.report
    assert set(Observation.objects.filter(submission=submission).values_list("time_period", flat=True)) == {
        "2023"
    }
    assert submission.report["conversions"] == [
        {
            "kind": "solar_hijri",
            "params": {"source": "1402", "target": "2023", "cells": 2, "starts": "2023-03-21"},
        }
    ]


def test_solar_hijri_years_are_not_read_for_other_providers():
    kgz = statistician("KGZ")
    submission = upload(kgz, "DF_IRREG_MIGR", [{"CITIZENSHIP": "UZB", "TIME_PERIOD": "1402", "value": 40}])
    assert submission.report["conversions"] == []
    assert [i["rule"] for i in submission.report["issues"] if i["level"] == "error"] == ["period_window"]


def test_turkish_permit_types_are_mapped_added_up_and_reported(client, user_factory):
    # given Türkiye's residence permits in its national types (Law 6458)
    tur = statistician("TUR")
    cells = [
        {"CITIZENSHIP": "UZB", "PERMIT_TYPE": "SHORT_TERM", "value": 30},
        {"CITIZENSHIP": "UZB", "PERMIT_TYPE": "LONG_TERM", "value": 20},
        {"CITIZENSHIP": "UZB", "PERMIT_TYPE": "STUDENT", "value": 10},
        {"CITIZENSHIP": "UZB", "value": 60},
    ]
    # when
    submission = upload(tur, "DF_RES_PERMIT", cells)
    # then the harmonised cells are stored, SHORT_TERM and LONG_TERM added up as OTHER
    assert submission.error_count == 0, submission.report
    stored = dict(Observation.objects.filter(submission=submission).values_list("key", "value"))
    assert stored == {
        "UZB._T._T._T._T.FIRST._T._T": 60,
        "UZB._T._T._T.OTHER.FIRST._T._T": 50,
        "UZB._T._T._T.EDUC.FIRST._T._T": 10,
    }
    notes = [
        (c["params"]["source"], c["params"]["target"], c["params"]["cells"])
        for c in submission.report["conversions"]
    ]
    assert notes == [("LONG_TERM", "OTHER", 1), ("SHORT_TERM", "OTHER", 1), ("STUDENT", "EDUC", 1)]
    # and the report page shows the conversion in words
    client.force_login(user_factory("TUR", "statistician", username="tur-page"))
    page = client.get(submission.get_absolute_url()).content.decode()
    assert (
        "PERMIT_TYPE code SHORT_TERM of the national codelist CL_PERMIT_TYPE_TUR was mapped to OTHER; cells: 1."
        in page
    )


def test_national_codes_of_another_provider_stay_unknown():
    kgz = statistician("KGZ")
    submission = upload(
        kgz, "DF_RES_PERMIT", [{"CITIZENSHIP": "UZB", "PERMIT_TYPE": "SHORT_TERM", "value": 30}]
    )
    assert submission.report["conversions"] == []
    assert [i["rule"] for i in submission.report["issues"] if i["level"] == "error"] == ["unknown_code"]


def _warnings(submission) -> list[tuple[str, dict]]:
    return [(i["rule"], i["params"]) for i in submission.report["issues"] if i["rule"].startswith("cross_")]


def test_students_above_residence_permits_warn():
    # given KGZ's accepted residence permits valid at the end of 2023: 50 citizens of UZB
    published(
        "KGZ",
        "DF_RES_PERMIT",
        [{"CITIZENSHIP": "UZB", "PERMIT_EVENT": "VALID_EOP", "PURPOSE": "_T", "value": 50}],
    )
    # when 80 Uzbek students arrive in a file
    submission = upload(
        statistician("KGZ"),
        "DF_INT_STUDENT",
        [{"CITIZENSHIP": "UZB", "value": 80}, {"CITIZENSHIP": "TJK", "value": 5}],
    )
    # then one warning, and the file still goes on
    assert submission.status == "validated"
    assert _warnings(submission) == [
        (
            "cross_exceeds",
            {
                "small": "DF_INT_STUDENT",
                "big": "DF_RES_PERMIT",
                "period": "2023",
                "citizenship": "UZB",
                "a_value": 80,
                "b_value": 50,
            },
        )
    ]


def test_students_within_residence_permits_do_not_warn():
    published(
        "KGZ",
        "DF_RES_PERMIT",
        [{"CITIZENSHIP": "UZB", "PERMIT_EVENT": "VALID_EOP", "PURPOSE": "_T", "value": 50}],
    )
    submission = upload(statistician("KGZ"), "DF_INT_STUDENT", [{"CITIZENSHIP": "UZB", "value": 50}])
    assert _warnings(submission) == []


@pytest.mark.parametrize(("work_permits", "warned"), [(200, True), (110, False)])
def test_work_permits_against_residence_permits_for_work(work_permits, warned):
    # given residence permits for work accepted first
    published(
        "KGZ",
        "DF_RES_PERMIT",
        [{"CITIZENSHIP": "UZB", "PURPOSE": "WORK", "PERMIT_EVENT": "_T", "value": 100}],
    )
    # when the work permits come
    submission = upload(
        statistician("KGZ"), "DF_WORK_PERMIT", [{"CITIZENSHIP": "UZB", "value": work_permits}]
    )
    # then
    assert [rule for rule, _params in _warnings(submission)] == (["cross_differs"] if warned else [])


def test_cross_check_runs_in_the_other_direction_too():
    published("KGZ", "DF_WORK_PERMIT", [{"CITIZENSHIP": "UZB", "value": 200}])
    submission = upload(
        statistician("KGZ"),
        "DF_RES_PERMIT",
        [{"CITIZENSHIP": "UZB", "PURPOSE": "WORK", "PERMIT_EVENT": "_T", "value": 100}],
    )
    assert [rule for rule, _params in _warnings(submission)] == ["cross_differs"]


def test_other_states_data_is_never_compared():
    published(
        "TJK",
        "DF_RES_PERMIT",
        [{"CITIZENSHIP": "UZB", "PERMIT_EVENT": "VALID_EOP", "PURPOSE": "_T", "value": 5}],
    )
    submission = upload(statistician("KGZ"), "DF_INT_STUDENT", [{"CITIZENSHIP": "UZB", "value": 80}])
    assert _warnings(submission) == []
