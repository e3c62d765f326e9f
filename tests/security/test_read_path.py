"""The audited read path asks the database once per request for what does not change within it
(issue 20, read path): state data keys, agreements in force; no write for every token use."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.accounts.models import ApiToken
from corridor.accounts.services import token_issue
from corridor.people import services as people_services
from corridor.people.tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def _queries_on(table: str, queries) -> list[str]:
    return [q["sql"] for q in queries if f'"{table}"' in q["sql"]]


@pytest.fixture
def twelve_rows():
    tur = actor_for(make_user("TUR", roles.MIGRATION_OFFICER))
    kgz = actor_for(make_user("KGZ", roles.MIGRATION_OFFICER))
    for n in range(6):
        people_services.person_create(
            actor=kgz, family_name=f"Own{n}", given_name="A", citizenship="KGZ", document_number=f"K{n}"
        )
        people_services.person_create(
            actor=tur, family_name=f"Held{n}", given_name="B", citizenship="KGZ", document_number=f"T{n}"
        )
    make_agreement("TUR", ["KGZ"], fields=["family_name", "given_name", "document_number"])
    return kgz


def test_people_list_reads_keys_and_agreements_once(api_client, twelve_rows):
    raw = token_issue(user=twelve_rows.user, name="bench").raw
    header = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    api_client.get("/api/v1/people/", **header)  # first use: keys created, last use stamped
    with CaptureQueriesContext(connection) as captured:
        response = api_client.get("/api/v1/people/", **header)
    assert response.status_code == 200 and response.json()["count"] == 12
    assert {r["document_number"] for r in response.json()["results"]} == {f"K{n}" for n in range(6)} | {
        f"T{n}" for n in range(6)
    }
    # two states' data keys, one read each; the agreements once
    assert len(_queries_on("crypto_statedatakey", captured)) == 2
    assert len(_queries_on("access_datasharingagreement", captured)) == 1
    # and no UPDATE of the token's last use within the minute
    assert not [q for q in _queries_on("accounts_apitoken", captured) if q.startswith("UPDATE")]


def test_last_use_is_still_recorded_to_the_minute(api_client, db):
    issued = token_issue(user=make_user("KGZ", roles.MIGRATION_OFFICER), name="x")
    header = {"HTTP_AUTHORIZATION": f"Bearer {issued.raw}"}
    api_client.get("/api/v1/me/", **header)
    first = ApiToken.objects.get(pk=issued.token.pk).last_used_at
    assert first is not None
    ApiToken.objects.filter(pk=issued.token.pk).update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
    api_client.get("/api/v1/me/", **header)
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at > first - dt.timedelta(seconds=1)


def test_a_rotation_in_a_request_is_seen_by_the_rest_of_it(db):
    # outside a request nothing is memoised: services see rotations at once
    from corridor.crypto import services as crypto
    from corridor.people.models import PersonRecord

    owner = actor_for(make_user("UZB", roles.MIGRATION_OFFICER))
    person = people_services.person_create(
        actor=owner, family_name="R", given_name="S", citizenship="UZB", document_number="X1"
    )
    crypto.rotate_data_key(state="UZB")
    person = PersonRecord.objects.for_state("UZB").get(pk=person.pk)
    assert person.document_number_ciphertext.startswith("c1.2.")
