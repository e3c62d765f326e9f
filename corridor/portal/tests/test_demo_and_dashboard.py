"""Demo data (idempotent, demo mode only) and the per-role dashboard."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.access.models import DataSharingAgreement
from corridor.accounts.models import Membership, Organisation, User
from corridor.audit.models import AuditEvent
from corridor.people.models import PersonRecord
from corridor.portal.demo import MEMBERS, load_demo

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    people = sum(PersonRecord.objects.for_state(s).count() for s in MEMBERS)
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        DataSharingAgreement.objects.count(),
        people,
        AuditEvent.objects.count(),
    )


def test_demo_loads_every_member_role_and_twice_changes_nothing():
    load_demo()
    first = counts()
    load_demo()
    assert counts() == first
    for state in MEMBERS:
        for role in roles.ALL_ROLES:
            # The secretariat is regional; the recruitment demo adds one employer account (tur.employer).
            if role not in (roles.SECRETARIAT, roles.EMPLOYER):
                assert User.objects.filter(username=f"{state.lower()}.{role}").exists()
    assert User.objects.get(username="secretariat").check_password("demo")
    kinds = {a.scope_kind for a in DataSharingAgreement.objects.all()}
    assert kinds == {"records", "aggregates"}


def test_demo_consul_of_kgz_sees_own_and_granted_but_no_protected_kyrgyz_in_turkiye():
    load_demo()
    consul = actor_for(User.objects.get(username="kgz.consular_officer"))
    visible = list(PersonRecord.objects.visible_to(consul))
    foreign = [p for p in visible if p.state_id != "KGZ"]
    assert foreign and all(p.state_id == "TUR" and p.citizenship_id == "KGZ" for p in foreign)
    assert not any(p.is_protected for p in foreign)
    hidden = PersonRecord.objects.for_state("TUR").filter(citizenship_id="KGZ", is_protected=True)
    assert hidden.exists()
    turkish = actor_for(User.objects.get(username="tur.migration_officer"))
    assert {p.state_id for p in PersonRecord.objects.visible_to(turkish)} == {"TUR"}


def test_demo_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(ImproperlyConfigured):
        load_demo()


def test_demo_password_refused_outside_demo_mode(client, settings):
    make_user("TUR", roles.MIGRATION_OFFICER, username="copied.user", password="demo")
    settings.DEMO_MODE = False
    response = client.post("/en/accounts/login/", {"username": "copied.user", "password": "demo"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (roles.CONSULAR_OFFICER, {"people", "agreements", "break_glass"}, {"audit", "statistics"}),
        (roles.STATISTICIAN, {"statistics", "agreements"}, {"people", "audit"}),
        (roles.AUDITOR, {"audit", "break_glass_review"}, {"people"}),
        (roles.NATIONAL_ADMIN, {"users", "agreements", "audit"}, {"people"}),
        (roles.LABOUR_OFFICER, {"labour"}, {"people"}),
    ],
)
def test_dashboard_shows_the_cards_of_the_role(client, role, present, absent):
    client.force_login(make_user("KGZ", role))
    html = client.get("/en/dashboard/").content.decode()
    for key in present:
        assert f'data-card="{key}"' in html, key
    for key in absent:
        assert f'data-card="{key}"' not in html, key


def test_public_home_needs_no_sign_in_and_dashboard_does(client):
    assert client.get("/en/").status_code == 200
    response = client.get("/en/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
