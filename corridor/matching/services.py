"""Public entry points of the matching module: plain, typed, keyword-only functions.

No Django models here: callers pass records as dicts or Arrow tables with the columns of
:data:`corridor.matching.records.INPUT_COLUMNS` and receive scored candidate pairs. The matcher
proposes; people decide — nothing here writes a decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from corridor.matching import pprl, search
from corridor.matching.engine import EngineConfig, Progress, link_records
from corridor.matching.records import (
    INPUT_COLUMNS,
    InputError,
    prepare_tables,
    read_records_csv,
    records_from_dicts,
    records_from_table,
)
from corridor.matching.search import FieldExplanation, SearchHit

__all__ = [
    "Candidate",
    "FieldExplanation",
    "SearchHit",
    "candidates_for",
    "encode_file",
    "index_command",
    "link_encoded_files",
    "link_files",
    "search_file",
    "search_records",
]

PAIR_COLUMNS = ("left_id", "right_id", "match_probability")


@dataclass(frozen=True, slots=True)
class Candidate:
    left_id: str
    right_id: str
    match_probability: float


def _as_table(records: pa.Table | Iterable[Mapping[str, Any]]) -> pa.Table:
    return records if isinstance(records, pa.Table) else records_from_dicts(records)


def candidates_for(
    *,
    left: pa.Table | Iterable[Mapping[str, Any]],
    right: pa.Table | Iterable[Mapping[str, Any]] | None = None,
    threshold: float = 0.5,
    labels: pa.Table | None = None,
    config: EngineConfig | None = None,
) -> list[Candidate]:
    """Candidate matches between ``left`` and ``right`` (or within ``left`` when ``right`` is None).

    ``labels`` (``left_id, right_id, clerical_match_score``) calibrates the m probabilities from
    reviewers' decisions. Returned pairs are proposals for human review, best first.
    """
    tables = [_as_table(left)] if right is None else [_as_table(left), _as_table(right)]
    base = config or EngineConfig()
    result = link_records(tables=tables, config=_with_threshold(base, threshold), labels=labels)
    return [Candidate(**row) for row in result.pairs.to_pylist()]


def _with_threshold(config: EngineConfig, threshold: float) -> EngineConfig:
    from dataclasses import replace

    return replace(config, threshold=threshold)


def write_pairs(pairs: pa.Table, out: Path) -> None:
    pacsv.write_csv(pairs.select(list(PAIR_COLUMNS)), out, pacsv.WriteOptions(quoting_style="needed"))


def link_files(
    *,
    left: Path,
    right: Path | None,
    out: Path,
    threshold: float = 0.5,
    progress: Progress | None = None,
    config: EngineConfig | None = None,
) -> int:
    """CSV in, CSV of pairs out (``right=None``: deduplicate ``left``). Returns the number of pairs.

    ``config``: engine settings other than the threshold (the benchmark's naive baseline).
    """
    tables = [read_records_csv(left)] + ([read_records_csv(right)] if right is not None else [])
    engine_config = _with_threshold(config or EngineConfig(), threshold)
    result = link_records(tables=tables, config=engine_config, progress=progress)
    try:
        write_pairs(result.pairs, out)
    finally:
        result.close()
    return len(result.pairs)


def encode_file(*, input_path: Path, out: Path, secret: bytes) -> int:
    """Privacy-preserving encodings of a records CSV (see :mod:`corridor.matching.pprl`)."""
    table = read_records_csv(input_path)
    encoded = pprl.encode_records(table, secret=secret)
    pprl.write_encodings(encoded, out)
    return len(encoded)


def link_encoded_files(
    *, left: Path, right: Path, out: Path, threshold: float = 0.5, progress: Progress | None = None
) -> int:
    """Link two encoding files; only Bloom filters and keyed block hashes are compared."""
    pairs = pprl.link_encodings(
        pprl.read_encodings(left), pprl.read_encodings(right), threshold=threshold, progress=progress
    )
    write_pairs(pairs, out)
    return len(pairs)


QUERY_ID = "__query__"


def search_records(
    query: Mapping[str, Any],
    records: Iterable[Mapping[str, Any]] | pa.Table,
    *,
    top: int = 10,
    model: Mapping[str, Any] | None = None,
) -> list[SearchHit]:
    """The ``top`` records most likely to be the person of ``query``, best first, each explained.

    For a small registry held in memory (a few records to some tens of thousands; for millions
    see :mod:`corridor.matching.index`). ``query`` and ``records`` use the record columns of
    :data:`records.INPUT_COLUMNS` (missing ones are empty; the query needs no ``record_id``);
    names may be in any script on either side (Cyrillic, Latin, Perso-Arabic). Every record is
    compared with the query — no blocking, so nothing is missed — and scored with the model's
    levels and the **fixed parameters**, or with ``model`` (a stored Splink model of the pair of
    sources) where it has the level; nothing is trained. The prior is one true record among the
    registry's (never above the small-registry prior), so ``match_probability`` reads as "this
    record rather than any other".

    Never fails on valid input: no records, a query with nothing to search by (no name, date or
    document), or ``top`` < 1 give an empty list. Records without a ``record_id`` or with
    duplicate ids raise :class:`records.InputError` (a clear message, nothing else happens).
    """
    if top < 1 or not search.has_search_fields(query):
        return []
    registry = records_from_table(records) if isinstance(records, pa.Table) else records_from_dicts(records)
    if registry.num_rows == 0:
        return []
    raw_query = {c: ("" if query.get(c) is None else str(query.get(c))) for c in INPUT_COLUMNS}
    raw_query["record_id"] = QUERY_ID
    query_table = records_from_dicts([raw_query])
    prepared_query, prepared_registry = prepare_tables([query_table, registry])
    scoring = search.scoring_model(model)
    con = search.connect()
    try:
        con.register("q_raw", prepared_query.append_column("qno", pa.array([0], pa.int32())))
        con.register("r_raw", prepared_registry)
        columns = [c for c in prepared_registry.column_names if c not in ("record_id", "source")]
        pick = ", ".join(f'q."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in columns)
        con.execute(
            f"CREATE TEMP VIEW pairs AS SELECT q.qno, r.record_id AS record_id_r, {pick} "  # noqa: S608
            "FROM q_raw q CROSS JOIN r_raw r"
        )
        prior = search.prior_for(registry.num_rows)
        rows = con.sql(search.scoring_sql(scoring, "pairs", prior=prior, top=top)).to_arrow_table()
    finally:
        con.close()
    hits = rows.to_pylist()
    wanted = pa.array([h["record_id_r"] for h in hits], pa.string())
    shown = {r["record_id"]: r for r in registry.filter(pc.is_in(registry["record_id"], wanted)).to_pylist()}
    return [
        SearchHit(
            record_id=str(h["record_id_r"]),
            match_probability=search.probability(float(h["match_weight"])),
            match_weight=round(float(h["match_weight"]), 3),
            explanation=search.explain(scoring, h, raw_query, shown.get(h["record_id_r"], {})),
        )
        for h in hits
    ]


HIT_COLUMNS = ("query_id", "rank", "record_id", "match_probability", "match_weight", "explanation")


def search_file(*, index: Path, queries: Path, out: Path, top: int = 10) -> int:
    """Search an index (:mod:`corridor.matching.index`) for every record of a CSV; write the hits.

    Output columns :data:`HIT_COLUMNS`; ``explanation`` is JSON: a list of
    ``{field, query_value, record_value, level, bits}``. Returns the number of hits written.
    """
    import json

    from corridor.matching.index import RegistryIndex

    table = read_records_csv(queries)
    rows = table.to_pylist()
    with RegistryIndex(index, read_only=True) as registry:
        answers = registry.search(rows, top=top)
    out_rows = [
        {
            "query_id": row["record_id"],
            "rank": rank,
            "record_id": hit.record_id,
            "match_probability": round(hit.match_probability, 6),
            "match_weight": hit.match_weight,
            "explanation": json.dumps([asdict(e) for e in hit.explanation], ensure_ascii=False),
        }
        for row, hits in zip(rows, answers, strict=True)
        for rank, hit in enumerate(hits, start=1)
    ]
    columns = {c: [r[c] for r in out_rows] for c in HIT_COLUMNS}
    pacsv.write_csv(
        pa.table(columns) if out_rows else pa.table({c: pa.array([], pa.string()) for c in HIT_COLUMNS}), out
    )
    return len(out_rows)


def index_command(
    action: str,
    *,
    index: Path,
    inputs: list[Path] | None = None,
    ids: Path | None = None,
    progress: Progress | None = None,
) -> str:
    """``corridor match index <action>``: build, update, delete or compact; a one-line summary."""
    from corridor.matching.index import RegistryIndex, build_index

    if action == "build":
        built = build_index(list(inputs or []), index, progress=progress)
        stats = built.stats()
        built.close()
        return f"indexed {stats.records:,} records ({stats.bytes / 2**20:,.0f} MB) in {index}"
    with RegistryIndex(index) as registry:
        if action == "update":
            count = sum(registry.upsert(read_records_csv(path)) for path in inputs or [])
            return f"added or replaced {count:,} records in {index}"
        if action == "delete":
            assert ids is not None
            try:
                wanted = [
                    line.strip() for line in ids.read_text(encoding="utf-8").splitlines() if line.strip()
                ]
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"{ids}: cannot read the list of ids ({exc}).") from exc
            return f"removed {registry.delete(wanted):,} records from {index}"
        registry.compact(progress=progress).close()
        return f"compacted {index}"
