"""Who sees a registration: the owner state; another state only by agreement AND consent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.registration import selectors
from corridor.registration.choices import ConsentPurpose, Status
from corridor.registration.models import Registration
from corridor.registration.services import consents
from corridor.registration.tests.factories import make_agreement, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def kgz_registration(kgz_consul):
    return register(kgz_consul, family_name="Токтогулов", passport_number="AC7654321")


def _status(registration: Registration) -> str:
    return Registration.objects.unscoped().get(pk=registration.pk).status


def test_owner_reads_registration_and_the_read_is_audited(client, kgz_colleague, kgz_registration):
    # given a colleague of the same state
    client.force_login(kgz_colleague)
    # when they open the registration
    response = client.get(kgz_registration.get_absolute_url())
    # then they see it, passport number included, and the read is recorded
    assert response.status_code == 200
    assert "AC7654321" in response.content.decode()
    events = AuditEvent.objects.filter(action="registration.viewed", target_uuid=kgz_registration.uuid)
    assert [(e.actor_state, e.target_state, e.agreement_uuid) for e in events] == [("KGZ", "KGZ", None)]


def test_another_states_consul_gets_404_on_every_page_and_endpoint(client, tur_consul, kgz_registration):
    # given no agreement between KGZ and TUR
    client.force_login(tur_consul)
    uuid = kgz_registration.uuid
    gets = [
        reverse("registration:detail", args=[uuid]),
        reverse("registration:edit", args=[uuid]),
        f"/api/v1/registration/{uuid}/",
        reverse("audit:record-access", args=["registration.registration", uuid]),
    ]
    posts = [
        (reverse("registration:edit", args=[uuid]), {"family_name": "x"}),
        (reverse("registration:status", args=[uuid]), {"status": "departed"}),
        (reverse("registration:merge"), {"first": uuid, "second": uuid}),
    ]
    # when the outsider tries each page and endpoint
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    api_status = client.post(
        f"/api/v1/registration/{uuid}/status/", {"status": "departed"}, content_type="application/json"
    )
    # then nothing is found, nothing changed, no read was recorded
    assert api_status.status_code == 404
    assert client.get("/api/v1/registration/").json()["count"] == 0
    assert client.get("/api/v1/registration/", {"passport_number": "AC7654321"}).json()["count"] == 0
    assert "Токтогулов" not in client.get(reverse("registration:list")).content.decode()
    assert "Токтогулов" not in client.get(reverse("registration:export")).content.decode()
    assert client.get("/api/v1/registration/export/").json()["count"] == 0
    assert "Токтогулов" not in client.get(reverse("registration:duplicates")).content.decode()
    assert _status(kgz_registration) == Status.REGISTERED
    assert not AuditEvent.objects.filter(action="registration.viewed").exists()


def test_officer_without_registration_permission_finds_no_pages(client, user_factory, kgz_registration):
    # given a KGZ migration officer (person records, but no consular registration permission)
    client.force_login(user_factory("KGZ", "migration_officer"))
    for url in (
        reverse("registration:list"),
        kgz_registration.get_absolute_url(),
        reverse("registration:export"),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v1/registration/export/").status_code == 404


def test_destination_needs_agreement_and_consent_and_revoking_consent_ends_access(
    client, kgz_consul, tur_consul
):
    # given a KGZ registration for Türkiye whose holder consented to sharing with Türkiye
    registration = register(
        kgz_consul, consents=(ConsentPurpose.SHARE_DESTINATION,), destination_city="Bursa"
    )
    url = f"/api/v1/registration/{registration.uuid}/"
    client.force_login(tur_consul)
    # then without an agreement the destination still sees nothing
    assert client.get(url).status_code == 404
    # when an agreement in force names registrations
    agreement = make_agreement("KGZ", ["TUR"])
    body = client.get(url).json()
    # then the destination reads only the agreed fields, citing the agreement
    assert body == {
        "uuid": str(registration.uuid),
        "state": "KGZ",
        "agreement": str(agreement.uuid),
        "reference": registration.reference,
        "family_name": registration.family_name,
        "given_name": "Айбек",
        "destination_city": "Bursa",
    }
    event = AuditEvent.objects.get(action="registration.viewed", actor_state="TUR")
    assert event.agreement_uuid == agreement.uuid
    # when the person revokes the sharing consent
    consents.consent_set(
        actor=actor_for(kgz_consul),
        registration=registration,
        purpose=ConsentPurpose.SHARE_DESTINATION,
        granted=False,
        channel="officer",
    )
    # then the agreement alone no longer reaches the registration
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/registration/").json()["count"] == 0


def test_agreement_without_consent_shows_nothing(client, kgz_consul, tur_consul):
    registration = register(kgz_consul, consents=(ConsentPurpose.CONSULAR_CONTACT,))
    make_agreement("KGZ", ["TUR"])
    client.force_login(tur_consul)
    assert client.get(f"/api/v1/registration/{registration.uuid}/").status_code == 404
    assert client.get(reverse("registration:detail", args=[registration.uuid])).status_code == 404


def test_consent_to_the_destination_does_not_reach_a_third_state(client, kgz_consul, user_factory):
    # given consent to share with Türkiye and an agreement that also names Kazakhstan
    registration = register(kgz_consul, consents=(ConsentPurpose.SHARE_DESTINATION,))
    make_agreement("KGZ", ["TUR", "KAZ"])
    client.force_login(user_factory("KAZ", "consular_officer"))
    # then Kazakhstan, not the destination, sees nothing
    assert client.get(f"/api/v1/registration/{registration.uuid}/").status_code == 404


def test_changing_destination_drops_the_consent_given_for_the_old_one(kgz_consul, tur_consul):
    from corridor.registration.domain import input_from
    from corridor.registration.services import records

    registration = register(kgz_consul, consents=(ConsentPurpose.SHARE_DESTINATION,))
    make_agreement("KGZ", ["TUR"])
    tur = actor_for(tur_consul)
    assert list(selectors.visible_registrations(tur)) == [registration]
    changed = input_from(registration).__dict__ | {"destination_country": "RUS"}
    records.registration_update(
        actor=actor_for(kgz_consul), registration=registration, data=type(input_from(registration))(**changed)
    )
    assert list(selectors.visible_registrations(tur)) == []
