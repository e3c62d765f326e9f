"""Officer pages: search, read, register, update, journey status, duplicates, export."""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.access import permissions as perms
from corridor.core.errors import ApplicationError, Conflict
from corridor.core.text import spreadsheet_safe
from corridor.registration import selectors
from corridor.registration.aggregates import destination_aggregates
from corridor.registration.domain import input_from
from corridor.registration.services import records
from corridor.registration.web.forms import MergeForm, OfficerRegistrationForm, SearchForm, StatusForm
from corridor.registration.workflow import REGISTRATION

View = Callable[..., HttpResponse]


def needs(permission: str) -> Callable[[View], View]:
    """Signed in, and holding the permission; anyone else finds nothing here (404)."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.actor.has(permission):  # type: ignore[attr-defined]
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


@needs(perms.VIEW_REGISTRATION)
def registration_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    form = SearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.registration_list(actor=actor, **filters), 25).get_page(
        request.GET.get("page")
    )
    selectors.registration_list_audit(actor=actor, shown=list(page), query=str(filters.get("q", "")))
    context = {
        "form": form,
        "page": page,
        "may_change": actor.has(perms.CHANGE_REGISTRATION),
        "may_export": actor.has(perms.EXPORT_REGISTRATION),
    }
    return render(request, "registration/officer_list.html", context, status=400 if form.errors else 200)


def _journey_choices(actor: Any, registration: Any) -> list[tuple[str, str]]:
    """(status, label) of the journey steps this officer may record now (the kernel's offer)."""
    options = records.journey_actions(actor=actor, registration=registration)
    return [(str(REGISTRATION.get(o.action).target), o.label) for o in options]  # type: ignore[union-attr]


@needs(perms.VIEW_REGISTRATION)
def registration_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    registration = selectors.registration_get(actor=actor, uuid=uuid)
    own = registration.state_id == actor.state
    context = {
        "registration": registration,
        "values": selectors.registration_as_dict(actor=actor, registration=registration),
        "own": own,
        "may_change": own and actor.has(perms.CHANGE_REGISTRATION),
        "status_form": StatusForm(statuses=_journey_choices(actor, registration) if own else []),
        "consents": selectors.consents_of(registration) if own else [],
    }
    return render(request, "registration/officer_detail.html", context)


def _save_form(request: HttpRequest, form: OfficerRegistrationForm, save: Callable[[], Any]) -> Any:
    try:
        return save()
    except records.PossibleDuplicate as exc:
        form.add_error(None, str(exc.message))
        request.duplicate_candidates = exc.candidates  # type: ignore[attr-defined]
    except ApplicationError as exc:
        form.add_service_errors(exc)
    return None


@needs(perms.CHANGE_REGISTRATION)
@require_http_methods(["GET", "POST"])
def registration_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    form = OfficerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registration = _save_form(
            request,
            form,
            lambda: records.registration_create(
                actor=actor,
                data=form.to_input(),
                consent_purposes=form.cleaned_data["consents"],
                allow_duplicate=form.cleaned_data["allow_duplicate"],
            ),
        )
        if registration is not None:
            messages.success(
                request, _("Registered under {reference}.").format(reference=registration.reference)
            )
            return redirect(registration.get_absolute_url())
    context = {"form": form, "candidates": getattr(request, "duplicate_candidates", []), "editing": None}
    return render(request, "registration/officer_form.html", context, status=400 if form.errors else 200)


@needs(perms.CHANGE_REGISTRATION)
@require_http_methods(["GET", "POST"])
def registration_edit(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    registration = selectors.registration_get(actor=actor, uuid=uuid, audit=False)
    if registration.state_id != actor.state:
        raise Http404
    # The form shows the decrypted passport number, phone, e-mail and addresses.
    selectors.registration_read_audit(actor=actor, registration=registration, form="edit")
    form = OfficerRegistrationForm(request.POST or None, initial=input_from(registration).__dict__)
    if request.method == "POST" and form.is_valid():
        saved = _save_form(
            request,
            form,
            lambda: records.registration_update(actor=actor, registration=registration, data=form.to_input()),
        )
        if saved is not None:
            messages.success(request, _("The registration was updated."))
            return redirect(registration.get_absolute_url())
    form.fields.pop("consents")
    form.fields.pop("allow_duplicate")
    context = {"form": form, "candidates": [], "editing": registration}
    return render(request, "registration/officer_form.html", context, status=400 if form.errors else 200)


@needs(perms.CHANGE_REGISTRATION)
@require_POST
def registration_status(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    registration = selectors.registration_get(actor=actor, uuid=uuid, audit=False)
    if registration.state_id != actor.state:
        raise Http404
    form = StatusForm(request.POST, statuses=_journey_choices(actor, registration))
    if not form.is_valid():
        messages.error(request, _("Choose a status and a valid date."))
        return redirect(registration.get_absolute_url())
    try:
        records.registration_set_status(
            actor=actor,
            registration=registration,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
        )
    except ApplicationError as exc:
        errors = [m for messages_ in exc.fields.values() for m in messages_] or [str(exc.message)]
        for error in errors:
            messages.error(request, error)
    else:
        messages.success(request, _("The status was changed."))
    return redirect(registration.get_absolute_url())


@needs(perms.CHANGE_REGISTRATION)
def duplicates(request: HttpRequest) -> HttpResponse:
    pairs = selectors.duplicate_pairs(actor=request.actor)  # type: ignore[attr-defined]
    return render(request, "registration/officer_duplicates.html", {"pairs": pairs})


@needs(perms.CHANGE_REGISTRATION)
@require_POST
def merge(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    form = MergeForm(request.POST)
    if not form.is_valid():
        raise Http404
    first = selectors.registration_get(actor=actor, uuid=form.cleaned_data["first"], audit=False)
    second = selectors.registration_get(actor=actor, uuid=form.cleaned_data["second"], audit=False)
    if first.state_id != actor.state or second.state_id != actor.state:
        raise Http404
    try:
        kept = records.registration_merge(actor=actor, first=first, second=second)
    except Conflict as exc:
        messages.error(request, str(exc.message))
        return redirect("registration:duplicates")
    messages.success(request, _("Merged into {reference}.").format(reference=kept.reference))
    return redirect(kept.get_absolute_url())


@needs(perms.EXPORT_REGISTRATION)
def export(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    rows = selectors.registration_export(actor=actor, q=request.GET.get("q", "")[:100])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="consular-registrations.csv"'
    writer = csv.DictWriter(response, fieldnames=list(selectors.EXPORT_FIELDS), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
    return response


@needs(perms.VIEW_REGISTRATION)
def aggregates(request: HttpRequest) -> HttpResponse:
    """Destination-state officers: counts only, from states that granted aggregates."""
    actor = request.actor  # type: ignore[attr-defined]
    blocks = destination_aggregates(actor=actor)
    return render(request, "registration/aggregates.html", {"blocks": blocks, "state": actor.state})
