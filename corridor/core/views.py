"""Health check and error pages shared by the site and the API."""

from __future__ import annotations

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from corridor.core.api.errors import error_body
from corridor.core.tasks import queue_state


@never_cache
@require_GET
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness in one answer: 200 when the database answers."""
    database: dict[str, object] = {"vendor": connection.vendor}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database["status"] = "ok"
    except Exception as exc:  # noqa: BLE001 - the check reports any failure as its state
        database.update(status="error", detail=type(exc).__name__)
    tasks = queue_state()
    healthy = database["status"] == "ok" and tasks["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "database": database, "tasks": tasks},
        status=200 if healthy else 503,
    )


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or request.path.startswith("/sdmx/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body("not_found", _("Not found.")), status=404)
    return render(request, "core/error.html", {"title": _("Page not found"), "status": 404}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body("server_error", _("Something went wrong on our side.")), status=500)
    return render(request, "core/error.html", {"title": _("Something went wrong"), "status": 500}, status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body("bad_request", _("The request is not valid.")), status=400)
    return render(request, "core/error.html", {"title": _("Bad request"), "status": 400}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body("forbidden", _("You are not allowed to do this.")), status=403)
    return render(request, "core/error.html", {"title": _("Not allowed"), "status": 403}, status=403)
