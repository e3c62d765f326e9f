"""Clusters that do not chain: scored pairs joined best first, under cannot-link constraints.

Connected components over the pairs at p ≥ 0.5 chain: at 1,000,000 records one namesake pair
links two people's clusters, the next pair a third, and a few giant clusters swallow thousands
of records (issue 18, item 4). Here the pairs are taken from the most probable down and two
clusters are joined only when nothing in them says they are different people:

- **documents**: the two clusters hold document numbers more than one typing error apart (one
  kind of document in the record contract: a passport number) — a person who renewed a
  passport is then kept in two clusters, which review can join; a wrong merge is worse;
- **birth dates**: a full date of one cluster and a full date of the other differ beyond the
  date model's typo levels (one digit, two adjacent digits swapped, day and month swapped; 1
  January stands for "only the year known");
- **twins**: a record of one and a record of the other have the same family name and birth
  date and different given names (both written) (:data:`model.TWIN_NAME_LEVELS`: the name comparison's "family
  name agrees, given name does not" level) — siblings born the same day are two people;
- optionally a **size cap** (``max_size``).

Each refusal is counted by its reason. The pairs themselves are not changed: clustering decides
what is merged, the pairwise probabilities stay what the model says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from corridor.matching import model, search

TWIN_GROUP_CAP = 300  # records of one family name and date beyond which twins are not looked for


@dataclass(slots=True)
class ClusterReport:
    clusters: int = 0
    largest: int = 0
    refused: Counter[str] = field(default_factory=Counter)  # reason → pairs not followed
    sizes: Counter[int] = field(default_factory=Counter)  # cluster size → number of clusters


def _one_edit(a: str, b: str) -> bool:
    """Equal, one character different, or two adjacent characters swapped (same length)."""
    if a == b:
        return True
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def dates_compatible(a: str, b: str) -> bool:
    """Two full dates (``YYYY-MM-DD``) that the date model could take for one: equal, one digit
    apart, two adjacent digits swapped, day and month swapped — or one of them 1 January of
    the other's year (a default written where only the year was known)."""
    if _one_edit(a, b):
        return True
    if (a.endswith("-01-01") or b.endswith("-01-01")) and a[:4] == b[:4]:
        return True
    return a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]


def documents_compatible(a: str, b: str) -> bool:
    """The same document number, or one typing error apart."""
    return _one_edit(a, b)


def twin_pairs_sql(tables: Sequence[str]) -> str:
    """SQL: (a, b) record ids of twins — same family name stem and full birth date, the name
    comparison at its "family name only" level — among the prepared ``tables``."""
    scoring = search.scoring_model()
    names = next(c for c in scoring.comparisons if c.field == "full_name")
    family_only = [i for i, level in enumerate(names.levels) if level.label in model.TWIN_NAME_LEVELS]
    columns = (
        "given_skel", "given_cons", "given_stem", "fam_stem", "fam_cons", "name_orig", "name_pivot",
        "name_skel", "name_key",
    )  # fmt: skip
    present = "dob IS NOT NULL AND fam_stem IS NOT NULL AND given_skel IS NOT NULL"
    union = " UNION ALL ".join(
        f"SELECT record_id, dob, {', '.join(columns)} FROM {t} WHERE {present}"  # noqa: S608
        for t in tables
    )
    pick = ", ".join(f"l.{c} AS {c}_l, r.{c} AS {c}_r" for c in columns)
    return f"""
        WITH rec AS (
            SELECT * FROM ({union})
            QUALIFY count(*) OVER (PARTITION BY fam_stem, dob) <= {TWIN_GROUP_CAP}
        ),
        p AS (
            SELECT l.record_id AS a, r.record_id AS b, {pick}
            FROM rec l JOIN rec r ON l.fam_stem = r.fam_stem AND l.dob = r.dob AND l.record_id < r.record_id
        )
        SELECT a, b FROM (SELECT a, b, {search._gamma(names)} AS g FROM p)
        WHERE g IN ({", ".join(map(str, family_only))})
    """  # noqa: S608 — the model's own column names


class _Clusters:
    """Union–find whose roots keep what the constraints look at."""

    def __init__(self, ids: list[str], docs: list[str | None], dates: list[str | None]) -> None:
        self.parent = list(range(len(ids)))
        self.members: list[list[int] | None] = [[i] for i in range(len(ids))]
        self.docs: list[set[str]] = [{d} if d else set() for d in docs]
        self.dates: list[set[str]] = [{d} if d else set() for d in dates]
        self.cannot: list[set[int]] = [set() for _ in ids]

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def refusal(self, a: int, b: int, max_size: int | None) -> str | None:
        ma, mb = self.members[a], self.members[b]
        assert ma is not None and mb is not None
        if max_size is not None and len(ma) + len(mb) > max_size:
            return "size"
        if any(not documents_compatible(x, y) for x in self.docs[a] for y in self.docs[b]):
            return "documents"
        if any(not dates_compatible(x, y) for x in self.dates[a] for y in self.dates[b]):
            return "birth_dates"
        small, other = (a, b) if len(ma) <= len(mb) else (b, a)
        other_members = self.members[other]
        assert other_members is not None
        if self.cannot[small] and not self.cannot[small].isdisjoint(other_members):
            return "twins"
        return None

    def join(self, a: int, b: int) -> None:
        ma, mb = self.members[a], self.members[b]
        assert ma is not None and mb is not None
        big, small = (a, b) if len(ma) >= len(mb) else (b, a)
        self.parent[small] = big
        (ma if big == a else mb).extend(mb if big == a else ma)
        self.members[small] = None
        self.docs[big] |= self.docs[small]
        self.dates[big] |= self.dates[small]
        self.cannot[big] |= self.cannot[small]
        self.docs[small], self.dates[small], self.cannot[small] = set(), set(), set()


def cluster(
    con: duckdb.DuckDBPyConnection,
    tables: Sequence[str],
    pairs: pa.Table,
    *,
    threshold: float = 0.5,
    constrained: bool = True,
    max_size: int | None = None,
) -> tuple[pa.Table, ClusterReport]:
    """(record_id, cluster_id) for every record of the prepared ``tables`` and a report.

    ``pairs``: ``left_id, right_id, match_probability``; those at or above ``threshold`` are
    followed from the most probable down. ``constrained=False``: plain connected components
    (what clustering was before), for comparison.
    """
    union = " UNION ALL ".join(f"SELECT record_id, doc, dob FROM {t}" for t in tables)  # noqa: S608
    rows = con.sql(union).fetchall()
    ids = [str(r[0]) for r in rows]
    index = {rid: i for i, rid in enumerate(ids)}
    state = _Clusters(ids, [r[1] for r in rows], [r[2] for r in rows])
    report = ClusterReport()
    if constrained:
        for a, b in con.sql(twin_pairs_sql(tables)).fetchall():
            ia, ib = index[str(a)], index[str(b)]
            state.cannot[ia].add(ib)
            state.cannot[ib].add(ia)
    kept = pairs.filter(pc.greater_equal(pairs["match_probability"], threshold))
    kept = kept.sort_by(
        [("match_probability", "descending"), ("left_id", "ascending"), ("right_id", "ascending")]
    )
    for left, right in zip(kept["left_id"].to_pylist(), kept["right_id"].to_pylist(), strict=True):
        a, b = state.find(index[str(left)]), state.find(index[str(right)])
        if a == b:
            continue
        reason = state.refusal(a, b, max_size) if constrained else None
        if reason:
            report.refused[reason] += 1
            continue
        state.join(a, b)
    roots = [state.find(i) for i in range(len(ids))]
    sizes = Counter(roots)
    report.clusters = len(sizes)
    report.largest = max(sizes.values(), default=0)
    report.sizes = Counter(sizes.values())
    table = pa.table({"record_id": ids, "cluster_id": [ids[r] for r in roots]})
    return table, report
