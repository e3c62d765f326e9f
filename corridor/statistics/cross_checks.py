"""Checks across dataflows of the same provider, state, period and citizenship (warnings).

A file is compared with the provider's current accepted data of the related dataflow, in
both directions (whichever of the two arrives second is checked):

- international students (DF_INT_STUDENT) never exceed residence permits (DF_RES_PERMIT,
  all purposes);
- work permits (DF_WORK_PERMIT) and residence permits for work (DF_RES_PERMIT, PURPOSE=WORK)
  count largely the same people where a state issues both; a gap above 20 % of the larger
  figure is worth a look (not an error: the two registers differ in timing and scope).

Each uses the headline series of both dataflows (totals on every other dimension).
"""

from __future__ import annotations

from dataclasses import dataclass

from corridor.statistics.models import Dataflow, Observation
from corridor.statistics.structure import FlowStructure, flow_structure
from corridor.statistics.validation.engine import CleanRow, Report
from corridor.statistics.validation.messages import WARNING, issue

CLOSE_SHARE = 0.2
SPECIAL = {"_T", "_U", "_O", "_Z"}


@dataclass(frozen=True)
class Relation:
    small: str
    small_codes: tuple[tuple[str, str], ...]
    big: str
    big_codes: tuple[tuple[str, str], ...]
    kind: str  # "le": small ≤ big; "close": within CLOSE_SHARE of each other


RELATIONS = (
    # Students are a stock (valid at the end of the year): compare with valid permits.
    Relation("DF_INT_STUDENT", (), "DF_RES_PERMIT", (("PURPOSE", "_T"), ("PERMIT_EVENT", "VALID_EOP")), "le"),
    Relation("DF_WORK_PERMIT", (), "DF_RES_PERMIT", (("PURPOSE", "WORK"), ("PERMIT_EVENT", "_T")), "close"),
)

Figures = dict[tuple[str, str], int]


def _rest_key(structure: FlowStructure, codes: tuple[tuple[str, str], ...]) -> str:
    wanted = dict(codes)
    return ".".join(
        wanted.get(d, structure.headline_code(d)) for d in structure.dimensions if d != "CITIZENSHIP"
    )


def _from_file(
    clean: list[CleanRow], structure: FlowStructure, codes: tuple[tuple[str, str], ...]
) -> Figures:
    if "CITIZENSHIP" not in structure.dimensions:
        return {}
    cit = structure.dimensions.index("CITIZENSHIP")
    rest = _rest_key(structure, codes)
    found: Figures = {}
    for row in clean:
        if row.value is None or row.key[cit] in SPECIAL:
            continue
        if ".".join(row.key[:cit] + row.key[cit + 1 :]) == rest:
            found[(row.period, row.key[cit])] = row.value
    return found


def _from_database(
    flow_id: str, codes: tuple[tuple[str, str], ...], provider: str, periods: set[str]
) -> Figures:
    flow = Dataflow.objects.filter(flow_id=flow_id).order_by("-version").first()
    if flow is None or not periods:
        return {}
    rows = Observation.objects.filter(
        dataflow=flow,
        state_id=provider,
        is_current=True,
        rest_key=_rest_key(flow_structure(flow.pk), codes),
        time_period__in=periods,
    ).exclude(value=None)
    return {
        (p, c): int(v or 0)
        for p, c, v in rows.values_list("time_period", "citizenship", "value")
        if c not in SPECIAL
    }


def _compare(relation: Relation, small: Figures, big: Figures, report: Report) -> None:
    for cell in sorted(small.keys() & big.keys()):
        a, b = small[cell], big[cell]
        params: dict[str, object] = {
            "small": relation.small,
            "big": relation.big,
            "period": cell[0],
            "citizenship": cell[1],
            "a_value": a,
            "b_value": b,
        }
        if relation.kind == "le" and a > b:
            report.add(issue(WARNING, "cross_exceeds", None, "", **params))
        elif relation.kind == "close" and abs(a - b) > CLOSE_SHARE * max(a, b):
            report.add(issue(WARNING, "cross_differs", None, "", **params))


def check(clean: list[CleanRow], *, structure: FlowStructure, provider: str, report: Report) -> None:
    if not clean:
        return
    periods = {row.period for row in clean}
    for relation in RELATIONS:
        if structure.flow_id == relation.small:
            small = _from_file(clean, structure, relation.small_codes)
            big = _from_database(relation.big, relation.big_codes, provider, periods)
        elif structure.flow_id == relation.big:
            big = _from_file(clean, structure, relation.big_codes)
            small = _from_database(relation.small, relation.small_codes, provider, periods)
        else:
            continue
        _compare(relation, small, big, report)
