"""Back-office pages: employers, certification, inspections and sanctions; the public RSS feed.

Every page starts from what the officer may see: another state's agency or finding is 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from corridor.access import permissions as perms
from corridor.recruitment import selectors
from corridor.recruitment.complaints import with_complaints
from corridor.recruitment.models import Vacancy
from corridor.recruitment.services import certification as certification_services
from corridor.recruitment.services import employers as employer_services
from corridor.recruitment.services import inspections as inspection_services
from corridor.recruitment.web.compliance_forms import (
    CertificationDecisionForm,
    EmployerForm,
    InspectionForm,
    SanctionForm,
    SelfAssessmentForm,
)
from corridor.recruitment.web.forms import SearchForm
from corridor.recruitment.web.office_views import _attempt, _officer


@login_required
@require_http_methods(["GET", "POST"])
def employer_list(request: HttpRequest) -> HttpResponse:
    actor = _officer(request, perms.MANAGE_RECRUITMENT)
    search = SearchForm(request.GET or None)
    q = search.cleaned_data.get("q", "") if search.is_valid() else ""
    accounts = selectors.unlinked_employer_accounts(actor=actor)
    form = EmployerForm(request.POST or None, organisations=[(str(o.uuid), o.name) for o in accounts])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["organisation"] = selectors.organisation_for_link(actor=actor, uuid=data["organisation"])
        if _attempt(form, lambda: employer_services.employer_create(actor=actor, **data)) is not None:
            messages.success(request, _("The employer was registered."))
            return redirect("recruitment:employer-list")
    rows = selectors.employers_for_officer(actor=actor, q=q)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    context = {"form": form, "search": search, "page": page}
    return render(request, "recruitment/office_employers.html", context, status=400 if form.errors else 200)


def _certification_forms(request: HttpRequest, answers: dict[str, Any]) -> tuple[Any, Any]:
    step = request.POST.get("step") if request.method == "POST" else None
    assess = SelfAssessmentForm(request.POST if step == "assess" else None, answers=answers)
    decide = CertificationDecisionForm(request.POST if step == "decide" else None)
    return assess, decide


def _certification_post(request: HttpRequest, actor: Any, agency: Any, assess: Any, decide: Any) -> bool:
    step = request.POST.get("step")
    if step == "start":
        done = _attempt(
            decide, lambda: certification_services.certification_start(actor=actor, agency=agency)
        )
    elif step == "assess" and assess.is_valid():
        done = _attempt(
            assess,
            lambda: certification_services.certification_self_assess(
                actor=actor, agency=agency, answers=assess.answers()
            ),
        )
    elif step == "decide" and decide.is_valid():
        data = {**decide.cleaned_data, "interviews_count": decide.cleaned_data["interviews_count"] or 0}
        done = _attempt(
            decide,
            lambda: certification_services.certification_transition(actor=actor, agency=agency, **data),
        )
    else:
        return False
    return done is not None


@login_required
@require_http_methods(["GET", "POST"])
def certification_page(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _officer(request, perms.MANAGE_AGENCIES)
    agency = selectors.agency_for_officer(actor=actor, uuid=uuid)
    card = with_complaints(selectors.agency_scorecard(agency=agency))
    answers = card.certification.answers if card.certification else {}
    assess, decide = _certification_forms(request, answers)
    if request.method == "POST" and _certification_post(request, actor, agency, assess, decide):
        messages.success(request, _("The decision was recorded."))
        return redirect("recruitment:certification", uuid=agency.uuid)
    certification = card.certification
    allowed = (
        [
            o.label
            for o in certification_services.certification_allowed_actions(
                actor=actor, certification=certification
            )
        ]
        if certification is not None
        else []
    )
    context = {"agency": agency, "card": card, "assess": assess, "decide": decide, "allowed": allowed}
    failed = request.method == "POST"
    return render(request, "recruitment/office_certification.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_page(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _officer(request, perms.MANAGE_AGENCIES)
    agency = selectors.agency_for_officer(actor=actor, uuid=uuid)
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: inspection_services.inspection_record(
                actor=actor,
                agency=agency,
                inspected_on=data["inspected_on"],
                summary=data["summary"],
                findings=form.findings(),
            ),
        )
        if done is not None:
            messages.success(request, _("The inspection was recorded."))
            return redirect("recruitment:inspections", uuid=agency.uuid)
    context = {
        "agency": agency,
        "form": form,
        "inspections": selectors.inspections_for_officer(actor=actor, agency=agency),
        "today": timezone.localdate(),
    }
    return render(request, "recruitment/office_inspections.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def finding_resolve(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _officer(request, perms.MANAGE_AGENCIES)
    finding = selectors.finding_for_officer(actor=actor, uuid=uuid)
    form = SearchForm()  # carries a refusal, if any, into a message
    if _attempt(form, lambda: inspection_services.finding_resolve(actor=actor, finding=finding)) is None:
        for error in form.non_field_errors():
            messages.error(request, str(error))
    else:
        messages.success(request, _("The corrective action is marked done."))
    return redirect("recruitment:inspections", uuid=finding.inspection.agency.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def sanction_page(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _officer(request, perms.MANAGE_AGENCIES)
    agency = selectors.agency_for_officer(actor=actor, uuid=uuid)
    form = SanctionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form, lambda: inspection_services.sanction_impose(actor=actor, agency=agency, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, _("The sanction was recorded and published."))
            return redirect("recruitment:sanctions", uuid=agency.uuid)
    context = {
        "agency": agency,
        "form": form,
        "card": with_complaints(selectors.agency_scorecard(agency=agency)),
    }
    return render(request, "recruitment/office_sanctions.html", context, status=400 if form.errors else 200)


class VacancyRssFeed(Feed):
    """RSS 2.0 for partner job boards: the newest valid job ads (published, open, licensed)."""

    title = gettext_lazy("Verified job ads")
    description = gettext_lazy("Job ads verified by the destination state and published.")

    def link(self) -> str:
        return reverse("recruitment:public-vacancies")

    def items(self) -> list[Vacancy]:
        return selectors.vacancy_feed()

    def item_title(self, item: Vacancy) -> str:
        return f"{item.title} — {item.employer_name}"

    def item_description(self, item: Vacancy) -> str:
        place = ", ".join(p for p in (item.city, item.destination_id) if p)
        return f"{place}: {item.wage_amount} {item.wage_currency}. {item.description}"

    def item_link(self, item: Vacancy) -> str:
        return item.get_public_url()

    def item_guid(self, item: Vacancy) -> str:
        return str(item.uuid)

    item_guid_is_permalink = False

    def item_pubdate(self, item: Vacancy) -> Any:
        return item.published_at
