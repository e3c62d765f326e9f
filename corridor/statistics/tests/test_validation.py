"""Every validation rule, with a passing and a failing case."""

from __future__ import annotations

import io

import pytest

from corridor.core.errors import ApplicationError
from corridor.statistics.parsing import parse_upload
from corridor.statistics.services import check_file, dataflow_get
from corridor.statistics.tests.factories import csv_text, sex_cells
from corridor.statistics.validation.outliers import log_ratio_flag, modified_z

pytestmark = pytest.mark.django_db


def rules(cells, flow="DF_WORK_PERMIT", area="KGZ", provider="KGZ"):
    parsed = parse_upload(csv_text(flow, area, cells).encode())
    report, _ = check_file(parsed=parsed, flow=dataflow_get(flow), provider=provider)
    return sorted({i["rule"] for i in report.issues if i["level"] in ("error", "warning", "flag")})


def test_clean_file_passes():
    assert rules(sex_cells(120, 50, 70)) == []


@pytest.mark.parametrize(
    ("cell", "rule"),
    [
        ({"CITIZENSHIP": "XYZ"}, "unknown_code"),
        ({"value": "12.5"}, "not_integer"),
        ({"value": "-3"}, "negative"),
        ({"TIME_PERIOD": "2023-13"}, "bad_period"),
        ({"COMMENT_OBS": "=HYPERLINK(1)"}, "formula_text"),
        ({"value": ""}, "missing_value"),
        ({"TIME_PERIOD": "1990"}, "period_window"),
    ],
)
def test_structural_and_constraint_rules(cell, rule):
    base = {"CITIZENSHIP": "UZB", "TIME_PERIOD": "2023", "value": 7}
    assert rules([{**base, **cell}]) == [rule]


def test_missing_value_is_allowed_with_status_m():
    assert rules([{"CITIZENSHIP": "UZB", "value": "", "OBS_STATUS": "M"}]) == []


def test_duplicate_key():
    assert rules([{"CITIZENSHIP": "UZB", "value": 7}, {"CITIZENSHIP": "UZB", "value": 8}]) == [
        "duplicate_key"
    ]


def test_other_providers_ref_area_is_refused():
    assert rules([{"CITIZENSHIP": "UZB", "value": 7}], area="TUR", provider="KGZ") == ["wrong_ref_area"]


def test_cube_region_of_student_flow():
    assert rules([{"CITIZENSHIP": "TKM", "PURPOSE": "WORK", "value": 7}], flow="DF_INT_STUDENT") == [
        "cell_not_allowed"
    ]
    assert rules([{"CITIZENSHIP": "TKM", "value": 7}], flow="DF_INT_STUDENT") == []


def test_total_must_equal_parts_over_sex_age_and_citizenship():
    assert rules(sex_cells(100, 50, 70)) == ["total_mismatch"]
    age = [{"AGE": "_T", "value": 30}, {"AGE": "Y_LT18", "value": 10}, {"AGE": "Y_GE18", "value": 21}]
    assert rules([{**c, "CITIZENSHIP": "UZB"} for c in age]) == ["total_mismatch"]
    cit = [
        {"CITIZENSHIP": "_T", "value": 30},
        {"CITIZENSHIP": "UZB", "value": 10},
        {"CITIZENSHIP": "_O", "value": 21},
    ]
    assert rules(cit) == ["total_mismatch"]


def test_subset_never_exceeds_total():
    cells = [
        {"CITIZENSHIP": "UZB", "PERMIT_EVENT": "_T", "value": 30},
        {"CITIZENSHIP": "UZB", "PERMIT_EVENT": "FIRST", "value": 31},
    ]
    assert rules(cells) == ["subset_exceeds"]
    cells[1]["value"] = 29
    assert rules(cells) == []


def test_unknown_share_warning_above_ten_percent():
    cells = [
        {"SEX": "_T", "value": 100},
        {"SEX": "F", "value": 40},
        {"SEX": "M", "value": 49},
        {"SEX": "_U", "value": 11},
    ]
    assert rules([{**c, "CITIZENSHIP": "UZB"} for c in cells]) == ["unknown_share"]
    cells[2]["value"], cells[3]["value"] = 50, 10
    assert rules([{**c, "CITIZENSHIP": "UZB"} for c in cells]) == []


def test_wrong_structure_id():
    parsed = parse_upload(csv_text("DF_IRREG_MIGR", "KGZ", [{"value": 3}]).encode())
    report, _ = check_file(parsed=parsed, flow=dataflow_get("DF_WORK_PERMIT"), provider="KGZ")
    assert [i["rule"] for i in report.issues] == ["wrong_structure"]


def test_outlier_rules():
    assert log_ratio_flag(400, 100) and not log_ratio_flag(40, 10) and not log_ratio_flag(120, 100)
    assert modified_z(10_000, [100, 110, 95, 105, 102]) > 3.5
    assert modified_z(104, [100, 110, 95, 105, 102]) < 3.5
    assert modified_z(104, [100, 110]) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"a,b\n1,2\n", "SDMX-CSV 2.0"),
        (b'STRUCTURE,STRUCTURE_ID\n"broken', "SDMX"),
        (b"PK\x03\x04garbage", "Excel"),
    ],
)
def test_malformed_files_are_refused_with_a_message(content, message):
    with pytest.raises(ApplicationError, match=message):
        parse_upload(content)


def test_oversized_upload_is_refused(settings, monkeypatch):
    from corridor.statistics import parsing

    monkeypatch.setattr(parsing, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ApplicationError, match="limit"):
        parse_upload(b"x" * 2000)


def _workbook(hidden=False, formula=False):
    from openpyxl import Workbook, load_workbook

    from corridor.statistics.excel import template_bytes

    wb = load_workbook(io.BytesIO(template_bytes(dataflow_get("DF_IRREG_MIGR"))))
    wb["DATA"].append(
        [
            "dataflow",
            "ALMATY:DF_IRREG_MIGR(1.0)",
            "I",
            "A",
            "KGZ",
            "UZB",
            "_T",
            "_T",
            "_T",
            "2023",
            "=1+1" if formula else 12,
        ]
    )
    if hidden:
        wb.create_sheet("secret").sheet_state = "hidden"
    buffer = io.BytesIO()
    wb.save(buffer)
    assert Workbook
    return buffer.getvalue()


def test_excel_template_round_trip_and_refusals():
    parsed = parse_upload(_workbook())
    assert (parsed.file_format, parsed.structure_id, parsed.columns["OBS_VALUE"]) == (
        "xlsx",
        "DF_IRREG_MIGR",
        ["12"],
    )
    with pytest.raises(ApplicationError, match="hidden"):
        parse_upload(_workbook(hidden=True))
    with pytest.raises(ApplicationError, match="formula"):
        parse_upload(_workbook(formula=True))


def test_a_period_without_headline_totals_gets_a_warning():
    # only women were sent for 2023: no total over sex, so nothing would reach the public pages
    parsed = parse_upload(
        csv_text("DF_WORK_PERMIT", "KGZ", [{"CITIZENSHIP": "UZB", "SEX": "F", "value": 7}]).encode()
    )
    report, clean = check_file(parsed=parsed, flow=dataflow_get("DF_WORK_PERMIT"), provider="KGZ")
    warnings = [i for i in report.issues if i["rule"] == "no_headline"]
    assert [(w["level"], w["params"]["period"]) for w in warnings] == [("warning", "2023")]
    assert "*" in warnings[0]["params"]["key"]
    assert clean  # a warning, not an error: the file is still accepted
    # and a file that has the totals gets no such warning
    assert "no_headline" not in rules(sex_cells(120, 50, 70))


def test_excel_template_guides_the_statistician():
    from openpyxl import load_workbook

    from corridor.statistics.excel import template_bytes

    wb = load_workbook(io.BytesIO(template_bytes(dataflow_get("DF_IRREG_MIGR"))))
    # instructions open first, all sheets visible (the upload refuses hidden ones)
    assert wb.sheetnames == ["INSTRUCTIONS", "DATA", "CODES"]
    assert wb.active.title == "INSTRUCTIONS"
    assert all(ws.sheet_state == "visible" for ws in wb.worksheets)
    header = [c.value for c in wb["DATA"][1]]
    # every coded column of DATA has a drop-down fed from its block on CODES
    lists = {
        next(iter(dv.sqref.ranges)).coord.split(":")[0][:-1]: dv.formula1
        for dv in wb["DATA"].data_validations.dataValidation
        if dv.type == "list"
    }
    letters = {c.column_letter: c.value for c in wb["DATA"][1]}
    listed = {letters[col] for col in lists}
    assert {"ACTION", "FREQ", "REF_AREA", "CITIZENSHIP"} <= listed
    codes = wb["CODES"]
    for letter, formula in lists.items():
        first, last = (int(part.split("$")[-1]) for part in formula.split("!")[1].split(":"))
        assert {codes.cell(row=r, column=1).value for r in range(first, last + 1)} == {letters[letter]}
    # the example row on INSTRUCTIONS is a row the validation accepts
    guide = list(wb["INSTRUCTIONS"].iter_rows(values_only=True))
    at = max(i for i, row in enumerate(guide) if row and row[0] == "STRUCTURE")
    assert list(guide[at][: len(header)]) == header
    example = dict(zip(header, guide[at + 1], strict=False))
    rows = "\n".join([",".join(header), ",".join(str(example[c] or "") for c in header)])
    flow = dataflow_get("DF_IRREG_MIGR")
    report, clean = check_file(parsed=parse_upload(rows.encode()), flow=flow, provider=example["REF_AREA"])
    assert [i for i in report.issues if i["level"] == "error"] == [] and len(clean) == 1
