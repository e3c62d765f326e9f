"""Clustering (connected components over scored pairs) and calibration from clerical labels."""

from __future__ import annotations

from collections import Counter

import pyarrow as pa
import pytest

from corridor.matching import engine
from corridor.matching.engine import EngineConfig, link_records
from corridor.matching.records import read_records_csv
from corridor.matching.tests.conftest import read_rows, true_pairs

THRESHOLD = 0.5


def _components(ids: list[str], pairs: list[tuple[str, str]]) -> set[frozenset[str]]:
    """Connected components by union–find: the reference the clustering must reproduce."""
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for i in ids:
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def linked(generated_csv):
    rows = read_rows(generated_csv)[:1200]
    table = read_records_csv(generated_csv).slice(0, 1200)
    result = link_records(tables=[table], config=EngineConfig(threshold=THRESHOLD))
    return rows, result


def test_clusters_are_the_connected_components_of_the_pairs(linked):
    rows, result = linked
    # when
    clusters = engine.cluster_pairs(linker=result.linker, pairs_threshold=THRESHOLD).to_pylist()
    # then: every record once, and the clusters equal the components of the pairs ≥ threshold
    ids = [r["record_id"] for r in rows]
    assert sorted(c["record_id"] for c in clusters) == sorted(ids)
    by_cluster: dict[str, set[str]] = {}
    for c in clusters:
        by_cluster.setdefault(c["cluster_id"], set()).add(c["record_id"])
    pairs = [(p["left_id"], p["right_id"]) for p in result.pairs.to_pylist()]
    assert {frozenset(g) for g in by_cluster.values()} == _components(ids, pairs)


def test_clusters_mostly_hold_one_person(linked):
    rows, result = linked
    clusters = engine.cluster_pairs(linker=result.linker, pairs_threshold=THRESHOLD).to_pylist()
    entity = {r["record_id"]: r["entity_id"] for r in rows}
    cluster_of = {c["record_id"]: c["cluster_id"] for c in clusters}
    # B-cubed precision: for each record, the share of its cluster that is the same person
    sizes = Counter(cluster_of.values())
    same = Counter((cluster_of[r], entity[r]) for r in entity)
    precision = sum(same[(cluster_of[r], entity[r])] / sizes[cluster_of[r]] for r in entity) / len(entity)
    assert precision >= 0.95
    # transitive closure can only merge: never fewer linked pairs than the pairwise output
    linked_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    assert linked_pairs >= len(result.pairs)


def test_a_higher_threshold_splits_clusters(linked):
    _rows, result = linked
    low = engine.cluster_pairs(linker=result.linker, pairs_threshold=0.5).to_pylist()
    high = engine.cluster_pairs(linker=result.linker, pairs_threshold=0.999).to_pylist()
    assert len({c["cluster_id"] for c in high}) >= len({c["cluster_id"] for c in low})


def _labels(rows: list[dict[str, str]], limit: int) -> pa.Table:
    """Reviewer decisions: some true pairs (1.0) and look-alike non-pairs (0.0)."""
    truth = sorted(tuple(sorted(p)) for p in true_pairs(rows))[:limit]
    by_surname: dict[str, list[str]] = {}
    entity = {r["record_id"]: r["entity_id"] for r in rows}
    for r in rows:
        by_surname.setdefault(r["family_name"], []).append(r["record_id"])
    negatives = [
        (a, b) for ids in by_surname.values() for a in ids for b in ids if a < b and entity[a] != entity[b]
    ][:limit]
    pairs = truth + negatives
    return pa.table(
        {
            "left_id": [a for a, _ in pairs],
            "right_id": [b for _, b in pairs],
            "clerical_match_score": [1.0] * len(truth) + [0.0] * len(negatives),
        }
    )


def test_clerical_labels_enter_the_m_estimates(generated_csv):
    rows = read_rows(generated_csv)[:1200]
    table = read_records_csv(generated_csv).slice(0, 1200)
    labels = _labels(rows, 300)
    # when
    result = link_records(tables=[table], config=EngineConfig(threshold=THRESHOLD), labels=labels)
    # then: every non-null level of the name comparison carries an m estimate from the labels,
    # and the final m is the median over the EM sessions and the labels
    assert result.linker is not None
    name = next(c for c in result.linker._settings_obj.comparisons if c.output_column_name == "full_name")
    exact = next(level for level in name.comparison_levels if level.label_for_charts == "exact original")
    sources = [t["description"] for t in exact._trained_m_probabilities]
    assert any("label" in s.lower() for s in sources), sources
    assert len(sources) >= 2
    # calibration keeps the model usable: most labelled true pairs are still proposed
    found = {frozenset((p["left_id"], p["right_id"])) for p in result.pairs.to_pylist()}
    labelled = [frozenset((a, b)) for a, b, s in zip(*labels.to_pydict().values(), strict=True) if s == 1.0]
    assert sum(p in found for p in labelled) / len(labelled) >= 0.85
