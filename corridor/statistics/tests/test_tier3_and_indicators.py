"""Tier 3 (trafficking victims) publication rules, the SDG 10.7.1 operational indicator and
country names in the state choosers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from corridor.statistics import registry, selectors, tier3
from corridor.statistics.models import Observation
from corridor.statistics.services import dataflow_get
from corridor.statistics.tests.factories import published

pytestmark = pytest.mark.django_db


def thb_cells() -> list[dict]:
    return [
        {"CITIZENSHIP": "_T", "value": 67},
        {"CITIZENSHIP": "UZB", "value": 40},
        {"CITIZENSHIP": "TJK", "value": 15},
        {"CITIZENSHIP": "AFG", "value": 5},
        {"CITIZENSHIP": "IRN", "value": 7},
        {"CITIZENSHIP": "UZB", "SEX": "F", "value": 25},
        {"CITIZENSHIP": "UZB", "SEX": "M", "value": 15},
        {"CITIZENSHIP": "UZB", "SEX": "F", "AGE": "Y_LT18", "value": 12},
    ]


def _published(submission) -> dict[tuple[str, str, str], tuple[int | None, str]]:
    rows = Observation.objects.filter(submission=submission).values_list(
        "key", "published_value", "conf_status"
    )
    return {tuple(key.split(".")[:3]): (value, status) for key, value, status in rows}


def test_tier3_pools_small_citizenships_as_other_and_withholds_three_way_cells():
    # when KGZ publishes its trafficking victims for 2023
    submission = published("KGZ", "DF_THB_VICTIM", thb_cells())
    # then
    assert _published(submission) == {
        ("_T", "_T", "_T"): (67, "F"),
        ("UZB", "_T", "_T"): (40, "F"),
        ("TJK", "_T", "_T"): (15, "F"),
        ("AFG", "_T", "_T"): (None, "C"),  # pooled: 5 victims over five years
        ("IRN", "_T", "_T"): (None, "C"),  # pooled: 7
        ("_O", "_T", "_T"): (12, "F"),  # AFG + IRN
        ("UZB", "F", "_T"): (25, "F"),
        ("UZB", "M", "_T"): (15, "F"),
        ("UZB", "F", "Y_LT18"): (None, "C"),  # three cross-classifying dimensions
    }


def test_owner_still_sees_its_own_values_others_see_the_pool():
    published("KGZ", "DF_THB_VICTIM", thb_cells())
    flow = dataflow_get("DF_THB_VICTIM")
    public = {
        c.key.split(".")[0]: c.value
        for c in selectors.public_cells(flow=flow, viewer_state=None, state="KGZ")
        if c.key.endswith("._T._T._T._T")
    }
    own = {
        c.key.split(".")[0]: c.value
        for c in selectors.public_cells(flow=flow, viewer_state="KGZ", state="KGZ")
        if c.key.endswith("._T._T._T._T")
    }
    assert public == {"_T": 67, "UZB": 40, "TJK": 15, "AFG": None, "IRN": None, "_O": 12}
    assert own == {"_T": 67, "UZB": 40, "TJK": 15, "AFG": 5, "IRN": 7, "_O": None}


def test_citizenship_over_the_limit_across_five_years_is_not_pooled():
    # given AFG had 8 victims in 2020, so 13 over 2019–2023
    published(
        "KGZ",
        "DF_THB_VICTIM",
        [
            {"CITIZENSHIP": "_T", "TIME_PERIOD": "2020", "value": 30},
            {"CITIZENSHIP": "AFG", "TIME_PERIOD": "2020", "value": 8},
            {"CITIZENSHIP": "UZB", "TIME_PERIOD": "2020", "value": 22},
        ],
    )
    # when 2023 comes
    submission = published("KGZ", "DF_THB_VICTIM", thb_cells())
    # then AFG (5 in 2023, primary-suppressed under 11) is suppressed, not pooled; IRN alone is pooled
    result = _published(submission)
    assert result[("AFG", "_T", "_T")] == (None, "C")
    assert result[("_O", "_T", "_T")][1] in {"C", "D"}  # 7 alone is under 11


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (("UZB", "F", "_T", "_T", "_T"), False),
        (("UZB", "F", "Y_LT18", "_T", "_T"), True),
        (("_T", "_Z", "Y_LT18", "SEXUAL", "_T"), False),
    ],
)
def test_cross_classification_count(key, expected):
    assert tier3.too_detailed(key) is expected


def test_permits_are_not_pooled():
    submission = published(
        "KGZ", "DF_WORK_PERMIT", [{"CITIZENSHIP": "UZB", "SEX": "F", "AGE": "Y_LT18", "value": 30}]
    )
    assert _published(submission) == {("UZB", "F", "Y_LT18"): (30, "F")}


def test_sdg_10_7_1_comes_from_the_recruitment_fee_reports(client):
    from corridor.recruitment.models import FeeReport

    # given three workers' reports, two of them working in Türkiye
    for amount, earnings, destination in ((600, 400, "TUR"), (300, 600, "TUR"), (1000, 500, "RUS")):
        FeeReport.objects.create(
            payee="agency",
            category="placement",
            amount=amount,
            currency="USD",
            monthly_earnings=earnings,
            destination_id=destination,
        )
    # when
    indicator = {i.code: i for i in registry.operational_indicators(state="TUR")}["SDG_10_7_1"]
    # then medians of cost / monthly earnings: all (0.5, 1.5, 2.0) and TUR (0.5, 1.5)
    assert (indicator.overall, indicator.for_state) == (Decimal("1.50"), Decimal("1.00"))
    page = client.get(reverse("statistics:indicators") + "?state=TUR&period=2019").content.decode()
    assert "Recruitment cost borne by the worker (SDG 10.7.1)" in page and "operational data" in page
    assert "1.50" in page and "1.00" in page


def test_state_choosers_show_translated_country_names(client):
    with translation.override("ru"):
        page = client.get("/ru/statistics/data/DF_THB_VICTIM/").content.decode()
        mirror = client.get("/ru/statistics/mirror/").content.decode()
    assert '<option value="TUR" selected>Турция</option>' in page
    assert '<option value="KGZ" selected>Киргизия</option>' in mirror
