"""The register as HSDS 3.1: flat tables, the CSV package (a zip) and the JSON document.

``export_tables`` is the one mapping from our models to HSDS objects; the CSV package
writes its tables as files, the JSON document nests them the way HSDS's compiled
``service`` object does. Derived identifiers (an address folded into its location, the
attribute linking a service to a need, capacity rows) are UUIDv5 of their owner's id, so an
export → import → export gives the same file.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from corridor.reference.models import Country
from corridor.services import hsds
from corridor.services.models import (
    Contact,
    CostOption,
    Location,
    Need,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)

Row = dict[str, Any]
Tables = dict[str, list[Row]]

NEEDS_TAXONOMY_ID = uuid.uuid5(uuid.NAMESPACE_URL, "corridor:taxonomy:needs")
PLACE_UNIT = {
    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "corridor:unit:place")),
    "name": "place",
    "scheme": "corridor",
    "identifier": "place",
}
CRISIS_UNIT = {
    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "corridor:unit:crisis-spare-place")),
    "name": "extra place in a crisis",
    "scheme": "corridor",
    "identifier": "crisis-spare-place",
}


def derived_id(owner: uuid.UUID, what: str) -> str:
    return str(uuid.uuid5(owner, what))


def _number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _time(value: Any) -> str | None:
    return value.strftime("%H:%M") if value else None


def _links(row: Any, names: Iterable[str]) -> Row:
    """``<name>_id`` for each linked object the row has."""
    out: Row = {}
    for name in names:
        target = getattr(row, name)
        if target is not None:
            out[f"{name}_id"] = str(target.uuid)
    return out


def export_tables(services: QuerySet[Service], organizations: QuerySet[Organization]) -> Tables:
    """HSDS tables for these services and organisations (both already scoped by the caller)."""
    services = services.select_related("organization").prefetch_related("needs")
    service_ids = list(services.values_list("pk", flat=True))
    orgs = list(organizations.order_by("uuid")) + [s.organization for s in services]
    org_rows = {str(o.uuid): _organization(o) for o in orgs}
    places = list(
        ServiceAtLocation.objects.unscoped()
        .filter(service_id__in=service_ids)
        .select_related("service", "location")
        .order_by("uuid")
    )
    locations = {p.location.pk: p.location for p in places}
    location_ids = list(locations)
    place_ids = [p.pk for p in places]
    countries = dict(Country.objects.values_list("iso3", "iso2"))
    tables: Tables = {name: [] for name in hsds.TABLES}
    tables["organization"] = [org_rows[key] for key in sorted(org_rows)]
    for service in sorted(services, key=lambda s: str(s.uuid)):
        tables["service"].append(_service(service))
        tables["service_capacity"] += _capacities(service)
        for need in sorted(service.needs.all(), key=lambda n: n.code):
            tables["attribute"].append(
                {
                    "id": derived_id(service.uuid, f"need:{need.code}"),
                    "link_id": str(service.uuid),
                    "taxonomy_term_id": str(need.uuid),
                    "link_entity": "service",
                    "link_type": "need",
                }
            )
    for location in sorted(locations.values(), key=lambda loc: str(loc.uuid)):
        tables["location"].append(_location(location))
        if location.address_1 or location.city:
            tables["address"].append(_address(location, countries))
    tables["service_at_location"] = [
        {
            "id": str(p.uuid),
            "service_id": str(p.service.uuid),
            "location_id": str(p.location.uuid),
            "description": p.description,
        }
        for p in places
    ]
    tables["phone"] = _phones(service_ids, location_ids, place_ids, orgs)
    tables["schedule"] = _schedules(service_ids, location_ids, place_ids)
    tables["language"] = _languages(service_ids, location_ids)
    tables["contact"] = _contacts(service_ids, orgs)
    tables["cost_option"] = _costs(service_ids)
    used = {row["taxonomy_term_id"] for row in tables["attribute"]}
    terms = Need.objects.filter(uuid__in=used).select_related("parent").order_by("uuid")
    tables["taxonomy_term"] = [_term(need) for need in terms]
    if tables["taxonomy_term"]:
        tables["taxonomy"] = [
            {
                "id": str(NEEDS_TAXONOMY_ID),
                "name": "Corridor needs",
                "description": "Needs of migrants that services of the Almaty Process register meet.",
            }
        ]
    if tables["service_capacity"]:
        units = {row["unit_id"] for row in tables["service_capacity"]}
        tables["unit"] = [unit for unit in (PLACE_UNIT, CRISIS_UNIT) if unit["id"] in units]
    return tables


def _organization(o: Organization) -> Row:
    return {
        "id": str(o.uuid),
        "name": o.name,
        "alternate_name": o.alternate_name,
        "description": o.description,
        "email": o.email,
        "website": o.website,
        "legal_status": o.legal_status,
        "year_incorporated": o.year_incorporated,
    }


def _service(s: Service) -> Row:
    return {
        "id": str(s.uuid),
        "organization_id": str(s.organization.uuid),
        "name": s.name,
        "alternate_name": s.alternate_name,
        "description": s.description,
        "url": s.url,
        "email": s.email,
        "status": s.status,
        "interpretation_services": s.interpretation_services,
        "application_process": s.application_process,
        "fees_description": s.fees_description,
        "eligibility_description": s.eligibility_description,
        "minimum_age": s.minimum_age,
        "maximum_age": s.maximum_age,
        "alert": s.alert,
        "assured_date": s.verified_at.date().isoformat() if s.verified_at else None,
    }


def _capacities(s: Service) -> list[Row]:
    updated = s.capacity_updated_at.isoformat() if s.capacity_updated_at else None
    rows = []
    if s.capacity_available is not None and updated:
        rows.append(
            {
                "id": derived_id(s.uuid, "capacity:place"),
                "service_id": str(s.uuid),
                "unit_id": PLACE_UNIT["id"],
                "available": s.capacity_available,
                "maximum": s.capacity_total,
                "updated": updated,
            }
        )
    if s.crisis_spare_capacity is not None and updated:
        rows.append(
            {
                "id": derived_id(s.uuid, "capacity:crisis"),
                "service_id": str(s.uuid),
                "unit_id": CRISIS_UNIT["id"],
                "available": s.crisis_spare_capacity,
                "updated": updated,
            }
        )
    return rows


def _location(loc: Location) -> Row:
    return {
        "id": str(loc.uuid),
        "location_type": loc.location_type,
        "organization_id": str(loc.organization.uuid) if loc.organization else None,
        "name": loc.name,
        "alternate_name": loc.alternate_name,
        "description": loc.description,
        "transportation": loc.transportation,
        "latitude": _number(loc.latitude),
        "longitude": _number(loc.longitude),
    }


def _address(loc: Location, countries: dict[str, str]) -> Row:
    return {
        "id": derived_id(loc.uuid, "address"),
        "location_id": str(loc.uuid),
        "address_1": loc.address_1,
        "address_2": loc.address_2,
        "city": loc.city,
        "region": loc.region,
        "state_province": loc.state_province,
        "postal_code": loc.postal_code,
        "country": countries.get(loc.country_id or "", ""),
        "address_type": loc.location_type,
    }


def _phones(
    services: list[int], locations: list[int], places: list[int], orgs: list[Organization]
) -> list[Row]:
    from django.db.models import Q

    rows = Phone.objects.unscoped().filter(
        Q(service_id__in=services)
        | Q(location_id__in=locations)
        | Q(service_at_location_id__in=places)
        | Q(organization_id__in=[o.pk for o in orgs])
    )
    rows = rows.select_related("organization", "service", "location", "service_at_location").order_by("uuid")
    return [
        {
            "id": str(p.uuid),
            **_links(p, ("organization", "service", "location", "service_at_location")),
            "number": p.number,
            "extension": int(p.extension) if p.extension.isdigit() else None,
            "type": p.type,
            "description": p.description,
        }
        for p in rows
    ]


def _schedules(services: list[int], locations: list[int], places: list[int]) -> list[Row]:
    from django.db.models import Q

    rows = Schedule.objects.unscoped().filter(
        Q(service_id__in=services) | Q(location_id__in=locations) | Q(service_at_location_id__in=places)
    )
    rows = rows.select_related("service", "location", "service_at_location").order_by("uuid")
    return [
        {
            "id": str(s.uuid),
            **_links(s, ("service", "location", "service_at_location")),
            "freq": s.freq or None,
            "byday": s.byday,
            "opens_at": _time(s.opens_at),
            "closes_at": _time(s.closes_at),
            "valid_from": s.valid_from.isoformat() if s.valid_from else None,
            "valid_to": s.valid_to.isoformat() if s.valid_to else None,
            "description": s.description,
        }
        for s in rows
    ]


def _languages(services: list[int], locations: list[int]) -> list[Row]:
    from django.db.models import Q

    rows = ServiceLanguage.objects.unscoped().filter(
        Q(service_id__in=services) | Q(location_id__in=locations)
    )
    rows = rows.select_related("service", "location", "language").order_by("uuid")
    return [
        {
            "id": str(lang.uuid),
            **_links(lang, ("service", "location")),
            "name": lang.language.name_en,
            "code": lang.language_id,
            "note": lang.note,
        }
        for lang in rows
    ]


def _contacts(services: list[int], orgs: list[Organization]) -> list[Row]:
    from django.db.models import Q

    rows = Contact.objects.unscoped().filter(
        Q(service_id__in=services) | Q(organization_id__in=[o.pk for o in orgs])
    )
    rows = rows.select_related("organization", "service").order_by("uuid")
    return [
        {
            "id": str(c.uuid),
            **_links(c, ("organization", "service")),
            "name": c.name,
            "title": c.title,
            "department": c.department,
            "email": c.email,
        }
        for c in rows
    ]


def _costs(services: list[int]) -> list[Row]:
    rows = (
        CostOption.objects.unscoped()
        .filter(service_id__in=services)
        .select_related("service")
        .order_by("uuid")
    )
    return [
        {
            "id": str(c.uuid),
            "service_id": str(c.service.uuid),
            "option": c.option,
            "currency": c.currency,
            "amount": _number(c.amount),
            "amount_description": c.amount_description,
            "valid_from": c.valid_from.isoformat() if c.valid_from else None,
            "valid_to": c.valid_to.isoformat() if c.valid_to else None,
        }
        for c in rows
    ]


def _term(need: Need) -> Row:
    return {
        "id": str(need.uuid),
        "code": need.code,
        "name": need.name,
        "description": need.description,
        "parent_id": str(need.parent.uuid) if need.parent else None,
        "taxonomy": need.taxonomy,
        "taxonomy_id": str(NEEDS_TAXONOMY_ID) if need.taxonomy == "corridor-needs" else None,
    }


# --- serialisations ----------------------------------------------------------------------


def _clean_json(row: Row) -> Row:
    return {key: value for key, value in row.items() if value is not None}


def to_csv_package(tables: Tables) -> bytes:
    """A zip with ``datapackage.json`` and one CSV file per non-empty table, named as HSDS names them."""
    buffer = io.BytesIO()
    resources = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, table in hsds.TABLES.items():
            rows = tables.get(name) or []
            if not rows:
                continue
            columns = [c for c in table.columns if any(c in row for row in rows)]
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
            archive.writestr(table.path, text.getvalue())
            resources.append(
                {
                    "name": name,
                    "path": table.path,
                    "profile": "tabular-data-resource",
                    "schema": {"fields": [_schema_field(table, column) for column in columns]},
                }
            )
        package = {
            "name": "corridor-service-register",
            "profile": "tabular-data-package",
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(package, indent=2, ensure_ascii=False))
    return buffer.getvalue()


def _schema_field(table: hsds.Table, column: str) -> dict[str, Any]:
    field = table.field(column)
    assert field is not None
    out: dict[str, Any] = {"name": column, "type": field.type}
    if field.format in {"uuid", "email", "uri"}:
        out["format"] = field.format
    return out


# Where each table nests inside another in the JSON document, and by which link.
NESTED_IN: dict[str, tuple[tuple[str, str, str], ...]] = {
    # child table: ((parent table, array name, link field), …) — first match wins
    "service_at_location": (("service", "service_at_locations", "service_id"),),
    "address": (("location", "addresses", "location_id"),),
    "phone": (
        ("service_at_location", "phones", "service_at_location_id"),
        ("service", "phones", "service_id"),
        ("location", "phones", "location_id"),
        ("organization", "phones", "organization_id"),
    ),
    "schedule": (
        ("service_at_location", "schedules", "service_at_location_id"),
        ("service", "schedules", "service_id"),
        ("location", "schedules", "location_id"),
    ),
    "language": (("service", "languages", "service_id"), ("location", "languages", "location_id")),
    "contact": (("service", "contacts", "service_id"), ("organization", "contacts", "organization_id")),
    "cost_option": (("service", "cost_options", "service_id"),),
    "service_capacity": (("service", "capacities", "service_id"),),
    "attribute": (("service", "attributes", "link_id"),),
}
# One nested object standing for a link: (table, object name, link field, referenced table).
NESTED_ONE = (
    ("service_at_location", "location", "location_id", "location"),
    ("service_capacity", "unit", "unit_id", "unit"),
    ("attribute", "taxonomy_term", "taxonomy_term_id", "taxonomy_term"),
)


def to_json_document(tables: Tables) -> dict[str, Any]:
    """``{"version", "organizations": [...], "services": [...]}``: organisations with their
    phones and contacts; services as HSDS's compiled ``service`` object (service at
    locations with their location and its address, phones, hours, languages, contacts,
    costs, capacities with their unit, attributes with their taxonomy term)."""
    objects = {name: {row["id"]: _clean_json(row) for row in rows} for name, rows in tables.items()}
    for child, parents in NESTED_IN.items():
        for row in objects.get(child, {}).values():
            for parent_table, array, link in parents:
                parent = objects[parent_table].get(row.get(link, ""))
                if parent is not None:
                    parent.setdefault(array, []).append(row)
                    break
    for table, name, link, referenced in NESTED_ONE:
        for row in objects.get(table, {}).values():
            target = objects[referenced].get(row.get(link, ""))
            if target is not None:
                row[name] = target
    return {
        "version": hsds.VERSION,
        "organizations": list(objects["organization"].values()),
        "services": list(objects["service"].values()),
    }


def to_json_bytes(tables: Tables) -> bytes:
    return json.dumps(to_json_document(tables), indent=2, ensure_ascii=False).encode("utf-8")
