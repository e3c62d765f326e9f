"""A job order's life cycle as a case-kernel transition table (``cases.services.step``).

Posted by the agency's state (or the employer's own account), verified or rejected by the
destination state, published by the owner, then filled, closed, revoked (by either state) or
expired by the nightly sweep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.cases.workflow import Guard, Transition, Workflow
from corridor.recruitment.models import LicenceStatus
from corridor.recruitment.models import VacancyStatus as S

if TYPE_CHECKING:
    from corridor.access.actor import Actor

DESTINATION_ACTIONS = frozenset({"verify", "reject"})


def _acting_state(vacancy: Any, transition: Transition) -> str | None:
    """The destination state verifies; the owner (agency's) state does the rest."""
    return vacancy.destination_id if transition.action in DESTINATION_ACTIONS else vacancy.state_id


def may_manage(actor: Actor, vacancy: Any) -> bool:
    """The owner state's recruitment officers, or the employer's own account for its job orders."""
    if policy.can(actor, perms.MANAGE_RECRUITMENT, state=vacancy.state_id):
        return True
    organisation = actor.organisation
    return (
        actor.has(perms.POST_JOB_ORDERS)
        and organisation is not None
        and vacancy.employer.organisation_id == organisation.pk
    )


def _may_act(actor: Actor, vacancy: Any, transition: Transition) -> bool:
    if transition.action in DESTINATION_ACTIONS:
        return True  # the permission, for the destination state, was checked by the kernel
    if transition.action == "revoke":
        return may_manage(actor, vacancy) or policy.can(
            actor, perms.VERIFY_VACANCIES, state=vacancy.destination_id
        )
    return may_manage(actor, vacancy)


def _licence_active(vacancy: Any, actor: Actor | None, changes: dict[str, Any]) -> bool:
    agency = vacancy.agency
    return agency is None or agency.licence.status == LicenceStatus.ACTIVE


def _still_open(vacancy: Any, actor: Actor | None, changes: dict[str, Any]) -> bool:
    return bool(vacancy.valid_until >= timezone.localdate())


VACANCY = Workflow(
    name="vacancy",  # audit: vacancy.<verb>
    note_field="reason",
    wrong_status=_("A vacancy that is {status} cannot be changed this way."),
    acting_state=_acting_state,
    may_act=_may_act,
    transitions=(
        Transition(
            "verify",
            {S.SUBMITTED},
            S.VERIFIED,
            permission=perms.VERIFY_VACANCIES,
            label=_("verify"),
            verb="verified",
        ),
        Transition(
            "reject",
            {S.SUBMITTED},
            S.REJECTED,
            permission=perms.VERIFY_VACANCIES,
            label=_("reject"),
            verb="rejected",
            needs_note=True,
        ),
        Transition(
            "publish",
            {S.VERIFIED},
            S.PUBLISHED,
            permission="",
            label=_("publish"),
            verb="published",
            guards=[
                Guard(
                    _licence_active,
                    _("The agency's licence is not active: only licensed agencies may recruit."),
                ),
                Guard(
                    _still_open, _("The closing date has passed: this vacancy can no longer be published.")
                ),
            ],
        ),
        Transition("fill", {S.PUBLISHED}, S.FILLED, permission="", label=_("mark filled"), verb="filled"),
        Transition("close", {S.PUBLISHED}, S.CLOSED, permission="", label=_("close"), verb="closed"),
        Transition(
            "revoke",
            {S.VERIFIED, S.PUBLISHED},
            S.REVOKED,
            permission="",
            label=_("revoke"),
            verb="revoked",
            needs_note=True,
        ),
        Transition(
            "expire",
            {S.PUBLISHED},
            S.EXPIRED,
            permission="",
            label=_("expired"),
            verb="expired",
            system_only=True,
        ),
    ),
)
