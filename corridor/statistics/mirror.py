"""Mirror statistics (UNECE/Eurostat 2010 guidelines): an origin state's emigration to each
partner, estimated from the partners' immigration data on the origin's citizens, beside the
origin's own emigration figures, with the asymmetry indicator (catalogue no. 20)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corridor.statistics.models import Dataflow
from corridor.statistics.selectors import public_observations
from corridor.statistics.structure import flow_structure


@dataclass(frozen=True)
class MirrorRow:
    partner: str
    partner_immigration: int | None  # partner's IMM of origin citizens (the mirror estimate)
    origin_emigration: int | None  # origin's own EMI to the partner
    synthetic: bool

    @property
    def asymmetry(self) -> float | None:
        a, b = self.partner_immigration, self.origin_emigration
        if a is None or b is None or a + b == 0:
            return None
        return round(abs(a - b) / ((a + b) / 2), 3)


def asymmetry(a: int, b: int) -> float | None:
    return MirrorRow("", a, b, False).asymmetry


def _key(structure: object, **codes: str) -> str:
    dims = structure.dimensions  # type: ignore[attr-defined]
    return ".".join(codes.get(d, "_T") for d in dims)


def mirror_table(*, origin: str, period: str, viewer_state: str | None) -> list[MirrorRow]:
    flow = Dataflow.objects.filter(flow_id="DF_MIGR_POP").first()
    if flow is None:
        return []
    structure = flow_structure(flow.pk)
    public = public_observations(viewer_state=viewer_state).filter(dataflow=flow, time_period=period)

    def shown(row: Any) -> int | None:
        return row["value"] if row["state_id"] == viewer_state else row["published_value"]

    immigration = public.filter(key=_key(structure, FLOW_TYPE="IMM", CITIZENSHIP=origin)).exclude(
        state_id=origin
    )
    partners = {
        row["state_id"]: (shown(row), row["submission__is_synthetic"])
        for row in immigration.values("state_id", "value", "published_value", "submission__is_synthetic")
    }
    rows = []
    for partner, (estimate, synthetic) in sorted(partners.items()):
        own = (
            public.filter(state_id=origin, key=_emigration_key(structure, origin, partner))
            .values("state_id", "value", "published_value")
            .first()
        )
        rows.append(MirrorRow(partner, estimate, shown(own) if own else None, synthetic))
    return rows


def _emigration_key(structure: object, origin: str, partner: str) -> str:
    # DSD_MIGR_POP has no destination dimension; for emigration, COUNTRY_PREV_RES is read as
    # the country of next residence (documented in the dataflow's comparability note).
    return _key(structure, FLOW_TYPE="EMI", CITIZENSHIP=origin, COUNTRY_PREV_RES=partner)
