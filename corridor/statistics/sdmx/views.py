"""The SDMX-REST read subset (public): data by dataflow and key, and structures.

Format by ``?format=csv|xml|json`` or the Accept header. Figures are the published ones.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse

from corridor.statistics import selectors
from corridor.statistics.models import Code, Codelist, Component, Dataflow, DataStructure
from corridor.statistics.sdmx import render
from corridor.statistics.structure import flow_structure

MEDIA = {
    "csv": "application/vnd.sdmx.data+csv;version=2.0.0",
    "xml": "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
    "json": "application/vnd.sdmx.data+json;version=2.0.0",
}


def _format(request: HttpRequest) -> str:
    chosen = str(request.GET.get("format", "")).lower()
    if chosen in MEDIA:
        return chosen
    accept = request.headers.get("Accept", "")
    if "json" in accept:
        return "json"
    if "xml" in accept:
        return "xml"
    return "csv"


def _matches(key_filter: list[set[str] | None], codes: list[str]) -> bool:
    return all(allowed is None or code in allowed for allowed, code in zip(key_filter, codes, strict=True))


def _parse_key(key: str, width: int) -> list[set[str] | None]:
    if key in ("*", "all", ""):
        return [None] * width
    parts = key.split(".")
    if len(parts) != width:
        raise Http404
    return [None if p in ("", "*") else set(p.split("+")) for p in parts]


def data(request: HttpRequest, agency: str, flow_id: str, version: str, key: str = "*") -> HttpResponse:
    flow = Dataflow.objects.filter(agency=agency, flow_id=flow_id).order_by("-version").first()
    if flow is None or (version not in ("*", "~", "latest") and flow.version != version):
        raise Http404
    structure = flow_structure(flow.pk)
    key_filter = _parse_key(key, len(structure.all_dimensions) - 1)  # TIME_PERIOD is not in the key
    cells = []
    for cell in selectors.public_cells(flow=flow, viewer_state=None, limit=1_000_000):
        codes = [render._freq(cell.period), cell.state, *cell.key.split(".")]
        if _matches(key_filter, codes):
            cells.append(cell)
    chosen = _format(request)
    body = {"csv": render.as_csv, "xml": render.as_xml, "json": render.as_json}[chosen](structure, cells)
    return HttpResponse(body, content_type=MEDIA[chosen])


def structure(
    request: HttpRequest, kind: str, agency: str, artefact_id: str, version: str = "*"
) -> HttpResponse:
    """Codelists, data structures and dataflows as SDMX-JSON-style structure documents."""
    if kind == "codelist":
        codelist = Codelist.objects.filter(agency=agency, code_id=artefact_id).order_by("-version").first()
        if codelist is None:
            raise Http404
        body = {
            "id": codelist.code_id,
            "agencyID": codelist.agency,
            "version": codelist.version,
            "names": codelist.names,
            "codes": [
                {"id": c.code, "names": c.names, "parent": c.parent or None}
                for c in Code.objects.filter(codelist=codelist)
            ],
        }
    elif kind == "datastructure":
        dsd = DataStructure.objects.filter(agency=agency, dsd_id=artefact_id).order_by("-version").first()
        if dsd is None:
            raise Http404
        comps = Component.objects.filter(dsd=dsd).select_related("concept", "codelist")
        body = {
            "id": dsd.dsd_id,
            "agencyID": dsd.agency,
            "version": dsd.version,
            "names": dsd.names,
            "components": [
                {
                    "id": c.concept.concept_id,
                    "role": c.role,
                    "codelist": c.codelist.code_id if c.codelist else None,
                }
                for c in comps
            ],
        }
    elif kind == "dataflow":
        flow = Dataflow.objects.filter(agency=agency, flow_id=artefact_id).select_related("dsd").first()
        if flow is None:
            raise Http404
        body = {
            "id": flow.flow_id,
            "agencyID": flow.agency,
            "version": flow.version,
            "names": flow.names,
            "structure": f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=ALMATY:{flow.dsd.dsd_id}({flow.dsd.version})",  # noqa: E501
            "definitions": flow.definitions,
            "disclosureTier": flow.disclosure_tier,
        }
    else:
        raise Http404
    document = {
        "meta": {"schema": "https://json.sdmx.org/2.0.0/sdmx-json-structure-schema.json"},
        "data": {f"{kind}s": [body]},
    }
    return HttpResponse(
        json.dumps(document, ensure_ascii=False),
        content_type="application/vnd.sdmx.structure+json;version=2.0.0",
    )
