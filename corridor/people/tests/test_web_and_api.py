"""Person pages and endpoints: owner, colleague and outsider, through web and API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.people import services
from corridor.people.models import PersonRecord
from corridor.people.tests.factories import make_agreement, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def tur_officer(user_factory):
    return user_factory("TUR", roles.MIGRATION_OFFICER)


@pytest.fixture
def kgz_consul(user_factory):
    return user_factory("KGZ", roles.CONSULAR_OFFICER)


@pytest.fixture
def tur_record(tur_officer):
    return services.person_create(
        actor=actor_for(tur_officer),
        family_name="Asanov",
        given_name="Aibek",
        citizenship="KGZ",
        document_number="AC 1234567",
    )


def test_owner_reads_record_and_the_read_is_audited(client, tur_officer, tur_record):
    client.force_login(tur_officer)
    response = client.get(tur_record.get_absolute_url())
    assert response.status_code == 200
    assert "AC 1234567" in response.content.decode()
    assert AuditEvent.objects.filter(action="person_record.viewed", target_uuid=tur_record.uuid).count() == 1


def test_outsider_gets_404_on_every_page_and_endpoint(client, kgz_consul, tur_record):
    # given no agreement between TUR and KGZ
    client.force_login(kgz_consul)
    for url in (
        tur_record.get_absolute_url(),
        f"/api/v1/people/{tur_record.uuid}/",
        reverse("audit:record-access", args=["people.personrecord", tur_record.uuid]),
        f"/api/v1/audit/records/people.personrecord/{tur_record.uuid}/",
    ):
        assert client.get(url).status_code == 404, url
    listing = client.get("/api/v1/people/").json()
    assert listing["count"] == 0
    page = client.get(reverse("people:list")).content.decode()
    assert "Asanov" not in page
    export = client.get(reverse("people:export")).content.decode()
    assert "Asanov" not in export
    assert AuditEvent.objects.filter(action="person_record.viewed").count() == 0


def test_grantee_reads_only_agreed_fields_and_the_read_cites_the_agreement(client, kgz_consul, tur_record):
    agreement = make_agreement("TUR", ["KGZ"], fields=["family_name", "citizenship"])
    client.force_login(kgz_consul)
    body = client.get(f"/api/v1/people/{tur_record.uuid}/").json()
    assert body == {
        "uuid": str(tur_record.uuid),
        "state": "TUR",
        "agreement": str(agreement.uuid),
        "family_name": "Asanov",
        "citizenship": "KGZ",
    }
    event = AuditEvent.objects.get(action="person_record.viewed", target_uuid=tur_record.uuid)
    assert (
        event.agreement_uuid == agreement.uuid and event.actor_state == "KGZ" and event.target_state == "TUR"
    )
    page = client.get(tur_record.get_absolute_url()).content.decode()
    assert "AC 1234567" not in page and "Aibek" not in page


def test_export_is_own_state_only_capped_and_audited(client, tur_officer, tur_record):
    make_person("KGZ", "KGZ", family_name="Foreign")
    client.force_login(tur_officer)
    response = client.get(reverse("people:export"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Asanov" in text and "Foreign" not in text
    event = AuditEvent.objects.get(action="person_record.exported")
    assert event.data["count"] == 1 and event.data["uuids"] == [str(tur_record.uuid)]


def test_export_neutralises_spreadsheet_formulas(client, tur_officer):
    services.person_create(
        actor=actor_for(tur_officer), family_name="=HYPERLINK(1)", given_name="+x", citizenship="KGZ"
    )
    client.force_login(tur_officer)
    text = client.get(reverse("people:export")).content.decode()
    assert "'=HYPERLINK(1)" in text and ",'+x," in text


def test_search_by_document_number_uses_the_blind_index(client, tur_officer, tur_record):
    client.force_login(tur_officer)
    found = client.get("/api/v1/people/", {"document_number": "ac1234567"}).json()
    assert [row["uuid"] for row in found["results"]] == [str(tur_record.uuid)]
    assert client.get("/api/v1/people/", {"document_number": "AC1234568"}).json()["count"] == 0


def test_create_through_api_validates_and_changes_nothing_on_bad_input(client, tur_officer):
    client.force_login(tur_officer)
    bad = [
        {"family_name": "A", "given_name": "B", "citizenship": "XXX"},
        {"family_name": "A\x00", "given_name": "B", "citizenship": "KGZ"},
        {"family_name": "A" * 500, "given_name": "B", "citizenship": "KGZ"},
        {"family_name": ["A"], "given_name": "B", "citizenship": "KGZ"},
        {"family_name": "A", "given_name": "B", "citizenship": "KGZ", "birth_date": "2999-01-01"},
        {"family_name": "A", "given_name": "B", "citizenship": "KGZ", "protection_reasons": ["nope"]},
    ]
    for payload in bad:
        response = client.post("/api/v1/people/", payload, content_type="application/json")
        assert response.status_code == 400, payload
        assert set(response.json()) == {"error", "request_id"}
    assert PersonRecord.objects.visible_to(actor_for(tur_officer)).count() == 0
    ok = client.post(
        "/api/v1/people/",
        {"family_name": "A", "given_name": "B", "citizenship": "KGZ"},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["state"] == "TUR"


def test_web_form_shows_field_errors_and_stores_nothing(client, tur_officer):
    client.force_login(tur_officer)
    response = client.post(
        reverse("people:create"),
        {"family_name": "", "given_name": "B", "citizenship": "KGZ", "birth_date": "2999-01-01"},
    )
    assert response.status_code == 400
    assert PersonRecord.objects.visible_to(actor_for(tur_officer)).count() == 0


def test_who_accessed_page_lists_foreign_reader_for_owner(client, user_factory, kgz_consul, tur_record):
    make_agreement("TUR", ["KGZ"])
    client.force_login(kgz_consul)
    client.get(tur_record.get_absolute_url())
    auditor = user_factory("TUR", roles.AUDITOR)
    client.force_login(auditor)
    page = client.get(reverse("audit:record-access", args=["people.personrecord", tur_record.uuid]))
    assert page.status_code == 200
    assert kgz_consul.username in page.content.decode()
    api = client.get(f"/api/v1/audit/records/people.personrecord/{tur_record.uuid}/").json()
    assert {row["actor"] for row in api["results"]} >= {kgz_consul.username}
