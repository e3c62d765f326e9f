"""Complaints built through the services, as a complainant and an officer would."""

from __future__ import annotations

import itertools
from typing import Any

from corridor.access.actor import Actor
from corridor.accounts.models import Organisation, OrganisationKind
from corridor.grievances import services
from corridor.grievances.models import Complaint, Status
from corridor.recruitment.models import Agency

_seq = itertools.count(1)
DESCRIPTION = "They took my passport and asked for 800 dollars before departure."


def complaint_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "subject": "agency",
        "agency": "",
        "vacancy": "",
        "employer_name": "",
        "employer_country": "",
        "work_country": "",
        "citizenship": "",
        "category": "fees_charged",
        "description": DESCRIPTION,
        "language": "ru",
        "reporter_name": "",
        "contact": "",
    }
    data.update(overrides)
    return data


def file_about(agency: Agency, **overrides: Any) -> Complaint:
    return services.complaint_file(data=complaint_data(agency=str(agency.uuid), **overrides))


def organisation(state: str, kind: str = OrganisationKind.LABOUR_MINISTRY, name: str = "") -> Organisation:
    return Organisation.objects.create(
        name=name or f"Ministry of Labour {state} {next(_seq)}", kind=kind, state_id=state
    )


# The shortest path of actions from "received" to each status.
PATHS = {
    Status.RECEIVED: [],
    Status.TRIAGED: ["triage"],
    Status.ASSIGNED: ["triage", "assign"],
    Status.RESOLVED: ["triage", "assign", "resolve"],
    Status.REOPENED: ["triage", "assign", "resolve", "reopen"],
    Status.REFERRED: ["triage", "refer"],
    Status.CLOSED: ["close"],
}


def act(actor: Actor, complaint: Complaint, action: str, **extra: Any) -> Complaint:
    """Run one action with plausible input (a fresh ministry for assignment)."""
    if action == "triage":
        values = {"severity": "high", "category": complaint.category}
        values |= {k: v for k, v in extra.items() if k in values}
        return services.complaint_triage(actor=actor, complaint=complaint, **values)
    if action == "assign":
        target = extra.get("organisation") or organisation(complaint.state_id).uuid
        return services.complaint_assign(actor=actor, complaint=complaint, organisation=target)
    reason = extra.get("reason", f"Reason to {action}.")
    return services.complaint_decide(actor=actor, complaint=complaint, action=action, reason=reason)


def bring_to(actor: Actor, complaint: Complaint, status: str) -> Complaint:
    for action in PATHS[Status(status)]:
        complaint = act(actor, complaint, action)
    return complaint
