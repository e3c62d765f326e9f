"""Back-office pages and endpoints: owner, colleague, concerned state and outsider (404: the
concerned state is told by exchange messages), what each is offered."""

from __future__ import annotations

import pytest
import time_machine
from rest_framework.test import APIClient

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.grievances.models import Complaint, ComplaintEvent, Status
from corridor.grievances.tests.factories import act, file_about, organisation

pytestmark = pytest.mark.django_db

QUEUE = "/en/recruitment/complaints/office/"


@pytest.fixture
def users(user_factory):
    return {
        "kgz": user_factory("KGZ", roles.LABOUR_OFFICER),
        "kgz_colleague": user_factory("KGZ", roles.CONSULAR_OFFICER),
        "tur": user_factory("TUR", roles.LABOUR_OFFICER),
        "kaz": user_factory("KAZ", roles.LABOUR_OFFICER),
        "kgz_statistician": user_factory("KGZ", roles.STATISTICIAN),
    }


@pytest.fixture
def concerning(agency):
    """Owned by KGZ (the agency's state), concerning TUR (the country of work)."""
    return file_about(agency, work_country="TUR", reporter_name="Aibek", contact="aibek@example.org")


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    client.force_login(user)
    return client


def _detail(complaint: Complaint) -> str:
    return f"/en/recruitment/complaints/office/{complaint.uuid}/"


def _api(complaint: Complaint, step: str = "") -> str:
    return f"/api/v1/recruitment/complaints/{complaint.uuid}/{step + '/' if step else ''}"


def _state(complaint: Complaint) -> tuple[str, str, int]:
    complaint.refresh_from_db()
    return complaint.status, complaint.severity, ComplaintEvent.objects.filter(complaint=complaint).count()


def test_owner_triages_assigns_and_resolves_through_the_pages(users, concerning):
    # given
    client = _client(users["kgz"])
    ministry = organisation("TUR", name="Türkiye Ministry of Labour")
    # when
    queue = client.get(QUEUE)
    page = client.get(_detail(concerning))
    triaged = client.post(
        _detail(concerning), {"step": "triage", "category": "fees_charged", "severity": "high"}
    )
    assigned = client.post(_detail(concerning), {"step": "assign", "organisation": str(ministry.uuid)})
    resolved = client.post(
        _detail(concerning), {"step": "decision", "action": "resolve", "reason": "Fee refunded."}
    )
    # then
    assert concerning.reference in queue.content.decode()
    assert "green: on time" in queue.content.decode()
    body = page.content.decode()
    assert "aibek@example.org" in body
    assert [r.status_code for r in (triaged, assigned, resolved)] == [302, 302, 302]
    concerning.refresh_from_db()
    assert (concerning.status, concerning.assigned_to, concerning.public_note) == (
        Status.RESOLVED,
        ministry,
        "Fee refunded.",
    )
    viewed = AuditEvent.objects.get(action="complaint.viewed")
    assert (viewed.actor_user, viewed.target_uuid) == (users["kgz"], concerning.uuid)


def test_a_colleague_of_another_role_with_grievances_may_act(users, complaint):
    client = _client(users["kgz_colleague"])
    response = client.post(_detail(complaint), {"step": "triage", "category": "other", "severity": "low"})
    assert response.status_code == 302
    assert _state(complaint)[:2] == (Status.TRIAGED, "low")


def test_bad_form_input_is_shown_and_changes_nothing(users, complaint):
    client = _client(users["kgz"])
    before = _state(complaint)
    no_reason = client.post(_detail(complaint), {"step": "decision", "action": "close", "reason": ""})
    wrong_step = client.post(_detail(complaint), {"step": "assign", "organisation": "nope"})
    assert (no_reason.status_code, wrong_step.status_code) == (400, 400)
    assert 'id="id_reason_error"' in no_reason.content.decode()
    assert _state(complaint) == before


def test_the_concerned_state_reads_its_message_not_the_complaint(users, kgz_labour, concerning):
    # given: the owner triaged it, so the concerned state was sent a notice
    from corridor.exchange import services as exchange

    act(kgz_labour, concerning, "triage", severity="high")
    exchange.messages_deliver_due()
    client = _client(users["tur"])
    before = _state(concerning)
    # when
    queue = client.get(QUEUE).content.decode()
    page = client.get(_detail(concerning))
    post = client.post(_detail(concerning), {"step": "triage", "category": "other", "severity": "low"})
    api = client.post(_api(concerning, "triage"), {"category": "other", "severity": "low"}, format="json")
    inbox = client.get("/en/messages/").content.decode()
    # then: no complaint of KGZ, but its own copy of the notice, by reference, without the person
    assert concerning.reference not in queue
    assert (page.status_code, post.status_code, api.status_code) == (404, 404, 404)
    assert _state(concerning) == before
    assert concerning.reference in inbox
    assert "aibek" not in inbox.lower()
    assert not AuditEvent.objects.filter(action="complaint.viewed").exists()


def test_outsider_gets_404_everywhere_and_nothing_changes(users, concerning):
    # given
    client = _client(users["kaz"])
    ministry = organisation("KGZ")
    before = _state(concerning)
    events = AuditEvent.objects.except_denials().count()
    # when
    responses = [
        client.get(_detail(concerning)),
        client.post(_detail(concerning), {"step": "triage", "category": "other", "severity": "low"}),
        client.get(_api(concerning)),
        client.post(_api(concerning, "triage"), {"category": "other", "severity": "low"}, format="json"),
        client.post(_api(concerning, "assign"), {"organisation": str(ministry.uuid)}, format="json"),
        client.post(_api(concerning, "decision"), {"action": "close", "reason": "x"}, format="json"),
    ]
    # then
    assert [r.status_code for r in responses] == [404] * 6
    assert concerning.reference not in client.get(QUEUE).content.decode()
    assert client.get("/api/v1/recruitment/complaints/").json()["count"] == 0
    assert _state(concerning) == before
    assert AuditEvent.objects.except_denials().count() == events


def test_a_role_without_grievances_gets_404(users, complaint):
    client = _client(users["kgz_statistician"])
    assert [client.get(QUEUE).status_code, client.get(_detail(complaint)).status_code] == [404, 404]
    assert client.get("/api/v1/recruitment/complaints/").status_code == 404


def test_anonymous_is_sent_to_sign_in_and_the_api_refuses(client, complaint):
    assert client.get(QUEUE).status_code == 302
    assert APIClient().get("/api/v1/recruitment/complaints/").status_code in (401, 403)


def test_api_from_triage_to_reopening(users, complaint):
    # given
    client = _client(users["kgz"])
    ministry = organisation("KGZ")
    # when
    listed = client.get("/api/v1/recruitment/complaints/?status=received").json()
    triaged = client.post(
        _api(complaint, "triage"), {"category": "wages_unpaid", "severity": "critical"}, format="json"
    )
    assigned = client.post(_api(complaint, "assign"), {"organisation": str(ministry.uuid)}, format="json")
    closed = client.post(_api(complaint, "decision"), {"action": "close", "reason": "Paid."}, format="json")
    reopened = client.post(
        _api(complaint, "decision"), {"action": "reopen", "reason": "Not paid."}, format="json"
    )
    detail = client.get(_api(complaint)).json()
    # then
    assert [r["reference"] for r in listed["results"]] == [complaint.reference]
    assert listed["results"][0]["rag"] == "green"
    assert (triaged.json()["severity"], assigned.json()["assigned_to"]) == ("critical", str(ministry.uuid))
    assert (closed.json()["status"], reopened.json()["status"]) == ("closed", "reopened")
    assert [h["action"] for h in detail["history"]] == ["filed", "triaged", "assigned", "closed", "reopened"]
    assert "contact" not in detail and detail["named"] is False


def test_api_bad_input_and_conflicts(users, complaint):
    client = _client(users["kgz"])
    before = _state(complaint)
    bad = client.post(_api(complaint, "triage"), {"category": "x", "severity": "urgent"}, format="json")
    conflict = client.post(_api(complaint, "decision"), {"action": "resolve", "reason": "x"}, format="json")
    wrong_org = client.post(_api(complaint, "assign"), {"organisation": "nope"}, format="json")
    assert (bad.status_code, conflict.status_code, wrong_org.status_code) == (400, 409, 400)
    assert set(bad.json()["error"]["fields"]) == {"category", "severity"}
    assert _state(complaint) == before


def test_escalated_complaints_show_in_the_queue(users, kgz_labour, agency):
    import datetime as dt

    from django.utils import timezone

    from corridor.grievances.services import complaints_escalate

    # given: triaged critical 30 hours ago, escalated by the sweep
    with time_machine.travel(timezone.now() - dt.timedelta(hours=30), tick=False):
        complaint = act(kgz_labour, file_about(agency), "triage", severity="critical")
    assert complaints_escalate() == 1
    client = _client(users["kgz"])
    # when
    page = client.get(f"{QUEUE}?escalated=on&rag=red").content.decode()
    detail = client.get(_detail(complaint)).content.decode()
    # then
    assert complaint.reference in page
    assert "red: overdue" in page
    assert "Escalated: the time limit was passed" in detail


def test_service_provider_sees_only_what_is_assigned_to_it(user_factory, kgz_labour, complaint, agency):
    from corridor.accounts.models import OrganisationKind

    provider = user_factory("KGZ", roles.SERVICE_PROVIDER)
    organisation_ = actor_for(provider).organisation
    organisation_.kind = OrganisationKind.SERVICE_PROVIDER
    organisation_.save(update_fields=["kind"])
    other = file_about(agency)
    act(kgz_labour, act(kgz_labour, complaint, "triage"), "assign", organisation=organisation_.uuid)
    client = _client(provider)
    body = client.get("/api/v1/recruitment/complaints/").json()
    assert [r["reference"] for r in body["results"]] == [complaint.reference]
    assert client.get(_detail(other)).status_code == 404


def test_job_ad_complaint_is_handled_by_the_destination_and_not_read_by_the_origin(
    users, kgz_labour, tur_labour
):
    # given: a Kyrgyz agency's job ad, verified and published for Türkiye, reported as fake
    from corridor.grievances.services import complaint_file
    from corridor.grievances.tests.factories import complaint_data
    from corridor.recruitment.tests.factories import make_agency, make_vacancy

    vacancy = make_vacancy(kgz_labour, make_agency(kgz_labour), tur_labour, publish=True)
    complaint = complaint_file(
        data=complaint_data(subject="vacancy", vacancy=str(vacancy.uuid), category="fake_vacancy")
    )
    # when
    owner_page = _client(users["tur"]).get(_detail(complaint)).content.decode()
    origin_page = _client(users["kgz"]).get(_detail(complaint))
    # then
    assert vacancy.title in owner_page
    assert 'name="step" value="triage"' in owner_page
    assert origin_page.status_code == 404
