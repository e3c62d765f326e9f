"""The import contracts in pyproject.toml fail the build on a cycle or an unlisted edge.

``lint-imports`` runs them in CI; these tests prove that they can fail: the same contracts,
read from pyproject.toml, are checked on the real import graph with one import added.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter.configuration import configure
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.independence import IndependenceContract

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"
KINDS = {"acyclic_siblings": AcyclicSiblingsContract, "independence": IndependenceContract}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    configure()  # import-linter's own settings (its timer), as lint-imports sets them
    return grimp.build_graph("corridor")


def _contract(kind: str) -> Any:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (options,) = [c for c in config["contracts"] if c["type"] == kind]
    options = {k: v for k, v in options.items() if k not in {"name", "type", "id"}}
    return KINDS[kind](name=kind, session_options={"root_packages": ["corridor"]}, contract_options=options)


def _kept(kind: str, graph: grimp.ImportGraph, *added: tuple[str, str]) -> bool:
    checked = copy.deepcopy(graph)  # the contract removes its ignored imports from the graph it checks
    for importer, imported in added:
        checked.add_import(importer=importer, imported=imported)
    return bool(_contract(kind).check(checked, verbose=False).kept)


def test_the_module_graph_keeps_both_contracts_today(graph):
    assert _kept("acyclic_siblings", graph)
    assert _kept("independence", graph)


@pytest.mark.parametrize(
    "importer, imported",
    [
        # statistics reading registration closes registration → statistics (the feed)
        ("corridor.statistics.selectors", "corridor.registration.selectors"),
        # matching reading registration again closes registration → matching (the normaliser)
        ("corridor.matching.jobs.selectors", "corridor.registration.selectors"),
        # the kernel of cases calling back into a module that uses it
        ("corridor.cases.services", "corridor.recruitment.selectors"),
    ],
)
def test_a_cycle_between_top_level_modules_breaks_the_build(graph, importer, imported):
    assert not _kept("acyclic_siblings", graph, (importer, imported))


@pytest.mark.parametrize(
    "importer, imported",
    [
        # an edge nobody listed, even to selectors
        ("corridor.guidance.services", "corridor.recruitment.selectors"),
        # a listed edge, but past the other module's services into its models
        ("corridor.registration.services.feeds", "corridor.statistics.models"),
        # a module reaching into another module's pages
        ("corridor.services.selectors", "corridor.statistics.web.public"),
    ],
)
def test_an_unlisted_edge_between_domain_modules_breaks_independence(graph, importer, imported):
    assert not _kept("independence", graph, (importer, imported))
