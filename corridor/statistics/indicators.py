"""The indicator catalogue (brief, section 5): each with its definition and formula.

Computed from published, accepted data (after disclosure control, so an indicator never
reveals a suppressed cell); the owner state's own view uses its unsuppressed values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corridor.statistics.models import Dataflow, Submission, SubmissionStatus
from corridor.statistics.selectors import public_observations
from corridor.statistics.structure import flow_structure


@dataclass(frozen=True)
class Indicator:
    code: str
    number: int
    name: Any
    formula: str
    definition: Any
    compute: Callable[[str, str, str | None], float | None]


class Cube:
    """Published values of one state and period, by dataflow and dimension overrides."""

    def __init__(self, state: str, period: str, viewer_state: str | None) -> None:
        self.state, self.period, self.viewer = state, period, viewer_state

    def value(self, flow_id: str, period: str | None = None, **codes: str) -> int | None:
        flow = Dataflow.objects.filter(flow_id=flow_id).first()
        if flow is None:
            return None
        structure = flow_structure(flow.pk)
        key = ".".join(codes.get(d, structure.headline_code(d)) for d in structure.dimensions)
        row = (
            public_observations(viewer_state=self.viewer)
            .filter(dataflow=flow, state_id=self.state, time_period=period or self.period, key=key)
            .values("value", "published_value", "state_id")
            .first()
        )
        if row is None:
            return None
        return row["value"] if self.viewer == self.state else row["published_value"]

    def population(self) -> int | None:
        return self.value("DF_MIGR_POP", FLOW_TYPE="STOCK")


def _ratio(numerator: int | None, denominator: int | None, scale: float) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator * scale, 2)


def hhi(values: list[int]) -> float | None:
    """Herfindahl–Hirschman index of citizenship shares (0–1; 1 = one citizenship)."""
    total = sum(values)
    if total <= 0:
        return None
    return round(sum((v / total) ** 2 for v in values), 4)


def _concentration(state: str, period: str, viewer: str | None) -> float | None:
    flow = Dataflow.objects.filter(flow_id="DF_WORK_PERMIT").first()
    if flow is None:
        return None
    structure = flow_structure(flow.pk)
    own = viewer == state
    rows = (
        public_observations(viewer_state=viewer)
        .filter(dataflow=flow, state_id=state, time_period=period, rest_key=structure.headline_rest_key())
        .exclude(citizenship__in=["_T", "_U", "_Z", "ALMATY_MS", "ALMATY_OBS"])
    )
    values = [v for v in rows.values_list("value" if own else "published_value", flat=True) if v is not None]
    return hhi(values)


def _completeness(state: str, period: str, viewer: str | None) -> float | None:
    rows = public_observations(viewer_state=viewer).filter(state_id=state, time_period=period)
    total = rows.count()
    if not total:
        return None
    detailed = rows.exclude(Q(key__contains="_T") | Q(key__contains="_U")).count()
    return round(100 * detailed / total, 1)


def _unknown_share(state: str, period: str, viewer: str | None) -> float | None:
    rows = public_observations(viewer_state=viewer).filter(state_id=state, time_period=period)
    total = rows.count()
    return round(100 * rows.filter(key__contains="_U").count() / total, 1) if total else None


def _timeliness(state: str, period: str, viewer: str | None) -> float | None:
    if not period.isdigit():
        return None
    accepted = (
        Submission.objects.for_state(state)
        .filter(
            status__in=[SubmissionStatus.ACCEPTED_REGIONAL, SubmissionStatus.PUBLISHED],
            first_period__lte=period,
            last_period__gte=period,
            is_synthetic__in=[True, False],
            source_public=False,
        )
        .exclude(accepted_at=None)
        .order_by("accepted_at")
        .first()
    )
    if accepted is None or accepted.accepted_at is None:
        return None
    return float((accepted.accepted_at.date() - dt.date(int(period), 12, 31)).days)


def _mirror(state: str, period: str, viewer: str | None) -> float | None:
    from corridor.statistics import mirror

    rows = mirror.mirror_table(origin=state, period=period, viewer_state=viewer)
    values = [r.asymmetry for r in rows if r.asymmetry is not None]
    return round(sum(values) / len(values), 3) if values else None


def _c(state: str, period: str, viewer: str | None) -> Cube:
    return Cube(state, period, viewer)


CATALOGUE: list[Indicator] = [
    Indicator(
        "FIRST_RES_PER_1000",
        1,
        _("First residence permits per 1,000 population"),
        "FIRST / P × 1,000",
        _("First residence permits issued in the year, per 1,000 mid-year population."),
        lambda s, p, v: _ratio(
            _c(s, p, v).value("DF_RES_PERMIT", PERMIT_EVENT="FIRST"), _c(s, p, v).population(), 1000
        ),
    ),
    Indicator(
        "EDUC_SHARE_FIRST",
        2,
        _("First permits for education (%)"),
        "FIRST(EDUC) / FIRST(_T) × 100",
        _("Share of first residence permits issued for education."),
        lambda s, p, v: _ratio(
            _c(s, p, v).value("DF_RES_PERMIT", PERMIT_EVENT="FIRST", PURPOSE="EDUC"),
            _c(s, p, v).value("DF_RES_PERMIT", PERMIT_EVENT="FIRST"),
            100,
        ),
    ),
    Indicator(
        "VALID_PER_100",
        3,
        _("Valid residence permits per 100 population"),
        "VALID_EOP / P × 100",
        _("Residence permits valid at the end of the year per 100 mid-year population (a stock)."),
        lambda s, p, v: _ratio(
            _c(s, p, v).value("DF_RES_PERMIT", PERMIT_EVENT="VALID_EOP"), _c(s, p, v).population(), 100
        ),
    ),
    Indicator(
        "WORK_HHI",
        4,
        _("Concentration of work permits by citizenship (HHI)"),
        "Σ sᵢ²",
        _(
            "Herfindahl–Hirschman index of citizenship shares of work permits: near 0 spread out, 1 a single citizenship."  # noqa: E501
        ),
        _concentration,
    ),
    Indicator(
        "WOMEN_WORK_SHARE",
        6,
        _("Women among work-permit holders (%)"),
        "F / _T × 100",
        _("Share of work permits held by women."),
        lambda s, p, v: _ratio(
            _c(s, p, v).value("DF_WORK_PERMIT", SEX="F"), _c(s, p, v).value("DF_WORK_PERMIT"), 100
        ),
    ),
    Indicator(
        "LOW_SKILL_WORK_SHARE",
        7,
        _("Work permits in elementary occupations (%)"),
        "ISCO 9 / _T × 100",
        _("Skill mix: share of work permits for elementary occupations (ISCO-08 major group 9)."),
        lambda s, p, v: _ratio(
            _c(s, p, v).value("DF_WORK_PERMIT", OCCUPATION="OC9"), _c(s, p, v).value("DF_WORK_PERMIT"), 100
        ),
    ),
    Indicator(
        "APPREHENSIONS_PER_100K",
        9,
        _("Apprehensions of irregular migrants per 100,000 population"),
        "apprehensions / P × 100,000",
        _("Apprehension events (not persons) per 100,000 mid-year population."),
        lambda s, p, v: _ratio(_c(s, p, v).value("DF_IRREG_MIGR"), _c(s, p, v).population(), 100000),
    ),
    Indicator(
        "MINOR_SHARE_APPREHENSIONS",
        9,
        _("Minors among apprehended irregular migrants (%)"),
        "Y_LT18 / _T × 100",
        _("Share of apprehensions concerning children under 18."),
        lambda s, p, v: _ratio(
            _c(s, p, v).value("DF_IRREG_MIGR", AGE="Y_LT18"), _c(s, p, v).value("DF_IRREG_MIGR"), 100
        ),
    ),
    Indicator(
        "VICTIMS_PER_100K",
        11,
        _("Identified victims of trafficking per 100,000 population"),
        "victims / P × 100,000",
        _("SDG 16.2.2: victims of trafficking identified in the year per 100,000 mid-year population."),
        lambda s, p, v: _ratio(_c(s, p, v).value("DF_THB_VICTIM"), _c(s, p, v).population(), 100000),
    ),
    Indicator(
        "CHILD_SHARE_VICTIMS",
        12,
        _("Children among identified victims (%)"),
        "Y_LT18 / _T × 100",
        _("Share of identified victims of trafficking who are under 18."),
        lambda s, p, v: _ratio(
            _c(s, p, v).value("DF_THB_VICTIM", AGE="Y_LT18"), _c(s, p, v).value("DF_THB_VICTIM"), 100
        ),
    ),
    Indicator(
        "NET_MIGRATION_RATE",
        13,
        _("Net migration rate per 1,000 population"),
        "(IMM − EMI) / P × 1,000",
        _("Long-term immigrants minus emigrants in the year, per 1,000 mid-year population."),
        lambda s, p, v: _net(_c(s, p, v)),
    ),
    Indicator(
        "COMPLETENESS",
        18,
        _("Disaggregation completeness (%)"),
        "fully disaggregated cells / all cells × 100",
        _(
            "Share of published cells broken down on every dimension (no total and no unknown code in the key)."  # noqa: E501
        ),
        _completeness,
    ),
    Indicator(
        "UNKNOWN_SHARE",
        18,
        _("Cells with an unknown code (%)"),
        "cells with _U / all cells × 100",
        _("Share of published cells where at least one dimension is unknown (_U)."),
        _unknown_share,
    ),
    Indicator(
        "TIMELINESS",
        19,
        _("Timeliness (days)"),
        "ACCEPTED_REGIONAL date − period end",
        _("Days from the end of the reference year to regional acceptance of the first vintage covering it."),
        _timeliness,
    ),
    Indicator(
        "MIRROR_ASYMMETRY",
        20,
        _("Mirror asymmetry (mean over partners)"),
        "|A_imm(B→A) − B_emi(B→A)| / mean of both",
        _(
            "How far the origin state's emigration figures differ from its partners' immigration figures of its citizens."  # noqa: E501
        ),
        _mirror,
    ),
]


def _net(cube: Cube) -> float | None:
    imm, emi, pop = (
        cube.value("DF_MIGR_POP", FLOW_TYPE="IMM"),
        cube.value("DF_MIGR_POP", FLOW_TYPE="EMI"),
        cube.population(),
    )
    if imm is None or emi is None:
        return None
    return _ratio(imm - emi, pop, 1000)


def indicator_table(
    *, state: str, period: str, viewer_state: str | None
) -> list[tuple[Indicator, float | None]]:
    return [(indicator, indicator.compute(state, period, viewer_state)) for indicator in CATALOGUE]
