"""Privacy-preserving record linkage: hardened per-field Bloom filters under a shared secret.

Each party normalises its own records (pivot and skeleton forms, so encodings survive
transliteration), then encodes every field into its own Bloom filter:

* q-grams (bigrams, padded) of the pivot and of the skeleton are hashed with HMAC-SHA256 keyed by
  the shared secret and the field name (random hashing: k independent positions per q-gram);
* hardening by **balancing**: the filter is concatenated with its complement and the bits are
  permuted with a permutation derived from the secret, so every filter has the same weight;
* exact-only fields (sex, citizenship, document number) and blocking keys are keyed HMACs.

Only these encodings are exchanged and compared: Dice similarities of the filters are turned
into Fellegi–Sunter comparison levels and scored with Splink. See README for the limits.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator
from splink.blocking_rule_library import CustomRule

from corridor.matching.dates import parse_birth_date
from corridor.matching.model import LevelSpec
from corridor.matching.normalise import name_forms

FILTER_BITS = 500  # before balancing; the encoding is 2 × FILTER_BITS bits
HASHES = 12
BLOOM_FIELDS = ("family", "given", "patronymic", "place", "dob")
TOKEN_FIELDS = ("sex", "cit", "doc")
BLOCK_KEYS = ("bk_fam_year", "bk_given_dob", "bk_fam_given", "bk_given_fam", "bk_cons_year")


def _key(secret: bytes, label: str) -> bytes:
    return hmac.new(secret, label.encode(), hashlib.sha256).digest()


def _token(secret: bytes, label: str, value: str) -> str | None:
    if not value:
        return None
    return hmac.new(_key(secret, label), value.encode(), hashlib.sha256).hexdigest()[:24]


def _qgrams(text: str) -> set[str]:
    grams: set[str] = set()
    for word in text.split():
        padded = f"_{word}_"
        grams.update(padded[i : i + 2] for i in range(len(padded) - 1))
    return grams


def _permutation(secret: bytes, field: str) -> list[int]:
    seed = int.from_bytes(_key(secret, f"perm:{field}")[:8], "big")
    order = list(range(2 * FILTER_BITS))
    random.Random(seed).shuffle(order)  # noqa: S311 - keyed permutation, not a security primitive alone
    return order


def bloom_filter(tokens: set[str], *, secret: bytes, field: str) -> bytes | None:
    """Balanced, permuted Bloom filter of ``tokens`` (None when there is nothing to encode)."""
    if not tokens:
        return None
    key = _key(secret, f"bloom:{field}")
    bits = [0] * FILTER_BITS
    for token in tokens:
        digest = hmac.new(key, token.encode(), hashlib.sha256).digest()
        h1, h2 = int.from_bytes(digest[:8], "big"), int.from_bytes(digest[8:16], "big")
        for i in range(HASHES):  # double hashing gives k positions from two keyed hashes
            bits[(h1 + i * h2) % FILTER_BITS] = 1
    balanced = bits + [1 - b for b in bits]
    permuted = [balanced[j] for j in _permutation(secret, field)]
    return int("".join(map(str, permuted)), 2).to_bytes(2 * FILTER_BITS // 8, "big")


def _name_tokens(value: str) -> set[str]:
    forms = name_forms(value)
    return {f"p{g}" for g in _qgrams(forms.pivot)} | {f"s{g}" for g in _qgrams(forms.stem)}


def _dob_tokens(value: str) -> set[str]:
    d = parse_birth_date(value)
    year, month, day = d["dob_y"], d["dob_m"], d["dob_d"]
    tokens = {f"y{year}"} if year else set()
    if year and month:
        tokens |= {f"ym{year}-{month}", f"m{month}"}
    if month and day:  # a day is only ever parsed together with a month
        tokens |= {f"d{day}", f"md{month}-{day}", f"sw{min(month, day)}-{max(month, day)}"}
    return tokens


def _block_keys(row: dict[str, str], secret: bytes) -> dict[str, str | None]:
    given, family = name_forms(row["given_name"]), name_forms(row["family_name"])
    d = parse_birth_date(row["birth_date"])
    year = str(d["dob_y"] or "")
    dob = d["dob"] or ""
    cons = " ".join(sorted(f"{given.consonants} {family.consonants}".split()))

    def key(name: str, *parts: str) -> str | None:
        return _token(secret, name, "|".join(parts)) if all(parts) else None

    return {
        "bk_fam_year": key("fam_year", family.stem, year),
        "bk_given_dob": key("given_dob", given.skeleton, dob),
        "bk_fam_given": key("name", family.stem, given.skeleton),
        "bk_given_fam": key("name", given.skeleton, family.stem),
        "bk_cons_year": key("cons_year", cons, year),
    }


def encode_record(row: dict[str, str], *, secret: bytes) -> dict[str, str | None]:
    """One record → its encodings (base64 Bloom filters, hex HMAC tokens and block keys)."""
    filters = {
        "family": bloom_filter(_name_tokens(row["family_name"]), secret=secret, field="name"),
        "given": bloom_filter(_name_tokens(row["given_name"]), secret=secret, field="name"),
        "patronymic": bloom_filter(_name_tokens(row["patronymic"]), secret=secret, field="patronymic"),
        "place": bloom_filter(_name_tokens(row["birth_place"]), secret=secret, field="place"),
        "dob": bloom_filter(_dob_tokens(row["birth_date"]), secret=secret, field="dob"),
    }
    out: dict[str, str | None] = {"record_id": row["record_id"]}
    out |= {f"bf_{k}": (base64.b64encode(v).decode() if v else None) for k, v in filters.items()}
    sex = row["sex"].strip().upper()[:1]
    out["h_sex"] = _token(secret, "sex", sex if sex in ("M", "F") else "")
    out["h_cit"] = _token(secret, "cit", row["citizenship"].strip().upper())
    out["h_doc"] = _token(secret, "doc", "".join(ch for ch in row["document_number"].upper() if ch.isalnum()))
    return out | _block_keys(row, secret)


ENCODING_COLUMNS = ("record_id", *(f"bf_{f}" for f in BLOOM_FIELDS), "h_sex", "h_cit", "h_doc", *BLOCK_KEYS)


def encode_records(table: pa.Table, *, secret: bytes) -> pa.Table:
    if len(secret) < 16:
        raise ValueError("the shared secret must be at least 16 bytes.")
    rows = [encode_record(row, secret=secret) for row in table.to_pylist()]
    return pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in ENCODING_COLUMNS})


def write_encodings(table: pa.Table, out: Path) -> None:
    pacsv.write_csv(table, out)


def read_encodings(path: Path) -> pa.Table:
    """Read an encodings CSV; raises ValueError with a readable message when it is not one."""
    options = pacsv.ConvertOptions(
        column_types=dict.fromkeys(ENCODING_COLUMNS, pa.string()), strings_can_be_null=True
    )
    try:
        table = pacsv.read_csv(path, convert_options=options)
    except (pa.ArrowInvalid, OSError) as exc:
        raise ValueError(f"{path}: not a readable encodings file ({exc}).") from exc
    missing = [c for c in ENCODING_COLUMNS if c not in table.column_names]
    if missing:
        raise ValueError(f"{path}: not an encodings file; missing column(s): {', '.join(missing)}.")
    if len(table) == 0:
        raise ValueError(f"{path}: the encodings file has no records.")
    return table.select(list(ENCODING_COLUMNS))


def _to_bits(value: str | None) -> str | None:
    if value is None:
        return None
    raw = base64.b64decode(value)
    return bin(int.from_bytes(raw, "big"))[2:].zfill(len(raw) * 8)


def _dice(field_l: str, field_r: str) -> str:
    # Balanced filters all have FILTER_BITS ones, so Dice = |a AND b| / FILTER_BITS.
    return f"(bit_count({field_l} & {field_r}) / {FILTER_BITS})"


def _at(field: str, threshold: float, label: str) -> dict[str, Any]:
    return {"sql_condition": f"{_dice(f'{field}_l', f'{field}_r')} >= {threshold}", "label_for_charts": label}


def _null(*fields: str) -> dict[str, Any]:
    sql = " OR ".join(f"{f}_l IS NULL OR {f}_r IS NULL" for f in fields)
    return {"sql_condition": sql, "label_for_charts": "null", "is_null_level": True}


def _name_comparison() -> cl.CustomComparison:
    fam, giv = ("bf_family_l", "bf_family_r"), ("bf_given_l", "bf_given_r")

    def both(t: float) -> str:
        return f"{_dice(*fam)} >= {t} AND {_dice(*giv)} >= {t}"

    swapped = f"{_dice('bf_family_l', 'bf_given_r')} >= 0.95 AND {_dice('bf_given_l', 'bf_family_r')} >= 0.95"
    levels: list[LevelSpec] = [
        {"sql_condition": "bf_given_l IS NULL OR bf_given_r IS NULL", "is_null_level": True},
        {"sql_condition": both(0.97), "label_for_charts": "both names Dice ≥ 0.97"},
        {"sql_condition": swapped, "label_for_charts": "given and family swapped"},
        {"sql_condition": both(0.9), "label_for_charts": "both names Dice ≥ 0.9"},
        {"sql_condition": both(0.8), "label_for_charts": "both names Dice ≥ 0.8"},
        {
            "sql_condition": f"{_dice(*fam)} >= 0.9 OR {_dice(*giv)} >= 0.9",
            "label_for_charts": "one name ≥ 0.9",
        },
        cll.ElseLevel(),
    ]
    return cl.CustomComparison(output_column_name="name", comparison_levels=levels)


def _bloom(field: str, thresholds: tuple[float, ...]) -> cl.CustomComparison:
    levels: list[LevelSpec] = [_null(field)]
    levels += [_at(field, t, f"Dice ≥ {t}") for t in thresholds]
    levels.append(cll.ElseLevel())
    return cl.CustomComparison(output_column_name=field, comparison_levels=levels)


def _exact(field: str) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=field,
        comparison_levels=[cll.NullLevel(field), cll.ExactMatchLevel(field), cll.ElseLevel()],
    )


def pprl_settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="record_id",
        comparisons=[
            _name_comparison(),
            _bloom("bf_patronymic", (0.95, 0.85)),
            _bloom("bf_dob", (0.99, 0.93, 0.86)),
            _bloom("bf_place", (0.95,)),
            _exact("h_sex"),
            _exact("h_cit"),
            _exact("h_doc"),
        ],
        blocking_rules_to_generate_predictions=[
            CustomRule(rule)
            for rule in [f"l.{k} = r.{k}" for k in BLOCK_KEYS[:3]]
            + ["l.bk_fam_given = r.bk_given_fam", "l.bk_cons_year = r.bk_cons_year"]
        ],
        retain_matching_columns=False,
    )


def _load(con: duckdb.DuckDBPyConnection, table: pa.Table, name: str) -> None:
    bits = {
        f"bf_{f}": pa.array([_to_bits(v) for v in table[f"bf_{f}"].to_pylist()], pa.string())
        for f in BLOOM_FIELDS
    }
    for column, values in bits.items():
        table = table.set_column(table.column_names.index(column), column, values)
    con.register(f"{name}_raw", table)
    casts = ", ".join(f"bf_{f}::BIT AS bf_{f}" for f in BLOOM_FIELDS)
    con.execute(f"CREATE TABLE {name} AS SELECT * EXCLUDE ({', '.join(bits)}), {casts} FROM {name}_raw")  # noqa: S608
    con.unregister(f"{name}_raw")


def link_encodings(
    left: pa.Table, right: pa.Table, *, threshold: float = 0.5, progress: Callable[[str], None] | None = None
) -> pa.Table:
    """Score pairs of encoded records (left × right) at or above ``threshold``."""
    say = progress or (lambda _m: None)
    con = duckdb.connect()
    _load(con, left, "enc_left")
    _load(con, right, "enc_right")
    db_api = DuckDBAPI(connection=con)
    frames = [db_api.register("enc_left", dataset_display_name="side_0")]
    frames.append(db_api.register("enc_right", dataset_display_name="side_1"))
    linker = Linker(frames, pprl_settings(), log_level=None)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        ["l.bk_given_dob = r.bk_given_dob AND l.bk_fam_year = r.bk_fam_year"], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in ("l.bk_given_dob = r.bk_given_dob", "l.bk_fam_given = r.bk_fam_given"):
        training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    say("trained the encoded-field model; scoring candidate pairs")
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    swap = "source_dataset_l = 'side_1'"
    sql = f"""
        SELECT CASE WHEN {swap} THEN record_id_r ELSE record_id_l END AS left_id,
               CASE WHEN {swap} THEN record_id_l ELSE record_id_r END AS right_id, match_probability
        FROM {predictions.physical_name} WHERE match_probability >= {float(threshold)}
        ORDER BY match_probability DESC, left_id, right_id
    """  # noqa: S608
    return con.sql(sql).to_arrow_table()
