"""The validator: one pass over the columns, then the rules that need the whole file.

Written for volume (a million cells in seconds): columns are Python lists, codes are
checked against frozensets, totals are summed in one dictionary pass per dimension.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from corridor.core.text import FORMULA_START
from corridor.statistics.structure import MEASURE, TIME, FlowStructure
from corridor.statistics.validation import logical, outliers
from corridor.statistics.validation.messages import ERROR, FLAG, INFO, WARNING, issue

MAX_STORED_ISSUES = 1000
# Each flag needs its own comment; beyond this many the file is to be corrected instead.
MAX_STORED_FLAGS = 2000
PERIOD = {
    "A": re.compile(r"^\d{4}$"),
    "Q": re.compile(r"^\d{4}-Q[1-4]$"),
    "M": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
}


class CleanRow(NamedTuple):
    row: int
    period: str
    key: tuple[str, ...]
    value: int | None
    obs_status: str
    conf_status: str
    comment: str


@dataclass
class Report:
    issues: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    levels: Counter[str] = field(default_factory=Counter)
    # Every outlier flag, uncapped: approval needs a comment on each one.
    flags: list[dict[str, Any]] = field(default_factory=list)
    # Notes on what the upload changed on the way in (calendar, national codes).
    conversions: list[dict[str, Any]] = field(default_factory=list)

    def add(self, item: dict[str, Any]) -> None:
        self.counts[item["rule"]] += 1
        self.levels[item["level"]] += 1
        if item["level"] == FLAG and len(self.flags) < MAX_STORED_FLAGS:
            self.flags.append(item)
        if len(self.issues) < MAX_STORED_ISSUES:
            self.issues.append(item)

    @property
    def errors(self) -> int:
        return self.levels[ERROR]

    def as_json(self) -> dict[str, Any]:
        return {
            "issues": self.issues,
            "counts": dict(self.counts),
            "levels": dict(self.levels),
            "flags": self.flags,
            "conversions": self.conversions,
        }


@dataclass
class Context:
    structure: FlowStructure
    provider: str
    first_period: str = "0000"
    last_period: str = "9999"
    expected_cells: int = 0
    deadline_days: int = 0
    history: Callable[[Iterable[tuple[str, ...]]], dict[tuple[str, ...], list[tuple[str, int]]]] | None = None


def validate(columns: dict[str, list[str]], rows: int, ctx: Context) -> tuple[Report, list[CleanRow]]:
    report = Report()
    s = ctx.structure
    required = [*s.all_dimensions, MEASURE]
    for column in required:
        if column not in columns:
            report.add(issue(ERROR, "missing_column", column=column))
    known = set(required) | set(s.attributes) | {"ACTION"}
    for column in columns:
        if column not in known:
            report.add(issue(WARNING, "unknown_column", column=column))
    if report.errors:
        return report, []
    clean = _rows(columns, rows, ctx, report)
    if report.errors:
        return report, []
    logical.check(clean, s, report)
    if ctx.history is not None:
        outliers.check(clean, ctx.history, report)
    _completeness(clean, ctx, report)
    _headline(clean, ctx, report)
    return report, clean if not report.errors else []


def _rows(columns: dict[str, list[str]], rows: int, ctx: Context, report: Report) -> list[CleanRow]:
    s = ctx.structure
    empty = [""] * rows
    dims = s.dimensions
    dim_columns = [columns[d] for d in dims]
    freq, area, period_col = columns["FREQ"], columns["REF_AREA"], columns[TIME]
    values = columns[MEASURE]
    status = columns.get("OBS_STATUS", empty)
    conf = columns.get("CONF_STATUS", empty)
    comments = columns.get("COMMENT_OBS", empty)
    actions = columns.get("ACTION", empty)
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    clean: list[CleanRow] = []
    for i in range(rows):
        line = i + 2  # the header is line 1
        key = tuple(col[i] for col in dim_columns)
        ok = _check_codes(line, key, dims, freq[i], area[i], s, ctx, report)
        ok &= _check_period(line, freq[i], period_col[i], ctx, report)
        value, ok_value = _check_value(line, values[i], status[i], report)
        ok &= ok_value
        ok &= _check_text(line, (comments[i], status[i], conf[i]), report)
        if actions[i] not in ("", "I", "R", "A"):
            report.add(issue(ERROR, "bad_action", line, "ACTION", action=actions[i][:20]))
            ok = False
        first = seen.setdefault((period_col[i], key), line)
        if first != line:
            report.add(issue(ERROR, "duplicate_key", line, first=first))
            ok = False
        if ok:
            clean.append(CleanRow(line, period_col[i], key, value, status[i], conf[i], comments[i]))
    return clean


def _check_codes(
    line: int,
    key: tuple[str, ...],
    dims: tuple[str, ...],
    freq: str,
    area: str,
    s: FlowStructure,
    ctx: Context,
    report: Report,
) -> bool:
    ok = True
    if freq not in s.codes["FREQ"]:
        report.add(issue(ERROR, "unknown_code", line, "FREQ", code=freq[:40], codelist=s.codelist_of["FREQ"]))
        ok = False
    if area != ctx.provider:
        report.add(issue(ERROR, "wrong_ref_area", line, "REF_AREA", code=area[:40], state=ctx.provider))
        ok = False
    for dimension, code in zip(dims, key, strict=True):
        if code not in s.codes[dimension]:
            report.add(
                issue(
                    ERROR, "unknown_code", line, dimension, code=code[:40], codelist=s.codelist_of[dimension]
                )
            )
            ok = False
        elif dimension in s.cube_region and code not in s.cube_region[dimension]:
            allowed = ", ".join(sorted(s.cube_region[dimension]))
            report.add(
                issue(
                    ERROR,
                    "cell_not_allowed",
                    line,
                    dimension,
                    dimension=dimension,
                    code=code,
                    allowed=allowed,
                )
            )
            ok = False
    return ok


def _check_period(line: int, freq: str, period: str, ctx: Context, report: Report) -> bool:
    pattern = PERIOD.get(freq)
    if pattern is None or not pattern.match(period):
        report.add(issue(ERROR, "bad_period", line, TIME, period=period[:20], freq=freq[:5]))
        return False
    if not ctx.first_period <= period[:4] <= ctx.last_period:
        report.add(
            issue(
                ERROR,
                "period_window",
                line,
                TIME,
                period=period,
                first=ctx.first_period,
                last=ctx.last_period,
            )
        )
        return False
    return True


def _check_value(line: int, raw: str, status: str, report: Report) -> tuple[int | None, bool]:
    raw = raw.strip()
    if raw == "" or raw.lower() == "nan":
        if status == "M":
            return None, True
        report.add(issue(ERROR, "missing_value", line, MEASURE))
        return None, False
    if raw.isdigit():
        return int(raw), True
    text = raw[1:] if raw.startswith("-") else raw
    if text.isdigit():
        report.add(issue(ERROR, "negative", line, MEASURE, value=raw[:20]))
    elif raw.endswith(".0") and raw[:-2].isdigit():
        return int(raw[:-2]), True
    else:
        report.add(issue(ERROR, "not_integer", line, MEASURE, value=raw[:20]))
    return None, False


def _check_text(line: int, texts: tuple[str, ...], report: Report) -> bool:
    for text in texts:
        if text and text.startswith(FORMULA_START):
            report.add(issue(ERROR, "formula_text", line, value=text[:40]))
            return False
    return True


def _completeness(clean: list[CleanRow], ctx: Context, report: Report) -> None:
    import datetime as dt

    per_period = Counter(r.period for r in clean)
    today = dt.date.today()  # noqa: DTZ011 - deadlines are calendar dates
    for period, cells in sorted(per_period.items()):
        if ctx.expected_cells:
            share = round(100 * cells / ctx.expected_cells, 1)
            level = INFO if cells >= ctx.expected_cells else WARNING
            report.add(
                issue(
                    level,
                    "completeness",
                    period=period,
                    cells=cells,
                    expected=ctx.expected_cells,
                    share=share,
                )
            )
        if ctx.deadline_days and period.isdigit():
            late = (today - dt.date(int(period), 12, 31)).days - ctx.deadline_days
            if late > 0:
                report.add(issue(INFO, "late", period=period, days=late))


def _headline(clean: list[CleanRow], ctx: Context, report: Report) -> None:
    """Warn when a period has no headline rows: the public pages (top 10, time series) read only
    the totals over every breakdown but citizenship, so such a period would silently not appear."""
    s = ctx.structure
    wanted = tuple(None if d == "CITIZENSHIP" else s.headline_code(d) for d in s.dimensions)
    periods = sorted({r.period for r in clean})
    found = {
        r.period for r in clean if all(code is None or code == r.key[i] for i, code in enumerate(wanted))
    }
    pattern = ".".join("*" if code is None else code for code in wanted)
    for period in periods:
        if period not in found:
            report.add(issue(WARNING, "no_headline", period=period, key=pattern))


__all__ = ["FLAG", "CleanRow", "Context", "Report", "validate"]
