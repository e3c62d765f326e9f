"""Reviewers' decisions feed back: carried over to re-runs, exported as labels, calibrating auto-links."""

from __future__ import annotations

import pytest

from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.matching.jobs import selectors, services
from corridor.matching.models import MatchCandidate, MatchDecision, Outcome
from corridor.matching.tests.jobs.helpers import review, settled_history
from corridor.registration.tests.factories import register

pytestmark = [pytest.mark.django_db]

CLEAN = {"confirmed": [0.95] * 30, "excluded": [0.3] * 10}  # calibrates to 0.95


def _run(user):
    job = services.job_submit(actor=actor_for(user))
    return job, list(MatchCandidate.objects.unscoped().filter(job=job).order_by("rank"))


def test_a_rerun_carries_both_reviewers_decisions_over_to_the_same_pair(
    kgz_consul, kgz_colleague, registry, fake_scores
):
    # given a pair two officers confirmed in a first job
    fake_scores([(registry[0], registry[1], 0.9)])
    _, [first] = _run(kgz_consul)
    review(kgz_consul, first, "confirm", note="same photo")
    review(kgz_colleague, first, "confirm")
    # when the job is run again
    job, [again] = _run(kgz_consul)
    # then the new pair is already confirmed, with both decisions repeated and linked to the originals
    assert again.outcome == Outcome.CONFIRMED and job.carried_over == 1
    carried = MatchDecision.objects.unscoped().filter(candidate=again).order_by("id")
    originals = MatchDecision.objects.unscoped().filter(candidate=first).order_by("id")
    assert [(d.reviewer_id, d.decision, d.note, d.carried_from_id) for d in carried] == [
        (d.reviewer_id, d.decision, d.note, d.pk) for d in originals
    ]


def test_only_current_decisions_of_the_latest_earlier_job_are_carried(
    kgz_consul, kgz_colleague, registry, fake_scores
):
    # given one officer changed their mind in the first job, and nobody else decided
    fake_scores([(registry[0], registry[1], 0.9)])
    _, [first] = _run(kgz_consul)
    review(kgz_consul, first, "confirm")
    review(kgz_consul, first, "exclude")
    # when the job is re-run
    _, [again] = _run(kgz_consul)
    # then only the current exclusion is repeated and the pair awaits a second reviewer
    assert list(
        MatchDecision.objects.unscoped().filter(candidate=again).values_list("decision", flat=True)
    ) == ["exclude"]
    assert again.outcome == Outcome.AWAITING_SECOND


def test_settled_pairs_are_exported_as_labels_and_passed_to_the_engine(
    kgz_consul, kgz_colleague, registry, fake_scores
):
    # given two officers excluded a pair in a first job
    calls = fake_scores([(registry[0], registry[1], 0.9)])
    _, [first] = _run(kgz_consul)
    review(kgz_consul, first, "exclude")
    review(kgz_colleague, first, "exclude")
    # when the labels are read and the job re-run
    labels = selectors.training_labels(actor=actor_for(kgz_consul))
    _run(kgz_consul)
    # then the pair is one label (0 = different people) and the engine received it
    pair = (str(first.left_uuid), str(first.right_uuid))
    assert [(label.left_id, label.right_id, label.score) for label in labels] == [(*pair, 0.0)]
    assert calls[1]["labels"] == [(*pair, 0.0)]
    assert calls[0]["labels"] == []


def test_another_states_labels_are_never_read(kgz_consul, tur_consul):
    settled_history(kgz_consul, **CLEAN)
    assert selectors.training_labels(actor=actor_for(tur_consul)) == []
    assert len(selectors.training_labels(actor=actor_for(kgz_consul))) == 40


def test_pairs_above_the_calibrated_threshold_are_linked_by_the_system(kgz_consul, registry, fake_scores):
    # given 40 settled pairs that calibrate the threshold to 0.95
    settled_history(kgz_consul, **CLEAN)
    # when a job scores one pair at 0.97 and one at 0.9
    other = register(kgz_consul, family_name="Осмонов", given_name="Бек")
    fake_scores([(registry[0], registry[1], 0.97), (registry[0], other, 0.9)])
    job, [high, low] = _run(kgz_consul)
    # then only the first is linked, by the system, audited; the other waits for review
    assert job.calibration == {
        "labelled": 40,
        "matches": 30,
        "target": 0.99,
        "threshold": 0.95,
        "precision": 1.0,
        "recall": 1.0,
        "reason": "calibrated",
    }
    assert (high.outcome, low.outcome, job.auto_linked) == (Outcome.AUTO_LINKED, Outcome.OPEN, 1)
    system = MatchDecision.objects.unscoped().get(candidate=high)
    assert (system.by_system, system.reviewer_id, system.decision, system.current) == (
        True,
        None,
        "confirm",
        True,
    )
    event = AuditEvent.objects.get(action="match_candidate.auto_linked")
    assert (event.target_uuid, event.data) == (high.uuid, {"probability": 0.97, "threshold": 0.95})
    # and automatic links never become training labels
    assert len(selectors.training_labels(actor=actor_for(kgz_consul))) == 40


def test_a_reviewer_reverses_an_automatic_link(kgz_consul, kgz_colleague, registry, fake_scores):
    # given an automatically linked pair
    settled_history(kgz_consul, **CLEAN)
    fake_scores([(registry[0], registry[1], 0.97)])
    _, [linked] = _run(kgz_consul)
    # when a reviewer says they are different people
    decision = review(kgz_colleague, linked, "exclude")
    # then the system's link no longer counts and the pair needs a second reviewer
    system = MatchDecision.objects.unscoped().get(candidate=linked, by_system=True)
    assert system.current is False and linked.outcome == Outcome.AWAITING_SECOND
    event = AuditEvent.objects.get(action="match_candidate.reviewed", target_uuid=linked.uuid)
    assert event.data["replaced"] == [str(system.uuid)] and event.data["decision_uuid"] == str(decision.uuid)


def test_without_enough_labels_nothing_is_linked_and_the_page_says_so(
    client, kgz_consul, registry, fake_scores
):
    # given only 10 settled pairs
    settled_history(kgz_consul, confirmed=[0.99] * 5, excluded=[0.1] * 5)
    fake_scores([(registry[0], registry[1], 0.999)])
    job, [pair] = _run(kgz_consul)
    # then the pair goes to clerical review and the job page explains why
    assert pair.outcome == Outcome.OPEN and job.auto_linked == 0
    assert job.calibration["reason"] == "too_few_labels" and job.calibration["threshold"] is None
    client.force_login(kgz_consul)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Too few pairs have been settled by two reviewers to calibrate a threshold" in page
    assert "Calibrated on 10 pairs settled by two reviewers" in page


def test_a_calibrated_job_page_shows_threshold_precision_and_recall(
    client, kgz_consul, registry, fake_scores
):
    settled_history(kgz_consul, **CLEAN)
    fake_scores([(registry[0], registry[1], 0.97)])
    job, [linked] = _run(kgz_consul)
    client.force_login(kgz_consul)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<dt>Threshold</dt><dd>0.9500</dd>" in page
    assert "<dt>Recall on the labelled pairs</dt><dd>1.000</dd>" in page
    pair_page = client.get(linked.get_absolute_url()).content.decode()
    assert "the system (calibrated threshold)" in pair_page
