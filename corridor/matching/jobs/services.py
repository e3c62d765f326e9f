"""Writes for matching jobs: run a job, record a reviewer's decision. Nothing links or merges."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, NotFound
from corridor.matching.jobs import scoring, selectors
from corridor.matching.models import (
    Decision,
    JobKind,
    MatchCandidate,
    MatchDecision,
    MatchJob,
    Outcome,
    Parameters,
)

MAX_CANDIDATES = 500  # a review queue longer than this is not a queue


def job_run(*, actor: Actor, threshold: float = scoring.DEFAULT_THRESHOLD) -> MatchJob:
    """Deduplicate the actor's own state's registrations now (synchronous: small registries)."""
    policy.require(actor, perms.REVIEW_MATCHES)
    policy.require(actor, perms.VIEW_REGISTRATION)
    records = selectors.registration_records(actor)
    scored = scoring.score_records(records, threshold=threshold)
    return _store_job(actor=actor, records=len(records), scored=scored, threshold=threshold)


@transaction.atomic
def _store_job(*, actor: Actor, records: int, scored: scoring.Scored, threshold: float) -> MatchJob:
    assert actor.user is not None and actor.state is not None
    job = MatchJob.objects.create(
        state_id=actor.state,
        kind=JobKind.REGISTRATION_DEDUPE,
        created_by=actor.user,
        records_count=records,
        pairs_compared=scored.compared,
        parameters=Parameters.TRAINED if scored.trained else Parameters.FIXED,
        threshold=threshold,
    )
    MatchCandidate.objects.bulk_create(
        MatchCandidate(
            state_id=actor.state,
            job=job,
            rank=rank,
            left_uuid=pair.left_id,
            right_uuid=pair.right_id,
            probability=pair.probability,
            match_weight=pair.match_weight,
            explanation=[
                {"field": r.field, "level": r.level, "weight": round(r.weight, 2)} for r in pair.reasons
            ],
        )
        for rank, pair in enumerate(scored.pairs[:MAX_CANDIDATES], start=1)
    )
    audit_record(
        actor=actor,
        action="match_job.created",
        target=job,
        data={"records": records, "candidates": min(len(scored.pairs), MAX_CANDIDATES)},
    )
    return job


def settle(decisions: Iterable[str]) -> str:
    """The candidate's outcome from the current decisions of distinct reviewers."""
    made = list(decisions)
    if not made:
        return Outcome.OPEN
    if len(set(made)) > 1:
        return Outcome.DISAGREEMENT
    if len(made) < 2:
        return Outcome.AWAITING_SECOND
    return Outcome.CONFIRMED if made[0] == Decision.CONFIRM else Outcome.EXCLUDED


@transaction.atomic
def candidate_review(
    *, actor: Actor, candidate: MatchCandidate, decision: str, note: str = ""
) -> MatchDecision:
    """Record this reviewer's decision; their earlier one, if any, stays on record but no longer counts."""
    policy.require(actor, perms.REVIEW_MATCHES, state=candidate.state_id)
    if decision not in Decision.values:
        raise ApplicationError(
            _("Choose “same person” or “different people”."),
            fields={"decision": [_("Choose “same person” or “different people”.")]},
        )
    # Lock the pair so that two reviewers deciding at once both see each other's decision.
    try:
        locked = MatchCandidate.objects.visible_to(actor).select_for_update().get(pk=candidate.pk)
    except MatchCandidate.DoesNotExist as exc:
        raise NotFound(_("Not found.")) from exc
    mine = MatchDecision.objects.visible_to(actor).filter(candidate=locked, reviewer=actor.user, current=True)
    replaced = [str(d.uuid) for d in mine]
    mine.update(current=False)
    made = MatchDecision.objects.create(
        state_id=locked.state_id,
        candidate=locked,
        reviewer=actor.user,
        decision=decision,
        note=note.strip()[:2000],
    )
    current = MatchDecision.objects.visible_to(actor).filter(candidate=locked, current=True)
    locked.outcome = settle(current.values_list("decision", flat=True))
    locked.save(update_fields=["outcome", "updated_at"])
    candidate.outcome = locked.outcome
    audit_record(
        actor=actor,
        action="match_candidate.reviewed",
        target=locked,
        data={
            "decision": decision,
            "decision_uuid": str(made.uuid),
            "replaced": replaced,
            "outcome": locked.outcome,
        },
    )
    return made
