"""Consent records: one per purpose (and recipient state for sharing), revoked rather than deleted."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError
from corridor.registration.choices import ConsentPurpose
from corridor.registration.models import Consent, Registration


def _recipient(registration: Registration, purpose: str) -> str | None:
    return registration.destination_country_id if purpose == ConsentPurpose.SHARE_DESTINATION else None


def _active(registration: Registration, purpose: str) -> Consent | None:
    return (
        Consent.objects.for_state(registration.state_id)
        .filter(
            registration=registration,
            purpose=purpose,
            recipient_id=_recipient(registration, purpose),
            revoked_at__isnull=True,
        )
        .first()
    )


def refresh_sharing_flag(registration: Registration) -> None:
    """Mirror 'an active consent to share with the current destination' onto the row."""
    shares = _active(registration, ConsentPurpose.SHARE_DESTINATION) is not None
    if registration.shares_with_destination != shares:
        registration.shares_with_destination = shares
        registration.save(update_fields=["shares_with_destination", "updated_at"])


def _audit(actor: Actor | None, action: str, consent: Consent, channel: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=consent,
        data={"registration": str(consent.registration.uuid), "purpose": consent.purpose, "channel": channel},
    )


def record_consents(
    *, actor: Actor | None, registration: Registration, purposes: Collection[str], channel: str
) -> None:
    """Grant the named purposes at creation (no checks: the caller has authorised the write)."""
    unknown = set(purposes) - set(ConsentPurpose.values)
    if unknown:
        raise ApplicationError(
            _("Some fields are not valid."), fields={"consents": [_("Choose one of the options.")]}
        )
    for purpose in sorted(purposes):
        _grant(actor=actor, registration=registration, purpose=purpose, channel=channel)
    refresh_sharing_flag(registration)


def _grant(*, actor: Actor | None, registration: Registration, purpose: str, channel: str) -> Consent:
    existing = _active(registration, purpose)
    if existing is not None:
        return existing
    consent = Consent(
        state_id=registration.state_id,
        registration=registration,
        purpose=purpose,
        recipient_id=_recipient(registration, purpose),
        granted_at=timezone.now(),
        channel=channel,
    )
    consent.save(force_insert=True)
    _audit(actor, "consent.granted", consent, channel)
    return consent


@transaction.atomic
def consent_set(
    *, actor: Actor | None, registration: Registration, purpose: str, granted: bool, channel: str
) -> None:
    """Grant or revoke one purpose. ``actor`` is None when the person acts through their link."""
    if actor is not None:
        policy.require(actor, perms.CHANGE_REGISTRATION, state=registration.state_id)
    if purpose not in ConsentPurpose.values:
        raise ApplicationError(
            _("Some fields are not valid."), fields={"purpose": [_("Choose one of the options.")]}
        )
    if granted:
        _grant(actor=actor, registration=registration, purpose=purpose, channel=channel)
    else:
        consent = _active(registration, purpose)
        if consent is not None:
            consent.revoked_at = timezone.now()
            consent.save(update_fields=["revoked_at", "updated_at"])
            _audit(actor, "consent.revoked", consent, channel)
    refresh_sharing_flag(registration)


def move_consents(*, actor: Actor, source: Registration, target: Registration) -> int:
    """Merging: every consent record follows the person; duplicates of an active one are revoked."""
    moved = 0
    for consent in (
        Consent.objects.for_state(source.state_id).filter(registration=source).order_by("granted_at", "id")
    ):
        if consent.is_active and _active(target, consent.purpose) is not None:
            consent.revoked_at = timezone.now()
        consent.registration = target
        consent.save(update_fields=["registration", "revoked_at", "updated_at"])
        moved += 1
    refresh_sharing_flag(target)
    return moved
