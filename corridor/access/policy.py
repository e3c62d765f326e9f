"""The policy decision point. Views, selectors and services ask here; nothing else decides.

Rules, in order:
1. Deny by default: no state, no permission, no rows.
2. Own state: rows of the actor's state, if the actor's roles grant the record type's
   view permission; protected rows need the protected permission as well (or break-glass).
3. Other states: only through a data-sharing agreement in force today whose grantor owns
   the row, whose grantees include the actor's state and whose record-level scope names the
   record type. Audit events of such reads cite the agreement.
4. Protection block: a protected person's record is never shown to the person's origin
   state by another state, whatever an agreement says. Break-glass never crosses borders.
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, Q
from django.http import Http404
from django.utils.translation import gettext as _

from corridor.access.actor import Actor
from corridor.access.models import AgreementScope, DataSharingAgreement
from corridor.core.context import request_memo
from corridor.core.errors import Forbidden

if TYPE_CHECKING:
    from corridor.access.scoping import StateOwnedModel

M = TypeVar("M", bound=Model)

_NOTHING = Q(pk__in=[])


def can(actor: Actor, permission: str, *, state: str | None = None) -> bool:
    """May the actor use this permission (for this state, when one is named)?"""
    if not actor.has(permission):
        return False
    return state is None or state == actor.state


def require(actor: Actor, permission: str, *, state: str | None = None) -> None:
    if not can(actor, permission, state=state):
        raise Forbidden(_("You are not allowed to do this."))


AGREEMENTS_MEMO = "access.agreements"


def _records_agreements_in_force(state: str) -> list[DataSharingAgreement]:
    return list(
        DataSharingAgreement.objects.in_force()
        .filter(scope_kind=AgreementScope.RECORDS, grantees__iso3=state)
        .exclude(grantor_id=state)
        .order_by("valid_from", "id")
        .distinct()
    )


def granting_agreements(actor: Actor, record_type: str) -> list[DataSharingAgreement]:
    """Record-level agreements in force that let the actor's state read this record type."""
    if not actor.state:
        return []
    state = actor.state
    # Read once per request: a list, its filter and every row's shared fields ask again.
    candidates = request_memo((AGREEMENTS_MEMO, state), lambda: _records_agreements_in_force(state))
    # JSON containment differs between backends; the list is short, so filter here.
    return [agreement for agreement in candidates if record_type in (agreement.record_types or [])]


def visible_q(actor: Actor, model: type[StateOwnedModel]) -> Q:
    """The rows of ``model`` that ``actor`` may see, as one filter for lists and details."""
    if actor.state is None or not model.view_permission or not actor.has(model.view_permission):
        return _NOTHING
    protected = model.protected_field
    may_see_protected = bool(model.protected_permission) and actor.has(model.protected_permission)

    own = Q(state_id=actor.state)
    if protected and not may_see_protected:
        own &= Q(**{protected: False})

    agreements = granting_agreements(actor, model.record_type())
    if not agreements:
        return own
    clauses = []
    for agreement in agreements:
        clause = Q(state_id=agreement.grantor_id)
        if agreement.nationals_only and model.origin_state_field:
            clause &= Q(**{f"{model.origin_state_field}_id": actor.state})
        clauses.append(clause)
    foreign = reduce(operator.or_, clauses) & ~Q(state_id=actor.state)
    if protected:
        lent = model.protected_permission in actor.break_glass
        if not may_see_protected or lent:
            foreign &= Q(**{protected: False})
        if model.origin_state_field:
            # The protection block: no agreement reaches a protected person's origin state.
            foreign &= ~Q(**{protected: True, f"{model.origin_state_field}_id": actor.state})
    return own | foreign


def agreement_for(actor: Actor, record: StateOwnedModel) -> DataSharingAgreement | None:
    """The agreement that lets the actor see a foreign record (None for the own state)."""
    if record.state_id == actor.state:
        return None
    origin_field = record.origin_state_field
    for agreement in granting_agreements(actor, record.record_type()):
        if agreement.grantor_id != record.state_id:
            continue
        if agreement.nationals_only and origin_field and getattr(record, f"{origin_field}_id") != actor.state:
            continue
        return agreement
    return None


def readable_field_q(actor: Actor, model: type[StateOwnedModel], field: str, condition: Q) -> Q:
    """``condition`` (a filter on ``field``) applied only to rows whose ``field`` the actor may read.

    A search must not match a field the actor cannot see, or it confirms what an agreement
    withholds ("Secretovich" found by ``q=Secret``). Own-state rows: every field. A foreign row:
    the fields of the agreement that ``agreement_for`` picks for it — the first in force, in
    the same order, whose grantor owns the row and whose nationals clause admits it. Combine
    with ``visible_q``/``visible_to``: this narrows, it never widens.
    """
    if actor.state is None:
        return _NOTHING
    readable = Q(state_id=actor.state)
    claimed = Q(state_id=actor.state)
    record_type = model.record_type()
    for agreement in granting_agreements(actor, record_type):
        clause = Q(state_id=agreement.grantor_id)
        if agreement.nationals_only and model.origin_state_field:
            clause &= Q(**{f"{model.origin_state_field}_id": actor.state})
        if field in (agreement.fields or {}).get(record_type, []):
            readable |= clause & ~claimed
        claimed |= clause
    return readable & condition


def shared_fields(actor: Actor, record: StateOwnedModel) -> frozenset[str] | None:
    """Fields the actor may read of the record; None means all (own state)."""
    if record.state_id == actor.state:
        return None
    agreement = agreement_for(actor, record)
    if agreement is None:
        return frozenset()
    return frozenset((agreement.fields or {}).get(record.record_type(), []))


def get_visible_or_404(model: type[M], actor: Actor, uuid: UUID | str) -> M:
    """Fetch and authorise in one call: missing and forbidden are the same 404."""
    try:
        return model.objects.visible_to(actor).get(uuid=uuid)  # type: ignore[attr-defined, no-any-return]
    except (ObjectDoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def describe(actor: Actor) -> dict[str, Any]:
    return {"state": actor.state, "roles": sorted(actor.roles), "break_glass": dict(actor.break_glass)}
