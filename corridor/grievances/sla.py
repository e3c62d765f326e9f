"""The SLA clock and its red / amber / green signal; pure functions of a complaint and the time."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from corridor.cases.clocks import compute_deadline, time_limit_for
from corridor.grievances.models import OPEN_STATUSES, Severity

if TYPE_CHECKING:
    from corridor.grievances.models import Complaint

# Time to handle a complaint, from triage (or reopening), by severity; before triage nobody
# knows the severity, so "triage" applies from filing. The numbers are case-kernel TimeLimit
# rows (migration 0004 of this app, with their source), never constants here.
CODES: dict[str, str] = {
    Severity.CRITICAL: "grievances.handle.critical",
    Severity.HIGH: "grievances.handle.high",
    Severity.MEDIUM: "grievances.handle.medium",
    Severity.LOW: "grievances.handle.low",
}
TRIAGE_CODE = "grievances.triage"
# The sweep raises the level once per SLA period overdue, up to this level.
MAX_ESCALATION = 3

GREEN, AMBER, RED = "green", "amber", "red"


def due_at(*, state: str, severity: str, start: dt.datetime) -> dt.datetime:
    """When the complaint's current period ends: the time limit in force for its severity."""
    code = CODES.get(severity, TRIAGE_CODE)
    limit = time_limit_for(code=code, state=state, on=start.date())
    return compute_deadline(limit=limit, state=state, start=start)


def rag(complaint: Complaint, now: dt.datetime) -> str:
    """Green while under half the time is used, amber up to the limit, red once overdue."""
    if complaint.status not in OPEN_STATUSES:
        return ""
    if now >= complaint.sla_due_at:
        return RED
    total = complaint.sla_due_at - complaint.sla_started_at
    used = now - complaint.sla_started_at
    return GREEN if used < total / 2 else AMBER


def escalation_due(complaint: Complaint, now: dt.datetime) -> int:
    """The level a red complaint should have: one per started SLA period overdue."""
    if rag(complaint, now) != RED:
        return 0
    period = complaint.sla_due_at - complaint.sla_started_at
    overdue = now - complaint.sla_due_at
    return min(MAX_ESCALATION, 1 + int(overdue / period))
