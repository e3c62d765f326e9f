"""Sensitive reads and denials reach the audit trail (issue 20, medium 7)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.accounts.services import token_issue
from corridor.audit.models import AuditEvent
from corridor.audit.services import audit_verify
from corridor.people import services as people_services
from corridor.registration.tests.factories import make_consul, make_consulate, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def kgz_consul():
    return make_consul(make_consulate("KGZ"))


def test_the_edit_form_is_an_audited_read(client, kgz_consul):
    registration = register(kgz_consul, passport_number="AC7654321")
    client.force_login(kgz_consul)
    response = client.get(reverse("registration:edit", args=[registration.uuid]))
    assert response.status_code == 200 and "AC7654321" in response.content.decode()
    events = AuditEvent.objects.filter(action="registration.viewed", target_uuid=registration.uuid)
    assert [(e.actor_username, e.data) for e in events] == [(kgz_consul.username, {"form": "edit"})]


def test_the_duplicates_page_is_an_audited_read(client, kgz_consul):
    first = register(kgz_consul, passport_number="AC1111111")
    second = register(kgz_consul, passport_number="AC1111111")
    client.force_login(kgz_consul)
    assert client.get(reverse("registration:duplicates")).status_code == 200
    event = AuditEvent.objects.get(action="registration.duplicates_viewed")
    assert event.data["uuids"] == sorted([str(first.uuid), str(second.uuid)])


def test_a_foreign_officer_denied_a_page_is_audited(client, kgz_consul):
    registration = register(kgz_consul)
    tur = make_user("TUR", roles.CONSULAR_OFFICER)
    client.force_login(tur)
    response = client.get(reverse("registration:edit", args=[registration.uuid]) + "?q=secret")
    assert response.status_code == 404
    event = AuditEvent.objects.get(action="request.denied")
    assert (event.actor_username, event.actor_state) == (tur.username, "TUR")
    assert event.data == {
        "status": 404,
        "method": "GET",
        "path": f"/en/registration/officer/{registration.uuid}/edit/",
        "route": "registration:edit",
    }
    # nothing the refused view might have written survives, and the chain holds
    assert not AuditEvent.objects.filter(action="registration.viewed").exists()
    assert audit_verify().ok


def test_a_foreign_officer_denied_through_the_api_is_audited(api_client):
    owner = actor_for(make_user("TUR", roles.MIGRATION_OFFICER))
    person = people_services.person_create(actor=owner, family_name="A", given_name="B", citizenship="UZB")
    token = token_issue(user=make_user("KGZ", roles.MIGRATION_OFFICER), name="probe").raw
    response = api_client.get(f"/api/v1/people/{person.uuid}/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404
    event = AuditEvent.objects.get(action="request.denied")
    assert event.actor_state == "KGZ" and event.data["status"] == 404
    assert event.data["route"] == "api:person-detail" or event.data["route"].endswith("person-detail")


def test_a_missing_permission_is_audited_as_403(api_client):
    # a labour officer may not export person records
    token = token_issue(user=make_user("KGZ", roles.LABOUR_OFFICER), name="probe").raw
    response = api_client.get("/api/v1/people/export/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="request.denied", actor_state="KGZ").count() == 1


def test_anonymous_unknown_paths_are_not_recorded(client):
    assert client.get("/en/no/such/page/").status_code == 404
    assert not AuditEvent.objects.filter(action="request.denied").exists()
