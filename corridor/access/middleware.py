"""Attach the acting user's ``Actor`` to the request and scope the database to its state."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from corridor.access.actor import Actor, actor_for
from corridor.access.db import set_db_state

MEMBERSHIP_SESSION_KEY = "corridor_membership"


def request_actor(request: HttpRequest) -> Actor:
    session = getattr(request, "session", None)
    membership_id = session.get(MEMBERSHIP_SESSION_KEY) if session is not None else None
    return actor_for(getattr(request, "user", None), membership_id)


class ActorMiddleware:
    """Opens the request's transaction so that ``app.state`` lives exactly as long as it.

    ATOMIC_REQUESTS still wraps each view in a savepoint, so a failing view rolls back its
    own writes; API views set the state again after token authentication (see
    ``accounts.api.authentication``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(lambda: request_actor(request))  # type: ignore[attr-defined]
        if request.path.startswith("/static/") or request.path == "/healthz":
            # Static files need no database; the health check must answer (503) while the
            # database is down, which opening a transaction here would turn into a 500.
            return self.get_response(request)
        with transaction.atomic():
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                set_db_state(request.actor.state)  # type: ignore[attr-defined]
            return self.get_response(request)


class DenialAuditMiddleware:
    """Write a denied request to the audit trail (security goal G6; ASVS 16.3.2).

    A refusal is answered with 404 (a record outside the actor's scope) or 403 (a missing
    permission). The view's own savepoint has rolled back by the time the response gets
    here, taking with it anything it wrote; this runs inside the request transaction opened
    by ``ActorMiddleware``, after that rollback, so the denial's event is kept. Only signed-in
    actors on a routed URL are recorded: an anonymous scan of unknown paths is not an
    authorisation decision, and recording it would let anyone flood the trail.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in (403, 404) and getattr(request, "resolver_match", None) is not None:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                self._record(request, response.status_code)
        return response

    def _record(self, request: HttpRequest, status: int) -> None:
        from corridor.audit.models import DENIED_ACTION
        from corridor.audit.services import audit_record

        match = request.resolver_match
        audit_record(
            actor=request.actor,  # type: ignore[attr-defined]
            action=DENIED_ACTION,
            # The path holds identifiers only; the query string may hold search terms.
            data={
                "status": status,
                "method": request.method,
                "path": request.path[:300],
                "route": match.view_name if match is not None else "",
            },
        )
