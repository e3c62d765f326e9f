"""Public register, scorecard, job-ad checks and fee reports: no sign-in needed."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.recruitment import selectors
from corridor.recruitment.models import FeeReport
from corridor.recruitment.services import agencies
from corridor.recruitment.tests.factories import make_agency, make_vacancy

pytestmark = pytest.mark.django_db

FEE = {
    "payee": "agency",
    "category": "placement",
    "amount": "30000",
    "currency": "KGS",
    "monthly_earnings": "60000",
    "destination": "TUR",
}


def test_register_search_by_name_and_licence_number(api_client, kgz_labour):
    # given an active agency, a suspended one and a draft (not on the register)
    alpha = make_agency(kgz_labour, name="Alpha Jobs", number="KG-100")
    beta = make_agency(kgz_labour, name="Beta Work", number="KG-200", status="suspended")
    make_agency(kgz_labour, name="Gamma Draft", number="KG-300", status="draft")
    # when anyone searches
    by_name = api_client.get("/api/v1/public/agencies/?q=alpha").json()
    by_number = api_client.get("/api/v1/public/agencies/?q=KG-200").json()
    everyone = api_client.get("/api/v1/public/agencies/").json()
    # then
    assert [r["public_id"] for r in by_name["results"]] == [str(alpha.uuid)]
    assert [(r["name"], r["licence_status"]) for r in by_number["results"]] == [("Beta Work", "suspended")]
    assert [r["name"] for r in everyone["results"]] == ["Alpha Jobs", "Beta Work"]
    assert beta.licence.status == "suspended"


def test_scorecard_shows_sanction_reason_and_fees(api_client, client, kgz_labour):
    agency = make_agency(kgz_labour, name="Alpha Jobs")
    agencies.licence_transition(actor=kgz_labour, agency=agency, action="suspend", reason="Kept passports")
    for amount, earnings in (("30000", "60000"), ("10000", "50000"), ("50000", "50000")):
        api_client.post(
            "/api/v1/public/fees/",
            {**FEE, "agency": str(agency.uuid), "amount": amount, "monthly_earnings": earnings},
            format="json",
        )
    body = api_client.get(f"/api/v1/public/agencies/{agency.uuid}/").json()
    assert body["agency"]["licence_status"] == "suspended"
    assert body["reason"] == "Kept passports"
    assert [(s["status"], s["reason"]) for s in body["sanctions"]] == [("suspended", "Kept passports")]
    assert body["fees"] == {"count": 3, "median_fee": {"KGS": "30000.00"}, "sdg_10_7_1": "0.50"}
    page = client.get(agency.get_public_url()).content.decode()
    assert "Kept passports" in page and "<svg" in page and "3 reports" in page


def test_unknown_agency_and_vacancy_ids_are_404_with_the_error_body(api_client, client):
    for url in (
        f"/api/v1/public/agencies/{uuid.uuid4()}/",
        "/api/v1/public/vacancies/not-a-uuid/",
        f"/api/v1/public/vacancies/{uuid.uuid4()}/",
    ):
        response = api_client.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"
    assert client.get(f"/en/recruitment/vacancies/{uuid.uuid4()}/").status_code == 404


def test_vacancy_check_answers_valid_and_why(api_client, client, kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    vacancy = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    body = api_client.get(f"/api/v1/public/vacancies/{vacancy.uuid}/").json()
    assert (body["valid"], body["reason"]) == (
        True,
        "This job ad was verified by the destination state and is published.",
    )
    agencies.licence_transition(actor=kgz_labour, agency=agency, action="revoke", reason="Fraud")
    body = api_client.get(f"/api/v1/public/vacancies/{vacancy.uuid}/").json()
    assert (body["valid"], body["reason"]) == (False, "The agency's licence is revoked: it may not recruit.")
    listing = api_client.get("/api/v1/public/vacancies/").json()
    assert listing["count"] == 0
    page = client.get(vacancy.get_public_url()).content.decode()
    assert "Not a valid job ad." in page and "<svg" in page


def test_unverified_vacancy_is_unknown_to_the_public(api_client, kgz_labour):
    vacancy = make_vacancy(kgz_labour, make_agency(kgz_labour))
    assert api_client.get(f"/api/v1/public/vacancies/{vacancy.uuid}/").status_code == 404


def test_public_vacancy_search_api_and_page(api_client, client, kgz_labour, tur_labour):
    vacancy = make_vacancy(kgz_labour, make_agency(kgz_labour), tur_labour, publish=True)
    body = api_client.get(
        "/api/v1/public/vacancies/?q=sewing&occupation=815&destination=TUR&language=ru"
    ).json()
    assert [r["public_id"] for r in body["results"]] == [str(vacancy.uuid)]
    assert api_client.get("/api/v1/public/vacancies/?language=tr").json()["count"] == 0
    page = client.get("/en/recruitment/vacancies/?q=sewing").content.decode()
    assert vacancy.title in page


def test_fee_report_is_rate_limited_with_a_translated_429(api_client, client):
    for _ in range(5):
        assert api_client.post("/api/v1/public/fees/", FEE, format="json").status_code == 201
    refused = api_client.post("/api/v1/public/fees/", FEE, format="json")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert FeeReport.objects.count() == 5
    page = client.post("/ru/recruitment/fees/report/", FEE)
    assert page.status_code == 429
    assert "Слишком много" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", "-1"),
        ("monthly_earnings", "0"),
        ("currency", "som"),
        ("payee", "friend"),
        ("destination", "XXX"),
        ("agency", "5f0c2a8e-0000-4000-8000-000000000001"),
    ],
)
def test_bad_fee_report_is_refused_at_the_field(api_client, field, value):
    response = api_client.post("/api/v1/public/fees/", {**FEE, field: value}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    assert FeeReport.objects.count() == 0


def test_fee_report_page_saves_anonymously(client):
    response = client.post("/en/recruitment/fees/report/", FEE)
    assert response.status_code == 302
    report = FeeReport.objects.get()
    assert (report.amount, report.currency, report.agency) == (Decimal("30000.00"), "KGS", None)
    bad = client.post("/en/recruitment/fees/report/", {**FEE, "monthly_earnings": "0"})
    assert bad.status_code == 400 and FeeReport.objects.count() == 1


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 10**6)), min_size=1, max_size=15))
def test_sdg_10_7_1_is_the_median_ratio(pairs):
    rows = [(Decimal(a), "USD", Decimal(e)) for a, e in pairs]
    ratios = sorted(Decimal(a) / Decimal(e) for a, e in pairs)
    n = len(ratios)
    expected = ratios[n // 2] if n % 2 else (ratios[n // 2 - 1] + ratios[n // 2]) / 2
    assert selectors.sdg_10_7_1(rows) == expected.quantize(Decimal("0.01"))


def test_public_pages_render(client, kgz_labour):
    agency = make_agency(kgz_labour, name="Alpha Jobs")
    assert client.get("/en/recruitment/").status_code == 200
    assert "Alpha Jobs" in client.get("/en/recruitment/agencies/?q=alp").content.decode()
    assert client.get("/en/recruitment/fees/report/").status_code == 200
    assert client.get(f"/tr/recruitment/agencies/{agency.uuid}/").status_code == 200
