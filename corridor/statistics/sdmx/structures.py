"""SDMX structure messages (codelists, concept scheme, DSDs, dataflows) through pysdmx.

The rows of ``models/structures.py`` become pysdmx model objects, written as SDMX-ML 2.1 or
SDMX-JSON 2.0 structure messages by pysdmx's own writers. pysdmx's ``Code`` has no parent,
so the codelist hierarchy is added to the written message afterwards (``Parent`` in ML,
``parent`` in JSON) — both are part of the standard's code type.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404
from lxml import etree

from corridor.statistics import models as m
from corridor.statistics.models.structures import AGENCY, localised

ML = "xml"
JSON = "json"
CONCEPT_URN = "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=ALMATY:CS_MIGR(1.0).{id}"
DSD_URN = "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={agency}:{id}({version})"
STR_NS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
KINDS = ("codelist", "conceptscheme", "datastructure", "dataflow")


def _latest(queryset: Any, version: str) -> Any:
    if version not in ("*", "~", "latest", "+"):
        queryset = queryset.filter(version=version)
    found = queryset.order_by("-version").first()
    if found is None:
        raise Http404
    return found


def _codelist(codelist: m.Codelist) -> Any:
    from pysdmx.model import Code, Codelist

    codes = [
        Code(id=c.code, name=localised(c.names, c.code)) for c in m.Code.objects.filter(codelist=codelist)
    ]
    return Codelist(
        id=codelist.code_id,
        agency=codelist.agency,
        version=codelist.version,
        name=localised(codelist.names, codelist.code_id),
        items=codes,
    )


def _concept_scheme() -> Any:
    from pysdmx.model import Concept, ConceptScheme

    concepts = [
        Concept(id=c.concept_id, name=localised(c.names, c.concept_id))
        for c in m.Concept.objects.filter(scheme="CS_MIGR").order_by("concept_id")
    ]
    return ConceptScheme(id="CS_MIGR", agency=AGENCY, version="1.0", name="CS_MIGR", items=concepts)


def _component(component: m.Component) -> Any:
    from pysdmx.model import Concept, Role
    from pysdmx.model.dataflow import Component

    role = {
        m.ComponentRole.DIMENSION: Role.DIMENSION,
        m.ComponentRole.TIME: Role.DIMENSION,
        m.ComponentRole.MEASURE: Role.MEASURE,
    }.get(component.role, Role.ATTRIBUTE)  # type: ignore[call-overload]
    cid = component.concept.concept_id
    return Component(
        id=cid,
        required=component.required,
        role=role,
        concept=Concept(id=cid, urn=CONCEPT_URN.format(id=cid)),
        local_codes=_codelist(component.codelist) if component.codelist else None,
        attachment_level="O" if role == Role.ATTRIBUTE else None,
    )


def _dsd(dsd: m.DataStructure) -> Any:
    from pysdmx.model.dataflow import Components, DataStructureDefinition

    components = m.Component.objects.filter(dsd=dsd).select_related("concept", "codelist")
    return DataStructureDefinition(
        id=dsd.dsd_id,
        agency=dsd.agency,
        version=dsd.version,
        name=localised(dsd.names, dsd.dsd_id),
        components=Components([_component(c) for c in components.order_by("position")]),
    )


def _dataflow(flow: m.Dataflow) -> Any:
    from pysdmx.model.dataflow import Dataflow

    return Dataflow(
        id=flow.flow_id,
        agency=flow.agency,
        version=flow.version,
        name=localised(flow.names, flow.flow_id),
        description=localised(flow.definitions) or None,
        structure=DSD_URN.format(agency=flow.dsd.agency, id=flow.dsd.dsd_id, version=flow.dsd.version),
    )


def artefacts(kind: str, agency: str, artefact_id: str, version: str) -> tuple[list[Any], list[m.Codelist]]:
    """The pysdmx objects of one artefact, and the codelists whose hierarchy is to be added."""
    if kind == "codelist":
        codelist = _latest(m.Codelist.objects.filter(agency=agency, code_id=artefact_id), version)
        return [_codelist(codelist)], [codelist]
    if kind == "conceptscheme":
        if (agency, artefact_id) != (AGENCY, "CS_MIGR") or version not in ("*", "~", "latest", "1.0"):
            raise Http404
        return [_concept_scheme()], []
    if kind == "datastructure":
        dsd = _latest(m.DataStructure.objects.filter(agency=agency, dsd_id=artefact_id), version)
        return [_dsd(dsd)], []
    if kind == "dataflow":
        flows = m.Dataflow.objects.filter(agency=agency, flow_id=artefact_id).select_related("dsd")
        return [_dataflow(_latest(flows, version))], []
    raise Http404


def _parents(codelists: list[m.Codelist]) -> dict[str, dict[str, str]]:
    return {
        cl.code_id: dict(m.Code.objects.filter(codelist=cl).exclude(parent="").values_list("code", "parent"))
        for cl in codelists
    }


def _add_parents_ml(text: str, parents: dict[str, dict[str, str]]) -> str:
    root = etree.fromstring(text.encode())
    for codelist in root.iter(f"{{{STR_NS}}}Codelist"):
        wanted = parents.get(codelist.get("id", ""), {})
        for code in codelist.iter(f"{{{STR_NS}}}Code"):
            parent = wanted.get(code.get("id", ""))
            if parent:
                ref = etree.SubElement(etree.SubElement(code, f"{{{STR_NS}}}Parent"), "Ref")
                ref.set("id", parent)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode()


def _add_parents_json(text: str, parents: dict[str, dict[str, str]]) -> str:
    document = json.loads(text)
    for codelist in document.get("data", {}).get("codelists", []):
        wanted = parents.get(codelist["id"], {})
        for code in codelist.get("codes", []):
            if code["id"] in wanted:
                code["parent"] = wanted[code["id"]]
    return json.dumps(document, ensure_ascii=False)


def message(kind: str, agency: str, artefact_id: str, version: str, fmt: str) -> str:
    from pysdmx.io import write_sdmx
    from pysdmx.io.format import Format

    objects, codelists = artefacts(kind, agency, artefact_id, version)
    chosen = Format.STRUCTURE_SDMX_ML_2_1 if fmt == ML else Format.STRUCTURE_SDMX_JSON_2_0_0
    text = str(write_sdmx(objects, chosen, prettyprint=False))
    parents = _parents(codelists)
    if not any(parents.values()):
        return text
    return _add_parents_ml(text, parents) if fmt == ML else _add_parents_json(text, parents)
