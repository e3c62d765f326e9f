"""A dataflow's structure in the shape the validator and writers need (read once, cached)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from corridor.statistics.models import Code, Component, ComponentRole, Dataflow

TIME = "TIME_PERIOD"
MEASURE = "OBS_VALUE"


@dataclass(frozen=True)
class FlowStructure:
    flow_pk: int
    flow_id: str
    version: str
    # Dimensions of the key between REF_AREA and TIME_PERIOD, in DSD order.
    dimensions: tuple[str, ...]
    attributes: tuple[str, ...]
    codelist_of: dict[str, str]
    codes: dict[str, frozenset[str]]
    # dimension -> {code: parent} and {parent: {children}} from the codelist hierarchy.
    parents: dict[str, dict[str, str]] = field(default_factory=dict)
    children: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    cube_region: dict[str, frozenset[str]] = field(default_factory=dict)
    headline: dict[str, str] = field(default_factory=dict)

    @property
    def all_dimensions(self) -> tuple[str, ...]:
        return ("FREQ", "REF_AREA", *self.dimensions, TIME)

    @property
    def urn(self) -> str:
        return f"ALMATY:{self.flow_id}({self.version})"

    def headline_rest_key(self) -> str:
        """The key (without CITIZENSHIP) of the series shown first."""
        return ".".join(self.headline.get(d, "_T") for d in self.dimensions if d != "CITIZENSHIP")

    def headline_code(self, dimension: str) -> str:
        return self.headline.get(dimension, "_T")


def _valid_codes(codelist_id: int, today: dt.date) -> tuple[frozenset[str], dict[str, str]]:
    rows = Code.objects.filter(codelist_id=codelist_id).values_list(
        "code", "parent", "valid_from", "valid_to"
    )
    codes, parents = set(), {}
    for code, parent, valid_from, valid_to in rows:
        if (valid_from and valid_from > today) or (valid_to and valid_to < today):
            continue
        codes.add(code)
        if parent:
            parents[code] = parent
    return frozenset(codes), parents


@lru_cache(maxsize=32)
def flow_structure(flow_pk: int) -> FlowStructure:
    flow = Dataflow.objects.select_related("dsd").get(pk=flow_pk)
    components = list(
        Component.objects.filter(dsd_id=flow.dsd_id)
        .select_related("concept", "codelist")
        .order_by("position")
    )
    today = dt.date.today()  # noqa: DTZ011 - validity dates are calendar dates
    codes: dict[str, frozenset[str]] = {}
    parents: dict[str, dict[str, str]] = {}
    children: dict[str, dict[str, frozenset[str]]] = {}
    codelist_of: dict[str, str] = {}
    for component in components:
        concept = component.concept.concept_id
        if component.codelist is None:
            continue
        codelist_of[concept] = f"{component.codelist.code_id}({component.codelist.version})"
        codes[concept], parents[concept] = _valid_codes(component.codelist_id, today)  # type: ignore[arg-type]
        grouped: dict[str, set[str]] = {}
        for code, parent in parents[concept].items():
            grouped.setdefault(parent, set()).add(code)
        children[concept] = {p: frozenset(c) for p, c in grouped.items()}
    dims = tuple(
        c.concept.concept_id
        for c in components
        if c.role == ComponentRole.DIMENSION and c.concept.concept_id not in {"FREQ", "REF_AREA"}
    )
    attrs = tuple(c.concept.concept_id for c in components if c.role == ComponentRole.ATTRIBUTE)
    return FlowStructure(
        flow_pk=flow.pk,
        flow_id=flow.flow_id,
        version=flow.version,
        dimensions=dims,
        attributes=attrs,
        codelist_of=codelist_of,
        codes=codes,
        parents=parents,
        children=children,
        cube_region={d: frozenset(v) for d, v in (flow.cube_region or {}).items()},
        headline=dict(flow.headline or {}),
    )
