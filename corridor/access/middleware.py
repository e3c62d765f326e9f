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
        if request.path.startswith("/static/"):
            return self.get_response(request)
        with transaction.atomic():
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                set_db_state(request.actor.state)  # type: ignore[attr-defined]
            return self.get_response(request)
