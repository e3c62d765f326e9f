"""Reading an HSDS file (JSON document or CSV package) into the register: all or nothing.

1. The file becomes flat tables of rows, each row remembering where it came from
   (``services[2].service_at_locations[0].location`` or ``phones.csv, line 7``).
2. Every row is checked against the specification (``hsds.validate_row``) and against what
   this register can keep (known languages, countries, units, links that resolve, ids not
   owned by another state).
3. Only when nothing is wrong does anything get written — inside the caller's transaction,
   so a failure halfway (a database constraint) also leaves nothing behind.

Problems are reported with the place, the field and a translated message.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from corridor.core.errors import ApplicationError
from corridor.services import hsds
from corridor.services.hsds_export import NESTED_IN, NESTED_ONE

MAX_PROBLEMS = 50
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class SourceRow:
    where: str
    values: dict[str, Any]


@dataclass
class Parsed:
    tables: dict[str, list[SourceRow]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # tables and columns this register does not keep

    def add(self, table: str, where: str, values: dict[str, Any]) -> None:
        self.tables.setdefault(table, []).append(SourceRow(where, values))


@dataclass(frozen=True)
class ImportProblem:
    where: str
    field: str
    message: str

    def __str__(self) -> str:
        if self.field:
            return _("{where}, field “{field}”: {message}").format(
                where=self.where, field=self.field, message=self.message
            )
        return _("{where}: {message}").format(where=self.where, message=self.message)


class HsdsInvalid(ApplicationError):
    """The file does not validate; nothing was imported. Each problem names place and field."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__(
            _("The HSDS file does not validate; nothing was imported."),
            fields={"file": [str(p) for p in problems]},
        )


def spec_message(code: str, params: dict[str, Any]) -> str:
    messages = {
        "required": _("HSDS requires this field and it is missing or empty."),
        "uuid": _("This must be a UUID."),
        "email": _("This must be an email address."),
        "uri": _("This must be a full web address (with https://)."),
        "number": _("This must be a number."),
        "string": _("This must be text."),
        "date": _("This must be a date written YYYY-MM-DD."),
        "date-time": _("This must be a date and time in ISO 8601."),
        "time": _("This must be a time written HH:MM."),
    }
    if code == "enum":
        return _("This must be one of: {allowed}.").format(allowed=params.get("allowed", ""))
    return messages.get(code, code)


# --- reading the two serialisations ------------------------------------------------------


def parse_csv_package(data: bytes, *, name: str = "package.zip") -> Parsed:
    """A zip of CSV files named as HSDS names them (``datapackage.json`` is optional)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise HsdsInvalid([ImportProblem(name, "", _("This is not a zip file of HSDS CSV files."))]) from exc
    parsed = Parsed()
    with archive:
        names = {info.filename.rsplit("/", 1)[-1]: info for info in archive.infolist() if not info.is_dir()}
        for filename, info in sorted(names.items()):
            table = hsds.BY_PATH.get(filename)
            if table is None:
                if filename.endswith(".csv"):
                    parsed.ignored.append(filename)
                continue
            if info.file_size > 50 * 1024 * 1024:
                raise HsdsInvalid([ImportProblem(filename, "", _("This file is too large."))])
            try:
                text = archive.read(info).decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise HsdsInvalid([ImportProblem(filename, "", _("This file is not UTF-8 text."))]) from exc
            reader = csv.DictReader(io.StringIO(text))
            columns = reader.fieldnames or []
            parsed.ignored += [f"{filename}: {c}" for c in columns if table.field(c) is None]
            for line, row in enumerate(reader, start=2):
                values = {k: v for k, v in row.items() if k is not None and table.field(k) is not None}
                parsed.add(table.name, _("{file}, line {line}").format(file=filename, line=line), values)
        if not parsed.tables:
            raise HsdsInvalid([ImportProblem(name, "", _("The package holds no HSDS CSV file."))])
    return parsed


def parse_json_document(data: bytes, *, name: str = "register.json") -> Parsed:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HsdsInvalid([ImportProblem(name, "", _("This is not a JSON document."))]) from exc
    if isinstance(document, list):  # a bare list of services, as the API's "contents"
        document = {"services": document}
    if not isinstance(document, dict):
        raise HsdsInvalid(
            [ImportProblem(name, "", _("The document must be an object or a list of services."))]
        )
    if isinstance(document.get("contents"), list) and "services" not in document:
        document = {"services": document["contents"]}
    parsed = Parsed()
    problems: list[ImportProblem] = []
    for key, table in (("organizations", "organization"), ("services", "service")):
        items = document.get(key, [])
        if not isinstance(items, list):
            problems.append(ImportProblem(key, "", _("This must be a list.")))
            continue
        for index, item in enumerate(items):
            _walk(parsed, problems, table, item, f"{key}[{index}]", {})
    if problems:
        raise HsdsInvalid(problems)
    return parsed


# child arrays of each table, and the link each child gets from its parent
_ARRAYS: dict[str, dict[str, tuple[str, str]]] = {}
for _child, _parents in NESTED_IN.items():
    for _parent, _array, _link in _parents:
        _ARRAYS.setdefault(_parent, {})[_array] = (_child, _link)
_ARRAYS.setdefault("organization", {})["locations"] = ("location", "organization_id")
_ONE = {(t, n): (link, ref) for t, n, link, ref in NESTED_ONE}
_ONE[("service", "organization")] = ("organization_id", "organization")
_ONE[("taxonomy_term", "taxonomy")] = ("taxonomy_id", "taxonomy")


def _walk(
    parsed: Parsed, problems: list[ImportProblem], table: str, item: Any, where: str, links: dict[str, Any]
) -> None:
    """Add one nested object as a flat row, with the links its nesting implied, and its children."""
    if not isinstance(item, dict):
        problems.append(ImportProblem(where, "", _("This must be an object.")))
        return
    spec = hsds.TABLES[table]
    values = {k: v for k, v in item.items() if spec.field(k) is not None}
    for link, value in links.items():
        values.setdefault(link, value)
    if table == "attribute":
        values.setdefault("link_entity", "service")
    for key, value in item.items():
        _walk_key(parsed, problems, table, item, where, key, value, values)
    parsed.add(table, where, values)


def _walk_key(
    parsed: Parsed,
    problems: list[ImportProblem],
    table: str,
    item: dict[str, Any],
    where: str,
    key: str,
    value: Any,
    values: dict[str, Any],
) -> None:
    spec = hsds.TABLES[table]
    if (table, key) in _ONE and (isinstance(value, dict) or spec.field(key) is None):
        # A nested object standing for a link (taxonomy_term.taxonomy may also be text).
        link, referenced = _ONE[(table, key)]
        if isinstance(value, dict) and value.get("id") is not None:
            values.setdefault(link, value.get("id"))
        _walk(parsed, problems, referenced, value, f"{where}.{key}", {})
    elif key in _ARRAYS.get(table, {}):
        child, link = _ARRAYS[table][key]
        if not isinstance(value, list):
            problems.append(ImportProblem(where, key, _("This must be a list.")))
            return
        for index, sub in enumerate(value):
            _walk(parsed, problems, child, sub, f"{where}.{key}[{index}]", {link: item.get("id")})
    elif spec.field(key) is None and key not in hsds.ATTRIBUTES:
        parsed.ignored.append(f"{table}.{key}")


# --- checking ----------------------------------------------------------------------------


@dataclass
class Checked:
    """Typed rows by table and id, ready to write."""

    rows: dict[str, dict[uuid.UUID, dict[str, Any]]] = field(default_factory=dict)
    where: dict[tuple[str, uuid.UUID], str] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)

    def problem(self, where: str, field_name: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(ImportProblem(where, field_name, message))

    def get(self, table: str) -> dict[uuid.UUID, dict[str, Any]]:
        return self.rows.setdefault(table, {})

    def each(self, table: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for key, row in self.get(table).items():
            yield self.where[(table, key)], row


def check_spec(parsed: Parsed) -> Checked:
    """Fields, types, formats, enumerations and required properties; duplicate ids."""
    checked = Checked()
    for table_name, rows in parsed.tables.items():
        spec = hsds.TABLES[table_name]
        for source in rows:
            values, found = hsds.validate_row(spec, source.values, tabular=True)
            for p in found:
                checked.problem(source.where, p.field, spec_message(p.code, p.params))
            if found:
                continue
            key = values["id"]
            seen = checked.get(table_name).get(key)
            if seen is not None and seen != values:
                checked.problem(
                    source.where,
                    "id",
                    _("The id {id} is used twice with different values.").format(id=key),
                )
                continue
            checked.get(table_name)[key] = values
            checked.where.setdefault((table_name, key), source.where)
    return checked
