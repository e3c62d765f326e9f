"""Input records: the CSV contract, validation and derived (normalised) columns.

Records travel as ``pyarrow.Table``; derived name forms are computed once per distinct value
(dictionary encoding + the normaliser's caches), never per row.
"""

from __future__ import annotations

import csv
import gc
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from corridor.matching.dates import parse_birth_date
from corridor.matching.normalise import naive_form, name_forms_many

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
    cons: pa.Array  # consonant key without spaces (a name written as one word or two meets itself)
    gender: pa.Array


def _header(path: Path) -> list[str]:
    """The header row, read with Python's csv module (clear messages for the commonest faults)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8.") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror}).") from exc
    if header is None:
        raise InputError(f"{path}: the file is empty.")
    header = [h.strip() for h in header]
    missing = [c for c in INPUT_COLUMNS if c not in header]
    if missing:
        raise InputError(f"{path}: missing column(s): {', '.join(missing)}.")
    return header


def read_records_csv(path: Path | str) -> pa.Table:
    """Read a records CSV (UTF-8, header per :data:`INPUT_COLUMNS`); raise InputError when broken.

    The rows are parsed by Arrow's CSV reader (multi-threaded, C++): a 100,000-row file in a
    tenth of the time of Python's csv module. Quoted fields may hold commas and line breaks;
    blank lines are skipped; extra columns are ignored.
    """
    path = Path(path)
    header = _header(path)
    options = pacsv.ConvertOptions(
        column_types=dict.fromkeys(INPUT_COLUMNS, pa.string()),
        include_columns=list(INPUT_COLUMNS),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    read = pacsv.ReadOptions(column_names=header, skip_rows=1)
    try:
        table = pacsv.read_csv(
            path,
            read_options=read,
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=options,
        )
    except pa.ArrowInvalid as exc:
        raise InputError(f"{path}: {_arrow_message(str(exc))}") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc}).") from exc
    if table.num_rows == 0:
        raise InputError(f"{path}: the file has a header but no records.")
    table = pa.table({c: pc.utf8_trim_whitespace(table[c].combine_chunks()) for c in INPUT_COLUMNS})
    return _validated(table)


def _arrow_message(message: str) -> str:
    """Arrow's parse and conversion errors in the words of the CSV contract."""
    if "UTF8" in message or "UTF-8" in message:
        return "not valid UTF-8; save the file as UTF-8."
    found = re.search(r"Expected (\d+) columns, got (\d+): (.*)", message)
    if found:
        expected, got, row = found.groups()
        return f"expected {expected} fields, found {got} in the row starting {row[:60]!r}."
    return message.splitlines()[0]


def _validated(table: pa.Table) -> pa.Table:
    ids = table["record_id"]
    if pc.any(pc.equal(ids, "")).as_py():
        raise InputError("every record needs a record_id.")
    if len(pc.unique(ids)) != len(ids):
        raise InputError("record_id values must be unique within a file.")
    return table


def records_from_columns(columns: Mapping[str, Iterable[Any]]) -> pa.Table:
    """Build a records table from column lists or from row dicts turned into columns."""
    data = {c: [("" if v is None else str(v)) for v in columns.get(c, [])] for c in INPUT_COLUMNS}
    length = max(len(v) for v in data.values())
    for name, values in data.items():
        if not values:
            data[name] = [""] * length
    return _validated(pa.table({c: pa.array(v, pa.string()) for c, v in data.items()}))


def records_from_table(table: pa.Table) -> pa.Table:
    """A records table with every input column as text (missing columns empty, nulls empty)."""
    columns = {}
    for name in INPUT_COLUMNS:
        if name in table.column_names:
            column = pc.cast(table[name], pa.string())
            columns[name] = pc.fill_null(column, "").combine_chunks()
        else:
            columns[name] = pa.array([""] * table.num_rows, pa.string())
    return _validated(pa.table(columns))


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


FormRow = tuple[str | None, ...]  # original, pivot, skeleton, stem, consonants, gender
# Below this many distinct name values a second process saves nothing (measured at 42,000:
# forms 1.1 s in two processes, 1.1–1.5 s in one, and the rest of the preparation slower).
PARALLEL_MIN_VALUES = 100_000


def _designed_rows(values: list[str]) -> list[FormRow]:
    rows: list[FormRow] = []
    for n in name_forms_many(values):
        cons = n.consonants.replace(" ", "")
        rows.append(
            (
                n.original or None,
                n.pivot or None,
                n.skeleton or None,
                n.stem or None,
                cons or None,
                n.gender or None,
            )
        )
    return rows


def _workers() -> int:
    return min(len(os.sched_getaffinity(0)), 4) if hasattr(os, "sched_getaffinity") else 1


def _designed_rows_in_processes(values: list[str], workers: int) -> list[FormRow]:
    """Split the values between this process and ``workers - 1`` forked ones (pure Python work).

    Every ``workers``-th value goes to the same process, so that each gets a like share of the
    costlier scripts (sorted values put all Cyrillic after all Latin). The children only run
    the normaliser on strings and return tuples of strings; they touch no database, file or
    Arrow buffer, so forking a process that holds those is safe here.
    """
    chunks = [values[i::workers] for i in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
        pending = pool.map_async(_designed_rows, chunks[1:])
        parts = [_designed_rows(chunks[0]), *pending.get()]
    rows: list[FormRow] = [()] * len(values)
    for offset, part in enumerate(parts):
        rows[offset::workers] = part
    return rows


def name_forms_table(values: list[str], *, naive: bool) -> dict[str, FormRow]:
    """Derived forms of each distinct value; in naive mode every form is the naive fold (baseline).

    Many values (a large file) are normalised on every available core.
    """
    if naive:
        folded = [_none_if_empty(naive_form(v)) for v in values]
        return {v: (f, f, f, f, f, f) for v, f in zip(values, folded, strict=True)}
    workers = _workers()
    if len(values) >= PARALLEL_MIN_VALUES and workers > 1:
        rows = _designed_rows_in_processes(values, workers)
    else:
        rows = _designed_rows(values)
    return dict(zip(values, rows, strict=True))


def name_columns(column: pa.ChunkedArray | pa.Array, forms: Mapping[str, FormRow]) -> NameColumns:
    """Derived forms of one name column, looked up once per distinct value and spread back."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded = pc.dictionary_encode(column)
    rows = [forms[v] for v in encoded.dictionary.to_pylist()]

    def spread(values: list[Any], typ: pa.DataType) -> pa.Array:
        return pc.take(pa.array(values, typ), encoded.indices)

    orig, pivot, skel, stem, cons, gender = (spread([row[i] for row in rows], pa.string()) for i in range(6))
    return NameColumns(orig, pivot, skel, stem, cons, gender)


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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while millions of strings and tuples are made.

    The normaliser makes no reference cycles, but the collector still walks every live object
    each time enough new ones accumulate: a third of the normalisation time at 100k records.
    Whatever cycles appear meanwhile are collected after it resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def prepare_records(table: pa.Table, *, naive: bool = False) -> pa.Table:
    """Add the derived columns the linkage model compares and blocks on."""
    return prepare_tables([table], naive=naive)[0]


def prepare_tables(tables: Sequence[pa.Table], *, naive: bool = False) -> list[pa.Table]:
    """:func:`prepare_records` for several tables, normalising their name values together.

    A name found in both files of a link is normalised once, and all distinct values of both
    are split between the cores in one go. The designed pipeline first puts a whole name written
    in one field into its fields and drops a leading "Mohammad" (:func:`restructure_names`).
    """
    if not naive:
        tables = [restructure_names(table) for table in tables]
    with _collector_paused():
        distinct: set[str] = set()
        for table in tables:
            for name in NAME_FIELDS:
                distinct.update(pc.unique(table[name]).to_pylist())
        forms = name_forms_table(sorted(distinct), naive=naive)
        return [_prepare(table, forms) for table in tables]


NAME_FIELDS = ("given_name", "family_name", "patronymic", "birth_place")

# "Mohammad" before another given name: so common among Afghan (and many other) men that a
# record may carry it or not (محمد نجیب ~ Najib); it says almost nothing about who the man is.
_MOHAMMAD = re.compile(
    r"^(mohammad|mohammed|muhammad|muhammed|mohamad|muhamad|mohamed|mahammad|məhəmməd|mehmet|"
    r"mohd|md|мохаммад|мохаммед|мухаммад|мухаммед|мухамед|магомед|محمد)\s+(?=\S)",
    re.IGNORECASE,
)


def drop_mohammad(given: str) -> str:
    """A given name without a leading Mohammad when another name follows (Mohammad Najib → Najib)."""
    return _MOHAMMAD.sub("", given, count=1) if " " in given else given


def _name_parts(value: str) -> list[tuple[str, str]]:
    """Words of a whole name with their kind; a word and the filial word after it are one part."""
    from corridor.matching.normalise import name_forms
    from corridor.matching.normalise.structure import FILIAL_WORDS, parse_surname

    words = value.split()
    pivots = [name_forms(w).pivot.lower() for w in words]
    parts: list[tuple[str, str]] = []  # (raw text, kind)
    index = 0
    while index < len(words):
        if index + 1 < len(words) and pivots[index + 1] in FILIAL_WORDS:
            parts.append((f"{words[index]} {words[index + 1]}", "filial"))
            index += 2
            continue
        parts.append((words[index], parse_surname(pivots[index]).kind))
        index += 1
    return parts


def split_one_field(value: str) -> tuple[str, str, str]:
    """(family, given, patronymic) of a whole name written in one field, by the words' endings.

    A word followed by a filial word (Асан уулу, Rauf oğlu) is one part; a part with a
    patronymic ending is the patronymic; one with a surname ending (-ov, -ova, -zoda, a filial
    word) the family name; the first other part the given name, and what is left the family
    name. Without any ending the first part is taken as the family name (registry order);
    order does not matter to the name comparison, which also reads swapped names.
    """
    family = given = patronymic = ""
    rest: list[str] = []
    filial: list[str] = []
    for text, kind in _name_parts(value):
        if kind == "patronymic" and not patronymic:
            patronymic = text
        elif kind in ("gendered", "zoda") and not family:
            family = text
        elif kind == "filial":
            filial.append(text)
        else:
            rest.append(text)
    for text in filial:  # "Асан уулу" is a surname, or after one a father's name (Парвиз гызы)
        if not family:
            family = text
        elif not patronymic:
            patronymic = text
        else:
            rest.append(text)
    if not family and len(rest) > 1:
        family = rest.pop(0)
    given = " ".join(rest)
    return family, given, patronymic


def restructure_names(table: pa.Table) -> pa.Table:
    """Names put into their fields: a whole name in one field split, a leading Mohammad dropped."""
    given = table["given_name"].to_pylist()
    family = table["family_name"].to_pylist()
    patronymic = table["patronymic"].to_pylist()
    changed = False
    for i in range(len(given)):
        if given[i] and " " in given[i]:
            dropped = drop_mohammad(given[i])
            if dropped != given[i]:
                given[i], changed = dropped, True
        g, f = given[i], family[i]
        whole = f if not g else g if not f else ""
        if whole and " " in whole:
            new_f, new_g, new_p = split_one_field(whole)
            if new_f and new_g:
                family[i], given[i] = new_f, new_g
                if new_p and not patronymic[i]:
                    patronymic[i] = new_p
                changed = True
    if not changed:
        return table
    for name, values in (("given_name", given), ("family_name", family), ("patronymic", patronymic)):
        table = table.set_column(table.schema.get_field_index(name), name, pa.array(values, pa.string()))
    return table


def _prepare(table: pa.Table, forms: Mapping[str, FormRow]) -> pa.Table:
    given, family, patronymic, place = (name_columns(table[name], forms) for name in NAME_FIELDS)
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
        "fam_orig": family.orig,
        "fam_pivot": family.pivot,
        "fam_stem": family.stem,
        "fam_skel": family.skel,
        "pat_pivot": patronymic.pivot,
        "pat_stem": patronymic.stem,
        "pat_cons": patronymic.cons,
        "given_cons": given.cons,
        "fam_cons": family.cons,
        "bp_pivot": place.pivot,
        "bp_skel": place.skel,
        "bp_cons": place.cons,
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
        ("dob_lo", pa.int32()),  # an estimated age range as birth years (dob_y is then None)
        ("dob_hi", pa.int32()),
    ]
)
