"""Agreements administration and break-glass pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.access import permissions as perms
from corridor.access import selectors, services
from corridor.access.models import AgreementStatus
from corridor.access.web.forms import AgreementForm, BreakGlassForm, ReviewForm, StatusForm
from corridor.core.errors import ApplicationError


def _apply_errors(form: AgreementForm | BreakGlassForm | ReviewForm, exc: ApplicationError) -> None:
    for field, errors in exc.fields.items():
        for error in errors:
            target = "shared_fields" if field == "fields" else field
            form.add_error(target if target in form.fields else None, error)
    if not exc.fields:
        form.add_error(None, str(exc.message))


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.VIEW_AGREEMENTS):
        raise Http404
    agreements = selectors.agreement_list(actor=actor)
    may_draft = actor.has(perms.DRAFT_AGREEMENTS)
    return render(
        request, "access/agreement_list.html", {"agreements": agreements[:200], "may_draft": may_draft}
    )


@login_required
def agreement_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    agreement = selectors.agreement_get(actor=actor, uuid=uuid)
    may_manage = actor.has(perms.MANAGE_AGREEMENTS) and actor.state == agreement.grantor_id
    context = {
        "agreement": agreement,
        "may_manage": may_manage,
        "form": StatusForm(),
        "statuses": AgreementStatus,
    }
    return render(request, "access/agreement_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.DRAFT_AGREEMENTS):
        raise Http404
    initial = {"grantor": actor.state} if actor.state else {}
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(actor=actor, **form.service_kwargs())
        except ApplicationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The agreement was saved as a draft."))
            return redirect("access:agreement-detail", uuid=agreement.uuid)
    return render(request, "access/agreement_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def agreement_status(request: HttpRequest, uuid: str, status: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    agreement = selectors.agreement_get(actor=actor, uuid=uuid)
    if status not in AgreementStatus.values:
        raise Http404
    form = StatusForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.agreement_set_status(actor=actor, agreement=agreement, status=status, reason=reason)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request, _("The agreement is now {status}.").format(status=AgreementStatus(status).label)
        )
    return redirect("access:agreement-detail", uuid=agreement.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def break_glass_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not (actor.has(perms.REQUEST_BREAK_GLASS) or actor.has(perms.REVIEW_BREAK_GLASS)):
        raise Http404
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and actor.has(perms.REQUEST_BREAK_GLASS) and form.is_valid():
        try:
            services.break_glass_open(actor=actor, **form.cleaned_data)
        except ApplicationError as exc:
            _apply_errors(form, exc)
        else:
            messages.warning(
                request, _("Emergency access is open. Every read is recorded and will be reviewed.")
            )
            return redirect("access:break-glass-list")
    context = {
        "grants": selectors.break_glass_list(actor=actor)[:200],
        "form": form if actor.has(perms.REQUEST_BREAK_GLASS) else None,
        "may_review": actor.has(perms.REVIEW_BREAK_GLASS),
        "review_form": ReviewForm(),
    }
    return render(request, "access/break_glass.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def break_glass_close(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    grant = selectors.break_glass_get(actor=actor, uuid=uuid)
    services.break_glass_close(actor=actor, grant=grant)
    messages.success(request, _("Emergency access closed."))
    return redirect("access:break-glass-list")


@login_required
@require_POST
def break_glass_review(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    grant = selectors.break_glass_get(actor=actor, uuid=uuid)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome and write a note."))
        return redirect("access:break-glass-list")
    try:
        services.break_glass_review(actor=actor, grant=grant, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Review recorded."))
    return redirect("access:break-glass-list")
