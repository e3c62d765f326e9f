"""Demo complaints about the demo agency: one red and escalated, one resolved, one new.

Idempotent: nothing is added once the demo agency has a complaint. Complaints go through the
services; only the clocks are moved back afterwards, so that the queue shows every colour
without waiting for days. Needs the recruitment demo (its agency) and ``kgz.labour_officer``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F

from corridor.access.actor import actor_for
from corridor.accounts.models import User
from corridor.cases.selectors import clocks_for
from corridor.grievances import services
from corridor.grievances.models import Complaint
from corridor.recruitment import selectors as recruitment

DEMO_LICENCE_NUMBER = "KG-REC-2025-001"
OFFICER = "kgz.labour_officer"


def _file(agency_uuid: str, category: str, text: str, language: str) -> Complaint:
    data = {"subject": "agency", "agency": agency_uuid, "work_country": "TUR", "category": category,
            "description": text, "language": language}  # fmt: skip
    return services.complaint_file(data=data)


def _backdate(complaint: Complaint, hours: int) -> None:
    """Synthetic data only: move the complaint and its running clock back in time."""
    shift = dt.timedelta(hours=hours)
    Complaint.objects.for_state(complaint.state_id).filter(pk=complaint.pk).update(
        created_at=F("created_at") - shift
    )
    for clock in clocks_for(record=complaint, running_only=True):
        clock.started_at -= shift
        clock.due_at -= shift
        clock.deadline_at -= shift
        clock.save(update_fields=["started_at", "due_at", "deadline_at", "updated_at"])


@transaction.atomic
def load_demo_grievances() -> int:
    """Returns how many complaints were added (0 when present already or prerequisites missing)."""
    user = User.objects.filter(username=OFFICER).first()
    agency = recruitment.public_agencies(q=DEMO_LICENCE_NUMBER).first()
    if (
        user is None
        or agency is None
        or Complaint.objects.for_state(agency.state_id).filter(agency=agency).exists()
    ):
        return 0
    actor = actor_for(user)
    overdue = _file(
        str(agency.uuid), "document_retention", "Синтетический пример: агент забрал паспорт.", "ru"
    )
    overdue = services.complaint_triage(
        actor=actor, complaint=overdue, severity="critical", category=overdue.category
    )
    _backdate(overdue, hours=30)
    solved = _file(str(agency.uuid), "fees_charged", "Sentetik örnek: benden 500 dolar alındı.", "tr")
    solved = services.complaint_triage(
        actor=actor, complaint=solved, severity="high", category=solved.category
    )
    if actor.organisation is not None:
        solved = services.complaint_assign(
            actor=actor, complaint=solved, organisation=actor.organisation.uuid
        )
        services.complaint_decide(
            actor=actor, complaint=solved, action="resolve", reason="The agency refunded the fee (synthetic)."
        )
    _file(str(agency.uuid), "wages_unpaid", "Synthetic example: two months of wages unpaid.", "en")
    services.complaints_escalate()
    return 3
