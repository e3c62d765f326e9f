"""Background-task plumbing: the state of the queue for /healthz."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DatabaseError


def queue_state() -> dict[str, Any]:
    backend = settings.TASKS["default"]["BACKEND"]
    state: dict[str, Any] = {"backend": backend.rsplit(".", 1)[-1], "status": "ok"}
    if backend.endswith("DatabaseBackend"):
        from django_tasks_db.models import DBTaskResult

        try:
            state["ready"] = DBTaskResult.objects.ready().count()
        except DatabaseError as exc:
            state.update(status="error", detail=type(exc).__name__)
    return state
