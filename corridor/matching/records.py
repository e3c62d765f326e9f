"""Input records: the CSV contract, validation and derived (normalised) columns.

Records travel as ``pyarrow.Table``; derived name forms are computed once per distinct value
(dictionary encoding + the normaliser's caches), never per row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from corridor.matching.dates import parse_birth_date
from corridor.matching.normalise import naive_form, name_forms, variants

INPUT_COLUMNS: tuple[str, ...] = (
    "record_id",
    "family_name",
    "given_name",
    "patronymic",
    "birth_date",
    "sex",
    "citizenship",
    "birth_place",
    "document_number",
    "source",
)


class InputError(ValueError):
    """Input that breaks the CSV contract; the message is meant for the person running the job."""


@dataclass(frozen=True, slots=True)
class NameColumns:
    orig: pa.Array
    pivot: pa.Array
    skel: pa.Array
    stem: pa.Array
    cons: pa.Array
    var: pa.Array
    gender: pa.Array


def read_records_csv(path: Path | str) -> pa.Table:
    """Read a records CSV (UTF-8, header per :data:`INPUT_COLUMNS`); raise InputError when broken."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise InputError(f"{path}: the file is empty.")
            header = [h.strip() for h in header]
            missing = [c for c in INPUT_COLUMNS if c not in header]
            if missing:
                raise InputError(f"{path}: missing column(s): {', '.join(missing)}.")
            index = [header.index(c) for c in INPUT_COLUMNS]
            columns: list[list[str]] = [[] for _ in INPUT_COLUMNS]
            for line_no, row in enumerate(reader, start=2):
                _append_row(columns, index, row, path=path, line_no=line_no)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8.") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror}).") from exc
    if not columns[0]:
        raise InputError(f"{path}: the file has a header but no records.")
    return records_from_columns(dict(zip(INPUT_COLUMNS, columns, strict=True)))


def _append_row(
    columns: list[list[str]], index: list[int], row: list[str], *, path: Path, line_no: int
) -> None:
    if not row:
        return
    if len(row) <= max(index):
        raise InputError(f"{path}, line {line_no}: expected {max(index) + 1} fields, found {len(row)}.")
    for target, source in zip(columns, index, strict=True):
        target.append(row[source].strip())


def records_from_columns(columns: Mapping[str, Iterable[Any]]) -> pa.Table:
    """Build a records table from column lists or from row dicts turned into columns."""
    data = {c: [("" if v is None else str(v)) for v in columns.get(c, [])] for c in INPUT_COLUMNS}
    length = max(len(v) for v in data.values())
    for name, values in data.items():
        if not values:
            data[name] = [""] * length
    table = pa.table({c: pa.array(v, pa.string()) for c, v in data.items()})
    ids = table["record_id"]
    if pc.any(pc.equal(ids, "")).as_py():
        raise InputError("every record needs a record_id.")
    if len(pc.unique(ids)) != len(ids):
        raise InputError("record_id values must be unique within a file.")
    return table


def records_from_dicts(rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    rows = list(rows)
    return records_from_columns({c: [r.get(c) for r in rows] for c in INPUT_COLUMNS})


def _map_distinct(column: pa.ChunkedArray | pa.Array, fn: Callable[[str], Any], typ: pa.DataType) -> pa.Array:
    """Apply ``fn`` once per distinct value of ``column`` and spread the results back."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded = pc.dictionary_encode(column)
    values = [fn(v) for v in encoded.dictionary.to_pylist()]
    return pc.take(pa.array(values, typ), encoded.indices)


def _none_if_empty(value: str) -> str | None:
    return value or None


def name_columns(column: pa.ChunkedArray, *, naive: bool) -> NameColumns:
    """Derived forms of one name column; in naive mode every form is the naive fold (baseline).

    The column is dictionary-encoded once; every form is computed once per distinct value and
    spread back with one ``take`` per form.
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded = pc.dictionary_encode(column)
    distinct = encoded.dictionary.to_pylist()
    if naive:
        folded = [_none_if_empty(naive_form(v)) for v in distinct]
        rows: list[tuple[str | None, ...]] = [(f, f, f, f, f, f) for f in folded]
        var = [[f] if f else None for f in folded]
    else:
        rows = []
        for value in distinct:
            n = name_forms(value)
            parts = (n.original, n.pivot, n.skeleton, n.stem, n.consonants, n.gender)
            rows.append(tuple(_none_if_empty(p) for p in parts))
        var = [list(variants(v)) or None for v in distinct]

    def spread(values: list[Any], typ: pa.DataType) -> pa.Array:
        return pc.take(pa.array(values, typ), encoded.indices)

    orig, pivot, skel, stem, cons, gender = (spread([row[i] for row in rows], pa.string()) for i in range(6))
    return NameColumns(orig, pivot, skel, stem, cons, spread(var, pa.list_(pa.string())), gender)


_DOC_RE = re.compile(r"[^0-9A-Z]")


def _doc(value: str) -> str | None:
    return _none_if_empty(_DOC_RE.sub("", value.upper()))


def _sex(value: str) -> str | None:
    value = value.strip().upper()[:1]
    return value if value in ("M", "F") else None


def _join(*arrays: pa.Array) -> pa.Array:
    """Space-joined non-null parts; null when every part is null."""
    filled = [pc.fill_null(a, "") for a in arrays]
    joined = pc.utf8_trim_whitespace(pc.binary_join_element_wise(*filled, " "))
    return pc.if_else(pc.equal(joined, ""), pa.scalar(None, pa.string()), joined)


def prepare_records(table: pa.Table, *, naive: bool = False) -> pa.Table:
    """Add the derived columns the linkage model compares and blocks on."""
    given = name_columns(table["given_name"], naive=naive)
    family = name_columns(table["family_name"], naive=naive)
    patronymic = name_columns(table["patronymic"], naive=naive)
    place = name_columns(table["birth_place"], naive=naive)
    sex = _map_distinct(table["sex"], _sex, pa.string())
    sex = pc.coalesce(sex, family.gender, patronymic.gender)
    dob = _map_distinct(table["birth_date"], parse_birth_date, _DOB_TYPE)
    cons_sorted = _map_distinct(
        pc.fill_null(_join(given.cons, family.cons), ""),
        lambda v: " ".join(sorted(v.split())) or None,
        pa.string(),
    )
    # Order-free, script-free key of the whole name: the term frequency of a name is read here,
    # so that a common name is common whatever the script, field order or surname suffix.
    name_key = _map_distinct(
        pc.fill_null(_join(given.stem, family.stem), ""),
        lambda v: " ".join(sorted(v.split())) or None,
        pa.string(),
    )
    derived: dict[str, pa.Array] = {
        "given_orig": given.orig,
        "given_pivot": given.pivot,
        "given_skel": given.skel,
        "given_stem": given.stem,  # for names written in swapped fields (a surname in given_name)
        "given_var": given.var,
        "fam_orig": family.orig,
        "fam_pivot": family.pivot,
        "fam_stem": family.stem,
        "fam_skel": family.skel,
        "fam_var": family.var,
        "pat_pivot": patronymic.pivot,
        "pat_stem": patronymic.stem,
        "pat_cons": patronymic.cons,
        "given_cons": given.cons,
        "fam_cons": family.cons,
        "bp_pivot": place.pivot,
        "bp_skel": place.skel,
        "name_orig": _join(given.orig, family.orig),
        "name_pivot": _join(given.pivot, family.pivot),
        "name_skel": _join(given.skel, family.stem),
        "name_cons": cons_sorted,
        "name_key": name_key,
        "sex_n": sex,
        "cit": _map_distinct(table["citizenship"], lambda v: _none_if_empty(v.strip().upper()), pa.string()),
        "doc": _map_distinct(table["document_number"], _doc, pa.string()),
    }
    for field in _DOB_TYPE:
        derived[field.name] = pc.struct_field(dob, field.name)
    out = table.select(["record_id", "source"])
    for name, array in derived.items():
        out = out.append_column(name, array)
    return out


_DOB_TYPE = pa.struct(
    [
        ("dob", pa.string()),  # ISO form, full dates only
        ("dob_y", pa.int32()),
        ("dob_m", pa.int32()),
        ("dob_d", pa.int32()),
    ]
)
