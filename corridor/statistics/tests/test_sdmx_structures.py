"""SDMX-REST structure messages: SDMX-ML 2.1 valid against pysdmx's XSDs, SDMX-JSON 2.0,
format by ?format= or Accept, 406 for anything else."""

from __future__ import annotations

import json

import pytest
from lxml import etree
from pysdmx.io.xml.doc_validation import validate_doc

pytestmark = pytest.mark.django_db

STR = "{http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure}"
ARTEFACTS = [
    ("codelist", "CL_AGE"),
    ("conceptscheme", "CS_MIGR"),
    ("datastructure", "DSD_WORK_PERMIT"),
    ("dataflow", "DF_THB_VICTIM"),
]


@pytest.mark.parametrize(("kind", "ident"), ARTEFACTS)
def test_structure_ml_validates_against_the_bundled_schema(client, kind, ident):
    # when
    response = client.get(f"/sdmx/2/structure/{kind}/ALMATY/{ident}/", HTTP_ACCEPT="application/xml")
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.sdmx.structure+xml;version=2.1"
    text = response.content.decode()
    validate_doc(text)  # raises pysdmx.errors.Invalid on any schema error
    assert f'id="{ident}"' in text


def test_codelist_ml_keeps_the_hierarchy():
    from django.test import Client

    text = Client().get("/sdmx/2/structure/codelist/ALMATY/CL_AGE/1.0").content
    root = etree.fromstring(text)
    parents = {
        code.get("id"): code.find(f"{STR}Parent/Ref").get("id")
        for code in root.iter(f"{STR}Code")
        if code.find(f"{STR}Parent") is not None
    }
    assert parents["Y14T17"] == "Y_LT18"
    assert "_T" not in parents


def test_structure_json_is_read_back_by_pysdmx(client):
    from pysdmx.io import read_sdmx

    # when
    response = client.get("/sdmx/2/structure/datastructure/ALMATY/DSD_THB/", {"format": "json"})
    # then
    assert response["Content-Type"] == "application/vnd.sdmx.structure+json;version=2.0.0"
    document = json.loads(response.content)
    components = document["data"]["dataStructures"][0]["dataStructureComponents"]
    dimensions = [d["id"] for d in components["dimensionList"]["dimensions"]]
    assert dimensions == ["FREQ", "REF_AREA", "CITIZENSHIP", "SEX", "AGE", "EXPLOITATION", "VICTIM_STATUS"]
    assert (
        read_sdmx(response.content.decode(), validate=False).get_data_structure_definitions()[0].id
        == "DSD_THB"
    )


def test_accept_header_picks_json(client):
    response = client.get(
        "/sdmx/2/structure/dataflow/ALMATY/DF_WORK_PERMIT/",
        HTTP_ACCEPT="application/vnd.sdmx.structure+json;version=2.0.0",
    )
    assert response.json()["data"]["dataflows"][0]["id"] == "DF_WORK_PERMIT"


@pytest.mark.parametrize(
    ("query", "accept"),
    [({"format": "csv"}, ""), ({}, "text/html"), ({"format": "yaml"}, "application/json")],
)
def test_unsupported_structure_format_is_406_with_a_clear_body(client, query, accept):
    response = client.get("/sdmx/2/structure/codelist/ALMATY/CL_SEX/", query, HTTP_ACCEPT=accept)
    assert response.status_code == 406
    assert response.content.decode() == (
        "Unsupported format. Ask for one of: xml, json (by ?format= or the Accept header)."
    )


def test_unsupported_data_format_is_406(client):
    response = client.get("/sdmx/2/data/dataflow/ALMATY/DF_THB_VICTIM/1.0/*", {"format": "xlsx"})
    assert response.status_code == 406
    assert "csv, xml, json" in response.content.decode()


def test_unknown_structures_are_404(client):
    for url in (
        "/sdmx/2/structure/codelist/ALMATY/CL_NOPE/",
        "/sdmx/2/structure/codelist/ALMATY/CL_SEX/9.9",
        "/sdmx/2/structure/conceptscheme/OTHER/CS_MIGR/",
        "/sdmx/2/structure/categoryscheme/ALMATY/X/",
    ):
        assert client.get(url).status_code == 404, url
