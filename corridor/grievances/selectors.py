"""Reads: the officers' queue and detail, the complainant's view by reference, and the figures the
recruitment scorecard and the public job-ad check use."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.accounts.models import OrganisationKind
from corridor.crypto.fields import read_encrypted
from corridor.grievances import sla
from corridor.grievances.db import set_db_reference
from corridor.grievances.models import (
    OPEN_STATUSES,
    Complaint,
    ComplaintEvent,
    ComplaintFigure,
)
from corridor.grievances.refs import normalise


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    category: str = ""
    severity: str = ""
    rag: str = ""
    escalated: bool = False


def complaints_for_officer(*, actor: Actor) -> QuerySet[Complaint]:
    """The owner state's complaints and those that concern the actor's state (read only).

    A service provider sees only what was assigned to its organisation.
    """
    own = Complaint.objects.visible_to(actor).values("pk")
    concerned = Q(pk__in=[])
    if actor.state and actor.has(perms.HANDLE_GRIEVANCES):
        concerned = Q(concerned_state_id=actor.state)
    rows = Complaint.objects.unscoped().filter(Q(pk__in=own) | concerned)
    organisation = actor.organisation
    if organisation is not None and organisation.kind == OrganisationKind.SERVICE_PROVIDER:
        rows = rows.filter(assigned_to=organisation)
    return rows.select_related("agency", "vacancy", "assigned_to")


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
    if colour == sla.RED:
        return open_rows.filter(sla_due_at__lte=now)
    # Green and amber depend on the share of each complaint's own period: decided in Python over
    # the open, not yet overdue rows of one state's queue (hundreds, not millions).
    keep = [c.pk for c in open_rows.filter(sla_due_at__gt=now) if sla.rag(c, now) == colour]
    return rows.filter(pk__in=keep)


def complaint_for_officer(*, actor: Actor, uuid: Any) -> Complaint:
    try:
        return complaints_for_officer(actor=actor).get(uuid=uuid)
    except (Complaint.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def may_act(*, actor: Actor, complaint: Complaint) -> bool:
    """The concerned state reads; only the owner state (or its assigned provider) acts."""
    return bool(actor.state == complaint.state_id and actor.has(perms.HANDLE_GRIEVANCES))


def complaint_history(*, complaint: Complaint, public_only: bool = False) -> list[ComplaintEvent]:
    events = ComplaintEvent.objects.filter(complaint=complaint)
    return list(events.filter(public=True) if public_only else events)


def complainant_identity(*, complaint: Complaint) -> dict[str, str]:
    """Name and contact in clear, for the owner state's officers; callers audit the reading."""

    return {
        "name": read_encrypted(complaint, "reporter_name"),
        "contact": read_encrypted(complaint, "contact"),
    }


def complaint_by_reference(*, reference: str) -> Complaint | None:
    """The complainant's own complaint. Read unscoped: knowing the reference is the authority."""
    wanted = normalise(reference)
    if not wanted:
        return None
    set_db_reference(wanted)
    return Complaint.objects.unscoped().filter(reference=wanted).first()


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
