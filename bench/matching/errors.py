# ruff: noqa: S608  (analysis SQL built from internal column names and integers, no outside input)
"""Error analysis for the matching benchmark: false positives and false negatives, grouped.

    nice -n 15 .venv/bin/python -m bench.matching.errors --records 100000 --seed 7

Runs the designed pipeline once, then prints the most frequent comparison-vector patterns of
false positives and of missed pairs (scored below the threshold, or never blocked together),
with the generator's corruption tags, countries and schemes of the two records. Used to decide
which comparison levels, blocking rules or training steps to change; nothing here tunes itself.
"""

from __future__ import annotations

import argparse
import sys

import duckdb

from bench.matching.generate import data_path, generate
from corridor.matching.engine import EngineConfig, link_records
from corridor.matching.records import read_records_csv


def _print(con: duckdb.DuckDBPyConnection, title: str, sql: str) -> None:
    print(f"\n## {title}")
    for row in con.execute(sql).fetchall():
        print("  ", " | ".join("" if v is None else str(v) for v in row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--examples", type=int, default=8)
    args = parser.parse_args(argv)
    path = data_path(args.records, args.seed)
    if not path.exists():
        generate(n_records=args.records, seed=args.seed, out=path)
    config = EngineConfig(threads=args.threads, threshold=0.0001)
    result = link_records(
        tables=[read_records_csv(path)], config=config, progress=lambda m: print(m, file=sys.stderr)
    )
    assert result.linker is not None
    linker = result.linker
    linker._settings_obj._retain_intermediate_calculation_columns = True  # gamma columns for analysis
    settings = linker._settings_obj
    print(f"prior λ = {settings._probability_two_random_records_match:.3g}")
    for comparison in settings.comparisons:
        for level in comparison.comparison_levels:
            if level.is_null_level:
                continue
            m, u = level.m_probability, level.u_probability
            weight = level._log2_bayes_factor if m and u else float("nan")
            label = f"{comparison.output_column_name:16} {level.label_for_charts[:44]:44}"
            print(f"  {label} m={m:.4g} u={u:.4g} w={weight:+.1f}")
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE rec AS SELECT * FROM read_csv(?, all_varchar = true, header = true)", [str(path)]
    )
    predictions = linker.inference.predict(threshold_match_probability=0.0001).as_pyarrow_table()
    gammas = [c for c in predictions.column_names if c.startswith("mw_")]
    con.register("pred_raw", predictions)
    con.execute(
        "CREATE TABLE pred AS SELECT least(record_id_l, record_id_r) AS a, "
        "greatest(record_id_l, record_id_r) AS b, "
        f"match_probability AS p, match_weight AS w, {', '.join(gammas)} FROM pred_raw"
    )
    con.execute(
        "CREATE TABLE truth AS SELECT x.record_id AS a, y.record_id AS b FROM rec x JOIN rec y "
        "ON x.entity_id = y.entity_id AND x.record_id < y.record_id"
    )
    t = args.threshold
    pattern = " || ' ' || ".join(f"CAST(round({g}, 1) AS VARCHAR)" for g in gammas)
    fields = "given_name family_name patronymic birth_date sex birth_place document_number".split()
    detail = (
        "concat_ws(' / ', x.corruptions, y.corruptions) AS tags, x.country, "
        "x.scheme || '-' || y.scheme AS schemes, "
        f"concat_ws(' ', {', '.join('x.' + f for f in fields)}) AS left_rec, "
        f"concat_ws(' ', {', '.join('y.' + f for f in fields)}) AS right_rec"
    )
    both = "JOIN rec x ON x.record_id = a JOIN rec y ON y.record_id = b"
    print("match-weight order:", ", ".join(gammas))
    con.execute(
        f"CREATE TABLE fp AS SELECT pred.*, {pattern} AS pattern FROM pred "
        f"ANTI JOIN truth USING (a, b) WHERE p >= {t}"
    )
    con.execute(
        f"CREATE TABLE fn_scored AS SELECT pred.*, {pattern} AS pattern FROM pred "
        f"JOIN truth USING (a, b) WHERE p < {t}"
    )
    con.execute("CREATE TABLE fn_unblocked AS SELECT * FROM truth ANTI JOIN pred USING (a, b)")
    for name in ("fp", "fn_scored", "fn_unblocked"):
        print(name, con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0])
    n = args.examples
    _print(
        con,
        "false positives by pattern",
        "SELECT pattern, count(*), round(avg(w), 1) FROM fp GROUP BY 1 ORDER BY 2 DESC LIMIT 15",
    )
    _print(
        con,
        "false-positive examples",
        f"SELECT pattern, round(p, 3), {detail} FROM fp {both} USING SAMPLE {n * 3} ROWS",
    )
    _print(
        con,
        "scored false negatives by pattern",
        "SELECT pattern, count(*), round(avg(w), 1) FROM fn_scored GROUP BY 1 ORDER BY 2 DESC LIMIT 15",
    )
    _print(
        con,
        "scored false negatives by tags",
        "SELECT concat_ws(' / ', x.corruptions, y.corruptions), count(*) "
        f"FROM fn_scored {both} GROUP BY 1 ORDER BY 2 DESC LIMIT 12",
    )
    _print(
        con,
        "scored false-negative examples",
        f"SELECT pattern, round(p, 3), {detail} FROM fn_scored {both} USING SAMPLE {n * 2} ROWS",
    )
    _print(
        con,
        "unblocked true pairs by tags / country / schemes",
        "SELECT concat_ws(' / ', x.corruptions, y.corruptions), x.country, count(*) "
        f"FROM fn_unblocked {both} GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 15",
    )
    _print(
        con,
        "unblocked examples",
        f"SELECT {detail} FROM fn_unblocked JOIN rec x ON x.record_id = a JOIN rec y ON y.record_id = b "
        f"USING SAMPLE {n * 2} ROWS",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
