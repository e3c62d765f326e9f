"""The report's messages: stored as rule + parameters, translated when shown."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ERROR, WARNING, FLAG, INFO = "error", "warning", "flag", "info"

MESSAGES: dict[str, Any] = {
    "wrong_structure": _("The file is for dataflow {found}, not {expected}."),
    "missing_column": _("Column {column} is missing."),
    "unknown_column": _("Column {column} is not part of the structure and was ignored."),
    "unknown_code": _("Code {code} is not in codelist {codelist}."),
    "not_integer": _("The value {value} is not a whole number."),
    "negative": _("The value {value} is negative; counts cannot be below zero."),
    "missing_value": _("The value is empty but OBS_STATUS is not M (missing)."),
    "bad_period": _("The period {period} is not valid for frequency {freq}."),
    "duplicate_key": _("This cell appears twice (first on row {first})."),
    "formula_text": _("The text {value} starts like a spreadsheet formula and is refused."),
    "bad_action": _("ACTION {action} is not supported; use I (information) or R (replace)."),
    "wrong_ref_area": _("REF_AREA {code} is not your state ({state}); a provider reports only its own data."),
    "period_window": _("The period {period} is outside the agreed window {first}–{last}."),
    "cell_not_allowed": _("{dimension} {code} is not allowed in this dataflow (allowed: {allowed})."),
    "total_mismatch": _(
        "The total for {dimension} is {total} but its parts add up to {parts} (cell {key}, {period})."
    ),
    "subset_exceeds": _(
        "The parts of {dimension} add up to {parts}, more than the total {total} (cell {key}, {period})."
    ),
    "unknown_share": _("Unknown {dimension} is {share} % of the total (cell {key}, {period}); above 10 %."),
    "outlier_ratio": _(
        "The value {value} differs strongly from the previous period ({previous}); add a comment (COMMENT_OBS) or correct it."  # noqa: E501
    ),
    "outlier_z": _(
        "The value {value} is far from this series' history (modified z-score {score}); add a comment or correct it."  # noqa: E501
    ),
    "completeness": _("Period {period}: {cells} of {expected} expected cells were sent ({share} %)."),
    "no_headline": _(
        "Period {period} has no total rows ({key}, * = any citizenship): the public pages show only these totals, so this period would not appear there. Add the totals."  # noqa: E501
    ),
    "late": _("Period {period} arrives {days} days after the agreed deadline."),
    "cross_exceeds": _(
        "{small} gives {a_value} for citizenship {citizenship} in {period}, more than {b_value} in {big} "
        "for the same state, period and citizenship."
    ),
    "cross_differs": _(
        "{small} gives {a_value} and {big} {b_value} for citizenship {citizenship} in {period}; "
        "they differ by more than 20 %."
    ),
}


def issue(level: str, rule: str, row: int | None = None, column: str = "", **params: Any) -> dict[str, Any]:
    return {"level": level, "rule": rule, "row": row, "column": column, "params": params}


def render(item: dict[str, Any]) -> str:
    template = MESSAGES.get(item.get("rule", ""), "")
    try:
        return str(template).format(**item.get("params", {}))
    except (KeyError, IndexError):
        return str(template)


CONVERSIONS: dict[str, Any] = {
    "solar_hijri": _(
        "TIME_PERIOD {source} (Solar Hijri) was read as {target} (Gregorian), the Gregorian year or month "
        "in which it starts ({starts}); cells: {cells}."
    ),
    "code_map": _(
        "{dimension} code {source} of the national codelist {codelist} was mapped to {target}; "
        "cells: {cells}."
    ),
}


def render_conversion(item: dict[str, Any]) -> str:
    template = CONVERSIONS.get(item.get("kind", ""), "")
    try:
        return str(template).format(**item.get("params", {}))
    except (KeyError, IndexError):
        return str(template)
