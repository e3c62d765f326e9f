"""Reads of the data centre. Public figures always pass through disclosure control:
``published_value`` for everyone, except the owner state, which sees its own values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.reference.selectors import country_list, participant_states
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


def cell_comments(*, submission: Submission, cells: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The stored comment of each (period, key) cell of a submission the actor already sees."""
    rows = Observation.objects.filter(submission=submission, time_period__in={p for p, _k in cells})
    wanted = set(cells)
    return {(p, k): c for p, k, c in rows.values_list("time_period", "key", "comment") if (p, k) in wanted}


def embargoed_ids(*, viewer_state: str | None) -> list[int]:
    """Published submissions still under embargo for this viewer (the owner state is never
    embargoed from its own data). A handful of rows, so the list is passed to SQL as is."""
    qs = Submission.objects.unscoped().filter(status=S.PUBLISHED, embargo_until__gt=timezone.now())
    if viewer_state:
        qs = qs.exclude(state_id=viewer_state)
    return list(qs.values_list("pk", flat=True))


def public_observations(*, viewer_state: str | None) -> QuerySet[Observation]:
    """Every published cell the viewer may see: released and out of embargo (or its own)."""
    qs = Observation.objects.filter(is_public=True)
    hidden = embargoed_ids(viewer_state=viewer_state)
    return qs.exclude(submission_id__in=hidden) if hidden else qs


def public_submissions(
    *, flow: Dataflow | None = None, viewer_state: str | None = None
) -> QuerySet[Submission]:
    qs = Submission.objects.unscoped().filter(status=S.PUBLISHED).select_related("dataflow", "state")
    hidden = embargoed_ids(viewer_state=viewer_state)
    if hidden:
        qs = qs.exclude(pk__in=hidden)
    return qs.filter(dataflow=flow) if flow is not None else qs


def published_flows(*, viewer_state: str | None = None) -> list[Dataflow]:
    ids = public_submissions(viewer_state=viewer_state).values("dataflow_id")
    return list(Dataflow.objects.filter(pk__in=ids).order_by("flow_id"))


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
    qs = public_observations(viewer_state=viewer_state).filter(dataflow=flow)
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


def periods(*, flow: Dataflow, state: str = "", viewer_state: str | None = None) -> list[str]:
    """Periods with public figures, read from the headline series only.

    The headline series (totals over every dimension but citizenship) is a small slice of
    the partial top-N index, so this stays fast on tens of millions of observations.
    """
    headline = flow_structure(flow.pk).headline_rest_key()
    qs = public_observations(viewer_state=viewer_state).filter(dataflow=flow, rest_key=headline)
    if state:
        qs = qs.filter(state_id=state)
    return sorted(set(qs.values_list("time_period", flat=True).distinct()))


def states(*, flow: Dataflow, viewer_state: str | None = None) -> list[str]:
    """States with published figures for the dataflow, from their submissions (a few rows)."""
    published = public_submissions(flow=flow, viewer_state=viewer_state)
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
    qs = public_observations(viewer_state=viewer_state).filter(
        dataflow=flow, rest_key=rest, time_period=period
    )
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


def participant_codes() -> list[str]:
    """Almaty Process member and observer states (the possible origins of the mirror page)."""
    return list(participant_states().values_list("iso3", flat=True))


def state_options(codes: list[str]) -> list[tuple[str, str]]:
    """(code, name in the active language) of the given states, ordered by that name."""
    names = {c.iso3: c.name for c in country_list().filter(iso3__in=codes)}
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda item: item[1])


def agreement_notes(*, flow: Dataflow) -> list[ProvisionAgreement]:
    return list(
        ProvisionAgreement.objects.filter(dataflow=flow)
        .exclude(comparability_notes={})
        .select_related("provider")
    )
