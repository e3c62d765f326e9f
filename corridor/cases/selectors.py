"""Reads of the case kernel. Each takes a record the caller already fetched for the actor
(``policy.get_visible_or_404``): the history and clocks are as visible as their case."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from corridor.cases.models import CaseHistory, Clock


def _case(record: Any) -> dict[str, Any]:
    return {"content_type": ContentType.objects.get_for_model(type(record)), "object_uuid": record.uuid}


def history_for(*, record: Any, public_only: bool = False) -> QuerySet[CaseHistory]:
    rows = CaseHistory.objects.for_state(record.state_id).filter(**_case(record))
    if public_only:
        rows = rows.filter(public=True)
    return rows.order_by("occurred_at", "id")


def clocks_for(*, record: Any, running_only: bool = False) -> QuerySet[Clock]:
    rows = Clock.objects.for_state(record.state_id).filter(**_case(record)).select_related("time_limit")
    if running_only:
        rows = rows.filter(stopped_at__isnull=True, breached_at__isnull=True)
    return rows.order_by("deadline_at", "id")
