"""Writes for matching jobs: submit a job, run it in the background, record a reviewer's decision.

Nothing here merges records. The only automatic decision is the calibrated link of
:mod:`.results`, which a reviewer can reverse.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor, actor_for
from corridor.access.db import set_db_state
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict, Forbidden, NotFound
from corridor.matching.jobs import results, scoring, selectors
from corridor.matching.jobs.results import settle
from corridor.matching.models import (
    ACTIVE_STATUSES,
    JOB_SOURCES,
    Decision,
    Failure,
    JobKind,
    JobStatus,
    MatchCandidate,
    MatchDecision,
    MatchJob,
)

logger = logging.getLogger(__name__)

# A queued or running job older than this is taken for dead (worker restarted) and abandoned,
# so that it does not block its state for ever.
STALE_AFTER = dt.timedelta(hours=2)


@contextmanager
def _scoped(actor: Actor) -> Iterator[None]:
    """One transaction with the actor's state set for row-level security (the worker has no request)."""
    with transaction.atomic():
        set_db_state(actor.state)
        yield


def job_submit(*, actor: Actor, threshold: float = scoring.DEFAULT_THRESHOLD) -> MatchJob:
    """Queue a deduplication of the actor's own state's registrations and start it in the background."""
    from corridor.matching.jobs.tasks import run_match_job

    job = _job_create(actor=actor, threshold=threshold)
    run_match_job.enqueue(job_uuid=str(job.uuid), user_id=actor.user.pk, membership_id=actor.membership_id)  # type: ignore[union-attr]
    job.refresh_from_db()
    return job


@transaction.atomic
def _job_create(*, actor: Actor, threshold: float) -> MatchJob:
    policy.require(actor, perms.REVIEW_MATCHES)
    policy.require(actor, perms.VIEW_REGISTRATION)
    assert actor.user is not None and actor.state is not None
    _abandon_stale(actor)
    busy = _("A matching job of your state is already queued or running. Wait until it has finished.")
    if selectors.job_list(actor=actor).filter(status__in=ACTIVE_STATUSES).exists():
        raise Conflict(busy)
    try:
        with transaction.atomic():
            job = MatchJob.objects.create(
                state_id=actor.state,
                kind=JobKind.REGISTRATION_DEDUPE,
                created_by=actor.user,
                threshold=threshold,
            )
    except IntegrityError as exc:  # another officer queued one between the check and the insert
        raise Conflict(busy) from exc
    audit_record(actor=actor, action="match_job.created", target=job, data={"threshold": threshold})
    return job


def _abandon_stale(actor: Actor) -> None:
    cutoff = timezone.now() - STALE_AFTER
    stale = selectors.job_list(actor=actor).filter(status__in=ACTIVE_STATUSES, created_at__lt=cutoff)
    for job in stale:
        _fail(actor=actor, job=job, failure=Failure.STALE)


def job_execute(*, actor: Actor, job_uuid: str) -> MatchJob:
    """Run a queued job: read, score, store. Called by the task; each stage commits on its own."""
    try:
        with _scoped(actor):
            job = _job_start(actor=actor, job_uuid=job_uuid)
    except Forbidden:
        # Roles changed between submitting and starting: fail the job rather than leave it
        # queued, blocking the state's next job until it is abandoned as stale.
        with _scoped(actor):
            own = MatchJob.objects.unscoped().filter(state_id=actor.state)
            refused = own.filter(uuid=job_uuid, status=JobStatus.QUEUED)
            refused.update(status=JobStatus.FAILED, failure=Failure.REFUSED, finished_at=timezone.now())
        raise
    try:
        with _scoped(actor):
            records = selectors.source_records(actor, JOB_SOURCES[job.kind][0])
            labels = selectors.training_labels(actor=actor)
            stored = selectors.source_pair_model(actor=actor, sources=JOB_SOURCES[job.kind])
        _progress(actor, job, 10)
        scored = scoring.score_records(
            records,
            threshold=job.threshold,
            labels=[(label.left_id, label.right_id, label.score) for label in labels],
            progress=lambda percent: _progress(actor, job, percent),
            stored=stored.settings if stored is not None else None,
        )
        with _scoped(actor):
            results.job_store(actor=actor, job=job, records=len(records), scored=scored)
    except Exception:
        # Any failure of the engine must leave the job visibly failed, not "running" for ever.
        logger.exception("matching job %s failed", job_uuid)
        with _scoped(actor):
            _fail(actor=actor, job=job, failure=Failure.ENGINE)
        raise
    return job


def _job_start(*, actor: Actor, job_uuid: str) -> MatchJob:
    policy.require(actor, perms.REVIEW_MATCHES)
    policy.require(actor, perms.VIEW_REGISTRATION)
    try:
        job: MatchJob = selectors.job_list(actor=actor).select_for_update().get(uuid=job_uuid)
    except MatchJob.DoesNotExist as exc:
        raise NotFound(_("Not found.")) from exc
    if job.status != JobStatus.QUEUED:
        raise Conflict(_("This job has already been started."))
    job.status, job.started_at, job.progress = JobStatus.RUNNING, timezone.now(), 5
    job.save(update_fields=["status", "started_at", "progress", "updated_at"])
    return job


def _progress(actor: Actor, job: MatchJob, percent: int) -> None:
    with _scoped(actor):
        MatchJob.objects.visible_to(actor).filter(pk=job.pk).update(progress=percent)
    job.progress = percent


def _fail(*, actor: Actor, job: MatchJob, failure: str) -> None:
    job.status, job.failure, job.finished_at = JobStatus.FAILED, failure, timezone.now()
    job.save(update_fields=["status", "failure", "finished_at", "updated_at"])
    audit_record(actor=actor, action="match_job.failed", target=job, data={"failure": failure})


def worker_actor(*, user_id: int, membership_id: int | None) -> Actor:
    """The actor who submitted the job, rebuilt in the worker (roles as they are now)."""
    from corridor.accounts.models import User

    return actor_for(User.objects.get(pk=user_id), membership_id)


@transaction.atomic
def candidate_review(
    *, actor: Actor, candidate: MatchCandidate, decision: str, note: str = ""
) -> MatchDecision:
    """Record this reviewer's decision; their earlier one, and any automatic link, stop counting."""
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
    current = MatchDecision.objects.visible_to(actor).filter(candidate=locked, current=True)
    retired = current.filter(reviewer=actor.user) | current.filter(by_system=True)
    replaced = sorted(str(d.uuid) for d in retired)
    MatchDecision.objects.visible_to(actor).filter(uuid__in=replaced).update(current=False)
    made = MatchDecision.objects.create(
        state_id=locked.state_id,
        candidate=locked,
        reviewer=actor.user,
        decision=decision,
        note=note.strip()[:2000],
    )
    locked.outcome = settle(current.filter(by_system=False).values_list("decision", flat=True))
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
