"""Reading uploaded files into columns: SDMX-CSV 2.0 and SDMX-ML 2.1 through pysdmx, and
the Excel template through openpyxl. Every refusal here is a ``ParseError`` with a clear,
translated message; nothing is stored when a file cannot be read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from corridor.core.errors import ApplicationError

MAX_UPLOAD_BYTES = int(getattr(settings, "STATISTICS_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))
DATA_SHEET = "DATA"


class ParseError(ApplicationError):
    code = "unreadable_file"


@dataclass
class ParsedFile:
    file_format: str  # "sdmx-csv" | "sdmx-ml" | "xlsx"
    structure_id: str  # the dataflow identifier the file names ("" when it names none)
    columns: dict[str, list[str]]
    rows: int


def detect_format(content: bytes) -> str:
    head = content[:512].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.startswith(b"PK"):
        return "xlsx"
    if head.startswith(b"<"):
        return "sdmx-ml"
    return "sdmx-csv"


def parse_upload(content: bytes) -> ParsedFile:
    if len(content) > MAX_UPLOAD_BYTES:
        raise ParseError(
            _(
                "The file is {size} MB; the limit is {limit} MB. Split it by period and send the parts."
            ).format(size=len(content) // (1024 * 1024), limit=MAX_UPLOAD_BYTES // (1024 * 1024))
        )
    if not content.strip():
        raise ParseError(_("The file is empty."))
    kind = detect_format(content)
    if kind == "xlsx":
        return _parse_excel(content)
    return _parse_sdmx(content, kind)


def _parse_sdmx(content: bytes, kind: str) -> ParsedFile:
    from pysdmx.io import read_sdmx

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(_("The file is not UTF-8 text.")) from exc
    if kind == "sdmx-csv" and not text.startswith("STRUCTURE,STRUCTURE_ID"):
        raise ParseError(
            _("This is not an SDMX-CSV 2.0 file: the first columns must be STRUCTURE and STRUCTURE_ID.")
        )
    try:
        message = read_sdmx(text, validate=True)
    except Exception as exc:  # pysdmx raises many types; each becomes the same clear report
        raise ParseError(
            _("The file could not be read as SDMX: {detail}").format(detail=str(exc)[:300])
        ) from exc
    if not message.data or len(message.data) != 1:
        raise ParseError(_("The file must contain exactly one dataset."))
    dataset = message.data[0]
    frame = dataset.data.fillna("").astype(str)  # type: ignore[attr-defined]
    structure_id = str(dataset.short_urn).split(":")[-1].split("(")[0]
    columns = {
        str(name): frame[name].tolist() for name in frame.columns if name not in {"STRUCTURE", "STRUCTURE_ID"}
    }
    return ParsedFile(file_format=kind, structure_id=structure_id, columns=columns, rows=len(frame))


def _parse_excel(content: bytes) -> ParsedFile:  # noqa: C901 - one guard per refusal, kept together
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=False, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ParseError(_("The file is not a readable Excel workbook.")) from exc
    hidden = [ws.title for ws in workbook.worksheets if ws.sheet_state != "visible"]
    if hidden:
        raise ParseError(
            _("The workbook has hidden sheets ({sheets}). Remove them and send only the template.").format(
                sheets=", ".join(hidden)
            )
        )
    if DATA_SHEET not in workbook.sheetnames:
        raise ParseError(
            _("The workbook has no sheet named {name}. Use the template of the dataflow.").format(
                name=DATA_SHEET
            )
        )
    rows = workbook[DATA_SHEET].iter_rows()
    header_cells = next(rows, ())
    header = [str(c.value or "").strip() for c in header_cells]
    columns: dict[str, list[str]] = {name: [] for name in header if name}
    count = 0
    for row in rows:
        values = [c for c in row]
        if all(c.value in (None, "") for c in values):
            continue
        for name, cell in zip(header, values, strict=False):
            if not name:
                continue
            if cell.data_type == "f":
                raise ParseError(
                    _("Cell {cell} holds a formula. The template accepts values only.").format(
                        cell=cell.coordinate
                    )
                )
            columns[name].append("" if cell.value is None else _cell_text(cell.value))
        for name in header[len(values) :]:
            if name:
                columns[name].append("")
        count += 1
    structure_id = columns.pop("STRUCTURE_ID", [""])[0] if count else ""
    columns.pop("STRUCTURE", None)
    structure_id = structure_id.split(":")[-1].split("(")[0]
    return ParsedFile(file_format="xlsx", structure_id=structure_id, columns=columns, rows=count)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
