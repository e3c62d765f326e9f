"""Hostile statistics uploads (issue 20, high 2 and medium 5): decompression bombs, DTDs,
too many cells and NUL bytes are refused with a translated 400 before anything inflates."""

from __future__ import annotations

import io
import zipfile

import pytest

from corridor.access import roles
from corridor.statistics import parsing
from corridor.statistics.excel import template_bytes
from corridor.statistics.models import Observation
from corridor.statistics.parsing import ParseError, parse_upload
from corridor.statistics.services import dataflow_get

pytestmark = pytest.mark.django_db
UPLOAD = "/api/v1/statistics/submissions/"
SHEET = "xl/worksheets/sheet1.xml"


def _template() -> bytes:
    return template_bytes(dataflow_get("DF_IRREG_MIGR"))


def _rewrite(content: bytes, change) -> bytes:
    """The same workbook with the DATA sheet's XML passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == SHEET:
                data = change(data)
            target.writestr(info.filename, data)
    return out.getvalue()


def _bomb() -> bytes:
    # 8 MB of whitespace inside the sheet XML deflates to a few kilobytes (ratio ~1000:1)
    return _rewrite(
        _template(), lambda xml: xml.replace(b"<sheetData", b" " * (8 * 1024 * 1024) + b"<sheetData", 1)
    )


def test_the_template_is_still_read():
    assert zipfile.ZipFile(io.BytesIO(_template())).getinfo(SHEET)
    assert parse_upload(_template()).file_format == "xlsx"


def test_a_decompression_bomb_is_refused_before_it_is_inflated():
    bomb = _bomb()
    assert len(bomb) < 100 * 1024
    with pytest.raises(ParseError, match="unpacks to more than"):
        parse_upload(bomb)


def test_an_archive_larger_than_the_unpacked_limit_is_refused(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_XLSX_UNPACKED_BYTES", 2000)
    with pytest.raises(ParseError, match="unpacks to more than"):
        parse_upload(_template())


def test_a_workbook_with_a_dtd_is_refused():
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    evil = _rewrite(_template(), lambda xml: dtd + xml)
    with pytest.raises(ParseError, match="DTD"):
        parse_upload(evil)


def test_cells_are_counted_while_reading(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_XLSX_CELLS", 5)
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(_template()))
    for _ in range(3):
        workbook["DATA"].append(["dataflow", "ALMATY:DF_IRREG_MIGR(1.0)", "I", "A", "KGZ", "UZB", "_T"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ParseError, match="more than 5 cells"):
        parse_upload(buffer.getvalue())


def test_nul_inside_an_sdmx_csv_is_refused():
    with pytest.raises(ParseError, match="NUL"):
        parse_upload(b"STRUCTURE,STRUCTURE_ID,ACTION\ndataflow,ALMATY:DF_X(1.0),I\x00\n")


@pytest.mark.parametrize("name", ["bomb", "nul"])
def test_hostile_uploads_get_a_translated_400_and_store_nothing(client, user_factory, name):
    client.force_login(user_factory("KGZ", roles.STATISTICIAN))
    content = _bomb() if name == "bomb" else b"STRUCTURE,STRUCTURE_ID\ndataflow,A\x00\n"
    response = client.post(
        UPLOAD,
        {"dataflow": "DF_IRREG_MIGR", "file": io.BytesIO(content)},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unreadable_file"
    assert ("распакованном" if name == "bomb" else "NUL") in response.json()["error"]["message"]
    assert Observation.objects.filter(state_id="KGZ").count() == 0
