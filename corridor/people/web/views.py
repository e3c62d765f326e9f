"""Person-record pages: search, read, create, export. All through selectors and services."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.access import permissions as perms
from corridor.core.errors import ApplicationError
from corridor.core.text import spreadsheet_safe
from corridor.people import selectors, services
from corridor.people.web.forms import PersonForm, PersonSearchForm


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.VIEW_PERSON):
        raise Http404
    form = PersonSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    records = selectors.person_list(actor=actor, **filters)
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    selectors.person_list_audit(actor=actor, shown=list(page), query=str(filters.get("q", "")))
    context = {
        "form": form,
        "page": page,
        "may_create": actor.has(perms.CHANGE_PERSON),
        "may_export": actor.has(perms.EXPORT_PERSON),
    }
    return render(request, "people/person_list.html", context, status=400 if form.errors else 200)


@login_required
def person_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    person = selectors.person_get(actor=actor, uuid=uuid)
    values = selectors.person_as_dict(actor=actor, person=person)
    context = {"person": person, "values": values, "own": person.state_id == actor.state}
    return render(request, "people/person_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.CHANGE_PERSON):
        raise Http404
    form = PersonForm(request.POST or None, initial={"citizenship": actor.state})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=actor, **form.service_kwargs())  # type: ignore[arg-type]
        except ApplicationError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("The record was saved."))
            return redirect(person.get_absolute_url())
    return render(request, "people/person_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def person_export(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.EXPORT_PERSON):
        raise Http404
    rows = selectors.person_export(actor=actor, q=request.GET.get("q", "")[:100])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="person-records.csv"'
    columns = ["uuid", "state", *selectors.SHAREABLE_FIELDS]
    writer = csv.DictWriter(response, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        # A leading = + - @ would run as a formula in a spreadsheet: neutralise it.
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return response
