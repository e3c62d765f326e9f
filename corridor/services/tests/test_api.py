"""The register's API: HSDS-shaped public reads, writes for keepers, outsiders get 404."""

from __future__ import annotations

import pytest

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.services.models import Service
from corridor.services.tests.factories import make_entry

pytestmark = pytest.mark.django_db

BASE = "/api/v1/services"


@pytest.fixture
def entries(tur_provider, tur_authority):
    shelter = make_entry(tur_authority, verifier=tur_authority, name="Night shelter", languages=("ru",))
    lawyers = make_entry(
        tur_authority,
        verifier=tur_authority,
        name="Lawyers",
        city="Ankara",
        needs=("legal-aid",),
        languages=("uz",),
    )
    hidden = make_entry(tur_provider, name="Unverified kitchen", needs=("food",))
    return shelter, lawyers, hidden


def test_root_names_the_hsds_version(api_client):
    body = api_client.get(f"{BASE}/").json()
    assert body["version"] == "3.1"


def test_services_page_has_hsds_shape_and_only_verified_entries(api_client, entries):
    body = api_client.get(f"{BASE}/services/").json()
    assert {
        k: body[k]
        for k in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")
    } == {
        "total_items": 2,
        "total_pages": 1,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    assert [s["name"] for s in body["contents"]] == ["Lawyers", "Night shelter"]
    shelter = body["contents"][1]
    assert shelter["organization"]["name"] == "Night shelter provider"
    assert shelter["service_at_locations"][0]["location"]["addresses"][0]["city"] == "Istanbul"


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("city=ankara", ["Lawyers"]),
        ("need=shelter", ["Night shelter"]),
        ("language=uz", ["Lawyers"]),
        ("search=shel", ["Night shelter"]),
        ("city=Istanbul&language=uz", []),
    ],
)
def test_service_filters(api_client, entries, query, names):
    body = api_client.get(f"{BASE}/services/?{query}").json()
    assert [s["name"] for s in body["contents"]] == names


def test_service_at_locations_search_and_taxonomy_term(api_client, entries):
    shelter, _lawyers, _hidden = entries
    terms = api_client.get(f"{BASE}/taxonomy_terms/?per_page=100").json()["contents"]
    shelter_term = next(t["id"] for t in terms if t["code"] == "shelter")
    body = api_client.get(f"{BASE}/service_at_locations/?taxonomy_term_id={shelter_term}").json()
    assert [p["id"] for p in body["contents"]] == [str(shelter.uuid)]
    assert body["contents"][0]["service"]["name"] == "Night shelter"
    assert api_client.get(f"{BASE}/service_at_locations/{shelter.uuid}/").json()["location_id"] == str(
        shelter.location.uuid
    )


def test_unverified_entry_is_404_to_the_public_and_to_another_state(api_client, entries, kgz_authority):
    _shelter, _lawyers, hidden = entries
    assert api_client.get(f"{BASE}/services/{hidden.service.uuid}/").status_code == 404
    api_client.force_authenticate(kgz_authority.user)
    assert api_client.get(f"{BASE}/services/{hidden.service.uuid}/").status_code == 404
    assert api_client.get(f"{BASE}/service_at_locations/{hidden.uuid}/").status_code == 404
    assert api_client.get(f"{BASE}/services/not-a-uuid/").status_code == 404


def test_keeper_reads_own_unverified_entry(api_client, entries, tur_provider):
    _shelter, _lawyers, hidden = entries
    api_client.force_authenticate(tur_provider.user)
    body = api_client.get(f"{BASE}/services/{hidden.service.uuid}/").json()
    assert (body["name"], body.get("assured_date")) == ("Unverified kitchen", None)


def test_provider_writes_through_the_api_and_authority_verifies(api_client, tur_provider, tur_authority):
    api_client.force_authenticate(tur_provider.user)
    org = api_client.post(
        f"{BASE}/organizations/", {"name": "Women's shelter", "description": "Safe house"}, format="json"
    )
    assert org.status_code == 201
    service = api_client.post(
        f"{BASE}/services/",
        {
            "organization_id": org.json()["id"],
            "name": "Safe house",
            "needs": ["gbv", "shelter"],
            "languages": ["uz"],
        },
        format="json",
    )
    assert service.status_code == 201, service.json()
    location = api_client.post(
        f"{BASE}/locations/",
        {"organization_id": org.json()["id"], "address_1": "Demo 2", "city": "Antalya", "country": "TUR"},
        format="json",
    )
    assert location.status_code == 201
    place = api_client.post(
        f"{BASE}/service_at_locations/",
        {
            "service_id": service.json()["id"],
            "location_id": location.json()["id"],
            "phones": [{"number": "+90 555 010 0101"}],
            "schedules": [{"byday": "MO,WE", "opens_at": "10:00", "closes_at": "16:00"}],
        },
        format="json",
    )
    assert place.status_code == 201, place.json()
    capacity = api_client.post(
        f"{BASE}/services/{service.json()['id']}/capacity/",
        {"capacity_total": 8, "capacity_available": 2},
        format="json",
    )
    assert capacity.json()["capacities"][0]["available"] == 2
    assert api_client.post(f"{BASE}/services/{service.json()['id']}/verify/").status_code == 403
    api_client.force_authenticate(tur_authority.user)
    verified = api_client.post(f"{BASE}/services/{service.json()['id']}/verify/")
    assert verified.status_code == 200
    public = api_client.get(f"{BASE}/service_at_locations/?city=antalya&need=gbv&language=uz").json()
    assert [p["id"] for p in public["contents"]] == [place.json()["id"]]
    assert public["contents"][0]["phones"][0]["number"] == "+90 555 010 0101"


def test_outsider_writes_get_404_and_change_nothing(api_client, entries, kgz_authority):
    _shelter, _lawyers, hidden = entries
    api_client.force_authenticate(kgz_authority.user)
    sid = hidden.service.uuid
    assert api_client.post(f"{BASE}/services/{sid}/verify/").status_code == 404
    assert api_client.patch(f"{BASE}/services/{sid}/", {"name": "Taken"}, format="json").status_code == 404
    assert (
        api_client.post(
            f"{BASE}/services/{sid}/capacity/", {"capacity_available": 0}, format="json"
        ).status_code
        == 404
    )
    org = hidden.service.organization.uuid
    assert (
        api_client.post(
            f"{BASE}/services/", {"organization_id": str(org), "name": "X"}, format="json"
        ).status_code
        == 404
    )
    service = Service.objects.for_state("TUR").get(pk=hidden.service.pk)
    assert (service.name, service.verified_at, service.capacity_available) == ("Unverified kitchen", None, 5)


def test_bad_input_gets_field_messages(api_client, entries, tur_authority):
    shelter, _lawyers, _hidden = entries
    api_client.force_authenticate(tur_authority.user)
    response = api_client.post(
        f"{BASE}/services/{shelter.service.uuid}/capacity/",
        {"capacity_total": 3, "capacity_available": 4},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["capacity_available"]
    response = api_client.post(
        f"{BASE}/services/",
        {"organization_id": str(shelter.service.organization.uuid), "name": "X", "needs": ["rocket"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"needs": ["Unknown need: rocket."]}


def test_another_states_officer_without_register_role_reads_only_public(api_client, entries):
    statistician = actor_for(make_user("TUR", roles.STATISTICIAN))
    api_client.force_authenticate(statistician.user)
    _shelter, _lawyers, hidden = entries
    assert api_client.get(f"{BASE}/services/{hidden.service.uuid}/").status_code == 404
    assert api_client.post(f"{BASE}/organizations/", {"name": "N"}, format="json").status_code == 403
