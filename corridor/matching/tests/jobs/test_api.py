"""The matching API: same services, permissions and two-person rule as the pages; outsiders get 404."""

from __future__ import annotations

import pytest

from corridor.access import roles
from corridor.audit.models import AuditEvent
from corridor.matching.models import JobStatus, MatchCandidate, MatchDecision, MatchJob, Outcome
from corridor.matching.tests.jobs.helpers import review

pytestmark = pytest.mark.django_db

API = "/api/v1/matching"


@pytest.fixture
def scored(fake_scores, registry):
    fake_scores([(registry[0], registry[1], 0.97)])
    return registry


@pytest.fixture
def api_job(client, kgz_consul, scored):
    client.force_login(kgz_consul)
    return MatchJob.objects.unscoped().get(uuid=client.post(f"{API}/jobs/new/").json()["uuid"])


@pytest.fixture
def api_top(api_job):
    return MatchCandidate.objects.unscoped().get(job=api_job, rank=1)


def test_an_officer_creates_a_job_and_follows_its_progress(client, kgz_consul, scored):
    # given an officer of the KGZ consulate
    client.force_login(kgz_consul)
    # when they create a job and read it back
    created = client.post(f"{API}/jobs/new/")
    body = created.json()
    listed = client.get(f"{API}/jobs/").json()
    detail = client.get(f"{API}/jobs/{body['uuid']}/").json()
    # then it was accepted, ran (immediate backend) and reports status, progress and calibration
    assert created.status_code == 202
    assert (body["status"], body["progress"], body["state"], body["records_count"]) == ("done", 100, "KGZ", 5)
    assert listed["count"] == 1 and listed["results"][0]["uuid"] == body["uuid"]
    assert detail["status_label"] == "Done" and detail["failure"] == ""
    assert detail["calibration"]["reason"] == "too_few_labels" and detail["calibration"]["threshold"] is None


def test_candidates_are_ranked_and_explained_field_by_field(client, api_job, scored):
    # when the officer lists the job's candidates
    response = client.get(f"{API}/jobs/{api_job.uuid}/candidates/")
    # then the pair is first, both records are named, and each reason has its weight and label
    [pair] = response.json()["results"]
    assert pair["rank"] == 1 and pair["probability"] == 0.97 and pair["outcome"] == "open"
    assert {pair["left"]["uuid"], pair["right"]["uuid"]} == {str(r.uuid) for r in scored}
    assert pair["explanation"] == [
        {
            "field": "birth_date",
            "field_label": "Date of birth",
            "level": "exact",
            "level_label": "same date",
            "weight": 9.5,
        }
    ]
    viewed = AuditEvent.objects.get(action="match_job.viewed", target_uuid=api_job.uuid)
    assert viewed.data == {"records": sorted(str(r.uuid) for r in scored)}


def test_two_reviewers_settle_a_pair_and_a_decision_can_be_reversed(client, kgz_colleague, api_top):
    # when the first officer confirms over the API
    first = client.post(
        f"{API}/candidates/{api_top.uuid}/decisions/", {"decision": "confirm"}, "application/json"
    )
    # then the pair waits for a second reviewer
    assert first.status_code == 201 and first.json()["outcome"] == "awaiting_second"
    # when a colleague confirms too, then the first changes their mind
    client.force_login(kgz_colleague)
    second = client.post(
        f"{API}/candidates/{api_top.uuid}/decisions/", {"decision": "confirm"}, "application/json"
    )
    assert second.json()["outcome"] == "confirmed"
    changed = client.post(
        f"{API}/candidates/{api_top.uuid}/decisions/",
        {"decision": "exclude", "note": "twins"},
        "application/json",
    )
    # then the reviewers disagree, and every decision is kept
    detail = client.get(f"{API}/candidates/{api_top.uuid}/").json()
    assert changed.json()["outcome"] == "disagreement" == detail["outcome"]
    assert [(d["decision"], d["current"]) for d in detail["decisions"]] == [
        ("exclude", True),
        ("confirm", False),
        ("confirm", True),
    ]


def test_a_review_without_a_valid_decision_is_refused_and_changes_nothing(client, api_top):
    response = client.post(
        f"{API}/candidates/{api_top.uuid}/decisions/", {"decision": "maybe"}, "application/json"
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["decision"]
    assert not MatchDecision.objects.unscoped().exists()


def test_a_second_job_while_one_is_active_is_a_conflict(client, kgz_consul, registry):
    client.force_login(kgz_consul)
    MatchJob.objects.create(
        state_id="KGZ",
        kind="registration_dedupe",
        created_by=kgz_consul,
        threshold=0.2,
        status=JobStatus.RUNNING,
    )
    response = client.post(f"{API}/jobs/new/")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "A matching job of your state is already queued or running. Wait until it has finished."
    )
    assert MatchJob.objects.unscoped().count() == 1


def test_settled_pairs_are_served_as_training_labels(client, kgz_consul, kgz_colleague, api_top):
    review(kgz_consul, api_top, "confirm")
    review(kgz_colleague, api_top, "confirm")
    labels = client.get(f"{API}/labels/").json()
    assert labels["count"] == 1
    assert labels["results"][0] | {"job": None} == {
        "left_id": str(api_top.left_uuid),
        "right_id": str(api_top.right_uuid),
        "clerical_match_score": 1.0,
        "probability": 0.97,
        "job": None,
    }


def _every_call(client, job, candidate):
    return [
        client.get(f"{API}/jobs/{job.uuid}/"),
        client.get(f"{API}/jobs/{job.uuid}/candidates/"),
        client.get(f"{API}/candidates/{candidate.uuid}/"),
        client.post(
            f"{API}/candidates/{candidate.uuid}/decisions/", {"decision": "exclude"}, "application/json"
        ),
    ]


def test_another_states_officer_gets_404_everywhere_and_nothing_changes(client, tur_consul, api_job, api_top):
    # given an officer of another state with the same roles
    client.force_login(tur_consul)
    audit_before = AuditEvent.objects.except_denials().count()
    # when they call every endpoint on a KGZ job and pair
    codes = [r.status_code for r in _every_call(client, api_job, api_top)]
    # then 404 each time, their own lists are empty, nothing is stored or audited
    assert codes == [404, 404, 404, 404]
    assert client.get(f"{API}/jobs/").json()["count"] == 0
    assert client.get(f"{API}/labels/").json()["count"] == 0
    assert not MatchDecision.objects.unscoped().exists()
    assert MatchCandidate.objects.unscoped().get(pk=api_top.pk).outcome == Outcome.OPEN
    assert AuditEvent.objects.except_denials().count() == audit_before


def test_a_role_without_review_matches_gets_404_everywhere(client, user_factory, api_job, api_top):
    client.force_login(user_factory("KGZ", roles.LABOUR_OFFICER))
    codes = [r.status_code for r in _every_call(client, api_job, api_top)]
    codes += [client.get(f"{API}/jobs/").status_code, client.post(f"{API}/jobs/new/").status_code]
    codes.append(client.get(f"{API}/labels/").status_code)
    assert codes == [404] * 7
    assert MatchJob.objects.unscoped().count() == 1 and not MatchDecision.objects.unscoped().exists()


def test_anonymous_callers_are_refused(client, api_job):
    client.logout()
    assert client.get(f"{API}/jobs/").status_code in (401, 403)


def test_the_endpoints_are_in_the_openapi_schema(client, kgz_consul):
    client.force_login(kgz_consul)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert {
        "/api/v1/matching/jobs/",
        "/api/v1/matching/jobs/new/",
        "/api/v1/matching/jobs/{uuid}/",
        "/api/v1/matching/jobs/{uuid}/candidates/",
        "/api/v1/matching/candidates/{uuid}/",
        "/api/v1/matching/candidates/{uuid}/decisions/",
        "/api/v1/matching/labels/",
    } <= set(schema["paths"])
