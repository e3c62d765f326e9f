"""The policy decision point: own state, agreements, protection block, fail-closed scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from corridor.access import policy, roles
from corridor.access.actor import actor_for
from corridor.access.models import AgreementScope, AgreementStatus
from corridor.access.scoping import ScopeRequired
from corridor.people.models import PersonRecord
from corridor.people.tests.factories import make_agreement, make_person

pytestmark = pytest.mark.django_db


def visible_ids(actor) -> set[int]:
    return set(PersonRecord.objects.visible_to(actor).values_list("id", flat=True))


def test_unscoped_query_on_state_owned_model_raises():
    # given a state-owned record
    make_person("TUR", "KGZ")
    # when / then every reading path refuses to run without a scope
    with pytest.raises(ScopeRequired):
        list(PersonRecord.objects.all())
    with pytest.raises(ScopeRequired):
        PersonRecord.objects.filter(state_id="TUR").count()
    with pytest.raises(ScopeRequired):
        PersonRecord.objects.get(state_id="TUR")
    with pytest.raises(ScopeRequired):
        PersonRecord.objects.exists()
    with pytest.raises(ScopeRequired):
        PersonRecord.objects.update(family_name="x")


def test_officer_sees_own_state_only(actor_factory):
    # given records in two states
    own = make_person("TUR", "KGZ")
    make_person("KGZ", "KGZ")
    officer = actor_factory("TUR", roles.MIGRATION_OFFICER)
    # when / then
    assert visible_ids(officer) == {own.id}


def test_role_without_view_permission_sees_nothing(actor_factory):
    make_person("TUR", "KGZ")
    assert visible_ids(actor_factory("TUR", roles.STATISTICIAN)) == set()
    assert visible_ids(actor_factory(None, roles.SECRETARIAT)) == set()


def test_agreement_grants_foreign_records_of_grantee_nationals_only(actor_factory):
    # given a TUR record of a Kyrgyz and of an Uzbek citizen, and a TUR→KGZ agreement
    kyrgyz = make_person("TUR", "KGZ")
    make_person("TUR", "UZB")
    make_agreement("TUR", ["KGZ"])
    consul = actor_factory("KGZ", roles.CONSULAR_OFFICER)
    # when / then only the Kyrgyz citizen's record is visible, under that agreement
    assert visible_ids(consul) == {kyrgyz.id}
    assert policy.agreement_for(consul, kyrgyz).grantor_id == "TUR"


def test_agreement_without_nationals_clause_grants_all_records_of_type(actor_factory):
    records = {make_person("TUR", "KGZ").id, make_person("TUR", "UZB").id}
    make_agreement("TUR", ["KGZ"], nationals_only=False)
    assert visible_ids(actor_factory("KGZ", roles.MIGRATION_OFFICER)) == records


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": AgreementStatus.DRAFT},
        {"status": AgreementStatus.SUSPENDED},
        {"status": AgreementStatus.EXPIRED},
        {"scope": AgreementScope.AGGREGATES},
        {"valid_to": dt.date(2021, 1, 1)},
        {"valid_from": dt.date(2999, 1, 1)},
    ],
)
def test_agreement_not_in_force_or_aggregates_grants_no_record(actor_factory, kwargs):
    make_person("TUR", "KGZ")
    make_agreement("TUR", ["KGZ"], **kwargs)
    assert visible_ids(actor_factory("KGZ", roles.CONSULAR_OFFICER)) == set()


def test_agreement_for_other_grantee_grants_nothing(actor_factory):
    make_person("TUR", "KGZ")
    make_agreement("TUR", ["KAZ"], nationals_only=False)
    assert visible_ids(actor_factory("KGZ", roles.CONSULAR_OFFICER)) == set()


def test_protected_record_never_reaches_origin_state_whatever_the_agreement(actor_factory):
    # given a protected Kyrgyz victim recorded by TUR and the most permissive agreement
    victim = make_person("TUR", "KGZ", protected=True)
    make_agreement("TUR", ["KGZ"], nationals_only=False, fields=["family_name", "is_protected"])
    # when / then not even law enforcement of the origin state sees it
    for role in (roles.CONSULAR_OFFICER, roles.LAW_ENFORCEMENT, roles.MIGRATION_OFFICER):
        assert victim.id not in visible_ids(actor_factory("KGZ", role))
    # while a third state under the same kind of agreement with protected permission does
    make_agreement("TUR", ["KAZ"], nationals_only=False)
    assert victim.id in visible_ids(actor_factory("KAZ", roles.LAW_ENFORCEMENT))


def test_protected_record_in_own_state_needs_protected_permission(actor_factory):
    victim = make_person("TUR", "KGZ", protected=True)
    assert victim.id not in visible_ids(actor_factory("TUR", roles.MIGRATION_OFFICER))
    assert victim.id in visible_ids(actor_factory("TUR", roles.LAW_ENFORCEMENT))


def test_shared_fields_follow_the_agreement(actor_factory):
    kyrgyz = make_person("TUR", "KGZ")
    make_agreement("TUR", ["KGZ"], fields=["family_name"])
    consul = actor_factory("KGZ", roles.CONSULAR_OFFICER)
    owner = actor_factory("TUR", roles.MIGRATION_OFFICER)
    assert policy.shared_fields(consul, kyrgyz) == frozenset({"family_name"})
    assert policy.shared_fields(owner, kyrgyz) is None


def test_get_visible_or_404_answers_404_for_foreign_and_missing(actor_factory):
    foreign = make_person("KGZ", "KGZ")
    officer = actor_factory("TUR", roles.MIGRATION_OFFICER)
    for key in (foreign.uuid, "00000000-0000-0000-0000-000000000000", "not-a-uuid"):
        with pytest.raises(Http404):
            policy.get_visible_or_404(PersonRecord, officer, key)


def test_require_refuses_other_state_and_missing_permission(actor_factory):
    admin = actor_factory("TUR", roles.NATIONAL_ADMIN)
    policy.require(admin, "access.manage_agreements", state="TUR")
    with pytest.raises(Exception, match="not allowed"):
        policy.require(admin, "access.manage_agreements", state="KGZ")
    with pytest.raises(Exception, match="not allowed"):
        policy.require(admin, "people.view_person")


def test_actor_of_inactive_membership_has_no_roles(user_factory):
    user = user_factory("TUR", roles.MIGRATION_OFFICER)
    user.memberships.update(is_active=False)
    actor = actor_for(user)
    assert actor.state is None and actor.permissions == frozenset()
