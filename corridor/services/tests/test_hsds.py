"""HSDS import and export: the specification's rules, clear messages, all or nothing, round trip."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from corridor.core.errors import Forbidden
from corridor.services import hsds, services
from corridor.services.hsds_import import HsdsInvalid
from corridor.services.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)
from corridor.services.tests.factories import make_entry

pytestmark = pytest.mark.django_db

REGISTER = (ServiceLanguage, Schedule, Phone, ServiceAtLocation, Location, Service, Organization)


def wipe(state: str) -> None:
    for model in REGISTER:
        model.objects.for_state(state).delete()


def register_size(state: str) -> dict[str, int]:
    return {model.__name__: model.objects.for_state(state).count() for model in REGISTER}


@pytest.fixture
def register(tur_provider, tur_authority):
    organization = services.organization_create(
        actor=tur_authority, name="Red Crescent (demo)", description="Aid"
    )
    make_entry(tur_authority, verifier=tur_authority, organization=organization, name="Night shelter")
    make_entry(
        tur_authority,
        verifier=tur_authority,
        organization=organization,
        name="Legal clinic",
        city="Ankara",
        needs=("legal-aid", "trafficking"),
        languages=("uz", "ky"),
        capacity_available=None,
        capacity_total=None,
        crisis_spare_capacity=None,
    )
    make_entry(tur_provider, name="Unverified kitchen", needs=("food",))
    return organization


def csv_files(package: bytes) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(package))
    return {name: archive.read(name).decode() for name in archive.namelist()}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_gives_the_same_register(register, tur_authority, fmt):
    # given the state's register exported, in the format under test and as JSON
    exported = services.register_export(actor=tur_authority, fmt=fmt)
    as_json = json.loads(services.register_export(actor=tur_authority, fmt="json"))
    before = register_size("TUR")
    # when the register is emptied and the file imported again
    wipe("TUR")
    assert sum(register_size("TUR").values()) == 0
    report = services.register_import(actor=tur_authority, data=exported, fmt=fmt)
    # then the register, and every export of it, are the same
    assert register_size("TUR") == before
    assert report.counts["service"] == 3
    assert json.loads(services.register_export(actor=tur_authority, fmt="json")) == as_json
    if fmt == "csv":
        assert csv_files(services.register_export(actor=tur_authority, fmt="csv")) == csv_files(exported)


def test_json_export_follows_hsds_shape(register, tur_authority):
    document = json.loads(services.register_export(actor=tur_authority, fmt="json"))
    shelter = next(s for s in document["services"] if s["name"] == "Night shelter")
    assert shelter["status"] == "active"
    place = shelter["service_at_locations"][0]
    assert place["location"]["addresses"][0]["city"] == "Istanbul"
    assert place["location"]["addresses"][0]["country"] == "TR"
    assert place["phones"][0]["number"] == "+90 555 010 0000"
    assert place["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert place["schedules"][0]["opens_at"] == "09:00"
    assert sorted(lang["code"] for lang in shelter["languages"]) == ["ru", "tr"]
    assert [a["taxonomy_term"]["code"] for a in shelter["attributes"]] == ["shelter"]
    capacity = {c["unit"]["identifier"]: (c["available"], c.get("maximum")) for c in shelter["capacities"]}
    assert capacity == {"place": (5, 20), "crisis-spare-place": (10, None)}
    for name, table in (("organization", hsds.TABLES["organization"]), ("service", hsds.TABLES["service"])):
        for item in document[name + "s"]:
            _values, problems = hsds.validate_row(table, item, tabular=False)
            assert problems == [], (name, problems)


def test_csv_package_names_files_as_the_specification(register, tur_authority):
    package = services.register_export(actor=tur_authority, fmt="csv")
    names = set(zipfile.ZipFile(io.BytesIO(package)).namelist())
    assert {
        "organizations.csv",
        "services.csv",
        "locations.csv",
        "addresses.csv",
        "service_at_location.csv",
        "phones.csv",
        "schedules.csv",
        "languages.csv",
        "attributes.csv",
        "taxonomy_terms.csv",
        "datapackage.json",
    } <= names


def _package(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


ORG = "11111111-1111-4111-8111-111111111111"
SVC = "22222222-2222-4222-8222-222222222222"


def test_bad_csv_names_file_row_and_field_and_imports_nothing(tur_authority):
    package = _package(
        {
            "organizations.csv": f"id,name,description\n{ORG},Good NGO,Helps\n",
            "services.csv": f"id,organization_id,name,status,email\n{SVC},{ORG},Shelter,open,not-an-email\n",
        }
    )
    with pytest.raises(HsdsInvalid) as error:
        services.register_import(actor=tur_authority, data=package, fmt="csv")
    messages = error.value.fields["file"]
    assert messages == [
        "services.csv, line 2, field “status”: This must be one of: active, inactive, defunct, temporarily closed.",
        "services.csv, line 2, field “email”: This must be an email address.",
    ] or sorted(messages) == sorted(
        [
            "services.csv, line 2, field “status”: This must be one of: active, inactive, defunct, temporarily closed.",
            "services.csv, line 2, field “email”: This must be an email address.",
        ]
    )
    assert Organization.objects.for_state("TUR").count() == 0


def test_missing_required_property_and_dangling_link(tur_authority):
    document = {
        "organizations": [{"id": ORG, "name": "No description NGO"}],
        "services": [
            {
                "id": SVC,
                "organization_id": "33333333-3333-4333-8333-333333333333",
                "name": "X",
                "status": "active",
            }
        ],
    }
    with pytest.raises(HsdsInvalid) as error:
        services.register_import(actor=tur_authority, data=json.dumps(document).encode(), fmt="json")
    assert error.value.fields["file"] == [
        "organizations[0], field “description”: HSDS requires this field and it is missing or empty."
    ]
    document["organizations"][0]["description"] = "Now described"
    with pytest.raises(HsdsInvalid) as error:
        services.register_import(actor=tur_authority, data=json.dumps(document).encode(), fmt="json")
    assert error.value.fields["file"] == [
        "services[0], field “organization_id”: No organization with id "
        "33333333-3333-4333-8333-333333333333 in the file or in this register."
    ]
    assert Organization.objects.for_state("TUR").count() == 0


def test_a_failure_late_in_the_file_leaves_nothing_behind(tur_authority):
    document = {
        "organizations": [{"id": ORG, "name": "NGO", "description": "d"}],
        "services": [
            {
                "id": SVC,
                "organization_id": ORG,
                "name": "Shelter",
                "status": "active",
                "languages": [{"id": "44444444-4444-4444-8444-444444444444", "code": "xx"}],
            }
        ],
    }
    with pytest.raises(HsdsInvalid) as error:
        services.register_import(actor=tur_authority, data=json.dumps(document).encode(), fmt="json")
    assert error.value.fields["file"] == [
        "services[0].languages[0], field “code”: Unknown language code: xx."
    ]
    assert (Organization.objects.for_state("TUR").count(), Service.objects.for_state("TUR").count()) == (0, 0)


def test_ids_of_another_state_are_refused(register, tur_authority, kgz_authority):
    document = services.register_export(actor=tur_authority, fmt="json")
    with pytest.raises(HsdsInvalid) as error:
        services.register_import(actor=kgz_authority, data=document, fmt="json")
    assert "This id belongs to another state's register." in error.value.fields["file"][0]
    assert Organization.objects.for_state("KGZ").count() == 0


def test_provider_may_not_import(tur_provider):
    with pytest.raises(Forbidden):
        services.register_import(actor=tur_provider, data=b"{}", fmt="json")


def test_not_a_zip_or_json_gets_a_message(tur_authority):
    with pytest.raises(HsdsInvalid) as error:
        services.register_import(actor=tur_authority, data=b"hello", fmt="csv", name="mine.zip")
    assert error.value.fields["file"] == ["mine.zip: This is not a zip file of HSDS CSV files."]
    with pytest.raises(HsdsInvalid) as error:
        services.register_import(actor=tur_authority, data=b"{", fmt="json", name="mine.json")
    assert error.value.fields["file"] == ["mine.json: This is not a JSON document."]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("id", "not-a-uuid", "uuid"),
        ("minimum_age", "ten", "number"),
        ("url", "example.org", "uri"),
        ("assured_date", "12/01/2025", "date"),
        ("status", "Active", "enum"),
    ],
)
def test_spec_rules_per_type(field, value, code):
    row = {"id": SVC, "name": "S", "status": "active", "organization_id": ORG, field: value}
    _values, problems = hsds.validate_row(hsds.TABLES["service"], row, tabular=True)
    assert [(p.field, p.code) for p in problems] == [(field, code)]


def test_tabular_links_are_required_only_in_csv():
    row = {"id": SVC, "name": "S", "status": "active"}
    assert hsds.validate_row(hsds.TABLES["service"], row, tabular=False)[1] == []
    assert [p.field for p in hsds.validate_row(hsds.TABLES["service"], row, tabular=True)[1]] == [
        "organization_id"
    ]


def test_command_exports_and_imports(register, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    target = tmp_path / "tur.zip"
    call_command("services", "export", "--state", "TUR", "--format", "csv", "--output", str(target))
    before = register_size("TUR")
    wipe("TUR")
    call_command("services", "import", str(target), "--state", "TUR")
    assert register_size("TUR") == before
    bad = tmp_path / "bad.json"
    bad.write_text('{"organizations": [{"id": "x", "name": "N", "description": "d"}]}')
    with pytest.raises(CommandError) as error:
        call_command("services", "import", str(bad), "--state", "TUR")
    assert "organizations[0], field “id”: This must be a UUID." in str(error.value)
