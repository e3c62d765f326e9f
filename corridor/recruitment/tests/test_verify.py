"""Checking a job ad or agency by its short public id: typed, mistyped, scanned, fake."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.cases.refs import ALPHABET
from corridor.recruitment import selectors
from corridor.recruitment.models import AGENCY_CODE, JOB_AD_CODE, FeeReport
from corridor.recruitment.tests.factories import make_agency, make_vacancy

pytestmark = pytest.mark.django_db


def _swap_last_two(code: str) -> str:
    return code[:-2] + code[-1] + code[-2]


def test_codes_have_the_scheme_shape_and_are_unique(kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    ads = [make_vacancy(kgz_labour, agency, tur_labour, publish=True) for _ in range(3)]
    assert AGENCY_CODE.parse(agency.public_code).check.value == "valid"
    assert agency.public_code.startswith("AGY-")
    assert all(JOB_AD_CODE.parse(ad.public_code).check.value == "valid" for ad in ads)
    assert len({ad.public_code for ad in ads}) == 3


def test_published_ad_verifies_typed_loosely(kgz_labour, tur_labour):
    ad = make_vacancy(kgz_labour, make_agency(kgz_labour), tur_labour, publish=True)
    typed = " " + ad.public_code.replace("-", " ").lower() + " "
    check = selectors.public_check(text=typed)
    assert (check.outcome, check.kind, check.code) == ("verified", "job_ad", ad.public_code)


def test_unpublished_and_unknown_and_mistyped_ids_are_not_verified(kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    draft = make_vacancy(kgz_labour, agency)  # submitted, never verified: unknown to the public
    verified_only = make_vacancy(kgz_labour, agency, tur_labour)  # verified, not published
    assert selectors.public_check(text=draft.public_code).outcome == "unknown"
    assert selectors.public_check(text=verified_only.public_code).outcome == "not_verified"
    fresh = JOB_AD_CODE.new()  # a well-formed id nobody issued
    assert selectors.public_check(text=fresh).outcome == "unknown"
    swapped = _swap_last_two(verified_only.public_code)
    if swapped != verified_only.public_code:
        assert selectors.public_check(text=swapped).outcome == "mistyped"
    assert selectors.public_check(text="hello").outcome == "unknown"


def test_suspended_agency_is_not_verified_and_active_is(kgz_labour):
    active = make_agency(kgz_labour, name="Alpha", number="KG-1")
    suspended = make_agency(kgz_labour, name="Beta", number="KG-2", status="suspended")
    assert selectors.public_check(text=active.public_code).outcome == "verified"
    check = selectors.public_check(text=suspended.public_code)
    assert (check.outcome, check.kind) == ("not_verified", "agency")
    assert "suspended" in check.reason


def test_the_qr_address_with_the_long_id_is_checked_too(kgz_labour, tur_labour):
    ad = make_vacancy(kgz_labour, make_agency(kgz_labour), tur_labour, publish=True)
    address = f"https://corridor.example.org{ad.get_public_url()}"
    assert selectors.public_check(text=address).outcome == "verified"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gets_an_answer_never_an_error(text):
    assert selectors.public_check(text=text).outcome in {
        "verified",
        "not_verified",
        "unknown",
        "mistyped",
        "empty",
    }


def test_page_answers_plainly_in_russian(client, kgz_labour, tur_labour):
    ad = make_vacancy(kgz_labour, make_agency(kgz_labour), tur_labour, publish=True)
    fake = JOB_AD_CODE.new()
    good = client.get("/en/recruitment/verify/", {"code": ad.public_code})
    bad = client.get("/en/recruitment/verify/", {"code": fake})
    assert good.status_code == bad.status_code == 200
    assert "Verified job ad." in good.content.decode()
    assert "NOT a verified job ad — do not pay." in bad.content.decode()
    russian = client.get("/ru/recruitment/verify/", {"code": fake}).content.decode()
    assert "NOT a verified job ad" not in russian  # translated, not English on a Russian page


def test_vacancy_page_and_api_accept_the_short_id(client, api_client, kgz_labour, tur_labour):
    ad = make_vacancy(kgz_labour, make_agency(kgz_labour), tur_labour, publish=True)
    assert client.get(f"/en/recruitment/vacancies/{ad.public_code}/").status_code == 200
    body = api_client.get(f"/api/v1/public/vacancies/{ad.public_code}/").json()
    assert body["valid"] is True and body["vacancy"]["code"] == ad.public_code


def test_fee_report_names_the_agency_by_short_id_and_refuses_an_unknown_one(client, kgz_labour):
    agency = make_agency(kgz_labour)
    form = {
        "payee": "agency",
        "category": "placement",
        "amount": "100",
        "currency": "USD",
        "monthly_earnings": "500",
        "destination": "TUR",
    }
    ok = client.post("/en/recruitment/fees/report/", {**form, "agency": agency.public_code.lower()})
    assert ok.status_code == 302
    assert FeeReport.objects.get().agency == agency
    unknown = AGENCY_CODE.new()
    refused = client.post("/en/recruitment/fees/report/", {**form, "agency": unknown})
    assert refused.status_code == 400
    assert FeeReport.objects.count() == 1


def test_check_character_alphabet_has_no_confusable_letters():
    assert not set("01OIL") & set(ALPHABET)
