"""Sign-in with a second factor, enrolment, profile, API tokens, machine clients."""

from __future__ import annotations

import base64
import io
from typing import Any, cast

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from corridor.access import permissions as perms
from corridor.access.actor import actor_for
from corridor.access.middleware import MEMBERSHIP_SESSION_KEY
from corridor.accounts import services
from corridor.accounts.models import ApiToken, Membership, User
from corridor.accounts.web.forms import CodeForm, MachineClientForm, SignInForm, TokenForm
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError

PENDING_KEY = "corridor_pending_user"
NEXT_KEY = "corridor_next"


def lockout_response(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    message = _("Too many failed sign-in attempts. Wait 15 minutes and try again.")
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        from corridor.core.api.errors import error_body

        return JsonResponse(error_body("locked_out", message), status=429)
    return render(request, "accounts/locked.html", {"message": message}, status=429)


def _user(request: HttpRequest) -> User:
    """The signed-in user (views using this are behind login_required)."""
    return cast(User, request.user)


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse("portal:dashboard")


def _finish(request: HttpRequest, user: User, device: Any = None) -> HttpResponse:
    target = request.session.pop(NEXT_KEY, None)
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    audit_record(
        actor=actor_for(user), action="user.signed_in", target=user, data={"mfa": device is not None}
    )
    destination = _safe_next(request, target)
    language = user.preferred_language
    if language and language in dict(settings.LANGUAGES):
        response = HttpResponseRedirect(translate_url(destination, language))
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite="Lax",  # the language cookie is never needed cross-site
        )
        return response
    return HttpResponseRedirect(destination)


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.credentials_check(request=request, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, str(exc.message))
        else:
            request.session.cycle_key()
            request.session[NEXT_KEY] = request.GET.get("next", "")
            if services.confirmed_device(user) is not None:
                request.session[PENDING_KEY] = user.pk
                return redirect("accounts:otp")
            if services.mfa_required(user):
                request.session[PENDING_KEY] = user.pk
                return redirect("accounts:enrol")
            return _finish(request, user)
    return render(request, "accounts/sign_in.html", {"form": form}, status=400 if form.errors else 200)


def _pending_user(request: HttpRequest) -> User | None:
    pk = request.session.get(PENDING_KEY)
    return User.objects.filter(pk=pk, is_active=True).first() if pk else None


@require_http_methods(["GET", "POST"])
def otp(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.otp_verify(user=user, code=form.cleaned_data["code"])
        except ApplicationError as exc:
            form.add_error("code", str(exc.message))
        else:
            return _finish(request, user, device)
    return render(request, "accounts/otp.html", {"form": form}, status=400 if form.errors else 200)


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in of a staff member: add an authenticator app before going further."""
    user = _pending_user(request) or (request.user if request.user.is_authenticated else None)
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_enrol_confirm(user=user, code=form.cleaned_data["code"])  # type: ignore[arg-type]
        except ApplicationError as exc:
            form.add_error("code", str(exc.message))
        else:
            messages.success(request, _("Your authenticator app is set up."))
            return _finish(request, user, device)  # type: ignore[arg-type]
    device = services.totp_enrol_start(user=user)  # type: ignore[arg-type]
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "qr": _qr_svg(device.config_url), "secret": secret}
    return render(request, "accounts/enrol.html", context, status=400 if form.errors else 200)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    context = {
        "memberships": Membership.objects.filter(user=_user(request), is_active=True).select_related(
            "organisation"
        ),
        "tokens": ApiToken.objects.filter(user=_user(request)).order_by("-created_at")[:50],
        "has_device": services.confirmed_device(_user(request)) is not None,  # type: ignore[arg-type]
        "token_form": TokenForm(),
        "may_manage": actor.has(perms.MANAGE_USERS),
        "machine_form": MachineClientForm(),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def switch_membership(request: HttpRequest) -> HttpResponse:
    membership = Membership.objects.filter(
        user=_user(request), is_active=True, pk=request.POST.get("membership") or 0
    ).first()
    if membership is not None:
        request.session[MEMBERSHIP_SESSION_KEY] = membership.pk
    return redirect("portal:dashboard")


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name."))
        return redirect("accounts:profile")
    issued = services.token_issue(user=_user(request), name=form.cleaned_data["name"], actor=request.actor)  # type: ignore[arg-type, attr-defined]
    return render(request, "accounts/token_issued.html", {"issued": issued})


@login_required
@require_POST
def token_revoke(request: HttpRequest, uuid: str) -> HttpResponse:
    token = ApiToken.objects.filter(user=_user(request), uuid=uuid).first()
    if token is None:
        return render(request, "core/error.html", {"title": _("Page not found"), "status": 404}, status=404)
    services.token_revoke(actor=request.actor, token=token)  # type: ignore[attr-defined]
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


@login_required
@require_POST
def machine_client_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.MANAGE_USERS):
        return render(request, "core/error.html", {"title": _("Page not found"), "status": 404}, status=404)
    form = MachineClientForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Name the system and choose at least one role."))
        return redirect("accounts:profile")
    issued = services.machine_client_create(actor=actor, **form.cleaned_data)
    return render(request, "accounts/token_issued.html", {"issued": issued, "machine": True})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset, and every API token of the account revoked with the old password."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.tokens_revoke_all(user=form.user, reason="password_reset")
        return response
