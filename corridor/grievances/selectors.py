"""Reads: the officers' queue and detail, the complainant's view by reference, and the figures the
recruitment scorecard and the public job-ad check use."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Case, OuterRef, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.accounts.models import OrganisationKind
from corridor.cases.models import Clock
from corridor.cases.selectors import history_for
from corridor.crypto.fields import read_encrypted
from corridor.grievances.db import set_db_reference
from corridor.grievances.models import (
    ACTION_LABELS,
    OPEN_STATUSES,
    Complaint,
    ComplaintEvent,
    ComplaintFigure,
)
from corridor.grievances.refs import normalise
from corridor.grievances.workflow import COMPLAINT

GREEN, AMBER, RED = "green", "amber", "red"


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    category: str = ""
    severity: str = ""
    rag: str = ""
    escalated: bool = False


def _current_clock() -> QuerySet[Clock]:
    """The period the complaint is judged by: the earliest deadline among its clocks not
    stopped. An escalated complaint keeps its breached clock open next to the next period's,
    so it stays red (overdue since then) until a step stops them all."""
    return Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(Complaint),
        object_uuid=OuterRef("uuid"),
        stopped_at__isnull=True,
    ).order_by("deadline_at", "id")


def with_clock(rows: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """Annotate ``sla_started_at`` and ``sla_due_at`` from the kernel's clock rows."""
    current = _current_clock()
    return rows.annotate(
        sla_started_at=Subquery(current.values("started_at")[:1]),
        sla_due_at=Subquery(current.values("deadline_at")[:1]),
    )


def complaints_for_officer(*, actor: Actor) -> QuerySet[Complaint]:
    """The actor's state's complaints; a service provider sees only what was assigned to it.

    The concerned state does not read them: it receives exchange messages (its own copies).
    """
    rows = Complaint.objects.visible_to(actor)
    if not actor.state or not actor.has(perms.HANDLE_GRIEVANCES):
        return rows.none()
    rows = rows.filter(state_id=actor.state)
    organisation = actor.organisation
    if organisation is not None and organisation.kind == OrganisationKind.SERVICE_PROVIDER:
        rows = rows.filter(assigned_to=organisation)
    return with_clock(rows.select_related("agency", "vacancy", "assigned_to"))


def rag(complaint: Complaint, now: dt.datetime) -> str:
    """Green while under half the period is used, amber up to the limit, red once overdue.

    ``complaint`` comes from ``complaints_for_officer`` (or ``with_clock``): its current
    clock's start and deadline are annotated on it.
    """
    due = getattr(complaint, "sla_due_at", None)
    started = getattr(complaint, "sla_started_at", None)
    if complaint.status not in OPEN_STATUSES or due is None or started is None:
        return ""
    if now >= due:
        return RED
    return GREEN if now - started < (due - started) / 2 else AMBER


def complaint_queue(
    *, actor: Actor, filters: QueueFilters, now: dt.datetime | None = None
) -> QuerySet[Complaint]:
    """Open work first, most urgent first; RAG filters translate to ranges of the due time."""
    rows = complaints_for_officer(actor=actor)
    pairs = {"status": filters.status, "category": filters.category, "severity": filters.severity}
    rows = rows.filter(**{field: value for field, value in pairs.items() if value})
    if filters.escalated:
        rows = rows.filter(escalation_level__gt=0)
    if filters.rag:
        rows = _with_rag(rows, filters.rag, now or timezone.now())
    finished = Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1))
    return rows.annotate(finished=finished).order_by("finished", "-escalation_level", "sla_due_at", "id")


def _with_rag(rows: QuerySet[Complaint], colour: str, now: dt.datetime) -> QuerySet[Complaint]:
    open_rows = rows.filter(status__in=OPEN_STATUSES)
    if colour == RED:
        return open_rows.filter(sla_due_at__lte=now)  # type: ignore[misc]  # annotated by with_clock
    # Green and amber depend on the share of each complaint's own period: decided in Python over
    # the open, not yet overdue rows of one state's queue (hundreds, not millions).
    due_later = open_rows.filter(sla_due_at__gt=now)  # type: ignore[misc]  # annotated by with_clock
    keep = [c.pk for c in due_later if rag(c, now) == colour]
    return rows.filter(pk__in=keep)


def complaint_for_officer(*, actor: Actor, uuid: Any) -> Complaint:
    try:
        return complaints_for_officer(actor=actor).get(uuid=uuid)
    except (Complaint.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def complaint_history(*, complaint: Complaint, public_only: bool = False) -> list[ComplaintEvent]:
    """The complainant's timeline (the public steps), as the follow page and API show it."""
    events = ComplaintEvent.objects.filter(complaint=complaint)
    return list(events.filter(public=True) if public_only else events)


@dataclass(frozen=True)
class HistoryStep:
    action: str  # as the complainant's timeline names it: filed, triaged, assigned, escalated…
    label: str
    note: str
    public: bool
    actor_username: str
    occurred_at: dt.datetime
    to_status: str


def case_history(*, complaint: Complaint) -> list[HistoryStep]:
    """The officers' history: the kernel's rows for this complaint (steps, escalations, notices)."""
    steps = []
    for row in history_for(record=complaint):
        transition = COMPLAINT.get(row.action)
        verb = transition.verb if transition is not None else row.action
        steps.append(
            HistoryStep(
                action=verb,
                label=str(ACTION_LABELS.get(verb, verb)),
                note=row.note,
                public=row.public,
                actor_username=row.actor_username,
                occurred_at=row.occurred_at,
                to_status=row.to_status,
            )
        )
    return steps


def complainant_identity(*, complaint: Complaint) -> dict[str, str]:
    """Name and contact in clear, for the owner state's officers; callers audit the reading."""

    return {
        "name": read_encrypted(complaint, "reporter_name"),
        "contact": read_encrypted(complaint, "contact"),
    }


def complaint_by_reference(*, reference: str) -> Complaint | None:
    """The complainant's own complaint: knowing the reference is the authority (row-level
    security lets the request holding it read that one row, policy ``grievances_by_reference``)."""
    wanted = normalise(reference)
    if not wanted:
        return None
    set_db_reference(wanted)
    return Complaint.objects.by_key("reference", wanted).first()


# --- figures for the recruitment module ---------------------------------------------------


def open_vacancy_flags(vacancy_ids: Iterable[int]) -> set[int]:
    """Ids of the given job ads that an open fake-vacancy complaint flags for review.

    Read from the public figures: the flag is public (the job-ad check warns workers), the
    complaint is not, and row-level security hides complaints from anonymous requests.
    """
    ids = list(vacancy_ids)
    if not ids:
        return set()
    rows = ComplaintFigure.objects.filter(vacancy_id__in=ids, fake_vacancy=True, pending=True)
    return set(rows.values_list("vacancy_id", flat=True))


def complaint_summary_for_agency(agency_id: int) -> dict[str, Any]:
    """Count, resolved count and median days from filing to resolution (None when none resolved).

    Read from the public figures: the scorecard publishes these figures, never the complaints.
    """
    rows = ComplaintFigure.objects.filter(agency_id=agency_id)  # job-ad complaints carry the agency too
    times = list(rows.filter(resolved_at__isnull=False).values_list("filed_at", "resolved_at"))
    days = [(resolved - filed).total_seconds() / 86400 for filed, resolved in times if resolved]
    median = round(statistics.median(days), 1) if days else None
    return {"count": rows.count(), "resolved": len(times), "median_days_to_resolve": median}
