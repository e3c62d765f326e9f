"""Public self-registration pages: no account; a code by email or SMS; a signed come-back link.

Errors of the code check are rendered, not raised: the request's transaction must commit
so that a wrong attempt counts (see ``services.public.self_registration_verify``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from corridor.core.errors import ApplicationError, NotFound
from corridor.registration import selectors
from corridor.registration.choices import ConsentPurpose
from corridor.registration.domain import input_from
from corridor.registration.models import Registration
from corridor.registration.services import public
from corridor.registration.web.forms import CodeForm, SelfRegistrationForm, SelfUpdateForm


def client_address(request: HttpRequest) -> str:
    # The proxy in front is trusted to set REMOTE_ADDR; X-Forwarded-For is not read here.
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "registration/too_many.html", status=429)
    response["Retry-After"] = str(public.RATE_WINDOW)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    form = SelfRegistrationForm(request.POST or None)
    if request.method == "POST":
        if public.rate_limited(client=client_address(request)):
            return too_many(request)
        if form.is_valid():
            try:
                started = public.self_registration_start(
                    consulate_uuid=form.cleaned_data["consulate"],
                    citizenship=form.cleaned_data["citizenship"],
                    data=form.to_input(),
                    consent_purposes=form.cleaned_data["consents"],
                    verify_by=form.cleaned_data["verify_by"],
                )
            except ApplicationError as exc:
                form.add_service_errors(exc)
            else:
                if started.demo_code:
                    messages.info(
                        request,
                        _("Demonstration system: nothing was sent. The code would have been {code}.").format(
                            code=started.demo_code
                        ),
                    )
                return redirect("registration:verify", token=started.verification_token)
    status = 400 if form.errors else 200
    return render(request, "registration/self_start.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verified = public.self_registration_verify(token=token, code=form.cleaned_data["code"])
        except NotFound as exc:
            return render(request, "registration/link_invalid.html", {"message": exc.message}, status=404)
        except ApplicationError as exc:
            for message in exc.fields.get("code", [str(exc.message)]):
                form.add_error("code", message)
        else:
            url = request.build_absolute_uri(reverse("registration:mine", args=[verified.comeback_token]))
            public.send_comeback_link(registration=verified.registration, url=url)
            messages.success(request, _("Thank you: your registration is confirmed."))
            return redirect("registration:mine", token=verified.comeback_token)
    status = 400 if form.errors else 200
    return render(request, "registration/self_verify.html", {"form": form}, status=status)


def _from_link(token: str) -> Registration:
    """A link that is forged, expired or replaced finds nothing, like any unknown page."""
    try:
        return public.registration_from_comeback(token)
    except NotFound as exc:
        raise Http404 from exc


def _mine_context(request: HttpRequest, registration: Registration, token: str) -> dict[str, object]:
    consents = selectors.consents_of(registration)
    active = {
        c.purpose
        for c in consents
        if c.is_active and c.recipient_id in (None, registration.destination_country_id)
    }
    return {
        "registration": registration,
        "token": token,
        "link": request.build_absolute_uri(reverse("registration:mine", args=[token])),
        "consent_rows": [(purpose, label, purpose in active) for purpose, label in ConsentPurpose.choices],
        "history": consents,
    }


@never_cache
def mine(request: HttpRequest, token: str) -> HttpResponse:
    registration = _from_link(token)
    return render(request, "registration/self_mine.html", _mine_context(request, registration, token))


@never_cache
@require_http_methods(["GET", "POST"])
def mine_edit(request: HttpRequest, token: str) -> HttpResponse:
    registration = _from_link(token)
    current = input_from(registration)
    form = SelfUpdateForm(request.POST or None, initial=current.__dict__)
    if request.method == "POST" and form.is_valid():
        try:
            public.self_registration_update(registration=registration, changes=form.cleaned_data)
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("registration:mine", token=token)
    context = {"form": form, "registration": registration, "token": token}
    return render(request, "registration/self_edit.html", context, status=400 if form.errors else 200)


@never_cache
@require_POST
def mine_consent(request: HttpRequest, token: str) -> HttpResponse:
    registration = _from_link(token)
    purpose = request.POST.get("purpose", "")
    granted = request.POST.get("granted") == "1"
    try:
        public.self_consent_set(registration=registration, purpose=purpose, granted=granted)
    except ApplicationError:
        messages.error(request, _("That choice is not available."))
    else:
        messages.success(
            request, _("Your consent was recorded.") if granted else _("Your consent was withdrawn.")
        )
    return redirect("registration:mine", token=token)


@never_cache
@require_POST
def mine_new_link(request: HttpRequest, token: str) -> HttpResponse:
    registration = _from_link(token)
    fresh = public.comeback_links_revoke(registration=registration)
    url = request.build_absolute_uri(reverse("registration:mine", args=[fresh]))
    public.send_comeback_link(registration=registration, url=url)
    messages.success(request, _("Your old links no longer work. Keep this new link private."))
    return redirect("registration:mine", token=fresh)
