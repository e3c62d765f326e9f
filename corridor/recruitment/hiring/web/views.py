"""Hiring pages: a phone-first public part (apply, follow, verify) and the agency's back office."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.access import permissions as perms
from corridor.recruitment import selectors as recruitment_selectors
from corridor.recruitment.hiring import selectors
from corridor.recruitment.hiring.services import applications as application_services
from corridor.recruitment.hiring.services import contracts as contract_services
from corridor.recruitment.hiring.services.contracts import MAX_SIGNED_BYTES
from corridor.recruitment.hiring.web.forms import (
    ApplyForm,
    ContractForm,
    DecisionForm,
    SignedForm,
    StatusForm,
    VerifyForm,
)
from corridor.recruitment.web.office_views import _attempt


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, uuid: str) -> HttpResponse:
    job = recruitment_selectors.public_vacancy_get(uuid=uuid)
    valid, reason = recruitment_selectors.vacancy_validity(vacancy=job)
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and application_services.apply_rate_limited(
        client=str(request.META.get("REMOTE_ADDR", "unknown"))
    ):
        message = application_services.too_many_message()
        response = render(request, "recruitment/too_many.html", {"message": message}, status=429)
        response["Retry-After"] = str(application_services.RATE_WINDOW)
        return response
    if request.method == "POST" and form.is_valid():
        actor = request.actor  # type: ignore[attr-defined]
        done = _attempt(
            form,
            lambda: application_services.application_submit(actor=actor, vacancy=job, data=form.applicant()),
        )
        if done is not None:
            messages.success(
                request,
                _("Your application was sent. Keep its reference number: {reference}").format(
                    reference=done.reference
                ),
            )
            return redirect(reverse("hiring:status") + "?" + urlencode({"reference": done.reference}))
    context = {"vacancy": job, "valid": valid, "reason": reason, "form": form}
    return render(request, "hiring/apply.html", context, status=400 if form.errors else 200)


def status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.GET or None)
    application, code = None, 400 if form.is_bound and not form.is_valid() else 200
    if form.is_valid():
        try:
            application = selectors.public_application_status(reference=form.cleaned_data["reference"])
        except Http404:
            form.add_error("reference", _("No application has this reference number."))
            code = 404
    return render(request, "hiring/status.html", {"form": form, "application": application}, status=code)


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST or None, request.FILES or None)
    answer = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        answer = selectors.contract_verify(
            reference=form.cleaned_data["reference"],
            content=upload.read() if upload else None,
            sha256=form.cleaned_data.get("sha256") or "",
        )
    return render(
        request, "hiring/verify.html", {"form": form, "answer": answer}, status=400 if form.errors else 200
    )


def _officer(request: HttpRequest) -> Any:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.MANAGE_RECRUITMENT):
        raise Http404
    return actor


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    actor = _officer(request)
    rows = selectors.applications_for_officer(actor=actor, status=request.GET.get("status", ""))
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "hiring/office_applications.html", {"page": page})


def _detail_write(request: HttpRequest, actor: Any, application: Any, forms: dict[str, Any]) -> Any:
    step = request.POST.get("step", "")
    form = forms.get(step)
    if form is None or not form.is_valid():
        return None
    if step == "decision":
        write: Any = lambda: application_services.application_decide(  # noqa: E731
            actor=actor, application=application, **form.cleaned_data
        )
    elif step == "contract":
        write = lambda: contract_services.contract_generate(  # noqa: E731
            actor=actor, application=application, language=form.cleaned_data["language"]
        )
    else:
        contract = selectors.contract_of(application)
        upload = form.cleaned_data.get("file")
        if contract is None:
            raise Http404
        write = lambda: contract_services.contract_record_signed(  # noqa: E731
            actor=actor, contract=contract, content=upload.read(MAX_SIGNED_BYTES + 1) if upload else None
        )
    return _attempt(form, write)


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _officer(request)
    application = selectors.application_for_officer(actor=actor, uuid=uuid)
    posted = request.POST.get("step", "")
    offered = application_services.application_actions(actor=actor, application=application)
    forms = {
        "decision": DecisionForm(
            request.POST if posted == "decision" else None, actions=[(o.action, o.label) for o in offered]
        ),
        "contract": ContractForm(request.POST if posted == "contract" else None),
        "signed": SignedForm(request.POST if posted == "signed" else None, request.FILES or None),
    }
    if request.method == "POST":
        if _detail_write(request, actor, application, forms) is not None:
            messages.success(request, _("Saved."))
            return redirect(application.get_absolute_url())
    application.refresh_from_db()
    context = {
        "application": application,
        "details": selectors.applicant_details(application),
        "contract": selectors.contract_of(application),
        "allowed": application_services.application_actions(actor=actor, application=application),
        **{f"{name}_form": form for name, form in forms.items()},
    }
    failed = request.method == "POST"
    return render(request, "hiring/office_application.html", context, status=400 if failed else 200)


@login_required
def contract_page(request: HttpRequest, uuid: str) -> HttpResponse:
    contract = selectors.contract_for_officer(actor=_officer(request), uuid=uuid)
    context = {"contract": contract, "text": selectors.contract_text(contract)}
    return render(request, "hiring/contract.html", context)


@login_required
def contract_canonical(request: HttpRequest, uuid: str) -> HttpResponse:
    """The exact bytes that were hashed (UTF-8, LF line ends)."""
    contract = selectors.contract_for_officer(actor=_officer(request), uuid=uuid)
    response = HttpResponse(
        selectors.contract_text(contract).encode("utf-8"), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{contract.reference}.txt"'
    return response
