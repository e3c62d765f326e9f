"""Who is acting: a user, for one organisation of one state, with roles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from corridor.access.roles import BREAK_GLASS_PERMISSIONS, permissions_for

if TYPE_CHECKING:
    from corridor.accounts.models import Organisation, User


@dataclass(frozen=True)
class Actor:
    user: User | None
    organisation: Organisation | None = None
    state: str | None = None
    roles: frozenset[str] = frozenset()
    permissions: frozenset[str] = frozenset()
    # permission -> uuid of the break-glass grant that lends it (audit cites the grant)
    break_glass: dict[str, str] = field(default_factory=dict)
    membership_id: int | None = None

    def has(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def is_anonymous(self) -> bool:
        return self.user is None

    @property
    def is_staff_member(self) -> bool:
        return bool(self.roles)

    def audit_identity(self) -> dict[str, Any]:
        return {
            "user": self.user,
            "organisation": self.organisation,
            "state": self.state or "",
        }


ANONYMOUS = Actor(user=None)


def actor_for(user: Any, membership_id: int | None = None) -> Actor:
    """Build the actor for a user and (optionally) a chosen membership.

    A user with several memberships acts for one at a time; without a choice the first
    active one counts. Active break-glass grants add their permission for this state only.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    from corridor.access.models import BreakGlassGrant
    from corridor.accounts.models import Membership

    memberships = Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
    if membership_id is not None:
        memberships = memberships.filter(pk=membership_id)
    membership = memberships.select_related("organisation").order_by("id").first()
    if membership is None:
        return Actor(user=user)
    roles = frozenset(membership.roles)
    permissions = set(permissions_for(roles))
    state = membership.organisation.state_id
    lent: dict[str, str] = {}
    if state:
        grants = BreakGlassGrant.objects.active().filter(user=user, state_id=state)
        for grant in grants.order_by("expires_at"):
            if grant.permission in BREAK_GLASS_PERMISSIONS and grant.permission not in permissions:
                lent[grant.permission] = str(grant.uuid)
    return Actor(
        user=user,
        organisation=membership.organisation,
        state=state,
        roles=roles,
        permissions=frozenset(permissions | set(lent)),
        break_glass=lent,
        membership_id=membership.pk,
    )
