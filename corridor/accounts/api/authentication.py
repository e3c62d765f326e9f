"""``Authorization: Bearer <token>`` for people and machine clients."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from corridor.access.actor import actor_for
from corridor.access.db import set_db_state
from corridor.accounts.models import ApiToken, hash_token

LAST_USED_RESOLUTION = timedelta(minutes=1)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() != self.keyword.lower():
            return None
        token = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(key_hash=hash_token(parts[1]), user__is_active=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has expired."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            # Not a write on every request: "last used" is kept to the minute.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        actor = actor_for(token.user)
        request._request.actor = actor  # type: ignore[attr-defined]
        set_db_state(actor.state)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
