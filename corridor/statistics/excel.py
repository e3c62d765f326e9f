"""The Excel template of a dataflow: a DATA sheet with the SDMX-CSV columns and a visible
CODES sheet listing the allowed codes (hidden sheets are refused on upload)."""

from __future__ import annotations

import io

from corridor.statistics.models import Code, Dataflow
from corridor.statistics.parsing import DATA_SHEET
from corridor.statistics.structure import flow_structure


def template_bytes(flow: Dataflow) -> bytes:
    from openpyxl import Workbook

    structure = flow_structure(flow.pk)
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    data.append(
        [
            "STRUCTURE",
            "STRUCTURE_ID",
            "ACTION",
            "FREQ",
            "REF_AREA",
            *structure.dimensions,
            "TIME_PERIOD",
            "OBS_VALUE",
            *structure.attributes,
        ]
    )
    codes = workbook.create_sheet("CODES")
    codes.append(["DIMENSION", "CODE", "NAME"])
    for dimension in ("FREQ", *structure.dimensions):
        codelist = structure.codelist_of[dimension].split("(")[0]
        for code in Code.objects.filter(codelist__code_id=codelist).order_by("position", "code"):
            codes.append([dimension, code.code, code.name])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
