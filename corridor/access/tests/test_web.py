"""Agreement and break-glass pages: owner, grantee, outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_user
from corridor.access import roles
from corridor.access.models import AgreementStatus, DataSharingAgreement
from corridor.people.tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def test_outsider_state_gets_404_for_an_agreement_it_is_not_party_to(client):
    agreement = make_agreement("TUR", ["KGZ"])
    client.force_login(make_user("KAZ", roles.NATIONAL_ADMIN))
    assert client.get(reverse("access:agreement-detail", args=[agreement.uuid])).status_code == 404
    assert client.get(f"/api/v1/agreements/{agreement.uuid}/").status_code == 404
    response = client.post(reverse("access:agreement-status", args=[agreement.uuid, "suspended"]))
    assert response.status_code == 404
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.reference not in client.get(reverse("access:agreement-list")).content.decode()


def test_grantee_reads_but_cannot_suspend(client):
    agreement = make_agreement("TUR", ["KGZ"])
    client.force_login(make_user("KGZ", roles.NATIONAL_ADMIN))
    assert client.get(reverse("access:agreement-detail", args=[agreement.uuid])).status_code == 200
    client.post(reverse("access:agreement-status", args=[agreement.uuid, "suspended"]))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE


def test_grantor_admin_drafts_on_the_page_and_activates(client):
    client.force_login(make_user("TUR", roles.NATIONAL_ADMIN))
    form = {
        "reference": "TUR-KGZ-9",
        "title": "Consular",
        "grantor": "TUR",
        "grantees": ["KGZ"],
        "purpose": "consular_protection",
        "legal_basis": "Bilateral",
        "scope_kind": "records",
        "record_types": ["people.personrecord"],
        "shared_fields": "family_name, given_name",
        "nationals_only": "on",
        "min_cell_size": 5,
        "valid_from": "2026-01-01",
    }
    response = client.post(reverse("access:agreement-create"), form)
    assert response.status_code == 302
    agreement = DataSharingAgreement.objects.get(reference="TUR-KGZ-9")
    assert agreement.fields == {"people.personrecord": ["family_name", "given_name"]}
    client.post(reverse("access:agreement-status", args=[agreement.uuid, "active"]))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE


def test_agreement_form_errors_are_shown_and_nothing_saved(client):
    client.force_login(make_user("TUR", roles.NATIONAL_ADMIN))
    response = client.post(reverse("access:agreement-create"), {"reference": "bad ref!", "grantor": "TUR"})
    assert response.status_code == 400
    assert DataSharingAgreement.objects.count() == 0


def test_secretariat_sees_the_whole_register_and_officer_without_role_sees_no_page(client):
    make_agreement("TUR", ["KGZ"])
    make_agreement("KAZ", ["UZB"])
    client.force_login(make_user(None, roles.SECRETARIAT))
    assert client.get("/api/v1/agreements/").json()["count"] == 2
    client.force_login(make_user("TUR", roles.SERVICE_PROVIDER))
    assert client.get(reverse("access:agreement-list")).status_code == 404
    assert client.get("/api/v1/agreements/").json()["count"] == 0


def test_break_glass_page_opens_and_lists_for_reviewer_of_same_state_only(client):
    officer = make_user("TUR", roles.MIGRATION_OFFICER)
    client.force_login(officer)
    response = client.post(
        reverse("access:break-glass-list"),
        {
            "permission": "people.view_protected",
            "hours": 1,
            "reason": "A child at the border post needs the protected file now.",
        },
    )
    assert response.status_code == 302
    client.force_login(make_user("TUR", roles.AUDITOR))
    assert officer.username in client.get(reverse("access:break-glass-list")).content.decode()
    client.force_login(make_user("KGZ", roles.AUDITOR))
    assert officer.username not in client.get(reverse("access:break-glass-list")).content.decode()
