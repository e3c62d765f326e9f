"""Shared data and shortcuts for the matching-job tests."""

from __future__ import annotations

import datetime as dt
import uuid

from corridor.access.actor import actor_for
from corridor.matching.jobs import services

SAME_PERSON = {
    "family_name": "Асанов",
    "given_name": "Айбек",
    "patronymic": "Бакытович",
    "passport_family_name": "ASANOV",
    "passport_given_name": "AIBEK",
    "birth_date": dt.date(1990, 5, 4),
    "sex": "M",
}


def review(user, candidate, decision, note=""):
    return services.candidate_review(actor=actor_for(user), candidate=candidate, decision=decision, note=note)


def settled_history(user, *, confirmed=(), excluded=()):
    """An earlier, finished job of the user's state whose pairs two reviewers already settled.

    Only the outcomes matter to calibration, so the pairs are stored as settled directly
    (random record ids), an hour in the past.
    """
    from corridor.matching.models import JobStatus, MatchCandidate, MatchJob, Outcome

    actor = actor_for(user)
    job = MatchJob.objects.create(
        state_id=actor.state,
        kind="registration_dedupe",
        created_by=user,
        threshold=0.2,
        status=JobStatus.DONE,
    )
    MatchJob.objects.unscoped().filter(pk=job.pk).update(created_at=job.created_at - dt.timedelta(hours=1))
    labelled = [(p, Outcome.CONFIRMED) for p in confirmed] + [(p, Outcome.EXCLUDED) for p in excluded]
    MatchCandidate.objects.bulk_create(
        MatchCandidate(
            state_id=actor.state,
            job=job,
            rank=rank,
            left_uuid=uuid.uuid4(),
            right_uuid=uuid.uuid4(),
            probability=p,
            match_weight=0.0,
            outcome=outcome,
        )
        for rank, (p, outcome) in enumerate(labelled, start=1)
    )
    return job
