"""Reads for matching jobs. Everything starts from ``visible_to(actor)`` and the actor's own state.

Registrations are read only through ``corridor.registration.selectors.visible_registrations``
(the registration module's access model), narrowed to the actor's own state: a job never
draws a candidate from a record its officer could not open.
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

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.crypto.fields import read_encrypted
from corridor.matching import model as engine_model
from corridor.matching.models import MatchCandidate, MatchDecision, MatchJob, Outcome, SourcePairModel
from corridor.registration import selectors as registrations

MERGED = "merged"  # registration status of a duplicate already folded into another


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


def own_registrations(actor: Actor) -> QuerySet[Any]:
    """The actor's own state's live registrations, as the registration module lets them read."""
    if actor.state is None:
        return registrations.visible_registrations(actor).none()
    return registrations.visible_registrations(actor).filter(state_id=actor.state).exclude(status=MERGED)


def _passport_number(registration: Any) -> str:
    return read_encrypted(registration, "passport_number")  # the one crypto field helper


def registration_records(actor: Actor) -> list[dict[str, str]]:
    """Own registrations in the matcher's record shape (record_id = registration uuid).

    Citizenship is left empty on purpose: every record has the same one, and "same
    citizenship" would add weight to every pair.
    """
    rows = []
    for r in own_registrations(actor).order_by("id"):
        rows.append(
            {
                "record_id": str(r.uuid),
                "family_name": r.family_name or r.passport_family_name,
                "given_name": r.given_name or r.passport_given_name,
                "patronymic": r.patronymic,
                "birth_date": r.birth_date.isoformat() if r.birth_date else "",
                "sex": r.sex,
                "citizenship": "",
                "birth_place": "",
                "document_number": _passport_number(r),
                "source": "registration",
            }
        )
    return rows


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
    """Name, birth date and reference of the registrations the actor may still open (by uuid)."""
    if not actor.has(perms.VIEW_REGISTRATION):
        return {}
    found = own_registrations(actor).filter(uuid__in=list(uuids))
    return {
        str(r.uuid): RecordSummary(
            uuid=str(r.uuid),
            name=" ".join(part for part in (r.family_name, r.given_name, r.patronymic) if part),
            birth_date=r.birth_date.isoformat() if r.birth_date else "",
            reference=r.reference,
            url=r.get_absolute_url(),
        )
        for r in found
    }


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
