"""Reading uploaded files into columns: SDMX-CSV 2.0 and SDMX-ML 2.1 through pysdmx, and
the Excel template through openpyxl. Every refusal here is a ``ParseError`` with a clear,
translated message; nothing is stored when a file cannot be read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from corridor.core.errors import ApplicationError

MAX_UPLOAD_BYTES = int(getattr(settings, "STATISTICS_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))
# A workbook is a zip archive: 284 KB can inflate to gigabytes (issue 20). Its parts are
# checked against these bounds before openpyxl opens anything. zipfile never inflates a part
# past the size its header declares (and fails the CRC if the data says otherwise), so the
# declared sizes are a true bound on what is read.
MAX_XLSX_UNPACKED_BYTES = int(getattr(settings, "STATISTICS_MAX_XLSX_UNPACKED_BYTES", 40 * 1024 * 1024))
MAX_XLSX_RATIO = 100  # uncompressed ÷ compressed, for any part over 1 MB
MAX_XLSX_PARTS = 100
MAX_XLSX_CELLS = int(getattr(settings, "STATISTICS_MAX_XLSX_CELLS", 1_000_000))
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
    if kind != "xlsx" and b"\x00" in content:
        # PostgreSQL text cannot hold NUL, and an SDMX text file never needs it.
        raise ParseError(_("The file contains a NUL character, which a text file cannot hold."))
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


def _check_archive(content: bytes) -> None:
    """Refuse a decompression bomb or an XML part with a DTD before openpyxl inflates it."""
    too_big = _("The workbook unpacks to more than {limit} MB. Split it by period and send the parts.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ParseError(_("The file is not a readable Excel workbook.")) from exc
    limit_mb = MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)
    if len(parts) > MAX_XLSX_PARTS:
        raise ParseError(_("The workbook has too many parts. Use the template of the dataflow."))
    if sum(part.file_size for part in parts) > MAX_XLSX_UNPACKED_BYTES:
        raise ParseError(too_big.format(limit=limit_mb))
    for part in parts:
        if part.file_size > 1024 * 1024 and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1):
            raise ParseError(too_big.format(limit=limit_mb))
    try:
        for part in parts:
            if _declares_dtd(archive, part):
                raise ParseError(
                    _("The workbook contains a document type declaration (DTD), which is not allowed.")
                )
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ParseError(_("The file is not a readable Excel workbook.")) from exc


def _declares_dtd(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """A DTD can declare entities that expand without bound; a workbook never needs one."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(64 * 1024):
            window = (tail + chunk).upper()
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                return True
            tail = window[-16:]
    return False


def _parse_excel(content: bytes) -> ParsedFile:
    _check_archive(content)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for broken parts; each is one refusal
        raise ParseError(_("The file is not a readable Excel workbook.")) from exc
    try:
        return _read_workbook(workbook)
    finally:
        workbook.close()


def _read_workbook(workbook: Any) -> ParsedFile:  # noqa: C901 - one guard per refusal, kept together
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
    cells = len(header)
    for row in rows:
        values = [c for c in row]
        cells += len(values)
        if cells > MAX_XLSX_CELLS:
            raise ParseError(
                _("The workbook has more than {limit} cells. Split it by period and send the parts.").format(
                    limit=MAX_XLSX_CELLS
                )
            )
        if all(c.value in (None, "") for c in values):
            continue
        for name, cell in zip(header, values, strict=False):
            if not name:
                continue
            if cell.data_type == "f":
                raise ParseError(
                    _("Cell {cell} holds a formula. The template accepts values only.").format(
                        cell=getattr(cell, "coordinate", "")
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
