"""Writes on accounts: sign-in checks, second factor, API tokens, machine clients."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor, actor_for
from corridor.access.roles import ALL_ROLES, STAFF_ROLES
from corridor.accounts.models import ApiToken, Membership, User, UserKind, hash_token
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Forbidden

SIGN_IN_FAILED = "sign_in_failed"
DEMO_PASSWORD = "demo"  # noqa: S105 - the password refused outside demo mode


class SignInFailed(ApplicationError):
    status_code = 400
    code = SIGN_IN_FAILED


def is_staff_user(user: User) -> bool:
    return Membership.objects.filter(user=user, is_active=True).exists() and any(
        set(m.roles) & STAFF_ROLES for m in Membership.objects.filter(user=user, is_active=True)
    )


def mfa_required(user: User) -> bool:
    return settings.CORRIDOR_MFA_REQUIRED and user.kind == UserKind.PERSON and is_staff_user(user)


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def credentials_check(*, request: HttpRequest, username: str, password: str) -> User:
    """Same message whether the user is unknown or the password wrong (G12)."""
    if not settings.DEMO_MODE and password == DEMO_PASSWORD:
        # A database copied from a demo must never open with the demo password.
        raise SignInFailed(_("The username or password is not correct."))
    user = authenticate(request=request, username=username, password=password)
    if user is None or getattr(user, "kind", UserKind.PERSON) == UserKind.MACHINE:
        raise SignInFailed(_("The username or password is not correct."))
    return user  # type: ignore[return-value]


def otp_verify(*, user: User, code: str) -> TOTPDevice:
    device = confirmed_device(user)
    code = (code or "").strip().replace(" ", "")
    if device is None or not code.isdigit() or not device.verify_token(code):
        raise SignInFailed(_("The code is not correct or has expired. Try the newest code."))
    return device


@transaction.atomic
def totp_enrol_start(*, user: User) -> TOTPDevice:
    """An unconfirmed device; it counts only once a first code proves the phone has it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def totp_enrol_confirm(*, user: User, code: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    code = (code or "").strip().replace(" ", "")
    if device is None or not code.isdigit() or not device.verify_token(code):
        raise SignInFailed(_("The code is not correct or has expired. Try the newest code."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=actor_for(user), action="user.mfa_enrolled", target=user)
    return device


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str


def _new_raw_token() -> tuple[str, str]:
    prefix = secrets.token_hex(4)
    return prefix, f"cor_{prefix}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def token_issue(*, user: User, name: str, actor: Actor | None = None) -> IssuedToken:
    prefix, raw = _new_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100] or _("API token"),
        prefix=prefix,
        key_hash=hash_token(raw),
        expires_at=timezone.now() + settings.API_TOKEN_TTL,
        issued_in_demo=settings.DEMO_MODE,
    )
    audit_record(
        actor=actor or actor_for(user),
        action="api_token.issued",
        target=token,
        data={"user": str(user.uuid), "prefix": prefix},
    )
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    if token.user_id != getattr(actor.user, "pk", None):
        raise Forbidden()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=actor, action="api_token.revoked", target=token)
    return token


@transaction.atomic
def tokens_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every live token of the user: a new password must shut out the old holders too."""
    live = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
    if live:
        ApiToken.objects.filter(pk__in=[t.pk for t in live]).update(revoked_at=timezone.now())
        audit_record(
            actor=actor_for(user),
            action="api_token.revoked",
            target=user,
            data={"reason": reason, "prefixes": sorted(t.prefix for t in live)},
        )
    return len(live)


@transaction.atomic
def machine_client_create(*, actor: Actor, name: str, roles: list[str]) -> IssuedToken:
    """A national system's account in the administrator's own organisation, token only."""
    policy.require(actor, perms.MANAGE_USERS)
    unknown = set(roles) - set(ALL_ROLES)
    if not roles or unknown or "secretariat" in roles or "national_admin" in roles:
        raise ApplicationError(
            _("Choose officer roles for the machine client."), fields={"roles": [_("Not allowed.")]}
        )
    if actor.organisation is None:
        raise Forbidden()
    username = f"{(actor.state or 'reg').lower()}.system.{secrets.token_hex(3)}"
    user = User.objects.create(username=username, kind=UserKind.MACHINE, first_name=name[:150])
    user.set_unusable_password()
    user.save(update_fields=["password"])
    Membership.objects.create(user=user, organisation=actor.organisation, roles=sorted(set(roles)))
    details: dict[str, Any] = {"roles": sorted(set(roles)), "username": username}
    audit_record(actor=actor, action="machine_client.created", target=user, data=details)
    return token_issue(user=user, name=name, actor=actor)
