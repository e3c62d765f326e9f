"""One error body for the whole API: ``{"error": {"code", "message", "fields"}, "request_id"}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

from corridor.core.context import current_request_id
from corridor.core.errors import ApplicationError


def error_body(code: str, message: Any, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "error": {"code": code, "message": str(message), "fields": fields or {}},
        "request_id": current_request_id(),
    }


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    headers: dict[str, str] = {}
    if isinstance(exc, ApplicationError):
        status, body = exc.status_code, error_body(exc.code, exc.message, exc.fields)
    elif isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        message = exc.messages[0] if exc.messages else _("Invalid input.")
        status, body = 400, error_body("invalid", message, _flatten(fields))
    elif isinstance(exc, Http404):
        status, body = 404, error_body("not_found", _("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        status, body = 403, error_body("forbidden", _("You are not allowed to do this."))
    elif isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail) if isinstance(exc.detail, dict) else {}
        message = _("Some fields are not valid.") if fields else _flatten(exc.detail)
        if isinstance(message, list):
            message = message[0] if message else _("Invalid input.")
        status, body = 400, error_body("invalid", message, fields)
    elif isinstance(exc, exceptions.APIException):
        status = exc.status_code
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
        body = error_body(str(code), _flatten(exc.detail))
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
    else:
        return None
    set_rollback()
    return Response(body, status=status, headers=headers)
