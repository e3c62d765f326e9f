"""The SLA clock and its red / amber / green signal; pure functions of a complaint and the time."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from corridor.recruitment.grievances.models import OPEN_STATUSES, Severity

if TYPE_CHECKING:
    from corridor.recruitment.grievances.models import Complaint

# Time to handle a complaint from triage (or reopening), by severity; README documents them.
SLA_HOURS: dict[str, int] = {
    Severity.CRITICAL: 24,
    Severity.HIGH: 72,
    Severity.MEDIUM: 7 * 24,
    Severity.LOW: 14 * 24,
}
# Before triage nobody knows the severity: a new complaint must be triaged within two days.
TRIAGE_HOURS = 48
# The sweep raises the level once per SLA period overdue, up to this level.
MAX_ESCALATION = 3

GREEN, AMBER, RED = "green", "amber", "red"


def sla_period(severity: str) -> dt.timedelta:
    return dt.timedelta(hours=SLA_HOURS.get(severity, TRIAGE_HOURS))


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
