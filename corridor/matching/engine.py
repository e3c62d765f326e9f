"""Linkage engine: prepared records → Splink (DuckDB) → scored pairs and clusters."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker

from corridor.matching import blocking, fallback, model
from corridor.matching.records import prepare_tables
from corridor.matching.u_sample import estimate_u

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class EngineConfig:
    threshold: float = 0.5
    block_cap: int = 300  # records sharing one blocking-key value before the key is dropped
    # random pairs for u estimation: at 100k records 2·10⁶ and 10⁷ pairs give the same u within
    # sampling noise (bench/matching/README.md) at a fifth of the cost
    u_max_pairs: float = 2e6
    em_max_pairs: float = 2e6  # pairs sampled per EM session
    em_min_pairs: int = 200  # an EM session with fewer blocked pairs is skipped
    prior_recall: float = 0.7  # assumed recall of the deterministic rules (prior estimate)
    seed: int = 20250101
    naive: bool = False  # baseline: naive normalisation only (benchmarks)
    threads: int | None = None
    memory_limit: str | None = None  # e.g. "6GB"; DuckDB spills beyond it


@dataclass(slots=True)
class LinkResult:
    pairs: pa.Table  # left_id, right_id, match_probability (≥ threshold)
    n_comparisons: int
    seconds: dict[str, float] = field(default_factory=dict)  # wall clock per stage
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # CPU of all threads per stage
    # wall clock of the parts of a stage that run side by side (block and train)
    parallel_seconds: dict[str, float] = field(default_factory=dict)
    linker: Linker | None = None
    training: fallback.TrainingReport | None = None  # what training could not estimate, and why

    def close(self) -> None:
        """Close the DuckDB connection behind the linker (its spill files go with it)."""
        if self.linker is not None:
            self.linker._db_api._con.close()  # type: ignore[attr-defined]
            self.linker = None


def _quiet() -> None:
    for name in ("splink", "splink.internals"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _connect(config: EngineConfig) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    # progress of the running query, read by _Bar (DuckDB's own bar is not printed)
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    if config.threads:
        con.execute(f"SET threads = {int(config.threads)}")
    if config.memory_limit:
        con.execute("SET memory_limit = ?", [config.memory_limit])
    con.execute("SET preserve_insertion_order = false")
    return con


def _load_with_keys(con: duckdb.DuckDBPyConnection, tables: Sequence[pa.Table], *, cap: int) -> list[str]:
    """Register prepared tables with their capped blocking keys as columns (Splink's own blocking).

    Used where Splink blocks rule by rule (Spark, and :func:`build_linker` with
    ``splink_blocking=True``); the DuckDB path uses :mod:`blocking` instead.
    """
    for index, table in enumerate(tables):
        con.register(
            f"raw_{index}", table.append_column("input_no", pa.array([index] * len(table), pa.int8()))
        )
    union = " UNION ALL BY NAME ".join(f"SELECT * FROM raw_{i}" for i in range(len(tables)))  # noqa: S608
    keys = ", ".join(
        f"CASE WHEN count(*) OVER (PARTITION BY {expr}) > {int(cap)} THEN NULL ELSE {expr} END AS {name}"
        for name, expr in model.BLOCK_KEYS.items()
    )
    con.execute(f"CREATE OR REPLACE TABLE keyed AS SELECT *, {keys} FROM ({union})")  # noqa: S608
    names = []
    for index in range(len(tables)):
        select = f"SELECT * EXCLUDE (input_no) FROM keyed WHERE input_no = {index}"  # noqa: S608
        con.execute(f"CREATE OR REPLACE TABLE input_{index} AS {select}")
        con.unregister(f"raw_{index}")
        names.append(f"input_{index}")
    con.execute("DROP TABLE keyed")
    return names


def _load(con: duckdb.DuckDBPyConnection, tables: Sequence[pa.Table]) -> list[str]:
    """Prepared tables as DuckDB tables ``input_<n>`` with a record number ``_rid`` across them."""
    names, offset = [], 0
    for index, table in enumerate(tables):
        numbered = table.append_column("_rid", pa.array(range(offset, offset + len(table)), pa.int64()))
        con.register(f"raw_{index}", numbered)
        con.execute(f"CREATE OR REPLACE TABLE input_{index} AS SELECT * FROM raw_{index}")  # noqa: S608
        con.unregister(f"raw_{index}")
        names.append(f"input_{index}")
        offset += len(table)
    return names


def build_linker(
    con: duckdb.DuckDBPyConnection,
    tables: Sequence[pa.Table],
    *,
    config: EngineConfig,
    settings: dict[str, Any] | None = None,
    splink_blocking: bool = False,
) -> Linker:
    """Prepared tables (one: dedupe, two: link) → a Linker whose ``predict()`` scores every pair.

    ``settings``: a complete Splink settings dict (e.g. a trained or fixed model) instead of
    the untrained :func:`model.settings`. ``splink_blocking``: let Splink block rule by rule on
    key columns (the reference the one-pass key table is tested against) instead.
    """
    linker, keys = linker_with_keys(
        con, tables, config=config, settings=settings, splink_blocking=splink_blocking
    )
    if keys is not None:
        register_pairs(linker, con, keys)
    return linker


def linker_with_keys(
    con: duckdb.DuckDBPyConnection,
    tables: Sequence[pa.Table],
    *,
    config: EngineConfig,
    settings: dict[str, Any] | None = None,
    splink_blocking: bool = False,
) -> tuple[Linker, blocking.KeyTable | None]:
    """A Linker and the blocking key table, before any pair is made (see :func:`register_pairs`)."""
    names = _load_with_keys(con, tables, cap=config.block_cap) if splink_blocking else _load(con, tables)
    return linker_over_tables(con, names, config=config, settings=settings, splink_blocking=splink_blocking)


def linker_over_tables(
    con: duckdb.DuckDBPyConnection,
    names: Sequence[str],
    *,
    config: EngineConfig,
    settings: dict[str, Any] | None = None,
    splink_blocking: bool = False,
) -> tuple[Linker, blocking.KeyTable | None]:
    """As :func:`linker_with_keys` over prepared DuckDB tables already loaded (with ``_rid``)."""
    db_api = DuckDBAPI(connection=con)
    frames = [db_api.register(name, dataset_display_name=f"side_{i}") for i, name in enumerate(names)]
    link_type: model.LinkType = "dedupe_only" if len(frames) == 1 else "link_only"
    chosen: dict[str, Any] | model.SettingsCreator = settings or model.settings(link_type=link_type)
    linker = Linker(frames if len(frames) > 1 else frames[0], chosen, log_level=None)
    if splink_blocking:
        return linker, None
    return linker, blocking.build_key_table(con, names, cap=config.block_cap, link=len(names) > 1)


def make_pairs(
    con: duckdb.DuckDBPyConnection, keys: blocking.KeyTable, *, part: int = 0, parts: int = 1
) -> int:
    """Write the blocked pairs of one partition to the table ``_blocked_pairs``; their number."""
    con.execute(
        f"CREATE OR REPLACE TABLE _blocked_pairs AS {blocking.pairs_sql(keys, part=part, parts=parts)}"
    )
    return int(con.execute("SELECT count(*) FROM _blocked_pairs").fetchall()[0][0])


def register_pairs(
    linker: Linker, con: duckdb.DuckDBPyConnection, keys: blocking.KeyTable, *, part: int = 0, parts: int = 1
) -> int:
    """Make the blocked pairs of one partition and register them for ``predict()``; their number."""
    count = make_pairs(con, keys, part=part, parts=parts)
    _register_made_pairs(linker)
    return count


def _register_made_pairs(linker: Linker) -> None:
    linker.table_management.register_blocked_pairs_for_predict(
        linker._db_api.register("_blocked_pairs")  # type: ignore[attr-defined]
    )


class _Blocking(threading.Thread):
    """Blocking on its own DuckDB connection (a cursor), while the main thread trains the model.

    Training needs the records, not the candidate pairs; on two cores the two overlap (at 1M
    records blocking takes longer than training). Errors are raised again by :meth:`result`.
    """

    def __init__(
        self, con: duckdb.DuckDBPyConnection, names: Sequence[str], config: EngineConfig, say: Progress
    ):
        super().__init__(daemon=True)
        self.cursor, self.names, self.config, self.say = con.cursor(), names, config, say
        self.keys: blocking.KeyTable | None = None
        self.seconds = 0.0
        self.error: BaseException | None = None

    def run(self) -> None:
        started = time.perf_counter()
        try:
            with _Bar(self.cursor, self.say, "finding candidate pairs"):
                keys = blocking.build_key_table(
                    self.cursor, self.names, cap=self.config.block_cap, link=len(self.names) > 1
                )
                make_pairs(self.cursor, keys)
            self.keys = keys
        except BaseException as exc:  # noqa: BLE001 — handed to the main thread
            self.error = exc
        finally:
            self.seconds = time.perf_counter() - started
            self.cursor.close()

    def result(self) -> blocking.KeyTable:
        self.join()
        if self.error is not None:
            raise self.error
        assert self.keys is not None
        return self.keys


def train(
    linker: Linker,
    *,
    config: EngineConfig,
    labels: pa.Table | None = None,
    stored: fallback.LevelTable | None = None,
) -> fallback.TrainingReport:
    """Prior from near-certain rules, u by random sampling, m by EM; optional m from clerical labels.

    ``labels``: columns ``left_id``, ``right_id``, ``clerical_match_score`` (0–1); in link mode
    left ids belong to the first table. Never fails on valid input: what a step cannot estimate
    falls back, level by level, to ``stored`` (the stored model of the pair of sources, see
    :func:`fallback.levels_of`) or to the fixed parameters, and every weight is bounded
    (:mod:`fallback`); the report lists each fallback.
    """
    report = fallback.TrainingReport()
    training = linker.training
    inputs = [frame.physical_name for frame in linker._input_tables_dict.values()]
    try:
        training.estimate_probability_two_random_records_match(
            list(model.DETERMINISTIC_RULES), recall=config.prior_recall
        )
        prior_ok = linker._settings_obj._probability_two_random_records_match > 0
        reason = "no pair met the near-certain rules"
    except (ValueError, ArithmeticError) as exc:
        prior_ok, reason = False, str(exc).split(".")[0]
    if not prior_ok:
        sizes = [_count(linker, name) for name in inputs]
        prior = fallback.fallback_prior(sizes)
        linker._settings_obj._probability_two_random_records_match = prior
        report.notes.append(fallback.Note("prior", reason=reason, value=prior))
    if isinstance(linker._db_api, DuckDBAPI):
        report.u_pairs = estimate_u(
            linker, linker._db_api._con, inputs=inputs, max_pairs=config.u_max_pairs, seed=config.seed
        )
    else:
        training.estimate_u_using_random_sampling(max_pairs=config.u_max_pairs, seed=config.seed)
        report.u_pairs = int(config.u_max_pairs)
    for rule in em_rules(linker, config):
        _em_session(linker, rule, config=config, report=report)
    if labels is not None and len(labels):
        try:
            training.estimate_m_from_pairwise_labels(_register_labels(linker, labels))
        except Exception as exc:  # noqa: BLE001
            report.notes.append(fallback.Note("session", reason=f"clerical labels: {exc}"))
    fallback.settle(linker, report, stored=stored, small_u_sample=report.u_pairs < fallback.U_MIN_PAIRS)
    return report


# EM iterations of a retried session: a level seen only among non-matches loses about fifteen
# orders of magnitude of m per iteration, so Splink's refusal (below 1e-300) comes after ~20.
EM_RETRY_ITERATIONS = 4


def _em_session(linker: Linker, rule: str, *, config: EngineConfig, report: fallback.TrainingReport) -> None:
    """One EM session; when EM drives an m below what Splink accepts, the session is run again
    with a few iterations (the level then falls back in :func:`fallback.settle`, the others keep
    their estimates); any other failure skips the session. Both are reported."""
    from splink.internals.settings import TrainingSettings

    settings = linker._settings_obj
    original = settings.training_settings
    for attempt in (0, 1):
        # A failing session leaves the linker's model half-changed (Splink 5 removes the
        # comparisons the rule blocks on and sets a blocking-adjusted prior on the linker's
        # own settings before EM, and puts them back only on success): keep a copy to restore.
        saved = settings.core_model_settings.copy()
        try:
            if attempt:
                settings.training_settings = TrainingSettings(
                    em_convergence=original.em_convergence, max_iterations=EM_RETRY_ITERATIONS
                )
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=config.em_max_pairs
            )
            report.sessions.append(rule)
            if attempt:
                reason = f"{rule}: stopped after {EM_RETRY_ITERATIONS} iterations (an m went to zero)"
                report.notes.append(fallback.Note("session", reason=reason))
            return
        except Exception as exc:  # noqa: BLE001 — any failed session is skipped and reported
            settings.core_model_settings = saved
            first = str(exc).strip().split(". ")[0] or type(exc).__name__
            if attempt or "below the minimum" not in first:
                report.notes.append(fallback.Note("session", reason=f"{rule}: {first}"))
                return
        finally:
            settings.training_settings = original


def _count(linker: Linker, name: str) -> int:
    frame = linker.misc.query_sql(f"SELECT count(*) AS n FROM {name}")  # noqa: S608
    value = frame.as_record_list()[0]["n"]
    frame.drop_table_from_database_and_remove_from_cache()
    return int(value)


def em_rules(linker: Linker, config: EngineConfig) -> list[str]:
    """EM sessions that have enough pairs, in :data:`model.EM_COLUMNS` order, plus the fallback.

    The fallback session (name + year) runs only without a document session and, like the
    others, only with at least ``em_min_pairs`` pairs: EM on a handful of pairs estimates
    nothing, and the levels it would have estimated fall back (:mod:`fallback`).
    """
    columns = model.EM_COLUMNS
    if linker._settings_obj._link_type == "link_only":
        columns = (*columns, *model.EM_LINK_COLUMNS)
    sessions = [f"l.{c} = r.{c}" for c in columns if _equal_pairs(linker, c) >= config.em_min_pairs]
    fallback_key = " || '|' || ".join(f"CAST({c} AS VARCHAR)" for c in model.EM_FALLBACK_COLUMNS)
    if "l.doc = r.doc" not in sessions and _equal_pairs(linker, fallback_key) >= config.em_min_pairs:
        sessions.append(model.EM_FALLBACK)
    return sessions


def _equal_pairs(linker: Linker, column: str) -> int:
    """Number of record pairs that ``l.column = r.column`` blocks together (SQL on any backend)."""
    names = [frame.physical_name for frame in linker._input_tables_dict.values()]
    counts = [
        f"SELECT {column} AS v, count(*) AS n FROM {name} WHERE {column} IS NOT NULL GROUP BY 1"  # noqa: S608
        for name in names
    ]
    if len(counts) == 1:
        sql = f"SELECT sum(n * (n - 1) / 2) AS pairs FROM ({counts[0]})"  # noqa: S608
    else:
        sql = f"SELECT sum(a.n * b.n) AS pairs FROM ({counts[0]}) a JOIN ({counts[1]}) b USING (v)"  # noqa: S608
    frame = linker.misc.query_sql(sql)
    value = frame.as_record_list()[0]["pairs"]
    frame.drop_table_from_database_and_remove_from_cache()
    return int(value or 0)


def _register_labels(linker: Linker, labels: pa.Table) -> str:
    link = linker._settings_obj._link_type == "link_only"
    table = pa.table(
        {
            "source_dataset_l": ["side_0"] * len(labels),
            "record_id_l": labels["left_id"].cast(pa.string()),
            "source_dataset_r": [("side_1" if link else "side_0")] * len(labels),
            "record_id_r": labels["right_id"].cast(pa.string()),
            "clerical_match_score": labels["clerical_match_score"].cast(pa.float64()),
        }
    )
    # Splink 5 takes only registered tables (SplinkDataFrame), not Arrow tables.
    registered = linker.table_management.register_table(table, "corridor_labels", overwrite=True)
    frame = linker.table_management.register_labels_table(registered)
    return frame.physical_name


def score(linker: Linker, con: duckdb.DuckDBPyConnection, *, threshold: float) -> tuple[pa.Table, int]:
    """Scored pairs at or above ``threshold`` as (left_id, right_id, match_probability); pair count."""
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    n_pairs = con.execute(f"SELECT count(*) FROM {blocked.physical_name}").fetchall()[0][0]  # noqa: S608
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    # In link mode Splink may put either input on the left; put the first input's id first.
    if linker._settings_obj._link_type == "link_only":
        swap = "source_dataset_l = 'side_1'"
        ids = f"CASE WHEN {swap} THEN record_id_r ELSE record_id_l END AS left_id, "
        ids += f"CASE WHEN {swap} THEN record_id_l ELSE record_id_r END AS right_id"
    else:
        ids = "record_id_l AS left_id, record_id_r AS right_id"
    sql = f"""
        SELECT {ids}, match_probability FROM {predictions.physical_name}
        WHERE match_probability >= {float(threshold)}
        ORDER BY match_probability DESC, left_id, right_id
    """  # noqa: S608
    return con.sql(sql).to_arrow_table(), int(n_pairs)


class _Bar:
    """A text progress bar on the ``progress`` callback while one long DuckDB stage runs.

    A thread asks DuckDB how far its current query is (``query_progress``, made for being
    called from another thread) and reports every ``PROGRESS_STEP`` percent; nothing is said
    for a stage shorter than ``PROGRESS_AFTER`` seconds. Splink runs a stage as a few queries,
    so the bar may start again from 0 for the next one.
    """

    PROGRESS_AFTER = 3.0
    PROGRESS_STEP = 10

    def __init__(self, con: duckdb.DuckDBPyConnection, say: Progress, label: str) -> None:
        self.con, self.say, self.label = con, say, label
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> None:
        self._thread.start()

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        if self._stop.wait(self.PROGRESS_AFTER):
            return
        shown = -1
        while not self._stop.wait(0.5):
            try:
                percent = int(self.con.query_progress())
            except duckdb.Error:
                return
            step = percent - percent % self.PROGRESS_STEP
            if percent >= 0 and step != shown:
                shown = step
                filled = step // self.PROGRESS_STEP
                self.say(f"{self.label} [{'#' * filled}{'.' * (10 - filled)}] {percent}%")


class _Clock:
    """Wall and CPU seconds (all threads of the process) per stage."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.parallel: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall[name] = time.perf_counter() - wall
        self.cpu[name] = time.process_time() - cpu


def link_records(
    *,
    tables: Sequence[pa.Table],
    config: EngineConfig | None = None,
    labels: pa.Table | None = None,
    progress: Progress | None = None,
) -> LinkResult:
    """Link two record tables or deduplicate one (raw :data:`records.INPUT_COLUMNS` tables)."""
    config = config or EngineConfig()
    say = progress or (lambda _message: None)
    if len(tables) not in (1, 2):
        raise ValueError("link_records takes one table (dedupe) or two (link).")
    _quiet()
    clock = _Clock()
    with clock.stage("normalise"):
        prepared = prepare_tables(tables, naive=config.naive)
    say(f"normalised {sum(len(t) for t in tables):,} records in {clock.wall['normalise']:.1f}s")
    con = _connect(config)
    with clock.stage("block_and_train"):
        names = _load(con, prepared)
        linker, _none = linker_over_tables(con, names, config=config, splink_blocking=True)
        blocker = _Blocking(con, names, config, say)
        blocker.start()
        started = time.perf_counter()
        report = train(linker, config=config, labels=labels)
        clock.parallel["train"] = time.perf_counter() - started
        blocker.result()
        clock.parallel["block"] = blocker.seconds
        _register_made_pairs(linker)
    for line in report.lines():
        say(f"training: {line}")
    say(
        f"trained the model in {clock.parallel['train']:.1f}s while finding candidate pairs "
        f"({clock.parallel['block']:.1f}s); scoring them"
    )
    with clock.stage("predict"), _Bar(con, say, "scoring candidate pairs"):
        pairs, n_pairs = score(linker, con, threshold=config.threshold)
    elapsed = clock.wall["predict"]
    say(f"compared {n_pairs:,} pairs in {elapsed:.1f}s; {len(pairs):,} at or above {config.threshold}")
    return LinkResult(
        pairs=pairs,
        n_comparisons=n_pairs,
        seconds=clock.wall,
        cpu_seconds=clock.cpu,
        parallel_seconds=clock.parallel,
        linker=linker,
        training=report,
    )


def cluster_pairs(*, linker: Linker, pairs_threshold: float) -> pa.Table:
    """Connected components at the threshold: (record_id, cluster_id, source) per record."""
    predictions = linker.inference.predict(threshold_match_probability=pairs_threshold)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, pairs_threshold)
    return clusters.as_pyarrow_table()
