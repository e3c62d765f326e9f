"""Public pages: file a complaint (phone-first, anonymous allowed) and follow it by reference."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.core.errors import ApplicationError
from corridor.grievances import selectors, services
from corridor.grievances.web.forms import ComplaintForm, FollowForm
from corridor.recruitment.services import fees as fee_services

SESSION_KEY = "grievances_reference"


def client_of(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def too_many(request: HttpRequest, message: str) -> HttpResponse:
    response = render(request, "grievances/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(fee_services.RATE_WINDOW)
    return response


def _initial(request: HttpRequest) -> dict[str, str]:
    """A link from an agency's or a job ad's page names its subject (``?agency=`` / ``?vacancy=``)."""
    initial = {"agency": request.GET.get("agency", "")[:36], "vacancy": request.GET.get("vacancy", "")[:36]}
    if initial["vacancy"]:
        initial["subject"] = "vacancy"
    elif initial["agency"]:
        initial["subject"] = "agency"
    return initial


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    form = ComplaintForm(request.POST or None, initial=_initial(request))
    if request.method == "POST":
        if services.filing_rate_limited(client=client_of(request)):
            return too_many(request, services.too_many_message())
        if form.is_spam():
            form.add_error(None, _("The form could not be sent. Please try again."))
        elif form.is_valid():
            try:
                complaint = services.complaint_file(data=form.service_data())
            except ApplicationError as exc:
                for field, errors in exc.fields.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                request.session[SESSION_KEY] = complaint.reference
                return redirect("grievances:sent")
    status = 400 if form.errors else 200
    return render(request, "grievances/complaint_form.html", {"form": form}, status=status)


def complaint_sent(request: HttpRequest) -> HttpResponse:
    """Shows the reference once: it is the complainant's only key to the complaint."""
    reference = request.session.pop(SESSION_KEY, None)
    if not reference:
        return redirect("grievances:follow")
    return render(request, "grievances/complaint_sent.html", {"reference": reference})


@require_http_methods(["GET", "POST"])
def complaint_follow(request: HttpRequest) -> HttpResponse:
    """POST, not GET: the reference stays out of addresses, history and server logs."""
    form = FollowForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        complaint = selectors.complaint_by_reference(reference=form.cleaned_data["reference"])
        if complaint is None:
            # Only misses count: guessing is limited, following one's own complaint is not.
            if services.filing_rate_limited(client=f"follow:{client_of(request)}"):
                return too_many(request, _("Too many unknown reference numbers. Please wait ten minutes."))
            form.add_error("reference", _("No complaint has this reference number. Check it and try again."))
        else:
            context["complaint"] = complaint
            context["history"] = selectors.complaint_history(complaint=complaint, public_only=True)
    return render(request, "grievances/complaint_follow.html", context, status=400 if form.errors else 200)
