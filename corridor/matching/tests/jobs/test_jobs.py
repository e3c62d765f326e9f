"""Matching jobs over consular registrations: ranking, explanations, two-person review, access."""

from __future__ import annotations

import pytest
from django.urls import reverse

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.matching.jobs import services
from corridor.matching.models import MatchCandidate, MatchDecision, MatchJob, Outcome
from corridor.matching.tests.jobs.helpers import SAME_PERSON, review
from corridor.registration.choices import ConsentPurpose
from corridor.registration.tests.factories import make_agreement, register

pytestmark = [pytest.mark.django_db]


def test_cyrillic_and_latin_registrations_of_one_man_rank_first_with_an_explanation(job, registry, top):
    # given five registrations, two of them one man written in two scripts (fixture: job ran)
    cyrillic, latin = registry
    # then that pair is ranked first, likely, and explained field by field
    assert {top.left_uuid, top.right_uuid} == {cyrillic.uuid, latin.uuid}
    assert top.probability > 0.99
    reasons = {item["field"]: (item["level"], item["weight"]) for item in top.explanation}
    assert set(reasons) == {"full_name", "patronymic", "birth_date", "sex", "origin", "document_number"}
    assert reasons["birth_date"][0] == "exact" and reasons["birth_date"][1] > 5
    assert reasons["full_name"][0] == "exact skeleton" and reasons["full_name"][1] > 5
    assert reasons["document_number"][0] == "All other comparisons" and reasons["document_number"][1] < 0
    assert job.records_count == 5
    assert job.parameters == "fixed"
    assert job.status == "done" and job.progress == 100 and job.failure == ""
    created = AuditEvent.objects.get(action="match_job.created", target_uuid=job.uuid)
    assert created.data == {"threshold": 0.2}
    completed = AuditEvent.objects.get(action="match_job.completed", target_uuid=job.uuid)
    assert completed.data == {
        "records": 5,
        "candidates": MatchCandidate.objects.unscoped().filter(job=job).count(),
        "carried_over": 0,
        "auto_linked": 0,
        "threshold": None,
    }


def test_a_candidate_is_settled_only_by_two_different_officers(kgz_consul, kgz_colleague, top):
    # given one officer confirms, twice
    review(kgz_consul, top, "confirm")
    review(kgz_consul, top, "confirm")
    assert top.outcome == Outcome.AWAITING_SECOND
    # when a second officer confirms
    review(kgz_colleague, top, "confirm", note="Same passport photo")
    # then the pair is settled as the same person
    assert MatchCandidate.objects.unscoped().get(pk=top.pk).outcome == Outcome.CONFIRMED


def test_two_officers_who_disagree_are_shown_as_disagreeing(client, kgz_consul, kgz_colleague, top):
    # given two officers decide differently
    review(kgz_consul, top, "confirm")
    review(kgz_colleague, top, "exclude")
    # when one of them opens the pair
    client.force_login(kgz_consul)
    response = client.get(reverse("matching:candidate_detail", kwargs={"uuid": top.uuid}))
    # then the disagreement is stated
    assert top.outcome == Outcome.DISAGREEMENT
    assert "The reviewers disagree" in response.content.decode()


def test_a_decision_can_be_reversed_and_both_stay_on_record_and_audited(kgz_consul, kgz_colleague, top):
    # given two exclusions
    first = review(kgz_consul, top, "exclude")
    review(kgz_colleague, top, "exclude")
    assert top.outcome == Outcome.EXCLUDED
    # when the first officer changes their mind
    second = review(kgz_consul, top, "confirm")
    # then the earlier decision no longer counts, but is kept, and every decision is audited
    decisions = MatchDecision.objects.unscoped().filter(candidate=top)
    assert sorted((d.reviewer_id, d.decision, d.current) for d in decisions) == sorted(
        [
            (kgz_consul.pk, "exclude", False),
            (kgz_colleague.pk, "exclude", True),
            (kgz_consul.pk, "confirm", True),
        ]
    )
    assert top.outcome == Outcome.DISAGREEMENT
    events = AuditEvent.objects.filter(action="match_candidate.reviewed", target_uuid=top.uuid).order_by(
        "seq"
    )
    assert [e.data["decision"] for e in events] == ["exclude", "exclude", "confirm"]
    assert events.last().data["replaced"] == [str(first.uuid)]
    assert events.last().data["decision_uuid"] == str(second.uuid)


def test_officer_runs_a_job_and_reviews_on_the_pages(client, kgz_consul, registry):
    # given an officer on the job list
    client.force_login(kgz_consul)
    assert client.get(reverse("matching:job_list")).status_code == 200
    # when they run a job and open it
    response = client.post(reverse("matching:job_run"))
    job = MatchJob.objects.unscoped().get(state_id="KGZ")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    # then the pair is shown with its explanation, linked to both registrations
    assert "same name across scripts and spellings" in page
    assert registry[0].get_absolute_url() in page and registry[1].get_absolute_url() in page
    top = MatchCandidate.objects.unscoped().get(job=job, rank=1)
    reviewed = client.post(top.get_absolute_url(), {"decision": "confirm", "note": "checked"})
    assert reviewed.status_code == 302
    assert MatchDecision.objects.unscoped().get(candidate=top).note == "checked"
    assert AuditEvent.objects.filter(action="match_job.viewed", target_uuid=job.uuid).count() == 1


def test_a_review_without_a_decision_is_refused_at_the_field(client, kgz_consul, top):
    client.force_login(kgz_consul)
    response = client.post(top.get_absolute_url(), {"note": "?"})
    assert response.status_code == 400
    assert "Choose “same person” or “different people”." in response.content.decode()
    assert not MatchDecision.objects.unscoped().filter(candidate=top).exists()


def _pages(job, candidate):
    return [
        reverse("matching:job_detail", kwargs={"uuid": job.uuid}),
        reverse("matching:candidate_detail", kwargs={"uuid": candidate.uuid}),
    ]


def test_another_states_officer_gets_404_and_nothing_changes(client, tur_consul, job, top):
    # given an officer of another state with the same permissions
    client.force_login(tur_consul)
    audit_before = AuditEvent.objects.except_denials().count()
    # when they open the job and the pair and try to review it
    codes = [client.get(url).status_code for url in _pages(job, top)]
    posted = client.post(top.get_absolute_url(), {"decision": "exclude"})
    listed = client.get(reverse("matching:job_list")).content.decode()
    # then every answer is 404, their list is empty, nothing is stored or audited
    assert codes == [404, 404] and posted.status_code == 404
    assert str(job.uuid) not in listed
    assert not MatchDecision.objects.unscoped().exists()
    assert AuditEvent.objects.except_denials().count() == audit_before


def test_a_role_without_review_matches_gets_404(client, user_factory, job, top):
    # given an officer of the same state without matching.review
    labour = user_factory("KGZ", roles.LABOUR_OFFICER)
    client.force_login(labour)
    # when they try every page
    codes = [client.get(url).status_code for url in [reverse("matching:job_list"), *_pages(job, top)]]
    codes.append(client.post(reverse("matching:job_run")).status_code)
    codes.append(client.post(top.get_absolute_url(), {"decision": "confirm"}).status_code)
    # then 404 everywhere and no job or decision is added
    assert codes == [404] * 5
    assert MatchJob.objects.unscoped().count() == 1
    assert not MatchDecision.objects.unscoped().exists()


def test_a_job_never_reads_another_states_registrations_even_when_shared(tur_consul, kgz_consul, registry):
    # given KGZ shares registrations with Türkiye by agreement and the people's consent
    make_agreement("KGZ", ["TUR"])
    register(
        kgz_consul,
        consents=(ConsentPurpose.SHARE_DESTINATION,),
        **SAME_PERSON | {"family_name": "Asanov", "given_name": "Aibek", "destination_country": "TUR"},
    )
    # and Türkiye has one registration of its own
    register(tur_consul, family_name="Yılmaz", given_name="Ayşe", sex="F", destination_country="KGZ")
    # when a Turkish officer runs a job
    job = services.job_submit(actor=actor_for(tur_consul))
    # then only Türkiye's own registration was read and no pair involves a KGZ record
    assert job.records_count == 1
    assert not MatchCandidate.objects.unscoped().filter(job=job).exists()


def test_the_pages_are_translated(client, kgz_consul, top):
    # given a Russian-speaking officer
    client.force_login(kgz_consul)
    # when they open the job list and a pair in Russian
    listing = client.get("/ru/matching/").content.decode()
    pair = client.get(f"/ru/matching/candidates/{top.uuid}/").content.decode()
    # then the module's own catalogue is used
    assert "Задания сопоставления" in listing
    assert "то же имя в разных алфавитах и написаниях" in pair
