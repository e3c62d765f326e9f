"""Public pages and endpoints: filing (rate limit, honeypot, bad input) and following by reference."""

from __future__ import annotations

import pytest

from corridor.grievances.models import Complaint, Status
from corridor.grievances.tests.factories import DESCRIPTION, act, complaint_data

pytestmark = pytest.mark.django_db

NEW, SENT, FOLLOW = (
    "/en/recruitment/complaints/",
    "/en/recruitment/complaints/sent/",
    "/en/recruitment/complaints/follow/",
)


def _count() -> int:
    return Complaint.objects.unscoped().count()


def _form(about, **overrides) -> dict[str, str]:
    data = complaint_data(agency=str(about.uuid)) | overrides
    return {k: v for k, v in data.items() if v != ""}


def test_filing_through_the_page_shows_the_reference_once(client, agency):
    # given
    assert client.get(f"{NEW}?agency={agency.uuid}").status_code == 200
    # when
    response = client.post(NEW, _form(agency, contact="+996 555 000 111"))
    # then
    assert response.status_code == 302
    assert response["Location"] == SENT
    complaint = Complaint.objects.unscoped().get()
    first = client.get(SENT).content.decode()
    assert complaint.reference in first
    again = client.get(SENT)
    assert (again.status_code, again["Location"]) == (302, FOLLOW)
    assert complaint.is_named is True


def test_follow_page_shows_status_and_public_updates_only(client, kgz_labour, complaint):
    # given
    act(kgz_labour, complaint, "triage", severity="critical")
    from corridor.grievances.selectors import with_clock
    from corridor.grievances.services import complaints_escalate

    complaints_escalate(now=with_clock(Complaint.objects.for_state("KGZ")).get().sla_due_at)
    # when
    page = client.post(FOLLOW, {"reference": complaint.reference.lower()})
    # then
    body = page.content.decode()
    assert page.status_code == 200
    assert "Checked and given a severity" in body
    assert "Escalated" not in body
    assert DESCRIPTION not in body  # the public page shows status and updates, not the file


def test_unknown_reference_is_a_field_error_and_guessing_is_limited(client, complaint):
    for _ in range(5):
        miss = client.post(FOLLOW, {"reference": "GRV-2222-2222"})
        assert miss.status_code == 400
        assert "No complaint has this reference number" in miss.content.decode()
    assert client.post(FOLLOW, {"reference": "GRV-2222-3333"}).status_code == 429
    # the complainant with the right reference is not locked out
    assert client.post(FOLLOW, {"reference": complaint.reference}).status_code == 200


def test_honeypot_refuses_and_stores_nothing(client, agency):
    response = client.post(NEW, _form(agency, website="http://spam.example"))
    assert response.status_code == 400
    assert "could not be sent" in response.content.decode()
    assert _count() == 0


def test_bad_input_on_the_page_is_shown_at_the_field(client, agency):
    response = client.post(NEW, _form(agency, agency="7f1c1d3e-0000-4000-8000-000000000000"))
    assert response.status_code == 400
    assert 'id="id_agency_error"' in response.content.decode()
    assert _count() == 0


def test_page_and_api_are_rate_limited_with_a_translated_429(client, api_client, agency):
    for _ in range(5):
        assert (
            api_client.post(
                "/api/v1/public/complaints/", complaint_data(agency=str(agency.uuid)), format="json"
            ).status_code
            == 201
        )
    refused = api_client.post(
        "/api/v1/public/complaints/", complaint_data(agency=str(agency.uuid)), format="json"
    )
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert refused.json()["error"]["code"] == "throttled"
    page = client.post("/ru/recruitment/complaints/", _form(agency))
    assert page.status_code == 429
    assert "Слишком много жалоб" in page.content.decode()
    assert _count() == 5


def test_api_files_and_follows(api_client, kgz_labour, agency):
    # when
    created = api_client.post(
        "/api/v1/public/complaints/", complaint_data(agency=str(agency.uuid), language="tr"), format="json"
    )
    reference = created.json()["reference"]
    complaint = Complaint.objects.unscoped().get(reference=reference)
    act(kgz_labour, complaint, "triage")
    followed = api_client.post("/api/v1/public/complaints/follow/", {"reference": reference}, format="json")
    # then
    assert created.status_code == 201
    assert complaint.language == "tr"
    body = followed.json()
    assert (body["reference"], body["status"]) == (reference, Status.TRIAGED)
    assert [u["action"] for u in body["updates"]] == ["filed", "triaged"]
    assert set(body) == {"reference", "status", "status_label", "updates"}


def test_api_refuses_bad_input_with_fields_and_stores_nothing(api_client, agency):
    response = api_client.post(
        "/api/v1/public/complaints/",
        complaint_data(subject="employer", employer_name="", employer_country="TUR"),
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["employer_name"]
    missing = api_client.post(
        "/api/v1/public/complaints/follow/", {"reference": "GRV-2222-2222"}, format="json"
    )
    assert missing.status_code == 404
    assert _count() == 0


@pytest.mark.parametrize("language", ["en", "ru", "tr"])
def test_public_pages_render_in_every_language(client, language):
    for path in ("", "follow/"):
        assert client.get(f"/{language}/recruitment/complaints/{path}").status_code == 200


def test_scorecard_and_job_ad_check_show_what_complaints_make_public(client, kgz_labour, tur_labour, agency):
    # given: one complaint about the agency and one report that its job ad is fake
    from corridor.grievances.services import complaint_file
    from corridor.recruitment.tests.factories import make_vacancy

    vacancy = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    complaint_file(data=complaint_data(agency=str(agency.uuid)))
    complaint_file(data=complaint_data(subject="vacancy", vacancy=str(vacancy.uuid), category="fake_vacancy"))
    # when
    scorecard = client.get(f"/en/recruitment/agencies/{agency.uuid}/").content.decode()
    check = client.get(f"/en/recruitment/vacancies/{vacancy.uuid}/").content.decode()
    answer = client.get(f"/api/v1/public/vacancies/{vacancy.uuid}/").json()
    card = client.get(f"/api/v1/public/agencies/{agency.uuid}/").json()
    # then: counts and the warning, never the complaints' text
    assert "2 complaints" in scorecard
    assert DESCRIPTION not in scorecard and DESCRIPTION not in check
    assert "reported this job ad as possibly fake" in check
    assert f"/en/recruitment/complaints/?vacancy={vacancy.uuid}" in check
    assert answer["under_review"] is True and answer["valid"] is True
    assert card["complaints"] == {"count": 2, "resolved": 0, "median_days_to_resolve": None}
