"""The SDMX-REST read subset (public): data by dataflow and key, and structures.

Format by ``?format=csv|xml|json`` or the Accept header. Figures are the published ones.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from corridor.statistics import selectors
from corridor.statistics.models import Dataflow
from corridor.statistics.sdmx import render, structures
from corridor.statistics.structure import flow_structure

MEDIA = {
    "csv": "application/vnd.sdmx.data+csv;version=2.0.0",
    "xml": "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
    "json": "application/vnd.sdmx.data+json;version=2.0.0",
}


STRUCTURE_MEDIA = {
    "xml": "application/vnd.sdmx.structure+xml;version=2.1",
    "json": "application/vnd.sdmx.structure+json;version=2.0.0",
}
ANY = ("*/*", "application/*", "")


def _negotiate(request: HttpRequest, media: dict[str, str], *, default: str) -> str | None:
    """``?format=`` first, then the Accept header; None when nothing offered is acceptable."""
    if "format" in request.GET:
        chosen = str(request.GET["format"]).lower()
        return chosen if chosen in media else None
    for part in request.headers.get("Accept", "").split(","):
        wanted = part.split(";")[0].strip().lower()
        for name in media:
            if wanted.endswith(name) or wanted.endswith(f"+{name}") or wanted == f"text/{name}":
                return name
        if wanted in ANY:
            return default
    return default if not request.headers.get("Accept") else None


def _not_acceptable(media: dict[str, str]) -> HttpResponse:
    message = _("Unsupported format. Ask for one of: {formats} (by ?format= or the Accept header).").format(
        formats=", ".join(media)
    )
    return HttpResponse(message, status=406, content_type="text/plain; charset=utf-8")


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
    chosen = _negotiate(request, MEDIA, default="csv")
    if chosen is None:
        return _not_acceptable(MEDIA)
    body = {"csv": render.as_csv, "xml": render.as_xml, "json": render.as_json}[chosen](structure, cells)
    return HttpResponse(body, content_type=MEDIA[chosen])


def structure(
    request: HttpRequest, kind: str, agency: str, artefact_id: str, version: str = "*"
) -> HttpResponse:
    """Codelists, the concept scheme, data structures and dataflows: SDMX-ML 2.1 or SDMX-JSON 2.0."""
    if kind not in structures.KINDS:
        raise Http404
    chosen = _negotiate(request, STRUCTURE_MEDIA, default="xml")
    if chosen is None:
        return _not_acceptable(STRUCTURE_MEDIA)
    body = structures.message(kind, agency, artefact_id, version, chosen)
    return HttpResponse(body, content_type=STRUCTURE_MEDIA[chosen])
