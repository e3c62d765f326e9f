"""Writes on agreements and break-glass grants, audited in the same transaction."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.access.models import (
    AgreementScope,
    AgreementStatus,
    BreakGlassGrant,
    BreakGlassOutcome,
    DataSharingAgreement,
)
from corridor.access.roles import BREAK_GLASS_PERMISSIONS
from corridor.audit.services import audit_record
from corridor.core.context import request_memo_forget
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.reference.models import Country

BREAK_GLASS_MAX_HOURS = getattr(settings, "CORRIDOR_BREAK_GLASS_MAX_HOURS", 4)
MIN_REASON_LENGTH = 20


def _invalid(field: str, message: str) -> ApplicationError:
    return ApplicationError(_("Some fields are not valid."), fields={field: [message]})


def _check_scope(scope_kind: str, record_types: list[str], fields: dict[str, list[str]], cell: int) -> None:
    if scope_kind == AgreementScope.AGGREGATES:
        if cell < 1:
            raise _invalid("min_cell_size", _("The minimum cell size must be at least 1."))
        return
    if not record_types:
        raise _invalid("record_types", _("Name at least one record type."))
    known = {m._meta.label_lower for m in apps.get_models() if hasattr(m, "view_permission")}
    for record_type in record_types:
        if record_type not in known:
            raise _invalid("record_types", _("Unknown record type: {name}.").format(name=record_type))
        if not fields.get(record_type):
            raise _invalid("fields", _("List the fields shared for {name}.").format(name=record_type))


def _check_dates(valid_from: dt.date, valid_to: dt.date | None) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise _invalid("valid_to", _("The end date comes before the start date."))


@transaction.atomic
def agreement_create(
    *,
    actor: Actor,
    reference: str,
    title: str,
    grantor: str,
    grantees: list[str],
    purpose: str,
    legal_basis: str,
    scope_kind: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    record_types: list[str] | None = None,
    fields: dict[str, list[str]] | None = None,
    min_cell_size: int = 5,
    nationals_only: bool = True,
) -> DataSharingAgreement:
    """A draft agreement; the grantor's national administrator drafts it (or the secretariat)."""
    may_draft_any = actor.has(perms.VIEW_ALL_AGREEMENTS) and actor.has(perms.DRAFT_AGREEMENTS)
    if not may_draft_any:
        policy.require(actor, perms.DRAFT_AGREEMENTS, state=grantor)
    grantee_set = sorted(set(grantees) - {grantor})
    if not grantee_set:
        raise _invalid("grantees", _("Name at least one grantee state other than the grantor."))
    if Country.objects.filter(iso3__in=[grantor, *grantee_set]).count() != len(grantee_set) + 1:
        raise _invalid("grantees", _("Unknown country code."))
    if DataSharingAgreement.objects.filter(reference=reference).exists():
        raise _invalid("reference", _("An agreement with this reference exists already."))
    _check_dates(valid_from, valid_to)
    _check_scope(scope_kind, record_types or [], fields or {}, min_cell_size)
    agreement = DataSharingAgreement.objects.create(
        reference=reference,
        title=title,
        grantor_id=grantor,
        purpose=purpose,
        legal_basis=legal_basis,
        scope_kind=scope_kind,
        valid_from=valid_from,
        valid_to=valid_to,
        record_types=list(record_types or []) if scope_kind == AgreementScope.RECORDS else [],
        fields={k: sorted(set(v)) for k, v in (fields or {}).items()}
        if scope_kind == AgreementScope.RECORDS
        else {},
        min_cell_size=min_cell_size,
        nationals_only=nationals_only,
        created_by=actor.user,
    )
    agreement.grantees.set(Country.objects.filter(iso3__in=grantee_set))
    audit_record(
        actor=actor,
        action="agreement.created",
        target=agreement,
        target_state=grantor,
        data={"grantees": grantee_set},
    )
    return agreement


_TRANSITIONS: dict[str, set[str]] = {
    AgreementStatus.ACTIVE: {AgreementStatus.DRAFT, AgreementStatus.SUSPENDED},
    AgreementStatus.SUSPENDED: {AgreementStatus.ACTIVE},
    AgreementStatus.EXPIRED: {AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED},
}


@transaction.atomic
def agreement_set_status(
    *, actor: Actor, agreement: DataSharingAgreement, status: str, reason: str = ""
) -> DataSharingAgreement:
    """Only the grantor state's national administrator brings an agreement into or out of force."""
    policy.require(actor, perms.MANAGE_AGREEMENTS, state=agreement.grantor_id)
    request_memo_forget(policy.AGREEMENTS_MEMO)  # what this request reads next must see the change
    locked = DataSharingAgreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.status not in _TRANSITIONS.get(status, set()):
        raise Conflict(
            _("An agreement that is {current} cannot become {new}.").format(
                current=locked.get_status_display(), new=AgreementStatus(status).label
            )
        )
    previous = locked.status
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=f"agreement.{status}",
        target=locked,
        target_state=locked.grantor_id,
        data={"from": previous, "reason": reason[:500]},
    )
    return locked


MIN_REASON_WORDS = 3
MIN_REASON_LETTERS = 8


def reason_is_meaningful(reason: str) -> bool:
    """At least three words of two or more letters, using at least eight different letters.

    A reviewer must be able to judge the reason later: twenty "a"s or "asdf asdf asdf" are
    not a reason. Letters of any script count (the reason may be written in any language).
    """
    words = re.findall(r"[^\W\d_]{2,}", reason)
    letters = {char.casefold() for char in reason if char.isalpha()}
    return len(words) >= MIN_REASON_WORDS and len(letters) >= MIN_REASON_LETTERS


@transaction.atomic
def break_glass_open(*, actor: Actor, permission: str, reason: str, hours: int = 1) -> BreakGlassGrant:
    """Lend one permission to the actor in their own state for a few hours, for a stated reason."""
    policy.require(actor, perms.REQUEST_BREAK_GLASS)
    if actor.user is None or actor.organisation is None or not actor.state:
        raise Forbidden()
    if permission not in BREAK_GLASS_PERMISSIONS:
        raise _invalid("permission", _("This permission cannot be granted by break-glass."))
    if len(reason.strip()) < MIN_REASON_LENGTH:
        raise _invalid(
            "reason", _("Explain the emergency in at least {n} characters.").format(n=MIN_REASON_LENGTH)
        )
    if not reason_is_meaningful(reason):
        raise _invalid(
            "reason", _("Describe the emergency in words: what happened and whose record you need.")
        )
    if not 1 <= hours <= BREAK_GLASS_MAX_HOURS:
        raise _invalid("hours", _("Choose between 1 and {n} hours.").format(n=BREAK_GLASS_MAX_HOURS))
    grant = BreakGlassGrant.objects.create(
        user=actor.user,
        organisation=actor.organisation,
        state_id=actor.state,
        permission=permission,
        reason=reason.strip(),
        expires_at=timezone.now() + dt.timedelta(hours=hours),
    )
    audit_record(
        actor=actor,
        action="break_glass.opened",
        target=grant,
        break_glass_uuid=grant.uuid,
        data={"permission": permission, "hours": hours},
    )
    return grant


@transaction.atomic
def break_glass_close(*, actor: Actor, grant: BreakGlassGrant) -> BreakGlassGrant:
    if grant.user_id != getattr(actor.user, "pk", None):
        policy.require(actor, perms.REVIEW_BREAK_GLASS, state=grant.state_id)
    if grant.is_active:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=actor, action="break_glass.closed", target=grant, break_glass_uuid=grant.uuid)
    return grant


@transaction.atomic
def break_glass_review(*, actor: Actor, grant: BreakGlassGrant, outcome: str, note: str) -> BreakGlassGrant:
    policy.require(actor, perms.REVIEW_BREAK_GLASS, state=grant.state_id)
    if grant.user_id == getattr(actor.user, "pk", None):
        raise ApplicationError(_("Nobody reviews their own emergency access."))
    if grant.reviewed_at is not None:
        raise Conflict(_("This emergency access was reviewed already."))
    if outcome not in BreakGlassOutcome.values:
        raise _invalid("outcome", _("Choose an outcome."))
    data: dict[str, Any] = {"outcome": outcome}
    grant.reviewed_at, grant.reviewed_by = timezone.now(), actor.user
    grant.review_outcome, grant.review_note = outcome, note.strip()
    grant.save(update_fields=["reviewed_at", "reviewed_by", "review_outcome", "review_note", "updated_at"])
    audit_record(
        actor=actor, action="break_glass.reviewed", target=grant, break_glass_uuid=grant.uuid, data=data
    )
    return grant
