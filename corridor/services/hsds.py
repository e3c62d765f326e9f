"""The part of Open Referral HSDS 3.1 this register reads and writes, as the specification states it.

Written here from the published reference (docs.openreferral.org, "HSDS Reference" and the
tabular data package), not copied from its schema files: for each object, its fields, their
types and formats, enumerations, the properties required in every serialisation
(``required``) and those required only in the CSV package (``tabular_required``, the links
that nesting makes implicit in JSON). Pure Python, no Django: ``validate_row`` checks one
object and returns typed values, or the problems it found, field by field.

Two notes where the specification leaves room:

* ``service_capacity`` and ``unit`` are new in 3.1, whose tabular package does not yet name
  their files; we use ``service_capacities.csv`` and ``units.csv``.
* Dates given as plain strings (``assured_date``, ``valid_from`` …) are read as ISO 8601
  dates (YYYY-MM-DD), as their descriptions say; times (``opens_at``) as HH:MM with an
  optional seconds part and an optional UTC offset or ``Z``, which this register does not
  keep (hours are local to the location).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

VERSION = "3.1"

STRING, NUMBER = "string", "number"


@dataclass(frozen=True)
class Field:
    name: str
    type: str = STRING
    format: str = ""  # uuid, email, uri, date-time; and, from the descriptions, date and time
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str  # the object's name (organization, service …)
    path: str  # the file name in the CSV package
    fields: tuple[Field, ...]
    required: tuple[str, ...] = ("id",)
    tabular_required: tuple[str, ...] = ()

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


def _id(name: str = "id") -> Field:
    return Field(name, STRING, "uuid")


def _text(*names: str) -> tuple[Field, ...]:
    return tuple(Field(name) for name in names)


ATTRIBUTES = ("attributes", "metadata")  # arrays every object may carry; not kept here

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "organization",
            "organizations.csv",
            (
                _id(),
                *_text("name", "alternate_name", "description"),
                Field("email", format="email"),
                Field("website", format="uri"),
                Field("year_incorporated", NUMBER),
                Field("legal_status"),
                Field("logo"),
                Field("uri", format="uri"),
                _id("parent_organization_id"),
            ),
            required=("id", "name", "description"),
        ),
        Table(
            "service",
            "services.csv",
            (
                _id(),
                _id("organization_id"),
                _id("program_id"),
                *_text("name", "alternate_name", "description"),
                Field("url", format="uri"),
                Field("email", format="email"),
                Field("status", enum=("active", "inactive", "defunct", "temporarily closed")),
                *_text(
                    "interpretation_services", "application_process", "fees_description", "accreditations"
                ),
                Field("eligibility_description"),
                Field("minimum_age", NUMBER),
                Field("maximum_age", NUMBER),
                Field("assured_date", format="date"),
                Field("assurer_email", format="email"),
                Field("alert"),
                Field("last_modified", format="date-time"),
            ),
            required=("id", "name", "status"),
            tabular_required=("organization_id",),
        ),
        Table(
            "location",
            "locations.csv",
            (
                _id(),
                Field("location_type", enum=("physical", "postal", "virtual")),
                Field("url", format="uri"),
                _id("organization_id"),
                *_text("name", "alternate_name", "description", "transportation"),
                Field("latitude", NUMBER),
                Field("longitude", NUMBER),
                *_text("external_identifier", "external_identifier_type"),
            ),
            required=("id", "location_type"),
        ),
        Table(
            "address",
            "addresses.csv",
            (
                _id(),
                _id("location_id"),
                *_text("attention", "address_1", "address_2", "city", "region", "state_province"),
                *_text("postal_code", "country"),
                Field("address_type", enum=("physical", "postal", "virtual")),
            ),
            required=("id", "address_1", "city", "state_province", "postal_code", "country", "address_type"),
        ),
        Table(
            "service_at_location",
            "service_at_location.csv",
            (_id(), _id("service_id"), _id("location_id"), Field("description")),
            tabular_required=("service_id", "location_id"),
        ),
        Table(
            "phone",
            "phones.csv",
            (
                _id(),
                _id("location_id"),
                _id("service_id"),
                _id("organization_id"),
                _id("contact_id"),
                _id("service_at_location_id"),
                Field("number"),
                Field("extension", NUMBER),
                # The description lists RFC 6350's types.
                Field("type", enum=("text", "voice", "fax", "cell", "video", "pager", "textphone")),
                Field("description"),
            ),
            required=("id", "number"),
        ),
        Table(
            "schedule",
            "schedules.csv",
            (
                _id(),
                _id("service_id"),
                _id("location_id"),
                _id("service_at_location_id"),
                Field("valid_from", format="date"),
                Field("valid_to", format="date"),
                Field("dtstart"),
                Field("timezone", NUMBER),
                Field("until"),
                Field("count", NUMBER),
                Field("wkst", enum=("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
                Field("freq", enum=("WEEKLY", "MONTHLY")),
                Field("interval", NUMBER),
                *_text("byday", "byweekno", "bymonthday", "byyearday", "description"),
                Field("opens_at", format="time"),
                Field("closes_at", format="time"),
                Field("schedule_link", format="uri"),
                *_text("attending_type", "notes"),
            ),
        ),
        Table(
            "language",
            "languages.csv",
            (_id(), _id("service_id"), _id("location_id"), _id("phone_id"), *_text("name", "code", "note")),
        ),
        Table(
            "contact",
            "contacts.csv",
            (
                _id(),
                _id("organization_id"),
                _id("service_id"),
                _id("service_at_location_id"),
                _id("location_id"),
                *_text("name", "title", "department"),
                Field("email", format="email"),
            ),
        ),
        Table(
            "cost_option",
            "cost_options.csv",
            (
                _id(),
                _id("service_id"),
                Field("valid_from", format="date"),
                Field("valid_to", format="date"),
                Field("option"),
                Field("currency"),
                Field("amount", NUMBER),
                Field("amount_description"),
            ),
            tabular_required=("service_id",),
        ),
        Table(
            "taxonomy",
            "taxonomies.csv",
            (_id(), *_text("name", "description"), Field("uri", format="uri"), Field("version")),
            required=("id", "name", "description"),
        ),
        Table(
            "taxonomy_term",
            "taxonomy_terms.csv",
            (
                _id(),
                *_text("code", "name", "description"),
                _id("parent_id"),
                Field("taxonomy"),
                Field("language"),
                _id("taxonomy_id"),
                Field("term_uri", format="uri"),
            ),
            required=("id", "name", "description"),
        ),
        Table(
            "attribute",
            "attributes.csv",
            (
                _id(),
                _id("link_id"),
                _id("taxonomy_term_id"),
                *_text("link_type", "link_entity", "value", "label"),
            ),
            tabular_required=("link_id", "taxonomy_term_id", "link_entity"),
        ),
        Table(
            "unit",
            "units.csv",
            (_id(), *_text("name", "scheme", "identifier"), Field("uri", format="uri")),
            required=("id", "name"),
        ),
        Table(
            "service_capacity",
            "service_capacities.csv",
            (
                _id(),
                _id("service_id"),
                _id("unit_id"),
                Field("available", NUMBER),
                Field("maximum", NUMBER),
                Field("description"),
                Field("updated", format="date-time"),
            ),
            # ``unit`` (the nested object) is required in JSON; ``unit_id`` stands for it in CSV.
            required=("id", "available", "updated"),
            tabular_required=("unit_id", "service_id"),
        ),
    )
}

# Objects of HSDS that this register does not keep: read past, and reported, on import.
NOT_KEPT = {
    "program": "programs.csv",
    "funding": "funding.csv",
    "service_area": "service_areas.csv",
    "required_document": "required_documents.csv",
    "accessibility": "accessibility.csv",
    "metadata": "metadata.csv",
    "meta_table_description": "meta_table_descriptions.csv",
    "organization_identifier": "organization_identifiers.csv",
    "url": "urls.csv",
}
BY_PATH = {table.path: table for table in TABLES.values()}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$")


class Problem(ValueError):
    """One value that does not meet the specification; ``code`` names the rule."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise Problem("number")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            parsed = float(value.strip())
        except ValueError as exc:
            raise Problem("number") from exc
        return int(parsed) if parsed.is_integer() else parsed
    raise Problem("number")


def convert(field: Field, value: Any) -> Any:
    """The typed value of ``value`` for ``field``, or ``Problem``.

    An empty plain string stays an empty string (present, as JSON Schema's ``required``
    understands it); an empty number, enumeration or formatted value means absent (None).
    """
    if value is None:
        return None
    if value == "":
        return "" if field.type == STRING and not field.format and not field.enum else None
    if field.type == NUMBER:
        return _number(value)
    if not isinstance(value, str):
        raise Problem("string")
    text = value.strip()
    if field.enum and text not in field.enum:
        raise Problem("enum", allowed=", ".join(field.enum))
    return _formatted(field.format, text)


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError as exc:
        raise Problem("uuid") from exc


def _email(text: str) -> str:
    if not _EMAIL.match(text):
        raise Problem("email")
    return text


def _uri(text: str) -> str:
    parts = urlparse(text)
    if not (parts.scheme and (parts.netloc or parts.scheme in {"mailto", "tel"})):
        raise Problem("uri")
    return text


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise Problem("date") from exc


def _datetime(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise Problem("date-time") from exc


def _time(text: str) -> dt.time:
    match = _TIME.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59 or int(match[3] or 0) > 59:
        raise Problem("time")
    return dt.time(int(match[1]), int(match[2]), int(match[3] or 0))


_FORMATS = {
    "uuid": _uuid,
    "email": _email,
    "uri": _uri,
    "date": _date,
    "date-time": _datetime,
    "time": _time,
}


def _formatted(fmt: str, text: str) -> Any:
    check = _FORMATS.get(fmt)
    return check(text) if check else text


@dataclass(frozen=True)
class FieldProblem:
    field: str
    code: str
    params: dict[str, Any]


def validate_row(
    table: Table, row: dict[str, Any], *, tabular: bool
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Typed values of the fields this table defines, and the problems found.

    Required properties must be present and not empty; in the CSV package the tabular
    links are required too. Unknown keys are left to the caller (JSON nests arrays there).
    """
    problems: list[FieldProblem] = []
    values: dict[str, Any] = {}
    for field in table.fields:
        if field.name not in row:
            continue
        try:
            values[field.name] = convert(field, row[field.name])
        except Problem as problem:
            problems.append(FieldProblem(field.name, problem.code, problem.params))
    required = table.required + (table.tabular_required if tabular else ())
    for name in required:
        if name == "unit" or any(p.field == name for p in problems):
            continue
        if values.get(name) is None:
            problems.append(FieldProblem(name, "required", {}))
    return values, problems
