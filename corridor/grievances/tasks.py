"""Background work: the escalation sweep, run on a schedule by the task worker."""

from __future__ import annotations

from django_tasks import task

from corridor.grievances.services import complaints_escalate


@task()
def escalate_overdue_complaints() -> int:
    return complaints_escalate()
