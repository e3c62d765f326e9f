"""The same Splink model on Apache Spark (optional: needs ``pyspark`` and Java 17).

The switch from DuckDB: records are normalised in Python as before; the capped blocking keys
are computed once with DuckDB (:func:`engine._load_with_keys`, so both backends block on the
same key values) and handed to Spark as columns; Splink then blocks rule by rule with
:data:`model.BLOCKING_RULES` and compares with :func:`model.settings` in the ``spark`` dialect
(function names differ, and the date level computes Damerau–Levenshtein without DuckDB's
Hamming gate; Jaro–Winkler and Damerau–Levenshtein come from the Scala UDF jar that Splink
registers). Training is Splink's own: prior from the deterministic
rules, u by random sampling, m by EM on the document and date passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from corridor.matching import model
from corridor.matching.engine import EngineConfig, _load_with_keys, _quiet, em_rules
from corridor.matching.records import prepare_tables


def local_session(*, cores: int = 2, memory: str = "2g") -> Any:
    """A local Spark session sized for a small machine (no UI, few shuffle partitions)."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    return (
        SparkSession.builder.master(f"local[{int(cores)}]")
        .appName("corridor-matching")
        # Splink's Scala UDFs (jaro_winkler, damerau_levenshtein) must be on the class path
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def _keyed_tables(tables: Sequence[pa.Table], config: EngineConfig) -> list[pa.Table]:
    con = duckdb.connect()
    prepared = prepare_tables(tables, naive=config.naive)
    names = _load_with_keys(con, prepared, cap=config.block_cap)
    return [con.sql(f"SELECT * FROM {name}").to_arrow_table() for name in names]  # noqa: S608


def _to_spark(spark: Any, table: pa.Table, name: str) -> Any:
    frame = spark.createDataFrame(table.to_pandas())
    frame.createOrReplaceTempView(name)
    return frame


def _drop_views(spark: Any, count: int) -> None:
    for index in range(count):
        spark.catalog.dropTempView(f"side_{index}")
        spark.catalog.dropTempView(f"corridor_input_{index}")


def link_records_spark(
    *, tables: Sequence[pa.Table], spark: Any, config: EngineConfig | None = None
) -> pa.Table:
    """Link two tables or deduplicate one on Spark; pairs ≥ threshold (left_id, right_id, p)."""
    from splink import Linker, SparkAPI

    config = config or EngineConfig()
    _quiet()
    keyed = _keyed_tables(tables, config)
    db_api = SparkAPI(spark_session=spark, break_lineage_method="persist")
    _drop_views(spark, len(keyed))  # a session reused for another run still has the last views
    frames = [
        db_api.register(_to_spark(spark, t, f"corridor_input_{i}"), dataset_display_name=f"side_{i}")
        for i, t in enumerate(keyed)
    ]
    link_type: model.LinkType = "dedupe_only" if len(frames) == 1 else "link_only"
    settings = model.settings(link_type=link_type, dialect="spark")
    linker = Linker(frames if len(frames) > 1 else frames[0], settings, log_level=None)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        list(model.DETERMINISTIC_RULES), recall=config.prior_recall
    )
    training.estimate_u_using_random_sampling(max_pairs=config.u_max_pairs, seed=config.seed)
    for rule in em_rules(linker, config):
        training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True, max_pairs=config.em_max_pairs
        )
    predictions = linker.inference.predict(threshold_match_probability=config.threshold)
    rows = predictions.as_pandas_dataframe()
    if link_type == "link_only":
        swap = rows["source_dataset_l"] == "side_1"
        left = rows["record_id_l"].where(~swap, rows["record_id_r"])
        right = rows["record_id_r"].where(~swap, rows["record_id_l"])
    else:
        left, right = rows["record_id_l"], rows["record_id_r"]
    return pa.table(
        {
            "left_id": pa.array(left.astype(str).tolist(), pa.string()),
            "right_id": pa.array(right.astype(str).tolist(), pa.string()),
            "match_probability": pa.array(rows["match_probability"].astype(float).tolist(), pa.float64()),
        }
    )
