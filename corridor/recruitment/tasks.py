"""Background tasks (django-tasks): thin wrappers around services, scheduled by the worker's host."""

from __future__ import annotations

from django_tasks import task

from corridor.recruitment.services.sweeps import recruitment_sweep


@task()
def recruitment_sweep_task() -> dict[str, int]:
    """Run daily: statuses that depend on dates (licences, certifications, job ads)."""
    return recruitment_sweep().as_dict()
