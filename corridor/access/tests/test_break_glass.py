"""Break-glass: a reason, a time limit, own state only, audited, reviewed by someone else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from corridor.access import permissions as perms
from corridor.access import roles, services
from corridor.access.actor import actor_for
from corridor.access.models import BreakGlassGrant
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError
from corridor.people.models import PersonRecord
from corridor.people.tests.factories import make_agreement, make_person

pytestmark = pytest.mark.django_db
REASON = "Child at risk at the border post tonight; need the protected file."


def test_break_glass_lends_protected_view_in_own_state_until_it_expires(user_factory):
    # given a protected record and an officer who may not see it
    victim = make_person("TUR", "AFG", protected=True)
    user = user_factory("TUR", roles.MIGRATION_OFFICER)
    assert not PersonRecord.objects.visible_to(actor_for(user)).filter(pk=victim.pk).exists()
    # when the officer opens emergency access
    grant = services.break_glass_open(
        actor=actor_for(user), permission=perms.VIEW_PROTECTED, reason=REASON, hours=2
    )
    # then the record is visible and the actor names the grant
    actor = actor_for(user)
    assert actor.break_glass == {perms.VIEW_PROTECTED: str(grant.uuid)}
    assert PersonRecord.objects.visible_to(actor).filter(pk=victim.pk).exists()
    assert AuditEvent.objects.filter(action="break_glass.opened", break_glass_uuid=grant.uuid).count() == 1
    # and once expired it is gone
    BreakGlassGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert not PersonRecord.objects.visible_to(actor_for(user)).filter(pk=victim.pk).exists()


def test_break_glass_never_opens_foreign_protected_records(user_factory):
    foreign_victim = make_person("TUR", "AFG", protected=True)
    make_agreement("TUR", ["KAZ"], nationals_only=False)
    user = user_factory("KAZ", roles.MIGRATION_OFFICER)
    services.break_glass_open(actor=actor_for(user), permission=perms.VIEW_PROTECTED, reason=REASON)
    assert not PersonRecord.objects.visible_to(actor_for(user)).filter(pk=foreign_victim.pk).exists()


@pytest.mark.parametrize(
    ("permission", "reason", "hours", "field"),
    [
        (perms.VIEW_PROTECTED, "too short", 1, "reason"),
        (perms.MANAGE_AGREEMENTS, REASON, 1, "permission"),
        (perms.VIEW_PROTECTED, REASON, 9, "hours"),
        (perms.VIEW_PROTECTED, REASON, 0, "hours"),
    ],
)
def test_break_glass_refuses_bad_requests_and_stores_nothing(actor_factory, permission, reason, hours, field):
    actor = actor_factory("TUR", roles.MIGRATION_OFFICER)
    with pytest.raises(ApplicationError) as caught:
        services.break_glass_open(actor=actor, permission=permission, reason=reason, hours=hours)
    assert field in caught.value.fields
    assert BreakGlassGrant.objects.count() == 0


def test_review_by_another_person_of_the_same_state(user_factory):
    user = user_factory("TUR", roles.MIGRATION_OFFICER)
    grant = services.break_glass_open(actor=actor_for(user), permission=perms.VIEW_PROTECTED, reason=REASON)
    outsider = actor_for(user_factory("KGZ", roles.AUDITOR))
    with pytest.raises(ApplicationError):
        services.break_glass_review(actor=outsider, grant=grant, outcome="justified", note="ok")
    auditor = actor_for(user_factory("TUR", roles.AUDITOR))
    services.break_glass_review(
        actor=auditor, grant=grant, outcome="justified", note="Checked with the supervisor."
    )
    grant.refresh_from_db()
    assert grant.review_outcome == "justified" and grant.reviewed_by == auditor.user
