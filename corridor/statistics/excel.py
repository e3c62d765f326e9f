"""The Excel template of a dataflow, for a national statistician filling it by hand.

Three visible sheets (hidden sheets are refused on upload):

- ``INSTRUCTIONS`` (opens first): what to do, step by step; every column with its meaning,
  whether it is required and where its codes are; one example row.
- ``DATA``: the SDMX-CSV columns, the header frozen; a drop-down list on every coded column
  (fed from ``CODES``, so Excel and LibreOffice both offer and enforce it), a number check on
  ``OBS_VALUE``. Only this sheet is read on upload.
- ``CODES``: every allowed code with its name in the downloader's language, one block per column.

The texts follow the active language (the page the statistician downloads from).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from corridor.statistics.models import Code, Dataflow
from corridor.statistics.parsing import DATA_SHEET
from corridor.statistics.structure import MEASURE, TIME, FlowStructure, flow_structure

INSTRUCTIONS_SHEET = "INSTRUCTIONS"
CODES_SHEET = "CODES"
ROWS_WITH_CHECKS = 5000  # drop-downs and checks cover this many data rows
ACTIONS = ("I", "R", "A")  # what the validation accepts (besides empty, read as I)


@dataclass(frozen=True)
class CodeBlock:
    column: str
    first_row: int
    last_row: int
    codes: list[tuple[str, str]]

    def range_ref(self) -> str:
        return f"{CODES_SHEET}!$B${self.first_row}:$B${self.last_row}"


def _columns(structure: FlowStructure) -> list[str]:
    return [
        "STRUCTURE",
        "STRUCTURE_ID",
        "ACTION",
        "FREQ",
        "REF_AREA",
        *structure.dimensions,
        TIME,
        MEASURE,
        *structure.attributes,
    ]


def _codes(structure: FlowStructure, column: str) -> list[tuple[str, str]]:
    codelist = structure.codelist_of.get(column, "").split("(")[0]
    if not codelist:
        return []
    allowed = structure.codes.get(column)
    rows = Code.objects.filter(codelist__code_id=codelist).order_by("position", "code")
    return [(c.code, str(c.name)) for c in rows if allowed is None or c.code in allowed]


def _example(structure: FlowStructure, blocks: dict[str, CodeBlock]) -> dict[str, str]:
    """A plausible first row: the headline series (totals), the first reporting state."""

    def first(column: str, preferred: str = "") -> str:
        codes = [code for code, _name in blocks[column].codes] if column in blocks else []
        if preferred and preferred in codes:
            return preferred
        return codes[0] if codes else ""

    row = {
        "STRUCTURE": "dataflow",
        "STRUCTURE_ID": f"ALMATY:{structure.flow_id}({structure.version})",
        "ACTION": "I",
        "FREQ": first("FREQ", "A"),
        "REF_AREA": first("REF_AREA", "KGZ"),
        TIME: "2025",
        MEASURE: "1250",
    }
    for dimension in structure.dimensions:
        row[dimension] = first(dimension, structure.headline_code(dimension))
    for attribute in structure.attributes:
        row[attribute] = ""
    return row


def _meaning(column: str, structure: FlowStructure) -> tuple[str, str]:
    """(what the column holds, required or not) in the reader's language."""
    fixed = {
        "STRUCTURE": (_("Always the word dataflow."), _("required")),
        "STRUCTURE_ID": (
            _("The dataflow's identifier, exactly as in the example row."),
            _("required"),
        ),
        "ACTION": (
            _("I to send figures, R to replace figures sent before, A to add to them."),
            _("required"),
        ),
        "FREQ": (
            _("How often the figure is counted: A for a year, Q for a quarter, M for a month."),
            _("required"),
        ),
        "REF_AREA": (_("Your state (the reporting country)."), _("required")),
        TIME: (_("The period: 2025 for a year, 2025-Q1 for a quarter, 2025-03 for a month."), _("required")),
        MEASURE: (_("The figure: a whole number of people, without spaces or separators."), _("required")),
    }
    if column in fixed:
        return fixed[column]
    if column in structure.attributes:
        return (_("An optional note on the figure (see CODES where it has codes)."), _("optional"))
    return (
        _("A breakdown of the figure; _T means the total over all its values."),
        _("required"),
    )


def _fill_codes(codes: Any, columns: list[str], structure: FlowStructure) -> dict[str, CodeBlock]:
    from openpyxl.styles import Font

    codes.append([_("Column"), _("Code"), _("Name")])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    blocks: dict[str, CodeBlock] = {}
    for column in columns:
        values = [(a, "") for a in ACTIONS] if column == "ACTION" else _codes(structure, column)
        if not values:
            continue
        first_row = codes.max_row + 1
        for code, name in values:
            codes.append([column, code, name])
        blocks[column] = CodeBlock(column, first_row, codes.max_row, values)
    for letter, width in (("A", 18), ("B", 14), ("C", 60)):
        codes.column_dimensions[letter].width = width
    codes.freeze_panes = "A2"
    return blocks


def _check_for(column: str, blocks: dict[str, CodeBlock]) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    if column in blocks:
        return DataValidation(
            type="list",
            formula1=blocks[column].range_ref(),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Not a code of this column"),
            error=_("Choose a code from the list (all codes and their names are on the CODES sheet)."),
        )
    if column == MEASURE:
        return DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Not a figure"),
            error=_("Type a number, 0 or more, without spaces or separators."),
        )
    return None


def _fill_data(data: Any, columns: list[str], blocks: dict[str, CodeBlock]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    data.append(columns)
    for index, column in enumerate(columns, start=1):
        cell = data.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = _header_fill()
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = max(12, len(column) + 4)
        check = _check_for(column, blocks)
        if check is not None:
            data.add_data_validation(check)
            check.add(f"{letter}2:{letter}{ROWS_WITH_CHECKS + 1}")
    data.freeze_panes = "A2"


def _steps() -> list[str]:
    return [
        _("Fill in the DATA sheet: one row for each figure, from row 2. Do not change the header."),
        _("In coded columns, choose from the drop-down list; the codes' names are on the CODES sheet."),
        _("Send the totals too (_T): the public pages show the total series first."),
        _("Leave no formulas and no hidden sheets: the upload refuses them."),
        _("Upload the file on the submission page; every problem is reported with its row and column."),
    ]


def _fill_guide(
    guide: Any, flow: Dataflow, columns: list[str], structure: FlowStructure, example: dict
) -> None:
    from openpyxl.styles import Alignment, Font

    for letter, width in (("A", 22), ("B", 70), ("C", 14)):
        guide.column_dimensions[letter].width = width
    guide.append([_("How to fill in this template: {flow}").format(flow=str(flow.name))])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append([])
    for number, step in enumerate(_steps(), start=1):
        guide.append([f"{number}.", step])
    guide.append([])
    guide.append([_("Column"), _("What it holds"), _("Needed")])
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    for column in columns:
        guide.append([column, *_meaning(column, structure)])
    for row in guide.iter_rows(min_row=3, max_row=guide.max_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide.append([])
    guide.append([_("Example row (copy its shape, not its figure)")])
    guide.append(columns)
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
        cell.fill = _header_fill()
    guide.append([example.get(column, "") for column in columns])


def _header_fill() -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor="DCE6F1")


def template_bytes(flow: Dataflow) -> bytes:
    from openpyxl import Workbook

    structure = flow_structure(flow.pk)
    columns = _columns(structure)
    workbook = Workbook()
    guide = workbook.active
    guide.title = INSTRUCTIONS_SHEET
    data = workbook.create_sheet(DATA_SHEET)
    codes = workbook.create_sheet(CODES_SHEET)
    blocks = _fill_codes(codes, columns, structure)
    _fill_data(data, columns, blocks)
    _fill_guide(guide, flow, columns, structure, _example(structure, blocks))
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
