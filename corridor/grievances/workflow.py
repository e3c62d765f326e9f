"""The complaint's life cycle as a case-kernel transition table, and the names of its clocks.

Every status change goes through ``cases.services.step`` with this table: the permission, the
status, the guards, one history row, the audit event ``complaint.<verb>`` and the clocks, in
one transaction. The periods themselves are ``cases.TimeLimit`` rows (migration 0004), never
numbers here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.accounts.models import OrganisationKind
from corridor.cases.workflow import Guard, Transition, Workflow
from corridor.grievances.models import Severity
from corridor.grievances.models import Status as S

if TYPE_CHECKING:
    from corridor.access.actor import Actor

# Clock names (cases.TimeLimit codes): before triage nobody knows the severity, so "triage"
# runs from filing; from triage (or reopening) the period depends on the severity.
TRIAGE_CLOCK = "grievances.triage"
HANDLE_CLOCKS: dict[str, str] = {
    Severity.CRITICAL: "grievances.handle.critical",
    Severity.HIGH: "grievances.handle.high",
    Severity.MEDIUM: "grievances.handle.medium",
    Severity.LOW: "grievances.handle.low",
}
# The escalation ladder's height (officer, head of unit, ministry): each period overdue
# raises the complaint one level, up to this one. A rule of the ladder, not a time limit.
MAX_ESCALATION = 3

OPEN = (S.RECEIVED, S.TRIAGED, S.ASSIGNED, S.REOPENED)
# A service provider works only on what was assigned to it, and only to finish it.
PROVIDER_ACTIONS = frozenset({"resolve", "refer"})
DECISIONS = ("resolve", "refer", "close", "reopen")  # each needs a reason, shown to the complainant


def clock_for(complaint: Any) -> str:
    """The clock that runs for the complaint's severity (triage's while it has none)."""
    return HANDLE_CLOCKS.get(complaint.severity, TRIAGE_CLOCK)


def _triaged(complaint: Any, actor: Actor | None, changes: dict[str, Any]) -> bool:
    return bool(complaint.severity)


def _provider_rule(actor: Actor, complaint: Any, transition: Transition) -> bool:
    organisation = actor.organisation
    if organisation is None or organisation.kind != OrganisationKind.SERVICE_PROVIDER:
        return True
    return transition.action in PROVIDER_ACTIONS and complaint.assigned_to_id == organisation.pk


def _row(transition: str, sources: Any, target: str, **kwargs: Any) -> Transition:
    return Transition(transition, sources, target, permission=perms.HANDLE_GRIEVANCES, **kwargs)


COMPLAINT = Workflow(
    name="complaint",  # audit: complaint.<verb>; history rows name this workflow
    note_field="reason",
    wrong_status=_("A complaint that is {status} cannot be changed this way."),
    may_act=_provider_rule,
    transitions=(
        _row(
            "triage",
            {S.RECEIVED, S.REOPENED},
            S.TRIAGED,
            label=_("Triage"),
            verb="triaged",
            stop_clocks=["*"],
            start_clocks=[clock_for],
        ),
        # A corrected severity keeps the clock's start: the service restarts the clock from
        # it (``complaint_triage``), so the table names no clock here.
        _row("correct", {S.TRIAGED}, S.TRIAGED, label=_("Correct the triage"), verb="triaged"),
        _row(
            "assign",
            {S.TRIAGED, S.ASSIGNED, S.REOPENED},
            S.ASSIGNED,
            label=_("Assign"),
            verb="assigned",
            guards=[Guard(_triaged, _("Triage the complaint first: it has no severity yet."))],
        ),
        _row(
            "resolve",
            {S.ASSIGNED},
            S.RESOLVED,
            label=_("resolve"),
            verb="resolved",
            needs_note=True,
            stop_clocks=["*"],
        ),
        _row(
            "refer",
            {S.TRIAGED, S.ASSIGNED, S.REOPENED},
            S.REFERRED,
            label=_("refer to another body"),
            verb="referred",
            needs_note=True,
            stop_clocks=["*"],
        ),
        _row(
            "close",
            {S.RECEIVED, S.TRIAGED, S.ASSIGNED, S.REOPENED, S.RESOLVED, S.REFERRED},
            S.CLOSED,
            label=_("close"),
            verb="closed",
            needs_note=True,
            stop_clocks=["*"],
        ),
        _row(
            "reopen",
            {S.RESOLVED, S.REFERRED, S.CLOSED},
            S.REOPENED,
            label=_("reopen"),
            verb="reopened",
            needs_note=True,
            stop_clocks=["*"],
            start_clocks=[clock_for],
        ),
    ),
)
