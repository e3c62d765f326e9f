"""Back office: the complaints queue with RAG badges, and the detail page with its decisions.

Complaints of another state are 404, as if absent (the concerned state gets exchange messages).
Only the actions the kernel says this officer may take now are offered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.cases.services import ActionOption
from corridor.core.errors import ApplicationError
from corridor.grievances import selectors, services
from corridor.grievances.models import Complaint
from corridor.grievances.web.forms import AssignForm, DecisionForm, QueueForm, TriageForm
from corridor.grievances.workflow import DECISIONS


def _handler(request: HttpRequest) -> Actor:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.HANDLE_GRIEVANCES):
        raise Http404
    return actor


def _put_on_form(form: Form, write: Callable[[], Any]) -> bool:
    """Run a service; its refusal goes on the form (a field, or the whole form). True if done."""
    try:
        write()
    except ApplicationError as exc:
        if not exc.fields:
            form.add_error(None, str(exc.message))
        for field, errors in exc.fields.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return False
    return True


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    actor = _handler(request)
    form = QueueForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.QueueFilters(**{k: v for k, v in data.items() if v})
    now = timezone.now()
    page = Paginator(selectors.complaint_queue(actor=actor, filters=filters, now=now), 25)
    rows = page.get_page(request.GET.get("page"))
    badges = [(c, selectors.rag(c, now)) for c in rows]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": rows, "badges": badges, "query": query.urlencode()}
    return render(request, "grievances/office_queue.html", context)


def _forms(request: HttpRequest, complaint: Complaint, options: list[ActionOption]) -> dict[str, Form]:
    step = request.POST.get("step") if request.method == "POST" else None
    organisations = [
        (str(o.uuid), f"{o.name} ({o.state_id})") for o in services.assignable_organisations(complaint)
    ]
    actions = [(o.action, o.label) for o in options if o.action in DECISIONS]
    initial = {"category": complaint.category, "severity": complaint.severity}
    return {
        "triage": TriageForm(request.POST if step == "triage" else None, initial=initial),
        "assign": AssignForm(request.POST if step == "assign" else None, organisations=organisations),
        "decision": DecisionForm(request.POST if step == "decision" else None, actions=actions),
    }


def _write(actor: Actor, complaint: Complaint, step: str, data: dict[str, Any]) -> Callable[[], Any]:
    if step == "triage":
        return lambda: services.complaint_triage(actor=actor, complaint=complaint, **data)
    if step == "assign":
        return lambda: services.complaint_assign(actor=actor, complaint=complaint, **data)
    return lambda: services.complaint_decide(actor=actor, complaint=complaint, **data)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _handler(request)
    complaint = selectors.complaint_for_officer(actor=actor, uuid=uuid)
    options = services.complaint_actions(actor=actor, complaint=complaint)
    offered = [o.action for o in options]
    if "correct" in offered:  # the triage form corrects a triaged complaint
        offered.append("triage")
    forms = _forms(request, complaint, options)
    step = str(request.POST.get("step", ""))
    if request.method == "POST":
        form = forms.get(step)
        if form is None:
            raise Http404
        if form.is_valid() and _put_on_form(form, _write(actor, complaint, step, form.cleaned_data)):
            messages.success(request, _("The decision was recorded."))
            return redirect(complaint.get_absolute_url())
    identity = None
    if complaint.is_named:
        identity = selectors.complainant_identity(complaint=complaint)
        audit_record(
            actor=actor, action="complaint.viewed", target=complaint, data={"fields": ["name", "contact"]}
        )
    context = {
        "complaint": complaint,
        "rag": selectors.rag(complaint, timezone.now()),
        "history": selectors.case_history(complaint=complaint),
        "identity": identity,
        "forms": forms,
        "actions": offered,
    }
    failed = any(f.errors for f in forms.values())
    return render(request, "grievances/office_detail.html", context, status=400 if failed else 200)
