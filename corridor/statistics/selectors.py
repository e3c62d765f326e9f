"""Reads of the data centre. Public figures always pass through disclosure control:
``published_value`` for everyone, except the owner state, which sees its own values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.statistics.models import Dataflow, Observation, ProvisionAgreement, Submission, SubmissionStatus
from corridor.statistics.structure import flow_structure

S = SubmissionStatus
REGIONAL_STATUSES = [S.APPROVED_NATIONAL, S.ACCEPTED_REGIONAL, S.PUBLISHED]


def submission_list(*, actor: Actor) -> QuerySet[Submission]:
    """Own state's submissions; for the regional centre, everything sent up to it."""
    own = Submission.objects.visible_to(actor)
    if actor.has(perms.ACCEPT_STATISTICS_REGIONAL) or actor.has(perms.PUBLISH_STATISTICS):
        # The secretariat has no state: it sees what national approval has released to it.
        regional = Submission.objects.unscoped().filter(status__in=REGIONAL_STATUSES)
        return (own | regional).select_related("dataflow", "state").distinct()
    return own.select_related("dataflow", "state")


def submission_get(*, actor: Actor, uuid: UUID | str) -> Submission:
    try:
        return submission_list(actor=actor).get(uuid=uuid)
    except (Submission.DoesNotExist, ValueError, ValidationError) as exc:  # a malformed UUID too
        raise Http404 from exc


def published_flows() -> list[Dataflow]:
    ids = Submission.objects.unscoped().filter(status=S.PUBLISHED).values("dataflow_id")
    return list(Dataflow.objects.filter(pk__in=ids).order_by("flow_id"))


def public_submissions(*, flow: Dataflow | None = None) -> QuerySet[Submission]:
    qs = Submission.objects.unscoped().filter(status=S.PUBLISHED).select_related("dataflow", "state")
    return qs.filter(dataflow=flow) if flow is not None else qs


@dataclass(frozen=True)
class Cell:
    state: str
    period: str
    key: str
    value: int | None
    suppressed: bool
    obs_status: str
    comment: str
    synthetic: bool


def _value(row: Any, viewer_state: str | None) -> tuple[int | None, bool]:
    if viewer_state and row["state_id"] == viewer_state:
        return row["value"], False
    return row["published_value"], row["conf_status"] in {"C", "D"}


def public_cells(
    *,
    flow: Dataflow,
    viewer_state: str | None,
    state: str = "",
    period: str = "",
    rest_key: str = "",
    citizenship: str = "",
    limit: int = 5000,
) -> list[Cell]:
    qs = Observation.objects.filter(dataflow=flow, is_public=True)
    for field, wanted in (
        ("state_id", state),
        ("time_period", period),
        ("rest_key", rest_key),
        ("citizenship", citizenship),
    ):
        if wanted:
            qs = qs.filter(**{field: wanted})
    rows = qs.order_by("state_id", "time_period", "key").values(
        "state_id",
        "time_period",
        "key",
        "value",
        "published_value",
        "conf_status",
        "obs_status",
        "comment",
        "submission__is_synthetic",
    )[:limit]
    cells = []
    for row in rows:
        value, suppressed = _value(row, viewer_state)
        cells.append(
            Cell(
                row["state_id"],
                row["time_period"],
                row["key"],
                value,
                suppressed,
                row["obs_status"],
                row["comment"],
                row["submission__is_synthetic"],
            )
        )
    return cells


def periods(*, flow: Dataflow, state: str = "") -> list[str]:
    """Periods with public figures, read from the headline series only.

    The headline series (totals over every dimension but citizenship) is a small slice of
    the partial top-N index, so this stays fast on tens of millions of observations.
    """
    headline = flow_structure(flow.pk).headline_rest_key()
    qs = Observation.objects.filter(dataflow=flow, rest_key=headline, is_public=True)
    if state:
        qs = qs.filter(state_id=state)
    return sorted(set(qs.values_list("time_period", flat=True).distinct()))


def states(*, flow: Dataflow) -> list[str]:
    """States with published figures for the dataflow, from their submissions (a few rows)."""
    published = Submission.objects.unscoped().filter(dataflow=flow, status=S.PUBLISHED)
    return sorted(set(published.values_list("state_id", flat=True)))


def top_citizenships(
    *,
    flow: Dataflow,
    period: str,
    viewer_state: str | None,
    state: str = "",
    n: int = 10,
    rest_key: str | None = None,
) -> list[tuple[str, int]]:
    """Top-N citizenships of the headline series (suppressed cells never enter a rank)."""
    structure = flow_structure(flow.pk)
    rest = structure.headline_rest_key() if rest_key is None else rest_key
    qs = Observation.objects.filter(dataflow=flow, rest_key=rest, time_period=period, is_public=True)
    qs = qs.exclude(citizenship__in=["_T", "_U", "_O", "_Z", "ALMATY_MS", "ALMATY_OBS", ""])
    if state:
        qs = qs.filter(state_id=state)
    own = Q(state_id=viewer_state) if viewer_state else Q(pk__in=[])
    ranked: dict[str, int] = {}
    for field, scope in (("value", own), ("published_value", ~own)):
        for code, total in (
            qs.filter(scope).values("citizenship").annotate(t=Sum(field)).values_list("citizenship", "t")
        ):
            if total is not None:
                ranked[code] = ranked.get(code, 0) + int(total)
    return sorted(ranked.items(), key=lambda item: (-item[1], item[0]))[:n]


def agreement_notes(*, flow: Dataflow) -> list[ProvisionAgreement]:
    return list(
        ProvisionAgreement.objects.filter(dataflow=flow)
        .exclude(comparability_notes={})
        .select_related("provider")
    )
