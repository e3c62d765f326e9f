"""Disclosure control as a property: nothing published under its threshold, and no
suppressed cell can be derived from the published cells and totals."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.statistics import disclosure
from corridor.statistics.services import dataflow_get
from corridor.statistics.structure import flow_structure

pytestmark = pytest.mark.django_db

SEXES = ["F", "M"]
AGES = ["Y_LT14", "Y14T17", "Y18T24", "Y25T34"]


def cube(values: list[int], citizenships: list[str]) -> dict:
    """A DF_IRREG_MIGR cube: citizenship × sex × age with every margin."""
    cells: dict = {}
    it = iter(values)
    for cit in citizenships:
        for sex in SEXES:
            for age in AGES:
                cells[("2023", (cit, sex, age, "_T"))] = next(it)
    parents = {"Y_LT14": "Y_LT18", "Y14T17": "Y_LT18", "Y18T24": "Y_GE18", "Y25T34": "Y_GE18"}
    leaves = dict(cells)
    for (period, (cit, sex, age, app)), v in leaves.items():
        for c in (cit, "_T"):
            for s in (sex, "_T"):
                for a in {age, parents[age], "_T"}:
                    if (c, s, a) == (cit, sex, age):
                        continue
                    cells.setdefault((period, (c, s, a, app)), 0)
                    cells[(period, (c, s, a, app))] += v
    return cells


def derivable(cells, outcome, structure) -> set:
    """Independent check: solve the published equations for the hidden cells."""
    hidden = [c for c, (v, _) in outcome.items() if v is None and cells[c] is not None]
    return disclosure.determined(disclosure.equations(cells, structure), hidden, cells)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(st.integers(min_value=0, max_value=40), min_size=16, max_size=16),
    tier=st.sampled_from([1, 2, 3]),
)
def test_no_suppressed_cell_is_derivable(values, tier):
    structure = flow_structure(dataflow_get("DF_IRREG_MIGR").pk)
    cells = cube(values + values, ["UZB", "TKM"])
    rules = disclosure.Rules.for_flow(structure, tier)
    outcome = disclosure.protect(cells, structure, rules)
    for cell, (value, _status) in outcome.items():
        if value is not None:
            assert value == cells[cell]
            assert value == 0 or value >= rules.limit(cell[1])
    assert derivable(cells, outcome, structure) == set()


def test_single_small_cell_gets_a_partner(db):
    structure = flow_structure(dataflow_get("DF_WORK_PERMIT").pk)
    key = lambda sex: ("UZB", sex, "_T", "_T", "_T", "_T", "_T")  # noqa: E731
    cells = {("2023", key("_T")): 103, ("2023", key("F")): 3, ("2023", key("M")): 100}
    outcome = disclosure.protect(cells, structure, disclosure.Rules.for_flow(structure, 1))
    assert outcome == {
        ("2023", key("_T")): (103, "F"),
        ("2023", key("F")): (None, "C"),
        ("2023", key("M")): (None, "D"),
    }


def test_rounding_to_base_five():
    structure = flow_structure(dataflow_get("DF_WORK_PERMIT").pk)
    cells = {("2023", ("UZB", "_T", "_T", "_T", "_T", "_T", "_T")): 13}
    outcome = disclosure.protect(cells, structure, disclosure.Rules.for_flow(structure, 1, rounding_base=5))
    assert list(outcome.values()) == [(15, "F")]


def test_minor_cells_use_threshold_ten_even_in_tier_one():
    structure = flow_structure(dataflow_get("DF_WORK_PERMIT").pk)
    rules = disclosure.Rules.for_flow(structure, 1)
    assert rules.limit(("UZB", "_T", "Y14T17", "_T", "_T", "_T", "_T")) == 10
    assert rules.limit(("UZB", "_T", "Y18T24", "_T", "_T", "_T", "_T")) == 5


def test_determined_finds_a_lone_hidden_cell():
    a, b = ("p", ("a",)), ("p", ("b",))
    total = ("p", ("t",))
    assert disclosure.determined([(total, [a, b])], [a], {}) == {a}
    assert disclosure.determined([(total, [a, b])], [a, b], {}) == set()
    assert np is not None
