"""Robust outlier flags against each series' accepted history.

Counts are skewed, so standard deviations misfire; we use (1) the log-ratio to the previous
period, |ln((x+1)/(p+1))| > 1 with |x - p| >= 50, and (2) the modified z-score on log1p
values, 0.6745 (y - median) / MAD > 3.5 with at least five earlier periods. A flag does not
stop validation; approval waits until the cell carries a comment.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from statistics import median
from typing import TYPE_CHECKING

from corridor.statistics.validation.messages import FLAG, issue

if TYPE_CHECKING:
    from corridor.statistics.validation.engine import CleanRow, Report

RATIO_LIMIT = 1.0
MIN_CHANGE = 50
Z_LIMIT = 3.5
MIN_HISTORY = 5

History = Callable[[Iterable[tuple[str, ...]]], dict[tuple[str, ...], list[tuple[str, int]]]]


def log_ratio_flag(value: int, previous: int) -> bool:
    return abs(math.log((value + 1) / (previous + 1))) > RATIO_LIMIT and abs(value - previous) >= MIN_CHANGE


def modified_z(value: int, history: list[int]) -> float | None:
    if len(history) < MIN_HISTORY:
        return None
    logs = [math.log1p(v) for v in history]
    centre = median(logs)
    mad = median(abs(v - centre) for v in logs)
    if mad == 0:
        return None
    return 0.6745 * (math.log1p(value) - centre) / mad


def check(clean: list[CleanRow], history: History, report: Report) -> None:
    series = history({r.key for r in clean})
    for row in clean:
        if row.value is None or row.comment:
            continue
        earlier = [v for period, v in series.get(row.key, []) if period < row.period]
        if not earlier:
            continue
        previous = earlier[-1]
        # The cell (period and key) travels with the flag: each flag gets its own comment.
        cell = {"period": row.period, "key": ".".join(row.key)}
        if log_ratio_flag(row.value, previous):
            report.add(
                issue(FLAG, "outlier_ratio", row.row, "OBS_VALUE", value=row.value, previous=previous, **cell)
            )
            continue
        score = modified_z(row.value, earlier)
        if score is not None and abs(score) > Z_LIMIT:
            report.add(
                issue(FLAG, "outlier_z", row.row, "OBS_VALUE", value=row.value, score=round(score, 1), **cell)
            )
