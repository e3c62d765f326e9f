"""Public pages: no sign-in, phone-first. The register, job-ad checks and fee reports."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.core.errors import ApplicationError
from corridor.recruitment import selectors
from corridor.recruitment.complaints import vacancy_under_review, with_complaints
from corridor.recruitment.paging import CappedPaginator
from corridor.recruitment.services import fees as fee_services
from corridor.recruitment.web.forms import FeeReportForm, SearchForm, VacancySearchForm, VerifyForm


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "recruitment/public_index.html", {"sdg": selectors.sdg_10_7_1_overall()})


def agency_search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = Paginator(selectors.public_agencies(q=q), 25).get_page(request.GET.get("page"))
    return render(request, "recruitment/public_agencies.html", {"form": form, "page": page, "q": q})


def agency_page(request: HttpRequest, uuid: str) -> HttpResponse:
    card = with_complaints(selectors.agency_scorecard(agency=selectors.public_agency_get(uuid=uuid)))
    qr = selectors.qr_svg(request.build_absolute_uri(card.agency.get_public_url()))
    return render(request, "recruitment/public_agency.html", {"card": card, "qr": qr})


def verify(request: HttpRequest) -> HttpResponse:
    """Is this job ad or agency real? One field for the short public id (or the QR address)."""
    form = VerifyForm(request.GET or None)
    text = form.cleaned_data.get("code", "") if form.is_valid() else ""
    check = selectors.public_check(text=text) if text else None
    return render(request, "recruitment/verify.html", {"form": form, "check": check})


def vacancy_search(request: HttpRequest) -> HttpResponse:
    form = VacancySearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.public_vacancies(**{k: v or "" for k, v in filters.items()})
    page = CappedPaginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "recruitment/public_vacancies.html", {"form": form, "page": page})


def vacancy_page(request: HttpRequest, uuid: str) -> HttpResponse:
    vacancy = selectors.public_vacancy_get(uuid=uuid)
    valid, reason = selectors.vacancy_validity(vacancy=vacancy)
    qr = selectors.qr_svg(request.build_absolute_uri(vacancy.get_public_url()))
    under_review = vacancy_under_review(vacancy=vacancy)
    context = {"vacancy": vacancy, "valid": valid, "reason": reason, "qr": qr, "under_review": under_review}
    return render(request, "recruitment/public_vacancy.html", context)


@require_http_methods(["GET", "POST"])
def fee_report(request: HttpRequest) -> HttpResponse:
    form = FeeReportForm(request.POST or None, initial={"agency": request.GET.get("agency", "")[:40]})
    if request.method == "POST":
        if fee_services.rate_limited(client=str(request.META.get("REMOTE_ADDR", "unknown"))):
            response = render(
                request, "recruitment/too_many.html", {"message": fee_services.too_many_message()}, status=429
            )
            response["Retry-After"] = str(fee_services.RATE_WINDOW)
            return response
        if form.is_valid():
            try:
                fee_services.fee_report_create(
                    agency_ref=form.cleaned_data["agency"], data=form.service_data()
                )
            except ApplicationError as exc:
                for field, errors in exc.fields.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, _("Thank you. Your report was saved without your name."))
                return redirect("recruitment:index")
    return render(request, "recruitment/fee_report.html", {"form": form}, status=400 if form.errors else 200)
