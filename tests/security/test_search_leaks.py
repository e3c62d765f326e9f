"""Search filters must not match fields an agreement withholds (issue 20, high 3).

Türkiye holds a record about a Kyrgyz citizen and shares only names with Kyrgyzstan: the
patronymic and the document number stay with Türkiye. A Kyrgyz officer's search must not
match them, or the count of results confirms what the agreement withholds.
"""

from __future__ import annotations

import pytest

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.people import services as people_services
from corridor.people.selectors import person_list
from corridor.people.tests.factories import make_agreement as person_agreement
from corridor.registration.choices import ConsentPurpose
from corridor.registration.selectors import registration_list
from corridor.registration.tests.factories import make_agreement as registration_agreement
from corridor.registration.tests.factories import make_consul, make_consulate, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def tur_record():
    tur = actor_for(make_user("TUR", roles.MIGRATION_OFFICER))
    return people_services.person_create(
        actor=tur,
        family_name="Asanov",
        given_name="Bakyt",
        patronymic="Secretovich",
        citizenship="KGZ",
        document_number="AN 1234567",
    )


@pytest.fixture
def kgz_officer():
    return make_user("KGZ", roles.MIGRATION_OFFICER)


def ids(records):
    return {str(r.uuid) for r in records}


def test_q_does_not_match_a_withheld_patronymic(tur_record, kgz_officer, api_client):
    # given an agreement sharing only names
    person_agreement("TUR", ["KGZ"], fields=["family_name", "given_name"])
    actor = actor_for(kgz_officer)
    # the record itself is visible, by a shared field
    assert ids(person_list(actor=actor, q="Asanov")) == {str(tur_record.uuid)}
    # when the Kyrgyz officer searches for the withheld patronymic
    api_client.force_authenticate(kgz_officer)
    response = api_client.get("/api/v1/people/", {"q": "Secret"})
    # then nothing matches
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert ids(person_list(actor=actor, q="Secretovich")) == set()


def test_document_number_is_not_confirmed_when_withheld(tur_record, kgz_officer, api_client):
    person_agreement("TUR", ["KGZ"], fields=["family_name", "given_name"])
    api_client.force_authenticate(kgz_officer)
    response = api_client.get("/api/v1/people/", {"document_number": "AN1234567"})
    assert response.status_code == 200 and response.json()["results"] == []


def test_shared_fields_are_still_searchable(tur_record, kgz_officer):
    person_agreement("TUR", ["KGZ"], fields=["family_name", "patronymic", "document_number"])
    actor = actor_for(kgz_officer)
    assert ids(person_list(actor=actor, q="Secret")) == {str(tur_record.uuid)}
    assert ids(person_list(actor=actor, document_number="an-1234567")) == {str(tur_record.uuid)}


def test_the_owner_searches_every_field(tur_record):
    owner = actor_for(make_user("TUR", roles.MIGRATION_OFFICER))
    assert ids(person_list(actor=owner, q="Secret", document_number="AN1234567")) == {str(tur_record.uuid)}


def test_the_first_agreement_decides_as_it_does_for_display(tur_record, kgz_officer):
    # an older agreement without the patronymic governs the row (policy.agreement_for),
    # so a newer, wider one for the same grantor does not make it searchable
    import datetime as dt

    from corridor.access.models import DataSharingAgreement

    first = person_agreement("TUR", ["KGZ"], fields=["family_name"])
    DataSharingAgreement.objects.filter(pk=first.pk).update(valid_from=dt.date(2019, 1, 1))
    person_agreement("TUR", ["KGZ"], fields=["family_name", "patronymic"])
    assert ids(person_list(actor=actor_for(kgz_officer), q="Secret")) == set()


@pytest.fixture
def shared_registration():
    kgz_consul = make_consul(make_consulate("KGZ"))
    registration = register(
        kgz_consul,
        consents=(ConsentPurpose.SHARE_DESTINATION,),
        passport_family_name="HIDDENOV",
        passport_number="AC7654321",
    )
    registration_agreement("KGZ", ["TUR"], fields=["family_name", "given_name", "destination_city"])
    return registration


def test_registration_search_ignores_withheld_passport_surname_number_and_reference(
    shared_registration, api_client
):
    tur_consul = make_user("TUR", roles.CONSULAR_OFFICER)
    actor = actor_for(tur_consul)
    assert ids(registration_list(actor=actor)) == {str(shared_registration.uuid)}
    assert ids(registration_list(actor=actor, q="HIDDENOV")) == set()
    assert ids(registration_list(actor=actor, q=shared_registration.reference)) == set()
    assert ids(registration_list(actor=actor, passport_number="AC7654321")) == set()
    assert ids(registration_list(actor=actor, status=shared_registration.status)) == set()
    api_client.force_authenticate(tur_consul)
    response = api_client.get("/api/v1/registration/", {"passport_number": "AC7654321"})
    assert response.status_code == 200 and response.json()["results"] == []


def test_registration_owner_still_finds_by_passport(shared_registration):
    kgz = actor_for(make_user("KGZ", roles.CONSULAR_OFFICER))
    found = registration_list(actor=kgz, q="HIDDENOV", passport_number="AC7654321")
    assert ids(found) == {str(shared_registration.uuid)}
