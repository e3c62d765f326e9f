"""Pages and endpoints for certification, inspections and sanctions; owner, colleague, outsider."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.recruitment.models import Certification, Employer, Finding, Inspection, Sanction
from corridor.recruitment.services import inspections
from corridor.recruitment.tests.factories import make_agency
from corridor.recruitment.tests.test_certification import ALL_MET

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(user_factory):
    return {
        "kgz": user_factory("KGZ", roles.LABOUR_OFFICER),
        "kgz_colleague": user_factory("KGZ", roles.CONSULAR_OFFICER),
        "kaz": user_factory("KAZ", roles.LABOUR_OFFICER),
    }


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    client.force_login(user)
    return client


def _with_finding(actor, agency):
    inspections.inspection_record(
        actor=actor,
        agency=agency,
        inspected_on=dt.date(2026, 1, 5),
        findings=[
            {
                "severity": "critical",
                "description": "Fee <b>charged</b>",
                "corrective_action": "Refund",
                "due_on": dt.date(2026, 2, 5),
            }
        ],
    )
    return Finding.objects.unscoped().get()


def test_officer_certifies_through_the_page(users):
    # given an active KGZ agency and its labour officer
    client = _client(users["kgz"])
    agency = make_agency(actor_for(users["kgz"]))
    url = reverse("recruitment:certification", args=[agency.uuid])
    # when the officer opens the file, fills the self-assessment and walks the decisions
    assert client.post(url, {"step": "start"}).status_code == 302
    assess = {"step": "assess"}
    for principle, answer in ALL_MET.items():
        assess[f"{principle}_met"] = "on"
        assess[f"{principle}_evidence"] = answer["evidence"]
    assert client.post(url, assess).status_code == 302
    for action in ("apply", "start_desk_review", "start_onsite_review"):
        assert client.post(url, {"step": "decide", "action": action}).status_code == 302
    refused = client.post(url, {"step": "decide", "action": "certify"})
    assert refused.status_code == 400
    assert "Certification needs interviews with at least one worker." in refused.content.decode()
    body = {"step": "decide", "action": "certify", "interviews_count": "8", "interview_summary": "Fine"}
    assert client.post(url, body).status_code == 302
    # then it is certified, and the public scorecard says so
    assert Certification.objects.unscoped().get(agency=agency).status == "certified"
    public = _client(users["kaz"]).get(agency.get_public_url()).content.decode()
    assert "Ethical-recruitment certification" in public and "certified" in public


def test_officer_records_an_inspection_resolves_and_sanctions_through_pages(users):
    client = _client(users["kgz"])
    agency = make_agency(actor_for(users["kgz"]))
    url = reverse("recruitment:inspections", args=[agency.uuid])
    bad = client.post(url, {"inspected_on": "2026-01-05", "severity_1": "major", "description_1": "x"})
    assert bad.status_code == 400
    assert "Finding 1: name the corrective action." in bad.content.decode()
    assert Inspection.objects.unscoped().count() == 0
    good = {
        "inspected_on": "2026-01-05",
        "summary": "Visit",
        "severity_1": "major",
        "description_1": "No written contracts",
        "action_1": "Use the template contract",
        "due_1": "2026-02-05",
    }
    assert client.post(url, good).status_code == 302
    finding = Finding.objects.unscoped().get()
    page = client.get(url).content.decode()
    assert "No written contracts" in page and "overdue" in page
    assert client.post(reverse("recruitment:finding-resolve", args=[finding.uuid])).status_code == 302
    finding.refresh_from_db()
    assert finding.done_on is not None
    sanctions = reverse("recruitment:sanctions", args=[agency.uuid])
    assert client.post(sanctions, {"kind": "fine", "reason": "Fees", "currency": "KGS"}).status_code == 400
    body = {"kind": "delisting", "reason": "Repeated <script>fees</script>"}
    assert client.post(sanctions, body).status_code == 302
    public = APIClient().get(agency.get_public_url()).content.decode()
    assert "Delisted from the register of recommended agencies." in public
    assert "&lt;script&gt;fees&lt;/script&gt;" in public and "<script>fees" not in public


def test_api_certification_inspection_sanction_and_public_scorecard(users):
    client = _client(users["kgz"])
    agency = make_agency(actor_for(users["kgz"]))
    base = f"/api/v1/recruitment/agencies/{agency.uuid}"
    assert client.post(f"{base}/certification/", {"action": "start"}, format="json").json()["status"] == (
        "self_assessment"
    )
    bad = client.post(
        f"{base}/certification/", {"action": "self_assess", "answers": {"x": {}}}, format="json"
    )
    assert bad.status_code == 400
    done = client.post(f"{base}/certification/", {"action": "self_assess", "answers": ALL_MET}, format="json")
    assert done.json()["answers"] == ALL_MET
    assert client.post(f"{base}/certification/", {"action": "certify"}, format="json").status_code == 409
    inspection = {
        "inspected_on": "2026-01-05",
        "findings": [
            {"severity": "minor", "description": "d", "corrective_action": "a", "due_on": "2026-01-20"}
        ],
    }
    created = client.post(f"{base}/inspections/", inspection, format="json")
    assert created.status_code == 201
    assert created.json()["findings"][0]["overdue"] is True
    assert client.get(f"{base}/inspections/").json()["count"] == 1
    finding = created.json()["findings"][0]["public_id"]
    assert (
        client.post(f"/api/v1/recruitment/findings/{finding}/resolve/", {}, format="json").status_code == 200
    )
    fine = {"kind": "fine", "reason": "Fees", "amount": "100.00", "currency": "USD"}
    assert client.post(f"{base}/sanctions/", fine, format="json").status_code == 201
    card = APIClient().get(f"/api/v1/public/agencies/{agency.uuid}/").json()
    assert card["certification"]["status"] == "self_assessment"
    assert card["inspections"] == {
        "count": 1,
        "last": "2026-01-05",
        "findings": {"minor": 1, "major": 0, "critical": 0},
        "open": 0,
        "overdue": 0,
    }
    assert card["other_sanctions"] == [
        {
            "kind": "fine",
            "reason": "Fees",
            "amount": "100.00",
            "currency": "USD",
            "imposed_on": card["other_sanctions"][0]["imposed_on"],
        }
    ]
    assert card["delisted"] is False
    assert card["complaints"] == {"count": 0, "resolved": 0, "median_days_to_resolve": None}


def test_outsider_and_colleague_get_404_everywhere_and_nothing_changes(users):
    owner = actor_for(users["kgz"])
    agency = make_agency(owner, name="Alpha Jobs")
    finding = _with_finding(owner, agency)
    events = AuditEvent.objects.except_denials().count()
    for name in ("kaz", "kgz_colleague"):
        client = _client(users[name])
        pages = [
            reverse("recruitment:certification", args=[agency.uuid]),
            reverse("recruitment:inspections", args=[agency.uuid]),
            reverse("recruitment:sanctions", args=[agency.uuid]),
        ]
        for url in pages:
            assert client.get(url).status_code == 404, (name, url)
            assert client.post(url, {"step": "start", "kind": "warning", "reason": "x"}).status_code == 404
        assert client.post(reverse("recruitment:finding-resolve", args=[finding.uuid])).status_code == 404
        base = f"/api/v1/recruitment/agencies/{agency.uuid}"
        for url, body in (
            (f"{base}/certification/", {"action": "start"}),
            (f"{base}/inspections/", {"inspected_on": "2026-01-01"}),
            (f"{base}/sanctions/", {"kind": "warning", "reason": "x"}),
            (f"/api/v1/recruitment/findings/{finding.uuid}/resolve/", {}),
        ):
            assert client.post(url, body, format="json").status_code == 404, (name, url)
        assert client.get(f"{base}/inspections/").status_code == 404
    assert _client(users["kaz"]).get("/api/v1/recruitment/employers/").json()["count"] == 0
    assert _client(users["kgz_colleague"]).get("/api/v1/recruitment/employers/").status_code == 404
    assert (
        _client(users["kaz"])
        .post("/api/v1/recruitment/employers/", {"name": "E", "country": "KAZ"}, format="json")
        .status_code
        == 201
    )  # an outsider may register employers of its own state, nothing of KGZ's
    assert Employer.objects.unscoped().get().state_id == "KAZ"
    assert Certification.objects.unscoped().count() == 0
    assert (Inspection.objects.unscoped().count(), Sanction.objects.unscoped().count()) == (1, 0)
    assert Finding.objects.unscoped().get().done_on is None
    assert AuditEvent.objects.except_denials().count() == events + 1  # only the KAZ employer


def test_anonymous_is_sent_to_sign_in_and_api_refuses(client, users):
    agency = make_agency(actor_for(users["kgz"]))
    assert client.get(reverse("recruitment:certification", args=[agency.uuid])).status_code == 302
    assert client.get(reverse("recruitment:employer-list")).status_code == 302
    assert APIClient().get("/api/v1/recruitment/employers/").status_code in (401, 403)
