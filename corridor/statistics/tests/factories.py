"""Builders of files and submissions for the statistics tests."""

from __future__ import annotations

from typing import Any

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.statistics import services
from corridor.statistics.models import Submission
from corridor.statistics.services import dataflow_get
from corridor.statistics.structure import flow_structure

HEADER_ATTRS = ["OBS_STATUS", "CONF_STATUS", "COMMENT_OBS"]


def csv_text(flow_id: str, area: str, cells: list[dict[str, Any]], freq: str = "A") -> str:
    """SDMX-CSV 2.0 for ``cells``: each a dict of dimension codes (default _T), TIME_PERIOD, value."""
    structure = flow_structure(dataflow_get(flow_id).pk)
    columns = [
        "STRUCTURE",
        "STRUCTURE_ID",
        "ACTION",
        "FREQ",
        "REF_AREA",
        *structure.dimensions,
        "TIME_PERIOD",
        "OBS_VALUE",
        *HEADER_ATTRS,
    ]
    lines = [",".join(columns)]
    for cell in cells:
        values = [
            "dataflow",
            f"ALMATY:{flow_id}(1.0)",
            "I",
            cell.get("FREQ", freq),
            cell.get("REF_AREA", area),
        ]
        values += [cell.get(d, structure.headline_code(d)) for d in structure.dimensions]
        values += [str(cell.get("TIME_PERIOD", "2023")), str(cell.get("value", ""))]
        values += [str(cell.get(a, "")) for a in HEADER_ATTRS]
        lines.append(",".join(values))
    return "\n".join(lines) + "\n"


def sex_cells(
    total: int, f: int, m: int, period: str = "2023", citizenship: str = "UZB"
) -> list[dict[str, Any]]:
    return [
        {"CITIZENSHIP": citizenship, "SEX": "_T", "TIME_PERIOD": period, "value": total},
        {"CITIZENSHIP": citizenship, "SEX": "F", "TIME_PERIOD": period, "value": f},
        {"CITIZENSHIP": citizenship, "SEX": "M", "TIME_PERIOD": period, "value": m},
    ]


def statistician(state: str):
    return actor_for(make_user(state, roles.STATISTICIAN))


def secretariat():
    return actor_for(make_user(None, roles.SECRETARIAT))


def upload(actor, flow_id: str, cells: list[dict[str, Any]], **kwargs: Any) -> Submission:
    content = csv_text(flow_id, actor.state, cells).encode()
    return services.submission_upload(
        actor=actor, dataflow=flow_id, content=content, file_name="test.csv", **kwargs
    )


def published(state: str, flow_id: str, cells: list[dict[str, Any]]) -> Submission:
    """Upload, approve, accept and publish in one go."""
    national = statistician(state)
    regional = secretariat()
    submission = upload(national, flow_id, cells)
    assert submission.error_count == 0, submission.report
    submission = services.submission_approve_national(actor=national, submission=submission, comment="ok")
    submission = services.submission_accept_regional(actor=regional, submission=submission)
    return services.submission_publish(actor=regional, submission=submission)
