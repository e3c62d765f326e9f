"""Public statistics pages (no login): every figure passes through disclosure control."""

from __future__ import annotations

import csv
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from corridor.statistics import charts, indicators, mirror, registry, selectors
from corridor.statistics.models import Code, Dataflow
from corridor.statistics.seed_facts import QUOTED_FACTS
from corridor.statistics.structure import flow_structure

SUPPRESSED = "…"


def _viewer(request: HttpRequest) -> str | None:
    actor = getattr(request, "actor", None)
    return getattr(actor, "state", None) if actor is not None and request.user.is_authenticated else None


def _flow_or_404(flow_id: str) -> Dataflow:
    flow = Dataflow.objects.filter(flow_id=flow_id).order_by("-version").first()
    if flow is None:
        raise Http404
    return flow


def _labels(codelist: str) -> dict[str, str]:
    return {c.code: c.name for c in Code.objects.filter(codelist__code_id=codelist).only("code", "names")}


def _key_labeller(structure: object) -> Callable[[str], str]:
    """Readable label of a dot key in the reader's language, from the codelists:
    ``AFG.F._T`` → "Afghanistan · Female · Total"."""
    dims: tuple[str, ...] = structure.dimensions  # type: ignore[attr-defined]
    codelist_of: dict[str, str] = structure.codelist_of  # type: ignore[attr-defined]
    names = {d: _labels(codelist_of.get(d, "").split("(")[0]) for d in dims}

    def label(key: str) -> str:
        return " · ".join(names[d].get(code, code) for d, code in zip(dims, key.split("."), strict=False))

    return label


def index(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    flows = selectors.published_flows(viewer_state=viewer)
    submissions = selectors.public_submissions(viewer_state=viewer)
    context = {
        "flows": flows,
        "facts": QUOTED_FACTS,
        "sources": [s for s in submissions if s.source_public],
        "synthetic": any(s.is_synthetic for s in submissions),
    }
    return render(request, "statistics/index.html", context)


def flow_page(request: HttpRequest, flow_id: str) -> HttpResponse:
    flow = _flow_or_404(flow_id)
    viewer = _viewer(request)
    structure = flow_structure(flow.pk)
    states = selectors.states(flow=flow, viewer_state=viewer)
    state = (
        request.GET.get("state", "")
        if request.GET.get("state", "") in states
        else (states[0] if states else "")
    )
    periods = selectors.periods(flow=flow, state=state, viewer_state=viewer)
    period = (
        request.GET.get("period", "")
        if request.GET.get("period", "") in periods
        else (periods[-1] if periods else "")
    )
    areas = _labels("CL_AREA")
    top = selectors.top_citizenships(flow=flow, period=period, viewer_state=viewer, state=state)
    series = _series(flow, structure, state, viewer)
    label = _key_labeller(structure)
    cells = selectors.public_cells(flow=flow, viewer_state=viewer, state=state, period=period, limit=500)
    submissions = (
        list(selectors.public_submissions(flow=flow, viewer_state=viewer).filter(state_id=state))
        if state
        else []
    )
    context = {
        "flow": flow,
        "states": selectors.state_options(states),
        "state": state,
        "periods": periods,
        "period": period,
        "areas": areas,
        "top": top,
        "hhi": indicators.hhi([v for _, v in top]),
        "top_chart": charts.bar_chart(
            [(areas.get(c, c), v) for c, v in top], _("Top 10 citizenships"), _("suppressed")
        ),
        # One period is a figure, not a "time series" of one point.
        "single": series[0] if len(series) == 1 else None,
        "series_chart": charts.line_chart(series, _("Time series")) if len(series) > 1 else None,
        "breakdowns": _breakdowns(flow, structure, state, period, viewer),
        "rows": [(cell, areas.get(cell.state, cell.state), label(cell.key)) for cell in cells],
        "submissions": submissions,
        # "Source already public" only for the vintage(s) whose figures are on the page: seed
        # figures re-published from a public source, never a state's newly published data.
        "public_sources": [
            sub
            for sub in submissions
            if sub.source_public and sub.first_period <= period <= (sub.last_period or sub.first_period)
        ],
        "notes": selectors.agreement_notes(flow=flow),
        "own": bool(viewer) and viewer == state,
        "dimensions": structure.dimensions,
    }
    return render(request, "statistics/flow.html", context)


def _series(
    flow: Dataflow, structure: object, state: str, viewer: str | None
) -> list[tuple[str, int | None]]:
    rest = structure.headline_rest_key()  # type: ignore[attr-defined]
    cells = selectors.public_cells(
        flow=flow, viewer_state=viewer, state=state, rest_key=rest, citizenship="_T"
    )
    if not cells:  # no total sent: add up the citizenships shown
        totals: dict[str, int] = {}
        for cell in selectors.public_cells(flow=flow, viewer_state=viewer, state=state, rest_key=rest):
            totals[cell.period] = totals.get(cell.period, 0) + (cell.value or 0)
        return sorted(totals.items())
    return [(c.period, c.value) for c in cells]


def _breakdowns(flow: Dataflow, structure: object, state: str, period: str, viewer: str | None) -> list[dict]:
    result = []
    dims = structure.dimensions  # type: ignore[attr-defined]
    by_key = {
        c.key: c for c in selectors.public_cells(flow=flow, viewer_state=viewer, state=state, period=period)
    }
    for dimension, codelist in (("SEX", "CL_SEX"), ("AGE", "CL_AGE")):
        if dimension not in dims:
            continue
        labels = _labels(codelist)
        base = {d: structure.headline_code(d) for d in dims}  # type: ignore[attr-defined]
        items = []
        for code in labels:
            if code in {"_T", "_Z"}:
                continue
            key = ".".join(code if d == dimension else base[d] for d in dims)
            cell = by_key.get(key)
            if cell is not None:
                items.append((labels[code], None if cell.suppressed else cell.value))
        if items:
            title = _("By sex") if dimension == "SEX" else _("By age")
            result.append({"title": title, "chart": charts.bar_chart(items, title, _("suppressed"))})
    return result


def flow_csv(request: HttpRequest, flow_id: str) -> HttpResponse:
    """SDMX-CSV 2.0 of the public cells, as the viewer may see them."""
    flow = _flow_or_404(flow_id)
    structure = flow_structure(flow.pk)
    viewer = _viewer(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{flow.flow_id}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "STRUCTURE",
            "STRUCTURE_ID",
            "ACTION",
            "FREQ",
            "REF_AREA",
            *structure.dimensions,
            "TIME_PERIOD",
            "OBS_VALUE",
            "OBS_STATUS",
            "CONF_STATUS",
        ]
    )
    for cell in selectors.public_cells(flow=flow, viewer_state=viewer, limit=1_000_000):
        freq = "M" if "-" in cell.period and "Q" not in cell.period else ("Q" if "Q" in cell.period else "A")
        writer.writerow(
            [
                "dataflow",
                structure.urn,
                "I",
                freq,
                cell.state,
                *cell.key.split("."),
                cell.period,
                "" if cell.value is None else cell.value,
                cell.obs_status,
                "C" if cell.suppressed else "F",
            ]
        )
    return response


def indicator_page(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    flows = selectors.published_flows(viewer_state=viewer)
    states = sorted({s for f in flows for s in selectors.states(flow=f, viewer_state=viewer)})
    state = request.GET.get("state") if request.GET.get("state") in states else (states[0] if states else "")
    period = str(request.GET.get("period", ""))[:10] or "2019"
    rows = indicators.indicator_table(state=state, period=period, viewer_state=viewer) if state else []
    context = {
        "rows": rows,
        "states": selectors.state_options(states),
        "state": state,
        "period": period,
        "operational": registry.operational_indicators(state=state or ""),
    }
    return render(request, "statistics/indicators.html", context)


def mirror_page(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    origins = selectors.state_options(list(selectors.participant_codes()))
    origin = str(request.GET.get("origin", "KGZ"))[:3].upper()
    period = str(request.GET.get("period", "2023"))[:10]
    rows = mirror.mirror_table(origin=origin, period=period, viewer_state=viewer)
    areas = _labels("CL_AREA")
    chart = charts.bar_chart(
        [(areas.get(r.partner, r.partner), r.partner_immigration) for r in rows],
        _("Estimated emigration by destination"),
        _("suppressed"),
    )
    return render(
        request,
        "statistics/mirror.html",
        {
            "named_rows": [(r, areas.get(r.partner, r.partner)) for r in rows],
            "origin": origin,
            "origins": origins,
            "period": period,
            "areas": areas,
            "chart": chart,
        },
    )
