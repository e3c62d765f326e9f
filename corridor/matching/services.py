"""Public entry points of the matching module: plain, typed, keyword-only functions.

No Django models here: callers pass records as dicts or Arrow tables with the columns of
:data:`corridor.matching.records.INPUT_COLUMNS` and receive scored candidate pairs. The matcher
proposes; people decide — nothing here writes a decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from corridor.matching import pprl
from corridor.matching.engine import EngineConfig, Progress, link_records
from corridor.matching.records import read_records_csv, records_from_dicts

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
