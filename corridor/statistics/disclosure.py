"""Disclosure control at publication: primary and secondary cell suppression, rounding.

Primary: a non-zero cell under the tier's threshold (permits 5, irregular migrants 10,
trafficking victims 11; any cell of minors at least 10) or flagged C/N by its provider.
Secondary: the additive relations of the cube (a total and all its parts, from the codelist
hierarchies) are equations an outsider can solve. Wherever an equation has exactly one
suppressed cell, the smallest other cell is suppressed too; then an exact audit (null space
of the equations over the suppressed cells) finds any cell still determined by several
equations together, and suppresses more until none is. Rounding to base 5 replaces
suppression for tier 1 when the dataflow asks for it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from corridor.statistics.structure import FlowStructure
from corridor.statistics.validation.logical import is_complete

Cell = tuple[str, tuple[str, ...]]
MINOR_THRESHOLD = 10
AUDIT_LIMIT = 800  # suppressed cells per period beyond which only the pairwise rule runs

PRIMARY, SECONDARY, FREE = "C", "D", "F"


@dataclass(frozen=True)
class Rules:
    threshold: int
    rounding_base: int = 0
    minors_dimension_index: int | None = None
    minor_codes: frozenset[str] = frozenset()

    @classmethod
    def for_flow(cls, structure: FlowStructure, tier: int, rounding_base: int = 0) -> Rules:
        threshold = {1: 5, 2: 10, 3: 11}.get(tier, 0)
        index = structure.dimensions.index("AGE") if "AGE" in structure.dimensions else None
        minors = (
            frozenset(_descendants(structure, "AGE", "Y_LT18") | {"Y_LT18"})
            if index is not None
            else frozenset()
        )
        return cls(threshold, rounding_base if tier == 1 else 0, index, minors)

    def limit(self, key: tuple[str, ...]) -> int:
        if self.minors_dimension_index is not None and key[self.minors_dimension_index] in self.minor_codes:
            return max(self.threshold, MINOR_THRESHOLD)
        return self.threshold


def _descendants(structure: FlowStructure, dimension: str, code: str) -> set[str]:
    children = structure.children.get(dimension, {})
    found: set[str] = set()
    stack = [code]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def equations(cells: dict[Cell, int | None], structure: FlowStructure) -> list[tuple[Cell, list[Cell]]]:
    """Every exact additive relation present in the cube: (total cell, part cells)."""
    found: list[tuple[Cell, list[Cell]]] = []
    for index, dimension in enumerate(structure.dimensions):
        parents = structure.parents.get(dimension, {})
        children = structure.children.get(dimension, {})
        groups: dict[Cell, list[Cell]] = defaultdict(list)
        for cell in cells:
            period, key = cell
            parent = parents.get(key[index])
            if parent:
                groups[(period, (*key[:index], parent, *key[index + 1 :]))].append(cell)
        for total, parts in groups.items():
            present = {part[1][index] for part in parts}
            if total in cells and is_complete(present, children.get(total[1][index], frozenset())):
                found.append((total, parts))
    return found


def protect(
    cells: dict[Cell, int | None], structure: FlowStructure, rules: Rules, flagged: set[Cell] | None = None
) -> dict[Cell, tuple[int | None, str]]:
    """Published value and confidentiality status of every cell."""
    if rules.rounding_base:
        base = rules.rounding_base
        return {c: (None if v is None else int(base * round(v / base)), FREE) for c, v in cells.items()}
    suppressed: dict[Cell, str] = {c: PRIMARY for c in (flagged or set()) if c in cells}
    for cell, value in cells.items():
        if value is not None and 0 < value < rules.limit(cell[1]):
            suppressed[cell] = PRIMARY
    system = equations(cells, structure)
    _secondary(cells, system, suppressed)
    _audit(cells, system, suppressed)
    return {c: (None, suppressed[c]) if c in suppressed else (v, FREE) for c, v in cells.items()}


def _smallest(cells: dict[Cell, int | None], candidates: list[Cell]) -> Cell | None:
    ranked = sorted(candidates, key=lambda c: ((cells[c] or 0) == 0, cells[c] or 0, c))
    return ranked[0] if ranked else None


def _secondary(
    cells: dict[Cell, int | None], system: list[tuple[Cell, list[Cell]]], suppressed: dict[Cell, str]
) -> None:
    changed = True
    while changed:
        changed = False
        for total, parts in system:
            members = [total, *parts]
            hidden = [m for m in members if m in suppressed]
            if len(hidden) != 1:
                continue
            open_parts = [m for m in parts if m not in suppressed]
            choice = _smallest(cells, open_parts) or (total if total not in suppressed else None)
            if choice is not None:
                suppressed[choice] = SECONDARY
                changed = True


def determined(
    system: list[tuple[Cell, list[Cell]]], hidden: list[Cell], known: dict[Cell, int | None]
) -> set[Cell]:
    """Suppressed cells whose value follows exactly from the published equations."""
    if not hidden:
        return set()
    column = {cell: i for i, cell in enumerate(hidden)}
    rows = []
    for total, parts in system:
        row = np.zeros(len(hidden))
        for cell, sign in [(total, 1.0), *[(p, -1.0) for p in parts]]:
            if cell in column:
                row[column[cell]] += sign
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]
    if null.shape[0] == 0:
        return set(hidden)
    return {cell for cell, i in column.items() if np.abs(null[:, i]).max() < 1e-9}


def _audit(
    cells: dict[Cell, int | None], system: list[tuple[Cell, list[Cell]]], suppressed: dict[Cell, str]
) -> None:
    by_period: dict[str, list[tuple[Cell, list[Cell]]]] = defaultdict(list)
    for total, parts in system:
        by_period[total[0]].append((total, parts))
    for period, equations_of_period in by_period.items():
        for _round in range(50):
            hidden = sorted(c for c in suppressed if c[0] == period)
            if not hidden or len(hidden) > AUDIT_LIMIT:
                break
            exposed = determined(equations_of_period, hidden, cells)
            if not exposed:
                break
            _widen(cells, equations_of_period, suppressed, exposed)
            _secondary(cells, equations_of_period, suppressed)


def _widen(
    cells: dict[Cell, int | None],
    system: list[tuple[Cell, list[Cell]]],
    suppressed: dict[Cell, str],
    exposed: set[Cell],
) -> None:
    for total, parts in system:
        members = [total, *parts]
        if not exposed.intersection(members):
            continue
        choice = _smallest(cells, [m for m in members if m not in suppressed])
        if choice is not None:
            suppressed[choice] = SECONDARY
            return
    # No equation has an open cell left: nothing more can be hidden, stop widening.
