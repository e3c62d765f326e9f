"""Reads of agreements and break-glass grants."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.access.models import (
    AgreementQuerySet,
    BreakGlassGrant,
    BreakGlassQuerySet,
    DataSharingAgreement,
)


def agreement_list(*, actor: Actor) -> AgreementQuerySet:
    """The secretariat keeps the register of all; a state sees those it is party to."""
    agreements = DataSharingAgreement.objects.select_related("grantor").prefetch_related("grantees")
    if actor.has(perms.VIEW_ALL_AGREEMENTS):
        return agreements.all()
    if not actor.state or not actor.has(perms.VIEW_AGREEMENTS):
        return agreements.none()
    return agreements.involving(actor.state)


def agreement_get(*, actor: Actor, uuid: UUID | str) -> DataSharingAgreement:
    try:
        return agreement_list(actor=actor).get(uuid=uuid)
    except (DataSharingAgreement.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc


def break_glass_list(*, actor: Actor) -> BreakGlassQuerySet:
    """Reviewers see their state's grants; everyone else sees their own."""
    grants = BreakGlassGrant.objects.select_related("user", "organisation", "reviewed_by")
    if not actor.state or actor.user is None:
        return grants.none()
    if actor.has(perms.REVIEW_BREAK_GLASS):
        return grants.filter(state_id=actor.state)
    return grants.filter(user=actor.user, state_id=actor.state)


def break_glass_get(*, actor: Actor, uuid: UUID | str) -> BreakGlassGrant:
    try:
        return break_glass_list(actor=actor).get(uuid=uuid)
    except (BreakGlassGrant.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc
