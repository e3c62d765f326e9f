"""Request id, body size limit and security headers."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from corridor.core.context import request_id_var, request_memo_scope
from corridor.core.errors import ApplicationError

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Take a well-formed X-Request-ID from the proxy or make one; echo it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        try:
            with request_memo_scope():
                response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class BodyLimitMiddleware:
    """Refuse oversized bodies before anything reads them (G13); uploads get a larger limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.upload_paths = re.compile(settings.CORRIDOR_UPLOAD_PATH_PATTERN)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        upload = bool(self.upload_paths.match(request.path))
        limit = settings.CORRIDOR_MAX_UPLOAD_BYTES if upload else settings.CORRIDOR_MAX_BODY_BYTES
        if length > limit:
            message = _("The request is too large: the limit is {size} MB.").format(
                size=limit // (1024 * 1024)
            )
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"error": {"code": "too_large", "message": message, "fields": {}}}, status=413
                )
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class QueryHygieneMiddleware:
    """Refuse a NUL character anywhere in the path or the query string with 400.

    Forms and serializers already refuse it in their fields, but views read search terms
    straight from the query string and look records up by path segments, and PostgreSQL
    fails on NUL in a filter value.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values
        ):
            message = _("The address contains characters that are not allowed.")
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"error": {"code": "invalid", "message": message, "fields": {}}}, status=400
                )
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class ApplicationErrorMiddleware:
    """Pages answer a refused domain rule the way the API does: 404, 403 or 400 with the reason.

    The view's transaction has already rolled back when this runs (ATOMIC_REQUESTS).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError) or request.path.startswith("/api/"):
            return None
        from django.shortcuts import render

        titles = {404: _("Page not found"), 403: _("Not allowed")}
        context = {
            "title": titles.get(exception.status_code, _("Bad request")),
            "status": exception.status_code,
            "message": str(exception.message),
        }
        return render(request, "core/error.html", context, status=exception.status_code)


class SecurityHeadersMiddleware:
    """Headers Django does not set by itself (G14): no caching of signed-in pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        authenticated = bool(user is not None and user.is_authenticated)
        if authenticated or request.headers.get("Authorization"):
            response["Cache-Control"] = "no-store"
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
