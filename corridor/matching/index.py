"""A registry index for search mode: millions of records, their match keys built once and kept.

    index = build_index([Path("registry.csv")], Path("registry.index"))
    hits = index.search([{"family_name": "Asanov", "given_name": "Nurlan", "birth_date": "1990"}])
    index.upsert(changed_records); index.delete(["id-1", "id-2"]); index.compact()

An index is a directory:

- ``records.arrow``: every record as built — its prepared (normalised) columns and its input as
  given (``in_*``, for explanations) — in an uncompressed Arrow IPC file, row *n* = record
  number (``rid``) *n*. It is memory-mapped: a search takes its few hundred candidates by
  number without reading the rest (DuckDB would scan every column of every row group they
  fall in: measured, a full scan for 300 scattered records);
- ``index.duckdb``:
  ``keys`` — one row per record and blocking key of :mod:`model` (the linkage keys and the
  tracing keys: a search is the most lopsided link there is): 64-bit hash of the key value
  (DuckDB's ``hash``), key group, role, birth year where the key is year-tolerant, ``rid``;
  **sorted by hash**, so a lookup reads one row group (min/max zone maps), not the table;
  ``ids`` (record_id → rid of the live version); ``tf_<column>`` (records per value of the
  term-frequency columns: name key, date, father's name, birthplace); ``delta`` (records added
  or changed since the build, same columns as the Arrow file); ``tombstones`` (rids of deleted
  or replaced records); ``meta`` (format, DuckDB version, model version, counts).

A query is prepared like a record, its keys hashed the same way and looked up (a value shared by
more than :data:`SEARCH_CAP` records is skipped, like blocking's cap; the date-free keys keep
the year condition; tombstoned records are dropped), the candidates taken from the Arrow file
(or the delta) and scored by :func:`search.scoring_sql` — the linkage model's levels and
weights (ADR 0014), with the registry's term frequencies and the twin rule. An update
tombstones the old version and adds the new one to the delta with new keys (appended, not
sorted); :meth:`RegistryIndex.compact` writes everything out again.

One process writes an index at a time (DuckDB's file lock); others may open it read-only.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from corridor.matching import blocking, model
from corridor.matching import search as search_mode
from corridor.matching.records import (
    INPUT_COLUMNS,
    InputError,
    prepare_tables,
    read_records_csv,
    records_from_dicts,
    records_from_table,
)

FORMAT = "corridor-search-1"
# A key value shared by more records than this is not looked up (Mamedov + 1990 …): the other
# keys still find the person. Blocking's cap is 300 for pairs of two large files; a search
# scores one query, so it can afford more candidates per value.
SEARCH_CAP = 1000
BATCH = 250_000  # records prepared at a time while building (bounded memory)
TF_COLUMNS = ("name_key", "dob", "pat_stem", "bp_skel")
DISPLAY = tuple(c for c in INPUT_COLUMNS if c != "record_id")
RECORDS_FILE = "records.arrow"
DB_FILE = "index.duckdb"

Progress = Callable[[str], None]


def key_rows_sql(table: str) -> str:
    """SQL: one row (v, g, role, y, rid) per record of ``table`` and non-null key."""
    keys = model.BLOCK_KEYS | model.TRACING_KEYS
    tolerant = model.YEAR_TOLERANT | model.TRACING_YEAR_TOLERANT
    parts = []
    for column, (group, role) in blocking._groups(tracing=True).items():
        expr = keys[column]
        year = "dob_y" if column in tolerant else "NULL"
        parts.append(
            f"SELECT hash({expr}) AS v, {group}::UTINYINT AS g, {role}::UTINYINT AS role, "  # noqa: S608
            f"{year}::SMALLINT AS y, rid FROM {table} WHERE ({expr}) IS NOT NULL"
        )
    return " UNION ALL ".join(parts)


def _query_row(query: Mapping[str, Any], qno: int) -> dict[str, str]:
    row = {c: ("" if query.get(c) is None else str(query.get(c))) for c in INPUT_COLUMNS}
    row["record_id"] = f"q{qno}"
    return row


def _as_table(records: pa.Table | Iterable[Mapping[str, Any]]) -> pa.Table:
    return records_from_table(records) if isinstance(records, pa.Table) else records_from_dicts(records)


def _prepared_batch(raw: pa.Table, first_rid: int, schema: pa.Schema | None = None) -> pa.Table:
    (prepared,) = prepare_tables([raw])
    prepared = prepared.append_column("rid", pa.array(range(first_rid, first_rid + len(raw)), pa.int64()))
    for column in DISPLAY:
        prepared = prepared.append_column(f"in_{column}", raw[column])
    return prepared.cast(schema) if schema is not None else prepared


def _say(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)


def _connect(
    path: Path, *, read_only: bool, memory_limit: str | None, threads: int | None
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path / DB_FILE), read_only=read_only)
    if memory_limit:
        con.execute("SET memory_limit = ?", [memory_limit])
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def _sources(sources: Sequence[Path | str | pa.Table]) -> Iterable[pa.Table]:
    for source in sources:
        yield read_records_csv(source) if isinstance(source, Path | str) else _as_table(source)


def build_index(
    sources: Sequence[Path | str | pa.Table],
    path: Path,
    *,
    progress: Progress | None = None,
    memory_limit: str | None = None,
    threads: int | None = None,
) -> RegistryIndex:
    """Build the index directory ``path`` (replaced if it exists) from record CSVs or Arrow tables."""
    path = Path(path)
    building = path.with_name(path.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    try:
        count = _build(
            _sources(sources), building, progress=progress, memory_limit=memory_limit, threads=threads
        )
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    shutil.rmtree(path, ignore_errors=True)
    building.rename(path)
    _say(progress, f"indexed {count:,} records in {path}")
    return RegistryIndex(path, memory_limit=memory_limit, threads=threads)


def _build(
    tables: Iterable[pa.Table],
    path: Path,
    *,
    progress: Progress | None,
    memory_limit: str | None,
    threads: int | None,
) -> int:
    con = _connect(path, read_only=False, memory_limit=memory_limit, threads=threads)
    writer: pa.ipc.RecordBatchFileWriter | None = None
    schema: pa.Schema | None = None
    rid = 0
    try:
        con.execute("CREATE TABLE ids (record_id VARCHAR, rid BIGINT)")
        con.execute(
            "CREATE TABLE keys_unsorted (v UBIGINT, g UTINYINT, role UTINYINT, y SMALLINT, rid BIGINT)"
        )
        con.execute("CREATE TABLE tf_parts (c VARCHAR, value VARCHAR, n BIGINT)")
        for table in tables:
            for offset in range(0, len(table), BATCH):
                batch = _prepared_batch(table.slice(offset, BATCH), rid, schema)
                if writer is None:
                    schema = batch.schema
                    writer = pa.ipc.new_file(str(path / RECORDS_FILE), schema)
                    con.register("_batch", batch.slice(0, 0))
                    con.execute("CREATE TABLE delta AS SELECT * FROM _batch")
                writer.write_table(batch, max_chunksize=64_000)
                con.register("_batch", batch)
                con.execute("INSERT INTO ids SELECT record_id, rid FROM _batch")
                con.execute(f"INSERT INTO keys_unsorted {key_rows_sql('_batch')}")
                for column in TF_COLUMNS:
                    con.execute(
                        f"INSERT INTO tf_parts SELECT '{column}', {column}, count(*) FROM _batch "  # noqa: S608
                        f"WHERE {column} IS NOT NULL GROUP BY 2"
                    )
                con.unregister("_batch")
                rid += len(batch)
                _say(progress, f"prepared {rid:,} records")
        if writer is None:
            raise InputError("no records to index.")
        writer.close()
        writer = None
        duplicate = con.execute(
            "SELECT record_id FROM ids GROUP BY record_id HAVING count(*) > 1 LIMIT 1"
        ).fetchall()
        if duplicate:
            raise InputError(f"record_id values must be unique in a registry ({duplicate[0][0]!r} repeats).")
        con.execute("CREATE TABLE keys AS SELECT * FROM keys_unsorted ORDER BY v")
        con.execute("DROP TABLE keys_unsorted")
        _say(progress, "keys sorted")
        for column in TF_COLUMNS:
            con.execute(
                f"CREATE TABLE tf_{column} AS SELECT value, sum(n)::BIGINT AS n FROM tf_parts "  # noqa: S608
                f"WHERE c = '{column}' GROUP BY 1 ORDER BY 1"
            )
        con.execute("DROP TABLE tf_parts")
        con.execute("CREATE TABLE tombstones (rid BIGINT)")
        con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("format", FORMAT),
                ("duckdb", duckdb.__version__),
                ("model", model.MODEL_VERSION),
                ("base_records", str(rid)),
                ("next_rid", str(rid)),
            ],
        )
        con.execute("CHECKPOINT")
    finally:
        if writer is not None:
            writer.close()
        con.close()
    return rid


@dataclass(frozen=True, slots=True)
class IndexStats:
    records: int  # live records
    key_rows: int
    delta: int  # records added or changed since the build
    tombstones: int
    bytes: int  # on disk


class RegistryIndex:
    """An index built by :func:`build_index`: searches, and updates records in place."""

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        memory_limit: str | None = None,
        threads: int | None = None,
    ) -> None:
        self.path = Path(path)
        if not (self.path / DB_FILE).exists() or not (self.path / RECORDS_FILE).exists():
            raise InputError(f"{self.path}: no index here; build it with `corridor match index build`.")
        self.con = _connect(self.path, read_only=read_only, memory_limit=memory_limit, threads=threads)
        meta = dict(self.con.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT or meta.get("duckdb") != duckdb.__version__:
            self.con.close()
            raise InputError(
                f"{self.path}: built by another version ({meta.get('format')}, DuckDB {meta.get('duckdb')}); "
                "build it again."
            )
        self.base_records = int(meta["base_records"])
        self._reader = pa.ipc.open_file(pa.memory_map(str(self.path / RECORDS_FILE)))
        self._base = self._reader.read_all()  # zero-copy over the mapped file
        lengths = [self._reader.get_batch(i).num_rows for i in range(self._reader.num_record_batches)]
        self._starts = np.cumsum([0, *lengths])
        self._scoring = search_mode.scoring_model(term_frequencies=True)
        self._size: int | None = None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> RegistryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def size(self) -> int:
        """Live records."""
        if self._size is None:
            self._size = int(self.con.execute("SELECT count(*) FROM ids").fetchall()[0][0])
        return self._size

    def stats(self) -> IndexStats:
        def count(table: str) -> int:
            return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])  # noqa: S608

        size = sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())
        return IndexStats(self.size, count("keys"), count("delta"), count("tombstones"), size)

    # -- search ---------------------------------------------------------------------------------

    def search(
        self,
        queries: Sequence[Mapping[str, Any]],
        *,
        top: int = 10,
        model_settings: Mapping[str, Any] | None = None,
    ) -> list[list[search_mode.SearchHit]]:
        """The ``top`` records for each query (a list per query, in order), best first, explained.

        ``model_settings``: a stored Splink model of the pair of sources (else the fixed
        parameters); the registry's own term frequencies either way.
        """
        answers: list[list[search_mode.SearchHit]] = [[] for _ in queries]
        wanted = [i for i, q in enumerate(queries) if search_mode.has_search_fields(q)]
        if top < 1 or not wanted:
            return answers
        raw = [_query_row(queries[i], qno) for qno, i in enumerate(wanted)]
        (prepared,) = prepare_tables([records_from_dicts(raw)])
        prepared = prepared.append_column("rid", pa.array(range(len(raw)), pa.int64()))
        scoring = (
            search_mode.scoring_model(model_settings, term_frequencies=True)
            if model_settings
            else self._scoring
        )
        con = self.con.cursor()
        try:
            con.register("_q", prepared)
            pairs = self._candidates(con)
            if not pairs:
                return answers
            candidates = self._fetch(con, sorted({r for _q, r in pairs}))
            con.register("_cand", candidates)
            rows = con.sql(self._scoring_sql(scoring, prepared, pairs, top)).to_arrow_table().to_pylist()
        finally:
            con.close()
        for row in rows:
            qno = int(row["qno"])
            shown = {c: row[f"in_{c}"] for c in DISPLAY}
            answers[wanted[qno]].append(
                search_mode.SearchHit(
                    record_id=str(row["record_id_r"]),
                    match_probability=search_mode.probability(float(row["match_weight"])),
                    match_weight=round(float(row["match_weight"]), 3),
                    explanation=search_mode.explain(scoring, row, raw[qno], shown),
                )
            )
        return answers

    def _candidates(self, con: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
        """(query number, rid) of every live registry record a query's keys reach."""
        qkeys = con.sql(key_rows_sql("_q")).fetchall()
        if not qkeys:
            return []
        in_list = ", ".join(str(v) for v in sorted({row[0] for row in qkeys}))
        literal = ", ".join(
            f"({v}, {g}, {role}, {'NULL' if y is None else int(y)}, {qno})" for v, g, role, y, qno in qkeys
        )
        rows = con.execute(
            f"""
            WITH hit AS (
                SELECT v, g, role, y, rid, count(*) OVER (PARTITION BY g, role, v) AS n
                FROM keys WHERE v IN ({in_list})
            )
            SELECT DISTINCT q.qno, h.rid
            FROM (VALUES {literal}) q(v, g, role, y, qno) JOIN hit h
              ON h.v = q.v AND h.g = q.g AND (q.role = 0 OR h.role = 0)
             AND (q.y IS NULL OR h.y IS NULL OR abs(q.y - h.y) <= {model.YEAR_TOLERANCE})
            WHERE h.n <= {SEARCH_CAP} AND h.rid NOT IN (SELECT rid FROM tombstones)
            """  # noqa: S608 — integers only
        ).fetchall()
        return [(int(q), int(r)) for q, r in rows]

    def _fetch(self, con: duckdb.DuckDBPyConnection, rids: list[int]) -> pa.Table:
        """The candidate records (base file by number, delta from DuckDB) with their TF counts."""
        base = [r for r in rids if r < self.base_records]
        later = [r for r in rids if r >= self.base_records]
        parts = [self._take(base)] if base else []
        if later:
            literal = ", ".join(map(str, later))
            parts.append(con.sql(f"SELECT * FROM delta WHERE rid IN ({literal})").to_arrow_table())  # noqa: S608
        table = (
            pa.concat_tables([p.cast(self._base.schema) for p in parts]) if parts else self._base.slice(0, 0)
        )
        return self._with_counts(con, table)

    def _take(self, rids: list[int]) -> pa.Table:
        """Rows of the Arrow file by record number, batch by batch (``Table.take`` over many
        chunks joined the chunks first: a copy of every column per search)."""
        where = np.searchsorted(self._starts, np.asarray(rids), side="right") - 1
        batches = []
        for batch_no in np.unique(where):
            local = np.asarray(rids)[where == batch_no] - self._starts[batch_no]
            batches.append(self._reader.get_batch(int(batch_no)).take(pa.array(local, pa.int64())))
        return pa.Table.from_batches(batches, schema=self._base.schema)

    def _with_counts(self, con: duckdb.DuckDBPyConnection, table: pa.Table) -> pa.Table:
        """Add ``n_<column>``: how many registry records carry the candidate's value (one query)."""
        selects, params = [], []
        for column in TF_COLUMNS:
            values = [v for v in pc.unique(table[column]).to_pylist() if v is not None]
            if values:
                marks = ", ".join("?" for _ in values)
                selects.append(f"SELECT '{column}' AS c, value, n FROM tf_{column} WHERE value IN ({marks})")  # noqa: S608
                params.extend(values)
        counts: dict[tuple[str, str], int] = {}
        if selects:
            for column, value, n in con.execute(" UNION ALL ".join(selects), params).fetchall():
                counts[(column, value)] = int(n)
        for column in TF_COLUMNS:
            found = [counts.get((column, v)) if v is not None else None for v in table[column].to_pylist()]
            table = table.append_column(f"n_{column}", pa.array(found, pa.int64()))
        return table

    def _scoring_sql(
        self, scoring: search_mode.ScoringModel, prepared: pa.Table, pairs: list[tuple[int, int]], top: int
    ) -> str:
        total = max(self.size, 1)
        columns = [c for c in prepared.column_names if c not in ("record_id", "source", "rid")]
        pick = ", ".join(f'q."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in columns)
        # the record's frequency in the registry (the query is not one of its records)
        tf = ", ".join(f"NULL::DOUBLE AS tf_{c}_l, r.n_{c} / {total}::DOUBLE AS tf_{c}_r" for c in TF_COLUMNS)
        shown = ", ".join(f"r.in_{c}" for c in DISPLAY)
        values = ", ".join(f"({q}, {r})" for q, r in pairs)
        relation = (
            f"(SELECT p.qno, r.record_id AS record_id_r, {pick}, {tf}, {shown} "  # noqa: S608 — numbers and names
            f"FROM (VALUES {values}) p(qno, rid) JOIN _q q ON q.rid = p.qno "
            "JOIN _cand r ON r.rid = p.rid) AS pairs"
        )
        carry = [f"in_{c}" for c in DISPLAY]
        return search_mode.scoring_sql(
            scoring, relation, prior=search_mode.prior_for(total), top=top, carry=carry
        )

    # -- updates --------------------------------------------------------------------------------

    def upsert(self, records: pa.Table | Iterable[Mapping[str, Any]]) -> int:
        """Add records, or replace those with the same ``record_id``; they are found by their new keys."""
        raw = _as_table(records)
        if raw.num_rows == 0:
            return 0
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            self._remove(raw["record_id"].to_pylist())
            first = int(con.execute("SELECT value FROM meta WHERE key = 'next_rid'").fetchall()[0][0])
            batch = _prepared_batch(raw, first, self._base.schema)
            con.register("_batch", batch)
            con.execute("INSERT INTO delta SELECT * FROM _batch")
            con.execute("INSERT INTO ids SELECT record_id, rid FROM _batch")
            con.execute(f"INSERT INTO keys {key_rows_sql('_batch')}")
            self._count_tf("_batch", +1)
            con.unregister("_batch")
            con.execute("UPDATE meta SET value = ? WHERE key = 'next_rid'", [str(first + raw.num_rows)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._size = None
        return raw.num_rows

    def delete(self, record_ids: Iterable[str]) -> int:
        """Remove records by id (unknown ids are ignored); the number removed."""
        ids = [str(i) for i in record_ids]
        if not ids:
            return 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            removed = self._remove(ids)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self._size = None
        return removed

    def _remove(self, ids: list[str]) -> int:
        """Tombstone the live versions of ``ids`` and take their values out of the TF counts."""
        con = self.con
        con.register("_ids", pa.table({"record_id": pa.array(ids, pa.string())}))
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _gone_ids AS "
            "SELECT rid FROM ids WHERE record_id IN (SELECT record_id FROM _ids)"
        )
        con.unregister("_ids")
        removed = int(con.execute("SELECT count(*) FROM _gone_ids").fetchall()[0][0])
        if removed:
            base = self._base.filter(
                pc.is_in(
                    self._base["rid"],
                    pa.array([r for (r,) in con.execute("SELECT rid FROM _gone_ids").fetchall()]),
                )
            )
            con.register("_gone_base", base)
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _gone AS SELECT * FROM _gone_base "
                "UNION ALL BY NAME SELECT * FROM delta WHERE rid IN (SELECT rid FROM _gone_ids)"
            )
            con.unregister("_gone_base")
            self._count_tf("_gone", -1)
            con.execute("INSERT INTO tombstones SELECT rid FROM _gone_ids")
            con.execute("DELETE FROM ids WHERE rid IN (SELECT rid FROM _gone_ids)")
            con.execute("DROP TABLE _gone")
        con.execute("DROP TABLE _gone_ids")
        return removed

    def _count_tf(self, table: str, sign: int) -> None:
        """Add (+1) or take away (−1) the TF values of the records of ``table``."""
        for column in TF_COLUMNS:
            counts = (
                f"SELECT {column} AS value, count(*) AS n FROM {table} WHERE {column} IS NOT NULL GROUP BY 1"  # noqa: S608
            )
            self.con.execute(
                f"UPDATE tf_{column} t SET n = t.n + {sign} * c.n FROM ({counts}) c WHERE t.value = c.value"  # noqa: S608
            )
            if sign > 0:
                self.con.execute(
                    f"INSERT INTO tf_{column} SELECT c.value, c.n FROM ({counts}) c "  # noqa: S608
                    f"WHERE NOT EXISTS (SELECT 1 FROM tf_{column} t WHERE t.value = c.value)"
                )
            else:
                self.con.execute(f"DELETE FROM tf_{column} WHERE n <= 0")  # noqa: S608

    def compact(self, *, progress: Progress | None = None) -> RegistryIndex:
        """Write the live records out as a new index (keys sorted again, no delta, no tombstones)."""
        live = self.con.execute("SELECT rid FROM ids").fetchall()
        keep = pa.array(sorted(r for (r,) in live), pa.int64())
        base = self._base.filter(pc.is_in(self._base["rid"], keep))
        delta = self.con.sql(
            "SELECT * FROM delta WHERE rid NOT IN (SELECT rid FROM tombstones)"
        ).to_arrow_table()
        inputs = [self._raw(t) for t in (base, delta.cast(self._base.schema)) if t.num_rows]
        path = self.path
        self.close()
        return build_index(inputs, path, progress=progress)

    @staticmethod
    def _raw(table: pa.Table) -> pa.Table:
        return pa.table({"record_id": table["record_id"], **{c: table[f"in_{c}"] for c in DISPLAY}})
