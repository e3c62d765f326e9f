"""Back-office pages for labour officers. Other states' records are 404, as if absent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.access import permissions as perms
from corridor.core.errors import ApplicationError
from corridor.recruitment import selectors
from corridor.recruitment.complaints import with_complaints
from corridor.recruitment.services import agencies as agency_services
from corridor.recruitment.services import vacancies as vacancy_services
from corridor.recruitment.web.forms import (
    AgencyForm,
    LicenceDecisionForm,
    SearchForm,
    VacancyDecisionForm,
    VacancyForm,
)


def _attempt(form: Form, write: Callable[[], Any]) -> Any:
    """Run a service; put its refusal on the form (fields or whole form). None when refused."""
    try:
        return write()
    except ApplicationError as exc:
        if not exc.fields:
            form.add_error(None, str(exc.message))
        for field, errors in exc.fields.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return None


def _officer(request: HttpRequest, permission: str) -> Any:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(permission):
        raise Http404
    return actor


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    actor = _officer(request, perms.MANAGE_AGENCIES)
    form = SearchForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = Paginator(selectors.agencies_for_officer(actor=actor, q=q), 25).get_page(request.GET.get("page"))
    return render(request, "recruitment/office_agencies.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def agency_create(request: HttpRequest) -> HttpResponse:
    actor = _officer(request, perms.MANAGE_AGENCIES)
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agency = _attempt(form, lambda: agency_services.agency_create(actor=actor, **form.cleaned_data))
        if agency is not None:
            messages.success(request, _("The agency was registered with a draft licence."))
            return redirect(agency.get_absolute_url())
    return render(
        request,
        "recruitment/office_form.html",
        {"form": form, "heading": _("Register an agency")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _officer(request, perms.MANAGE_AGENCIES)
    agency = selectors.agency_for_officer(actor=actor, uuid=uuid)
    form = LicenceDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form, lambda: agency_services.licence_transition(actor=actor, agency=agency, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, _("The decision was recorded."))
            return redirect(agency.get_absolute_url())
    agency.licence.refresh_from_db()
    context = {
        "agency": agency,
        "form": form,
        "card": with_complaints(selectors.agency_scorecard(agency=agency)),
        "allowed": [o.label for o in agency_services.licence_allowed_actions(actor=actor, agency=agency)],
    }
    return render(request, "recruitment/office_agency.html", context, status=400 if form.errors else 200)


def _poster(request: HttpRequest) -> Any:
    """Recruitment officers and employer accounts post job orders; anyone else finds nothing here."""
    actor = request.actor  # type: ignore[attr-defined]
    if not (actor.has(perms.MANAGE_RECRUITMENT) or actor.has(perms.POST_JOB_ORDERS)):
        raise Http404
    return actor


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    actor = _poster(request)
    page = Paginator(selectors.vacancies_for_officer(actor=actor), 25).get_page(request.GET.get("page"))
    queue = list(selectors.verification_queue(actor=actor)[:50])
    return render(request, "recruitment/office_vacancies.html", {"page": page, "queue": queue})


def _vacancy_form(request: HttpRequest, actor: Any) -> VacancyForm:
    if not actor.has(perms.MANAGE_RECRUITMENT):  # an employer account posts as itself
        return VacancyForm(request.POST or None, agencies=None)
    agencies = [(str(a.uuid), a.name) for a in selectors.agencies_for_officer(actor=actor)]
    employers = [(str(e.uuid), f"{e.name} ({e.country_id})") for e in selectors.employer_choices()]
    return VacancyForm(request.POST or None, agencies=agencies, employers=employers)


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request: HttpRequest) -> HttpResponse:
    actor = _poster(request)
    form = _vacancy_form(request, actor)
    if request.method == "POST" and form.is_valid():
        uuid = form.cleaned_data.get("agency")
        agency = selectors.agency_for_officer(actor=actor, uuid=uuid) if uuid else None
        vacancy = _attempt(
            form,
            lambda: vacancy_services.vacancy_create(actor=actor, agency=agency, data=form.service_data()),
        )
        if vacancy is not None:
            messages.success(request, _("The vacancy was sent to the destination state for verification."))
            return redirect(vacancy.get_absolute_url())
    return render(
        request,
        "recruitment/office_form.html",
        {"form": form, "heading": _("Post a vacancy")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    vacancy = selectors.vacancy_for_officer(actor=actor, uuid=uuid)
    offered = vacancy_services.vacancy_actions(actor=actor, vacancy=vacancy)
    form = VacancyDecisionForm(request.POST or None, actions=[(o.action, o.label) for o in offered])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: vacancy_services.vacancy_decide(
                actor=actor, vacancy=vacancy, action=data["action"], reason=data["reason"]
            ),
        )
        if done is not None:
            messages.success(request, _("The decision was recorded."))
            return redirect(vacancy.get_absolute_url())
    valid, reason = selectors.vacancy_validity(vacancy=vacancy)
    context = {"vacancy": vacancy, "form": form, "valid": valid, "reason": reason}
    return render(request, "recruitment/office_vacancy.html", context, status=400 if form.errors else 200)
