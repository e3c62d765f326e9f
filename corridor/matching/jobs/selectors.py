"""Reads for matching jobs. Everything starts from ``visible_to(actor)`` and the actor's own state.

Records are read only through the sources their modules register (``matching.registry``:
consular registration registers ``"registration"``), each going through its owner's access
model, narrowed to the actor's own state: a job never draws a candidate from a record its
officer could not open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.matching import model as engine_model
from corridor.matching import registry
from corridor.matching.models import MatchCandidate, MatchDecision, MatchJob, Outcome, SourcePairModel


@dataclass(frozen=True, slots=True)
class Label:
    """A pair two reviewers settled: training label for the engine and the calibration."""

    left_id: str
    right_id: str
    score: float  # clerical_match_score: 1.0 same person, 0.0 different people
    probability: float  # what the model said when the pair was reviewed
    job: str  # uuid of the job whose candidate carries the settled outcome


@dataclass(frozen=True, slots=True)
class RecordSummary:
    uuid: str
    name: str
    birth_date: str
    reference: str
    url: str


def source_records(actor: Actor, source: str) -> list[dict[str, str]]:
    """The actor's own state's live records of a registered source, in the matcher's record shape."""
    return registry.source(source).records(actor)


def _own(model: Any, actor: Actor) -> QuerySet[Any]:
    return model.objects.visible_to(actor).filter(state_id=actor.state)


def source_pair_model(*, actor: Actor, sources: tuple[str, str]) -> SourcePairModel | None:
    """The actor's own state's stored model for a pair of sources, if today's engine can use it."""
    left, right = sorted(sources)
    found: SourcePairModel | None = (
        _own(SourcePairModel, actor)
        .filter(left_source=left, right_source=right, engine_version=engine_model.MODEL_VERSION)
        .first()
    )
    return found


def job_list(*, actor: Actor) -> QuerySet[MatchJob]:
    return _own(MatchJob, actor).select_related("created_by")


def job_get(*, actor: Actor, uuid: UUID | str) -> MatchJob:
    try:
        return job_list(actor=actor).get(uuid=uuid)  # type: ignore[no-any-return]
    except (MatchJob.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def candidates_of(*, actor: Actor, job: MatchJob) -> QuerySet[MatchCandidate]:
    return _own(MatchCandidate, actor).filter(job=job).order_by("rank")


def candidate_get(*, actor: Actor, uuid: UUID | str) -> MatchCandidate:
    try:
        return _own(MatchCandidate, actor).select_related("job").get(uuid=uuid)  # type: ignore[no-any-return]
    except (MatchCandidate.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def decisions_of(*, actor: Actor, candidate: MatchCandidate) -> QuerySet[MatchDecision]:
    """Every decision on the candidate, current and replaced, newest first."""
    return _own(MatchDecision, actor).filter(candidate=candidate).select_related("reviewer")


def record_summaries(*, actor: Actor, uuids: Iterable[UUID | str]) -> dict[str, RecordSummary]:
    """Name, birth date and reference of the records the actor may still open (by uuid)."""
    wanted = [str(u) for u in uuids]
    found: dict[str, RecordSummary] = {}
    for source in registry.sources():
        if not actor.has(source.permission):
            continue
        for uuid, summary in source.summaries(actor, wanted).items():
            found[uuid] = RecordSummary(
                uuid=uuid,
                name=summary["name"],
                birth_date=summary["birth_date"],
                reference=summary["reference"],
                url=summary["url"],
            )
    return found


def audit_viewed(*, actor: Actor, target: MatchJob | MatchCandidate, shown: Iterable[str]) -> None:
    """A job or candidate page shows people's names: record which records were shown, by id."""
    audit_record(
        actor=actor,
        action=f"{target.audit_entity()}.viewed",
        target=target,
        data={"records": sorted(set(shown))},
    )


def training_labels(*, actor: Actor, before: MatchJob | None = None) -> list[Label]:
    """The latest settled outcome per pair among the actor's own state's jobs, oldest pair first.

    Only pairs two reviewers agreed on count; automatic links never become labels (the model
    would learn from its own guesses). ``before``: only jobs created before that one.
    """
    settled = _own(MatchCandidate, actor).filter(outcome__in=[Outcome.CONFIRMED, Outcome.EXCLUDED])
    if before is not None:
        settled = settled.filter(job__created_at__lt=before.created_at)
    latest: dict[tuple[str, str], Label] = {}
    rows = settled.order_by("job__created_at", "job_id", "rank").values_list(
        "left_uuid", "right_uuid", "outcome", "probability", "job__uuid"
    )
    for left, right, outcome, probability, job in rows:
        pair = (str(left), str(right))
        score = 1.0 if outcome == Outcome.CONFIRMED else 0.0
        latest[pair] = Label(pair[0], pair[1], score, probability, str(job))
    return list(latest.values())


def earlier_decisions(
    *, actor: Actor, job: MatchJob, pairs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list[MatchDecision]]:
    """Per pair, the current reviewers' decisions of the latest earlier job that has any."""
    wanted = set(pairs)
    if not wanted:
        return {}
    decisions = (
        _own(MatchDecision, actor)
        .filter(current=True, by_system=False, candidate__job__created_at__lt=job.created_at)
        .filter(
            candidate__left_uuid__in={p[0] for p in wanted}, candidate__right_uuid__in={p[1] for p in wanted}
        )
        .select_related("candidate")
        .order_by("candidate__job__created_at", "candidate__job_id", "id")
    )
    found: dict[tuple[str, str], tuple[int, list[MatchDecision]]] = {}
    for decision in decisions:
        pair = (str(decision.candidate.left_uuid), str(decision.candidate.right_uuid))
        if pair not in wanted:
            continue
        job_id = decision.candidate.job_id
        if pair not in found or found[pair][0] != job_id:
            found[pair] = (job_id, [])  # a later job replaces an earlier one's decisions
        found[pair][1].append(decision)
    return {pair: made for pair, (_, made) in found.items()}
