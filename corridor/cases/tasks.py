"""Background tasks (django-tasks): the clock sweep, scheduled by the worker's host (every few minutes)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from corridor.cases.clocks import clocks_sweep, sweep_moment


@task()
def clocks_sweep_task(today: str | None = None) -> int:
    """Act on every breached clock once; returns how many were breached by this run."""
    moment = sweep_moment(dt.date.fromisoformat(today) if today else None)
    return clocks_sweep(now=moment).breached
