from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.audit import selectors
from corridor.audit.services import audit_record


@login_required
def record_access(request: HttpRequest, record_type: str, uuid: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    owned, events = selectors.record_access_log(actor=actor, record_type=record_type, uuid=uuid)
    audit_record(
        actor=actor,
        action="audit_log.viewed",
        target_type=record_type,
        target_uuid=owned,
        target_state=actor.state,
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {"page": page, "record_type": record_type, "record_uuid": owned}
    return render(request, "audit/record_access.html", context)


@login_required
def state_log(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    events = selectors.state_events(actor=actor)
    if not actor.has("audit.view_audit"):
        raise Http404
    action = request.GET.get("action", "")[:80]
    if action:
        events = events.filter(action=action)
    page = Paginator(events.select_related("organisation"), 50).get_page(request.GET.get("page"))
    return render(request, "audit/state_log.html", {"page": page, "action": action})
