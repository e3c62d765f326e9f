"""Consent: a record per person, purpose and recipient (organisation or country), revocable.

Given and revoked by officers of the person record's state holding ``MANAGE_CONSENT``;
revocation calls every hook registered in ``cases.registry`` inside its transaction, so the
exchange withdraws the open messages the consent allowed (the kernel never imports it).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.cases import registry
from corridor.cases.models import Consent, ConsentGivenBy, ConsentPurpose
from corridor.core.errors import ApplicationError, Conflict
from corridor.people.models import PersonRecord

# Purposes that name whom the data goes to.
NEEDS_COUNTRY = frozenset({ConsentPurpose.DISCLOSURE_ORIGIN, ConsentPurpose.DISCLOSURE_STATE})
NEEDS_ORGANISATION = frozenset({ConsentPurpose.DISCLOSURE_ORGANISATIONS})


def _check(
    *, person: PersonRecord, purpose: str, country: str | None, organisation: object, given_by: str,
    expires_at: dt.datetime | None, now: dt.datetime,
) -> None:  # fmt: skip
    fields: dict[str, list[str]] = {}
    if purpose not in ConsentPurpose.values:
        fields["purpose"] = [_("Choose the purpose of the consent.")]
    if given_by not in ConsentGivenBy.values:
        fields["given_by"] = [_("Say who gave the consent.")]
    if purpose in NEEDS_COUNTRY and not country:
        fields["recipient_country"] = [_("Name the country the data may go to.")]
    if purpose == ConsentPurpose.DISCLOSURE_ORIGIN and country and country != person.citizenship_id:
        fields["recipient_country"] = [_("The country of origin is the person's country of citizenship.")]
    if purpose in NEEDS_ORGANISATION and organisation is None:
        fields["recipient_organisation"] = [_("Name the organisation the data may go to.")]
    if expires_at is not None and expires_at <= now:
        fields["expires_at"] = [_("The expiry must be in the future.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)


@transaction.atomic
def consent_give(
    *,
    actor: Actor,
    person: PersonRecord,
    purpose: str,
    given_by: str = ConsentGivenBy.PERSON,
    recipient_country: str | None = None,
    recipient_organisation: object = None,
    expires_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Consent:
    """Record a consent (an active one for the same purpose and recipient is kept, not doubled)."""
    policy.require(actor, perms.MANAGE_CONSENT, state=person.state_id)
    moment = now or timezone.now()
    _check(
        person=person, purpose=purpose, country=recipient_country, organisation=recipient_organisation,
        given_by=given_by, expires_at=expires_at, now=moment,
    )  # fmt: skip
    existing = consent_active(
        person=person,
        purpose=purpose,
        recipient_country=recipient_country,
        recipient_organisation=recipient_organisation,
        at=moment,
    )
    if existing is not None:
        return existing
    consent = Consent.objects.unscoped().create(
        state_id=person.state_id,
        person=person,
        purpose=purpose,
        recipient_country_id=recipient_country,
        recipient_organisation=recipient_organisation,
        given_by=given_by,
        given_at=moment,
        expires_at=expires_at,
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="consent.given",
        target=consent,
        data={"person": str(person.uuid), "purpose": purpose, "country": recipient_country or ""},
    )
    return consent


@transaction.atomic
def consent_revoke(
    *, actor: Actor, consent: Consent, note: str = "", now: dt.datetime | None = None
) -> Consent:
    """Revoke; every registered hook runs in this transaction (open messages are withdrawn)."""
    policy.require(actor, perms.MANAGE_CONSENT, state=consent.state_id)
    locked: Consent = Consent.objects.for_state(consent.state_id).select_for_update().get(pk=consent.pk)
    if locked.revoked_at is not None:
        raise Conflict(_("This consent was already revoked."))
    locked.revoked_at = now or timezone.now()
    locked.revoked_by = actor.user
    locked.revocation_note = note.strip()
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_note", "updated_at"])
    audit_record(actor=actor, action="consent.revoked", target=locked, data={"purpose": locked.purpose})
    registry.call_revocation_hooks(consent=locked)
    return locked


def consent_active(
    *,
    person: PersonRecord,
    purpose: str,
    recipient_country: str | None = None,
    recipient_organisation: object = None,
    at: dt.datetime | None = None,
) -> Consent | None:
    """The consent in force for this person, purpose and recipient, or None.

    A module that discloses data asks here first (and the protection gate, which no consent
    opens). System read: the caller has already scoped the person to the actor.
    """
    moment = at or timezone.now()
    rows = Consent.objects.for_state(person.state_id).filter(
        person=person, purpose=purpose, revoked_at__isnull=True
    )
    rows = rows.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=moment))
    rows = (
        rows.filter(recipient_country_id=recipient_country)
        if recipient_country
        else rows.filter(recipient_country__isnull=True)
    )
    if recipient_organisation is not None:
        rows = rows.filter(recipient_organisation=recipient_organisation)
    else:
        rows = rows.filter(recipient_organisation__isnull=True)
    return rows.order_by("-given_at", "-id").first()


def consents_of(*, person: PersonRecord) -> list[Consent]:
    """Every consent of a person (given, revoked, expired), for the person's page."""
    return list(
        Consent.objects.for_state(person.state_id).filter(person=person).order_by("purpose", "-given_at")
    )
