"""The public reference API, mounted alone under /api/v1/reference/."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("corridor.reference.tests.urls")]

BASE = "/api/v1/reference"


def _error(response):
    body = response.json()
    assert set(body) == {"error", "request_id"}
    return body["error"]


def test_country_list_is_public_and_paginated(client):
    # given an anonymous client
    # when listing countries
    response = client.get(f"{BASE}/countries/")
    # then the first page of all 249 comes back with the default page size
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 249
    assert len(body["results"]) == 25
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/v1/reference/countries/?page=2"
    assert body["results"][0]["iso3"] == "AFG"


def test_country_list_page_size_is_capped_at_100(client):
    # given an anonymous client
    # when asking for a page of 1000
    response = client.get(f"{BASE}/countries/", {"page_size": 1000})
    # then at most 100 rows come back
    assert response.status_code == 200
    assert len(response.json()["results"]) == 100


def test_country_list_filters_participants(client):
    # given an anonymous client
    # when asking for participants only
    response = client.get(f"{BASE}/countries/", {"ap": "1"})
    # then the ten participants come back with their status
    body = response.json()
    assert body["count"] == 10
    statuses = {row["iso3"]: row["ap_status"] for row in body["results"]}
    assert statuses == {
        "AFG": "member",
        "AZE": "member",
        "KAZ": "member",
        "KGZ": "member",
        "TJK": "member",
        "TKM": "member",
        "TUR": "member",
        "IRN": "observer",
        "PAK": "observer",
        "UZB": "observer",
    }


def test_country_list_refuses_a_bad_filter(client):
    # given an anonymous client
    # when the participant filter is not a boolean
    response = client.get(f"{BASE}/countries/", {"ap": "perhaps"})
    # then the project's error body names the field
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["ap"]


def test_country_detail_in_the_request_language(client):
    # given an anonymous client reading Russian
    # when fetching Kyrgyzstan by its lower-case code
    response = client.get(f"{BASE}/countries/kgz/", HTTP_ACCEPT_LANGUAGE="ru")
    # then the country comes back named in Russian
    assert response.status_code == 200
    body = response.json()
    assert body["iso3"] == "KGZ"
    assert body["iso2"] == "KG"
    assert body["numeric"] == "417"
    assert body["name"] == "Киргизия"
    assert body["name_en"] == "Kyrgyzstan"
    assert body["ap_status"] == "member"
    assert body["names"]["ky"] == "Кыргызстан"


def test_country_detail_unknown_code_is_404_with_error_body(client):
    # given an anonymous client
    # when fetching a code no country has
    response = client.get(f"{BASE}/countries/XXX/")
    # then the answer is 404 in the project's error shape
    assert response.status_code == 404
    assert _error(response) == {"code": "not_found", "message": "Not found.", "fields": {}}


def test_occupation_list_filters_by_level_and_parent(client):
    # given an anonymous client
    # when listing the minor groups under 83
    response = client.get(f"{BASE}/occupations/", {"level": 3, "parent": "83"})
    # then five groups come back with their parent and titles
    body = response.json()
    assert body["count"] == 5
    first = body["results"][0]
    assert first == {
        "code": "831",
        "level": 3,
        "parent": "83",
        "title": "Locomotive engine drivers and related workers",
        "title_en": "Locomotive engine drivers and related workers",
        "title_ru": "Машинисты локомотивов и родственные работники",
        "title_tr": "Lokomotif makinistleri ve ilgili çalışanlar",
    }


def test_occupation_list_major_groups_have_no_parent(client):
    # given an anonymous client
    # when listing level 1
    response = client.get(f"{BASE}/occupations/", {"level": 1})
    # then ten groups come back without a parent
    body = response.json()
    assert body["count"] == 10
    assert {row["parent"] for row in body["results"]} == {None}


def test_occupation_list_searches_in_turkish(client):
    # given an anonymous client reading Turkish
    # when searching for cooks in Turkish
    response = client.get(f"{BASE}/occupations/", {"q": "Aşçı"}, HTTP_ACCEPT_LANGUAGE="tr")
    # then the cooks (minor group and unit group) come back titled in Turkish
    rows = response.json()["results"]
    assert [(row["code"], row["title"]) for row in rows] == [("512", "Aşçılar"), ("5120", "Aşçılar")]


def test_occupation_list_finds_unit_groups(client):
    # given an anonymous client
    # when listing the unit groups under 753 (garment trades)
    response = client.get(f"{BASE}/occupations/", {"level": 4, "parent": "753"})
    # then the six unit groups come back, sewing among them
    codes = [row["code"] for row in response.json()["results"]]
    assert codes == ["7531", "7532", "7533", "7534", "7535", "7536"]


@pytest.mark.parametrize(("params", "field"), [({"level": 7}, "level"), ({"parent": "abc"}, "parent")])
def test_occupation_list_refuses_bad_filters(client, params, field):
    # given an anonymous client
    # when a filter is out of range
    response = client.get(f"{BASE}/occupations/", params)
    # then 400 names the field
    assert response.status_code == 400
    assert list(_error(response)["fields"]) == [field]


def test_language_list(client):
    # given an anonymous client
    # when listing languages, 100 a page
    response = client.get(f"{BASE}/languages/", {"page_size": 100})
    # then every language comes back with its names
    body = response.json()
    assert body["count"] == 28
    by_code = {row["code"]: row for row in body["results"]}
    assert by_code["fa"]["name_local"] == "فارسی"
    assert by_code["fa"]["name_ru"] == "персидский"
    assert by_code["tr"]["name_tr"] == "Türkçe"


def test_solar_hijri_from_gregorian(client):
    # given an anonymous client
    # when converting 22 November 2026
    response = client.get(f"{BASE}/calendar/solar-hijri/", {"date": "2026-11-22"})
    # then it is 1 Azar (Qaws) 1405
    assert response.status_code == 200
    assert response.json() == {
        "gregorian": "2026-11-22",
        "solar_hijri": {
            "year": 1405,
            "month": 9,
            "day": 1,
            "iso": "1405-09-01",
            "is_leap_year": False,
            "month_name": {"persian": "آذر", "persian_latin": "Azar", "dari": "قوس", "dari_latin": "Qaws"},
        },
    }


def test_solar_hijri_to_gregorian(client):
    # given an anonymous client
    # when converting 1 Farvardin 1403
    response = client.get(f"{BASE}/calendar/solar-hijri/", {"sh": "1403-01-01"})
    # then it is 20 March 2024
    assert response.status_code == 200
    assert response.json()["gregorian"] == "2024-03-20"
    assert response.json()["solar_hijri"]["iso"] == "1403-01-01"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"sh": "1404-12-30"}, "sh", "Month 12 of the Solar Hijri year 1404 has days 1 to 29, not 30."),
        ({"sh": "1403-13-01"}, "sh", "The Solar Hijri month must be between 1 and 12, not 13."),
        ({"sh": "1403/01/01"}, "sh", "Write the Solar Hijri date as YYYY-MM-DD, for example 1403-01-01."),
        ({"date": "0600-01-01"}, "date", None),
        ({"date": "2024-02-30"}, "date", None),
        ({}, "date", "Give exactly one of date (Gregorian) or sh (Solar Hijri)."),
        (
            {"date": "2024-03-20", "sh": "1403-01-01"},
            "date",
            "Give exactly one of date (Gregorian) or sh (Solar Hijri).",
        ),
    ],
)
def test_solar_hijri_refuses_bad_input(client, params, field, message):
    # given an anonymous client
    # when the input is not a date that exists
    response = client.get(f"{BASE}/calendar/solar-hijri/", params)
    # then 400 comes back in the project's error body, on the field at fault
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "invalid"
    assert error["message"] == "Some fields are not valid."
    assert list(error["fields"]) == [field]
    if message is not None:
        assert error["fields"][field] == [message]


def test_urls_are_named_for_the_api_index():
    # given the module's URLs
    # when reversing the names the lead's API index uses
    # then they resolve under the reference prefix
    assert reverse("reference-api:country-list") == "/api/v1/reference/countries/"
    assert (
        reverse("reference-api:country-detail", kwargs={"iso3": "KGZ"}) == "/api/v1/reference/countries/KGZ/"
    )
    assert reverse("reference-api:solar-hijri") == "/api/v1/reference/calendar/solar-hijri/"


def test_page_past_the_end_is_404_with_error_body(client):
    # given an anonymous client
    # when asking for a page that does not exist
    response = client.get(f"{BASE}/languages/", {"page": 99})
    # then 404 comes back in the project's error shape
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_bearer_header_is_ignored_on_public_endpoints(client):
    # given a client sending a token that is not valid
    # when listing countries
    response = client.get(f"{BASE}/countries/", HTTP_AUTHORIZATION="Bearer not-a-token")
    # then the public list still answers
    assert response.status_code == 200


def test_openapi_schema_documents_public_paginated_operations():
    # given the schema generated for the module's URLs
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    patterns = [path("api/v1/reference/", include("corridor.reference.api.urls"))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    # when reading each operation
    operations = {p: ops["get"] for p, ops in schema["paths"].items()}
    # then every one is public, lists are paginated and errors have the project's shape
    assert {p: op["operationId"] for p, op in operations.items()} == {
        "/api/v1/reference/countries/": "reference_country_list",
        "/api/v1/reference/countries/{iso3}/": "reference_country_retrieve",
        "/api/v1/reference/occupations/": "reference_occupation_list",
        "/api/v1/reference/languages/": "reference_language_list",
        "/api/v1/reference/calendar/solar-hijri/": "reference_solar_hijri_convert",
    }
    assert {str(op["security"]) for op in operations.values()} == {"[{}]"}
    ok = operations["/api/v1/reference/occupations/"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/PaginatedOccupationList"}
    page = schema["components"]["schemas"]["PaginatedOccupationList"]
    assert sorted(page["properties"]) == ["count", "next", "previous", "results"]
    error = schema["components"]["schemas"]["ReferenceErrorResponse"]
    assert sorted(error["properties"]) == ["error", "request_id"]
    names = [p["name"] for p in operations["/api/v1/reference/occupations/"]["parameters"]]
    assert names == ["level", "page", "page_size", "parent", "q"]
