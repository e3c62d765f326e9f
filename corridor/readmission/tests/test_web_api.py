"""Pages and API: the journey's bad input, public pages, and 404 for the other state and any
third state on every page and endpoint of a case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.people.services import person_create
from corridor.readmission import services
from corridor.readmission.models import ReadmissionCase, TravelDocument
from corridor.readmission.tests.conftest import NO_FLAGS, copies, deliver


@pytest.fixture
def users(db):
    return {
        "tur": make_user("TUR", roles.MIGRATION_OFFICER),
        "kgz": make_user("KGZ", roles.MIGRATION_OFFICER),
        "uzb": make_user("UZB", roles.MIGRATION_OFFICER),
        "tur_labour": make_user("TUR", roles.LABOUR_OFFICER),
    }


def _pages(reference: str) -> list[tuple[str, str]]:
    return [
        ("get", reverse("readmission:case", args=[reference])),
        ("post", reverse("readmission:act", args=[reference])),
        ("post", reverse("readmission:screen", args=[reference])),
        ("post", reverse("readmission:evidence", args=[reference])),
        ("post", reverse("readmission:verify-person", args=[reference])),
        ("post", reverse("readmission:consent", args=[reference])),
        ("get", reverse("readmission:travel-document", args=[reference, "KGZ0000000"])),
    ]


def _endpoints(reference: str) -> list[tuple[str, str]]:
    return [
        ("get", f"/api/v1/readmission/cases/{reference}/"),
        ("post", f"/api/v1/readmission/cases/{reference}/actions/"),
    ]


def test_other_state_and_third_state_get_404_everywhere(submitted, client, api_client, users):
    ours, theirs = submitted()
    draft_only = services.case_create(
        actor=actor_for(users["tur"]),
        requested_state="KGZ",
        category="own_national",
        family_name="Sadyrova",
    )
    status_before = {c.pk: c.status for c in ReadmissionCase.objects.unscoped()}
    cases = [(ours.reference, "uzb"), (ours.reference, "tur_labour"), (draft_only.reference, "kgz")]
    for reference, who in cases:
        client.force_login(users[who])
        for method, url in _pages(reference):
            response = getattr(client, method)(
                url, {"action": "withdraw", "note": "x"} if method == "post" else None
            )
            assert response.status_code == 404, (who, url, response.status_code)
        api_client.force_authenticate(users[who])
        for method, url in _endpoints(reference):
            response = getattr(api_client, method)(url, {"action": "withdraw", "note": "x"}, format="json")
            assert response.status_code == 404, (who, url, response.status_code)
    assert {c.pk: c.status for c in ReadmissionCase.objects.unscoped()} == status_before
    # The list shows only the actor's own state's copies.
    client.force_login(users["uzb"])
    assert ours.reference not in client.get(reverse("readmission:list")).content.decode()
    api_client.force_authenticate(users["kgz"])
    listed = api_client.get("/api/v1/readmission/cases/").json()["results"]
    assert [row["reference"] for row in listed] == [theirs.reference]
    assert listed[0]["side"] == "requested"


def test_pages_walk_a_request_and_refuse_bad_input_without_writing(client, users):
    client.force_login(users["tur"])
    bad = client.post(
        reverse("readmission:new"),
        {"requested_state": "UZB", "category": "own_national", "family_name": "Asanov"},
    )
    assert bad.status_code == 400 and "No readmission agreement" in bad.content.decode()
    assert ReadmissionCase.objects.unscoped().count() == 0
    made = client.post(
        reverse("readmission:new"),
        {
            "requested_state": "KGZ",
            "category": "own_national",
            "family_name": "Asanov",
            "given_name": "Aibek",
            "name_cyrillic": "Асанов Айбек",
            "birth_date": "1990-05-17",
            "known_since": (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
        },
    )
    assert made.status_code == 302
    case = ReadmissionCase.objects.unscoped().get()
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200 and "Asanov" in page.content.decode()
    # Submitting without the screen is not offered, and refused when posted.
    refused = client.post(reverse("readmission:act", args=[case.reference]), {"action": "submit"})
    assert refused.status_code == 409
    evidence = client.post(
        reverse("readmission:evidence", args=[case.reference]),
        {"evidence_type": "passport_copy", "description": "expired passport, copy"},
    )
    assert evidence.status_code == 302
    screen = {f"q_{k}": "no" for k in NO_FLAGS}
    assert client.post(reverse("readmission:screen", args=[case.reference]), screen).status_code == 302
    assert (
        client.post(reverse("readmission:act", args=[case.reference]), {"action": "submit"}).status_code
        == 302
    )
    deliver()
    ours, theirs = copies(case.reference)
    assert (ours.status, theirs.status) == ("submitted", "submitted")
    # The Kyrgyz officer refuses without a reason: told at the field, nothing written.
    client.force_login(users["kgz"])
    detail = client.get(theirs.get_absolute_url()).content.decode()
    assert "Time to reply" in detail and "Asanov" in detail
    no_reason = client.post(
        reverse("readmission:act", args=[case.reference]), {"action": "reject", "note": "no"}
    )
    assert no_reason.status_code == 400 and "This field is required." in no_reason.content.decode()
    assert copies(case.reference)[1].status == "submitted"


def test_api_create_read_act_with_deadlines(api_client, users):
    api_client.force_authenticate(users["tur"])
    agreements = api_client.get("/api/v1/readmission/agreements/").json()
    assert {a["code"] for a in agreements} == {"ap-standard", "tur-kgz"}
    tur_kgz = next(a for a in agreements if a["code"] == "tur-kgz")
    assert tur_kgz["parties"] == ["KGZ", "TUR"] and not any(limit["verified"] for limit in tur_kgz["limits"])
    bad = api_client.post(
        "/api/v1/readmission/cases/", {"requested_state": "KGZ", "category": "nope"}, format="json"
    )
    assert bad.status_code == 400
    made = api_client.post(
        "/api/v1/readmission/cases/",
        {
            "requested_state": "KGZ",
            "category": "own_national",
            "family_name": "Asanov",
            "given_name": "Aibek",
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    reference = made.json()["reference"]
    body = made.json()
    assert {
        "reference",
        "status",
        "requesting_state",
        "requested_state",
        "allowed_actions",
        "deadlines",
    } <= set(body)
    assert [a["action"] for a in body["allowed_actions"]] == ["screen", "withdraw"]
    case = ReadmissionCase.objects.unscoped().get(reference=reference)
    services.evidence_add(actor=actor_for(users["tur"]), case=case, evidence_type="passport")
    screened = api_client.post(
        f"/api/v1/readmission/cases/{reference}/actions/",
        {"action": "screen", "answers": NO_FLAGS},
        format="json",
    )
    assert screened.status_code == 200 and screened.json()["status"] == "screened"
    submitted = api_client.post(
        f"/api/v1/readmission/cases/{reference}/actions/", {"action": "submit"}, format="json"
    )
    assert submitted.status_code == 200
    deliver()
    api_client.force_authenticate(users["kgz"])
    theirs = api_client.get(f"/api/v1/readmission/cases/{reference.lower()}/").json()
    assert theirs["status"] == "submitted" and theirs["requesting_state"] == "TUR"
    reply = next(d for d in theirs["deadlines"] if d["kind"] == "reply")
    assert reply["state"] == "running" and "25" in reply["rule"] and reply["source"]
    unknown = api_client.post(
        f"/api/v1/readmission/cases/{reference}/actions/", {"action": "fly"}, format="json"
    )
    assert unknown.status_code == 400


def test_travel_document_pdf_and_public_check(submitted, client, users):
    ours, theirs = submitted()
    kgz = actor_for(users["kgz"])
    person = person_create(actor=kgz, family_name="Асанов", given_name="Айбек", citizenship="KGZ")
    theirs = services.case_act(actor=kgz, case=theirs, action="verify")
    services.nationality_verify(actor=kgz, case=theirs, person=person)
    services.case_act(actor=kgz, case=theirs, action="accept")
    deliver()
    ours, theirs = copies(ours.reference)
    services.case_act(actor=actor_for(users["tur"]), case=ours, action="request_travel_doc")
    deliver()
    ours, theirs = copies(ours.reference)
    document = services.travel_document_issue(actor=kgz, case=theirs)
    client.force_login(users["kgz"])
    response = client.get(reverse("readmission:travel-document", args=[theirs.reference, document.number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-1.4") and response.content.rstrip().endswith(b"%%EOF")
    client.logout()
    url = reverse("readmission:verify", args=["KGZ", document.token])
    page = client.get(url).content.decode()
    assert "VALID" in page and document.number in page and "NOT VALID" not in page
    assert "AC1234567" not in page  # the identity document number is not on the travel document
    TravelDocument.objects.unscoped().filter(pk=document.pk).update(revoked_at=timezone.now())
    assert "NOT VALID" in client.get(url).content.decode()
    assert "NOT VALID" in client.get(reverse("readmission:verify", args=["KGZ", "x" * 32])).content.decode()
    assert AuditEvent.objects.filter(action="travel_document.checked").count() == 2


def test_public_terms_and_monitoring_pages(client, submitted):
    submitted()
    terms = client.get(reverse("readmission:agreements"))
    assert terms.status_code == 200
    text = terms.content.decode()
    assert "Almaty Process standard readmission terms" in text and "Türkiye–Kyrgyzstan" in text
    assert "25 calendar days" in text
    monitoring = client.get(reverse("readmission:monitoring")).content.decode()
    assert "fewer than 10" in monitoring
