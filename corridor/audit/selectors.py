"""Reads of the audit trail, limited to what concerns the actor's own state."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.access.scoping import StateOwnedModel
from corridor.audit.models import AuditEvent


def state_events(*, actor: Actor) -> QuerySet[AuditEvent]:
    """Events done by the state's people or done to the state's records."""
    if not actor.state or not actor.has(perms.VIEW_AUDIT):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(Q(actor_state=actor.state) | Q(target_state=actor.state)).order_by(
        "-seq"
    )


def _owned_record_model(record_type: str) -> type[StateOwnedModel]:
    try:
        model = apps.get_model(record_type)
    except (LookupError, ValueError) as exc:
        raise Http404 from exc
    if not issubclass(model, StateOwnedModel):
        raise Http404
    return model


def record_access_log(
    *, actor: Actor, record_type: str, uuid: UUID | str
) -> tuple[Any, QuerySet[AuditEvent]]:
    """Who touched one of the state's own records. Other states' records are 404."""
    if not actor.state or not actor.has(perms.VIEW_RECORD_ACCESS):
        raise Http404
    model = _owned_record_model(record_type)
    try:
        # An ownership check only: the auditor learns that the record is theirs, not its content.
        owned = model.objects.for_state(actor.state).filter(uuid=uuid).values_list("uuid", flat=True).first()
    except ValidationError as exc:
        raise Http404 from exc
    if owned is None:
        raise Http404
    events = (
        AuditEvent.objects.about(model._meta.label_lower, owned)
        .select_related("organisation")
        .order_by("-seq")
    )
    return owned, events
