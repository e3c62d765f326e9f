"""Store a finished job: ranked candidates, earlier decisions carried over, calibrated auto-links.

Called by ``services.job_execute`` inside one transaction scoped to the job's state.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.matching import model as engine_model
from corridor.matching.jobs import calibration, scoring, selectors
from corridor.matching.models import (
    JOB_SOURCES,
    Decision,
    JobKind,
    JobStatus,
    MatchCandidate,
    MatchDecision,
    MatchJob,
    Outcome,
    Parameters,
    SourcePairModel,
)

MAX_CANDIDATES = 500  # a review queue longer than this is not a queue


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


def job_store(*, actor: Actor, job: MatchJob, records: int, scored: scoring.Scored) -> MatchJob:
    candidates = MatchCandidate.objects.bulk_create(
        MatchCandidate(
            state_id=job.state_id,
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
    carried = _carry_over(actor=actor, job=job, candidates=candidates)
    calibrated = calibration.calibrate(
        (label.probability, label.score == 1.0)
        for label in selectors.training_labels(actor=actor, before=job)
    )
    linked = _auto_link(actor=actor, job=job, candidates=candidates, threshold=calibrated.threshold)
    job.records_count, job.pairs_compared = records, scored.compared
    job.parameters = _parameters(scored)
    if scored.model is not None:
        _store_model(actor=actor, job=job, records=records, scored=scored)
    job.status, job.progress, job.finished_at = JobStatus.DONE, 100, timezone.now()
    job.carried_over, job.auto_linked = carried, len(linked)
    job.calibration = calibrated.as_dict()
    job.training_notes = [note.as_dict() for note in scored.notes]
    job.save()
    for candidate in linked:
        audit_record(
            actor=actor,
            action="match_candidate.auto_linked",
            target=candidate,
            data={"probability": candidate.probability, "threshold": calibrated.threshold},
        )
    audit_record(
        actor=actor,
        action="match_job.completed",
        target=job,
        data={
            "records": records,
            "candidates": len(candidates),
            "carried_over": carried,
            "auto_linked": len(linked),
            "threshold": calibrated.threshold,
        },
    )
    return job


def _parameters(scored: scoring.Scored) -> str:
    if scored.trained:
        return str(Parameters.TRAINED)
    return str(Parameters.STORED if scored.stored else Parameters.FIXED)


def _store_model(*, actor: Actor, job: MatchJob, records: int, scored: scoring.Scored) -> None:
    """Keep the model this job trained as its state's model for the job's pair of sources."""
    left, right = sorted(JOB_SOURCES[job.kind])
    stored, created = SourcePairModel.objects.visible_to(actor).update_or_create(
        state_id=job.state_id,
        left_source=left,
        right_source=right,
        defaults={
            "settings": scored.model,
            "engine_version": engine_model.MODEL_VERSION,
            "records_count": records,
            "labels_count": scored.labels,
            "trained_by": job,
        },
    )
    audit_record(
        actor=actor,
        action="matching_model.stored",
        target=stored,
        data={"sources": [left, right], "records": records, "job": str(job.uuid), "replaced": not created},
    )


def _carry_over(*, actor: Actor, job: MatchJob, candidates: list[MatchCandidate]) -> int:
    """Repeat reviewers' current decisions on the same pair from the latest earlier job."""
    by_pair = {(str(c.left_uuid), str(c.right_uuid)): c for c in candidates}
    earlier = selectors.earlier_decisions(actor=actor, job=job, pairs=by_pair)
    for pair, decisions in earlier.items():
        candidate = by_pair[pair]
        MatchDecision.objects.bulk_create(
            MatchDecision(
                state_id=job.state_id,
                candidate=candidate,
                reviewer_id=d.reviewer_id,
                decision=d.decision,
                note=d.note,
                carried_from=d,
            )
            for d in decisions
        )
        candidate.outcome = settle(d.decision for d in decisions)
        candidate.save(update_fields=["outcome", "updated_at"])
    return len(earlier)


def _auto_link(
    *, actor: Actor, job: MatchJob, candidates: list[MatchCandidate], threshold: float | None
) -> list[MatchCandidate]:
    """Link unreviewed pairs at or above the calibrated threshold — only when deduplicating a registry."""
    if threshold is None or job.kind != JobKind.REGISTRATION_DEDUPE:
        return []
    linked = [c for c in candidates if c.outcome == Outcome.OPEN and c.probability >= threshold]
    MatchDecision.objects.bulk_create(
        MatchDecision(state_id=job.state_id, candidate=c, by_system=True, decision=Decision.CONFIRM)
        for c in linked
    )
    for candidate in linked:
        candidate.outcome = Outcome.AUTO_LINKED
    MatchCandidate.objects.visible_to(actor).filter(pk__in=[c.pk for c in linked]).update(
        outcome=Outcome.AUTO_LINKED
    )
    return linked
