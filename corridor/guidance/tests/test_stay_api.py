"""The public stay-check endpoint: the brief's example, and every kind of bad input."""

from __future__ import annotations

import pytest

from corridor.guidance.models import CorridorRule

pytestmark = pytest.mark.django_db
URL = "/api/v1/guidance/stay-check/"


def post(api_client, **body):
    base = {"citizenship": "KGZ", "destination": "TUR", "stays": [], "on": "2026-06-15"}
    return api_client.post(URL, {**base, **body}, format="json")


def test_brief_example_answers_without_login(api_client):
    # given the example of the issue, sent anonymously
    stays = [{"entry": "2026-01-10", "exit": "2026-03-01"}, {"entry": "2026-05-01", "exit": None}]
    # when
    response = post(api_client, stays=stays)
    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["days_used"] == 97
    assert body["days_remaining"] == 0
    assert body["last_lawful_day"] == "2026-06-08"
    assert body["overstay_days"] == 7
    assert body["visa_required"] is False
    assert body["rule"]["citizenship"] == "KGZ"
    assert body["rule"]["destination"] == "TUR"
    assert body["rule"]["confidence"] == "V"
    assert [d["kind"] for d in body["deadlines"]] == ["stay_ends"]
    assert body["deadlines"][0]["date"] == "2026-06-08"
    assert "Kyrgyz Ministry of Foreign Affairs" in body["deadlines"][0]["source"]


def test_russia_uzbek_gets_registration_and_patent_deadlines(api_client):
    response = post(
        api_client, citizenship="UZB", destination="RUS", stays=[{"entry": "2026-03-02"}], on="2026-03-05"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    deadlines = {d["kind"]: d["date"] for d in body["deadlines"]}
    assert deadlines == {
        "registration": "2026-03-17",
        "permit_application": "2026-04-01",
        "stay_ends": "2026-05-30",
    }
    assert body["days_used"] == 4
    assert body["days_remaining"] == 86


def test_working_day_registration_skips_weekends(api_client):
    # AZE → RUS: general 7 working days; entry on Friday 6 March 2026
    response = post(
        api_client, citizenship="AZE", destination="RUS", stays=[{"entry": "2026-03-06"}], on="2026-03-06"
    )
    deadlines = {d["kind"]: d for d in response.json()["deadlines"]}
    assert deadlines["registration"]["date"] == "2026-03-17"
    assert "working days" in deadlines["registration"]["rule"]


def test_renewal_window_from_the_permit_expiry(api_client):
    response = post(api_client, stays=[{"entry": "2026-05-01"}], on="2026-05-02", permit_expires="2026-12-31")
    deadlines = {d["kind"]: d["date"] for d in response.json()["deadlines"]}
    assert deadlines["renewal_window_opens"] == "2026-11-01"
    assert deadlines["permit_expires"] == "2026-12-31"


@pytest.mark.parametrize(
    ("body", "field", "fragment"),
    [
        ({"stays": [{"entry": "2026-03-01", "exit": "2026-02-01"}]}, "stays.0.exit", "before the entry date"),
        (
            {"stays": [{"entry": "2026-03-01", "exit": "2026-03-10"}, {"entry": "2026-03-05", "exit": None}]},
            "stays.1.entry",
            "overlaps",
        ),
        ({"stays": [{"entry": "2026-07-01"}]}, "stays.0.entry", "after the date of the check"),
        ({"citizenship": "XXX"}, "citizenship", "Unknown country code: XXX"),
        ({"destination": "DEU"}, "destination", "No rule for this corridor"),
        ({"citizenship": "TJK"}, "destination", "visa"),
        ({"citizenship": "AFG", "destination": "KAZ"}, "destination", "not known"),
        ({"on": "2024-06-01", "destination": "RUS"}, "on", "applies from 2025-01-01"),
    ],
    ids=[
        "exit-before-entry",
        "overlap",
        "future-entry",
        "unknown-country",
        "no-rule",
        "visa",
        "unknown",
        "before-rule",
    ],
)
def test_bad_input_gets_400_at_the_field(api_client, body, field, fragment):
    response = post(api_client, **body)
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert field in fields, fields
    assert fragment in " ".join(fields[field])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"stays": [{"entry": "2026-02-30"}]}, "stays"),
        ({"stays": [{"exit": "2026-02-03"}]}, "stays"),
        ({"on": "15/06/2026"}, "on"),
        ({"citizenship": None}, "citizenship"),
    ],
    ids=["impossible-date", "missing-entry", "bad-date-format", "missing-citizenship"],
)
def test_malformed_input_gets_400_naming_the_field(api_client, body, field):
    response = post(api_client, **body)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_rule_is_public_and_lists_confidence(api_client):
    response = api_client.get("/api/v1/guidance/rules/kgz/tur/")
    assert response.status_code == 200
    assert response.json()["limits"] == ["90 days in any 180 days"]
    listing = api_client.get("/api/v1/guidance/rules/?page_size=100").json()
    assert listing["count"] == CorridorRule.objects.filter(is_current=True).count() == 28
