"""Totals equal the sum of their parts, parts never exceed totals, unknowns stay small.

The relations come from each codelist's hierarchy: a code with children is their sum
(``_T`` = F + M + _U; Y_LT18 = Y_LT14 + Y14T17; _T = FIRST + RENEW + CHANGE_STATUS).
When every child is present, or ``_O`` (other) closes the list, the sum must be exact;
otherwise the present parts must not exceed the total.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from corridor.statistics.structure import FlowStructure
from corridor.statistics.validation.messages import ERROR, WARNING, issue

if TYPE_CHECKING:
    from corridor.statistics.validation.engine import CleanRow, Report

UNKNOWN_SHARE_LIMIT = 0.10

Cell = tuple[str, tuple[str, ...]]


def relations(
    cells: dict[Cell, int], structure: FlowStructure, index: int
) -> dict[Cell, tuple[int, set[str], int]]:
    """For dimension ``index``: parent cell -> (sum of parts, codes present, unknown part)."""
    dimension = structure.dimensions[index]
    parents = structure.parents.get(dimension, {})
    sums: dict[Cell, list] = defaultdict(lambda: [0, set(), 0])
    for (period, key), value in cells.items():
        parent = parents.get(key[index])
        if not parent:
            continue
        group = sums[(period, (*key[:index], parent, *key[index + 1 :]))]
        group[0] += value
        group[1].add(key[index])
        if key[index] == "_U":
            group[2] += value
    return {cell: (s[0], s[1], s[2]) for cell, s in sums.items()}


def is_complete(present: set[str], expected: frozenset[str]) -> bool:
    """Every part is there (an absent _U or _O counts as zero), or _O closes the list."""
    return "_O" in present or present >= expected - {"_U", "_O"}


def check(clean: list[CleanRow], structure: FlowStructure, report: Report) -> None:
    cells = {(r.period, r.key): r.value for r in clean if r.value is not None}
    lines = {(r.period, r.key): r.row for r in clean}
    for index, dimension in enumerate(structure.dimensions):
        children = structure.children.get(dimension, {})
        for cell, (parts, present, unknown) in relations(cells, structure, index).items():
            total = cells.get(cell)
            if total is None:
                continue
            key = ".".join(cell[1])
            where = {"dimension": dimension, "key": key, "period": cell[0]}
            parent = cell[1][index]
            if is_complete(present, children.get(parent, frozenset())) and parts != total:
                report.add(
                    issue(ERROR, "total_mismatch", lines[cell], dimension, total=total, parts=parts, **where)
                )
            elif parts > total:
                report.add(
                    issue(ERROR, "subset_exceeds", lines[cell], dimension, total=total, parts=parts, **where)
                )
            if total > 0 and unknown / total > UNKNOWN_SHARE_LIMIT:
                share = round(100 * unknown / total, 1)
                report.add(issue(WARNING, "unknown_share", lines[cell], dimension, share=share, **where))
