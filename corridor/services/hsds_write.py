"""Writing a checked HSDS file into a state's register: links resolved, then rows written.

The second half of an import (the first, reading and checking, is ``hsds_import``); split out so
that each file stays readable.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from corridor.services.hsds_export import CRISIS_UNIT, PLACE_UNIT
from corridor.services.hsds_import import WEEKDAYS, Checked


def unit_field(unit: dict[str, Any]) -> str | None:
    """Which capacity column a unit stands for (this register counts two kinds of place)."""
    if unit.get("id") == uuid.UUID(PLACE_UNIT["id"]) or unit.get("identifier") == PLACE_UNIT["identifier"]:
        return "place"
    if unit.get("id") == uuid.UUID(CRISIS_UNIT["id"]) or unit.get("identifier") == CRISIS_UNIT["identifier"]:
        return "crisis"
    return None


def need_code(term: dict[str, Any]) -> str:
    return slugify(term.get("code") or term.get("name") or "")[:60]


def aware(value: dt.datetime) -> dt.datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)


def assured_at(value: dt.date | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.combine(value, dt.time(0), tzinfo=dt.UTC)


def decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# --- resolving links and writing ---------------------------------------------------------


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    verification_kept: bool = False


class Writer:
    """Resolves every link against the file and the state's register, then writes.

    ``check()`` finds every problem first; ``write()`` runs only when there is none.
    """

    def __init__(self, *, state: str, checked: Checked, keep_verification: bool) -> None:
        from corridor.reference.models import Country, Language

        self.state = state
        self.c = checked
        self.keep_verification = keep_verification
        self.countries = dict(Country.objects.values_list("iso2", "iso3"))
        self.languages = set(Language.objects.values_list("code", flat=True))
        self.objects: dict[str, dict[uuid.UUID, Any]] = {}

    # existing rows of the state, by uuid, for links the file does not define itself
    def _existing(self, model: Any, ids: set[uuid.UUID]) -> dict[uuid.UUID, Any]:
        if not ids:
            return {}
        rows = model.objects.unscoped().filter(uuid__in=ids)
        found = {}
        for row in rows:
            found[row.uuid] = row
        return found

    def check(self) -> None:
        from corridor.services import models as m

        tables = {
            "organization": m.Organization,
            "service": m.Service,
            "location": m.Location,
            "service_at_location": m.ServiceAtLocation,
            "phone": m.Phone,
            "schedule": m.Schedule,
            "language": m.ServiceLanguage,
            "contact": m.Contact,
            "cost_option": m.CostOption,
        }
        for table, model in tables.items():
            existing = self._existing(model, set(self.c.get(table)))
            foreign = {key for key, row in existing.items() if row.state_id != self.state}
            for where, row in self.c.each(table):
                if row["id"] in foreign:
                    self.c.problem(where, "id", _("This id belongs to another state's register."))
            self.objects[table] = {k: v for k, v in existing.items() if k not in foreign}
        self._check_links()
        self._check_values()

    def resolves(self, table: str, key: uuid.UUID | None) -> bool:
        if key is None or key in self.c.get(table):
            return True
        if table == "unit":
            return str(key) in {PLACE_UNIT["id"], CRISIS_UNIT["id"]}
        if table == "taxonomy_term":
            from corridor.services.models import Need

            return Need.objects.filter(uuid=key).exists()
        if table not in self.objects:
            return False
        if key in self.objects[table]:
            return True
        from corridor.services import models as m

        model = {
            "organization": m.Organization,
            "service": m.Service,
            "location": m.Location,
            "service_at_location": m.ServiceAtLocation,
        }.get(table)
        if model is None:
            return False
        row = model.objects.for_state(self.state).filter(uuid=key).first()
        if row is not None:
            self.objects[table][key] = row
        return row is not None

    def _link(self, table: str, where: str, row: dict[str, Any], name: str, target: str) -> None:
        if not self.resolves(target, row.get(name)):
            self.c.problem(
                where,
                name,
                _("No {table} with id {id} in the file or in this register.").format(
                    table=target, id=row.get(name)
                ),
            )

    def _check_links(self) -> None:
        links = {
            "service": [("organization_id", "organization")],
            "location": [("organization_id", "organization")],
            "address": [("location_id", "location")],
            "service_at_location": [("service_id", "service"), ("location_id", "location")],
            "phone": [
                ("organization_id", "organization"),
                ("service_id", "service"),
                ("location_id", "location"),
                ("service_at_location_id", "service_at_location"),
            ],
            "schedule": [
                ("service_id", "service"),
                ("location_id", "location"),
                ("service_at_location_id", "service_at_location"),
            ],
            "language": [("service_id", "service"), ("location_id", "location")],
            "contact": [("organization_id", "organization"), ("service_id", "service")],
            "cost_option": [("service_id", "service")],
            "service_capacity": [("service_id", "service"), ("unit_id", "unit")],
            "attribute": [("taxonomy_term_id", "taxonomy_term")],
        }
        for table, pairs in links.items():
            for where, row in self.c.each(table):
                for name, target in pairs:
                    self._link(table, where, row, name, target)

    def _one_of(self, where: str, row: dict[str, Any], names: tuple[str, ...], message: str) -> None:
        if not any(row.get(n) for n in names):
            self.c.problem(where, names[0], message)

    def _check_values(self) -> None:
        for check in (
            self._check_names,
            self._check_addresses,
            self._check_links_of_children,
            self._check_schedules,
            self._check_languages,
            self._check_capacity,
        ):
            check()

    def _check_names(self) -> None:
        c = self.c
        for table in ("organization", "service"):
            for where, row in c.each(table):
                if not row.get("name"):
                    c.problem(where, "name", _("This register needs a name."))
        for where, row in c.each("service"):
            for age in ("minimum_age", "maximum_age"):
                value = row.get(age)
                if value is not None and (not float(value).is_integer() or not 0 <= value <= 150):
                    c.problem(where, age, _("An age must be a whole number from 0 to 150."))
        for where, row in c.each("taxonomy_term"):
            if not need_code(row):
                c.problem(where, "code", _("A need needs a code or a name."))

    def _check_addresses(self) -> None:
        seen: set[Any] = set()
        for where, row in self.c.each("address"):
            code = (row.get("country") or "").upper()
            if code and code not in self.countries:
                message = _("Unknown ISO 3166 two-letter country code: {code}.").format(code=code)
                self.c.problem(where, "country", message)
            if row.get("location_id") in seen:
                self.c.problem(where, "location_id", _("This register keeps one address per location."))
            seen.add(row.get("location_id"))

    def _check_links_of_children(self) -> None:
        rules = (
            (
                "phone",
                ("service_at_location_id", "service_id", "location_id", "organization_id"),
                _("A phone must belong to an organisation, a service, a location or a place of service."),
            ),
            (
                "schedule",
                ("service_at_location_id", "service_id", "location_id"),
                _("Hours must belong to a service, a location or a service at a location."),
            ),
            (
                "language",
                ("service_id", "location_id"),
                _("A language must belong to a service or a location."),
            ),
            (
                "contact",
                ("service_id", "organization_id"),
                _("A contact must belong to an organisation or a service."),
            ),
        )
        for table, names, message in rules:
            for where, row in self.c.each(table):
                self._one_of(where, row, names, message)

    def _check_schedules(self) -> None:
        for where, row in self.c.each("schedule"):
            days = [d.strip() for d in (row.get("byday") or "").split(",") if d.strip()]
            if any(d not in WEEKDAYS for d in days):
                message = _("This register keeps weekdays only: MO, TU, WE, TH, FR, SA, SU.")
                self.c.problem(where, "byday", message)

    def _check_languages(self) -> None:
        for where, row in self.c.each("language"):
            if row.get("code") not in self.languages:
                message = _("Unknown language code: {codes}.").format(codes=row.get("code") or "—")
                self.c.problem(where, "code", message)

    def _check_capacity(self) -> None:
        c = self.c
        for where, row in c.each("unit"):
            if unit_field(row) is None:
                message = _("This register counts places only (units “place” and “crisis-spare-place”).")
                c.problem(where, "identifier", message)
        for where, row in c.each("service_capacity"):
            for name in ("available", "maximum"):
                value = row.get(name)
                if value is not None and (value < 0 or not float(value).is_integer()):
                    c.problem(where, name, _("A number of places must be a whole number, zero or more."))

    # --- writing ---

    def write(self) -> ImportReport:
        from corridor.services import models as m

        report = ImportReport(verification_kept=self.keep_verification)
        needs = self._write_needs()
        orgs = self._upsert(m.Organization, "organization", self._org_values)
        services = self._upsert(m.Service, "service", lambda r: self._service_values(r, orgs))
        locations = self._upsert(m.Location, "location", lambda r: self._location_values(r, orgs))
        self._write_addresses(locations)
        places = self._upsert(
            m.ServiceAtLocation,
            "service_at_location",
            lambda r: {
                "service": self._ref("service", r["service_id"], services),
                "location": self._ref("location", r["location_id"], locations),
                "description": r.get("description") or "",
            },
        )
        refs = {
            "organization": orgs,
            "service": services,
            "location": locations,
            "service_at_location": places,
        }
        self._upsert(m.Phone, "phone", lambda r: self._phone_values(r, refs))
        self._upsert(m.Schedule, "schedule", lambda r: self._schedule_values(r, refs))
        self._upsert(
            m.ServiceLanguage,
            "language",
            lambda r: {
                "service": self._ref("service", r.get("service_id"), services),
                "location": self._ref("location", r.get("location_id"), locations),
                "language_id": r["code"],
                "note": r.get("note") or "",
            },
        )
        self._upsert(
            m.Contact,
            "contact",
            lambda r: {
                "organization": self._ref("organization", r.get("organization_id"), orgs),
                "service": self._ref("service", r.get("service_id"), services),
                **{k: r.get(k) or "" for k in ("name", "title", "department", "email")},
            },
        )
        self._upsert(
            m.CostOption,
            "cost_option",
            lambda r: {
                "service": self._ref("service", r["service_id"], services),
                "option": r.get("option") or "",
                "currency": (r.get("currency") or "")[:3],
                "amount": decimal(r.get("amount")),
                "amount_description": r.get("amount_description") or "",
                "valid_from": r.get("valid_from"),
                "valid_to": r.get("valid_to"),
            },
        )
        self._write_capacity(services)
        self._write_service_needs(services, needs)
        report.counts = {table: len(rows) for table, rows in self.c.rows.items() if rows}
        return report

    def _ref(self, table: str, key: uuid.UUID | None, written: dict[uuid.UUID, Any]) -> Any:
        if key is None:
            return None
        return written.get(key) or self.objects[table][key]

    def _upsert(self, model: Any, table: str, values_of: Any) -> dict[uuid.UUID, Any]:
        written: dict[uuid.UUID, Any] = {}
        for _where, row in self.c.each(table):
            values = values_of(row)
            instance = self.objects.get(table, {}).get(row["id"])
            if instance is None:
                instance = model(uuid=row["id"], state_id=self.state, **values)
                instance.save()
            else:
                for name, value in values.items():
                    setattr(instance, name, value)
                instance.save()
            written[row["id"]] = instance
        return written

    def _org_values(self, r: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": r["name"],
            **{
                k: r.get(k) or ""
                for k in ("alternate_name", "description", "email", "website", "legal_status")
            },
            "year_incorporated": int(r["year_incorporated"])
            if r.get("year_incorporated") is not None
            else None,
        }

    def _service_values(self, r: dict[str, Any], orgs: dict[uuid.UUID, Any]) -> dict[str, Any]:
        text = (
            "alternate_name",
            "description",
            "url",
            "email",
            "interpretation_services",
            "application_process",
            "fees_description",
            "eligibility_description",
            "alert",
        )
        return {
            "organization": self._ref("organization", r["organization_id"], orgs),
            "name": r["name"],
            "status": r["status"],
            **{k: r.get(k) or "" for k in text},
            "minimum_age": int(r["minimum_age"]) if r.get("minimum_age") is not None else None,
            "maximum_age": int(r["maximum_age"]) if r.get("maximum_age") is not None else None,
            "verified_at": assured_at(r.get("assured_date")) if self.keep_verification else None,
            "verified_by": None,
        }

    def _location_values(self, r: dict[str, Any], orgs: dict[uuid.UUID, Any]) -> dict[str, Any]:
        return {
            "organization": self._ref("organization", r.get("organization_id"), orgs),
            "location_type": r["location_type"],
            **{k: r.get(k) or "" for k in ("name", "alternate_name", "description", "transportation")},
            "latitude": decimal(r.get("latitude")),
            "longitude": decimal(r.get("longitude")),
        }

    def _write_addresses(self, locations: dict[uuid.UUID, Any]) -> None:
        for _where, r in self.c.each("address"):
            location = self._ref("location", r["location_id"], locations)
            for name in ("address_1", "address_2", "city", "region", "state_province", "postal_code"):
                setattr(location, name, r.get(name) or "")
            location.country_id = self.countries.get((r.get("country") or "").upper())
            location.save()

    def _phone_values(self, r: dict[str, Any], refs: dict[str, dict[uuid.UUID, Any]]) -> dict[str, Any]:
        values = {
            name: self._ref(name, r.get(f"{name}_id"), refs[name])
            for name in ("organization", "service", "location", "service_at_location")
        }
        extension = r.get("extension")
        return {
            **values,
            "number": r["number"],
            "extension": str(int(extension)) if extension is not None else "",
            "type": r.get("type") or "voice",
            "description": r.get("description") or "",
        }

    def _schedule_values(self, r: dict[str, Any], refs: dict[str, dict[uuid.UUID, Any]]) -> dict[str, Any]:
        values = {
            name: self._ref(name, r.get(f"{name}_id"), refs[name])
            for name in ("service", "location", "service_at_location")
        }
        return {
            **values,
            "freq": r.get("freq") or "",
            "byday": ",".join(d.strip() for d in (r.get("byday") or "").split(",") if d.strip()),
            "opens_at": r.get("opens_at"),
            "closes_at": r.get("closes_at"),
            "valid_from": r.get("valid_from"),
            "valid_to": r.get("valid_to"),
            "description": r.get("description") or "",
        }

    def _write_capacity(self, services: dict[uuid.UUID, Any]) -> None:
        units = self.c.get("unit")
        changed: dict[uuid.UUID, Any] = {}
        for _where, r in self.c.each("service_capacity"):
            service = self._ref("service", r["service_id"], services)
            kind = unit_field(units.get(r["unit_id"]) or {"id": r["unit_id"]})
            available = int(r["available"])
            if kind == "place":
                service.capacity_available = available
                service.capacity_total = int(r["maximum"]) if r.get("maximum") is not None else None
            else:
                service.crisis_spare_capacity = available
            updated = aware(r["updated"])
            if (
                service.capacity_updated_at is None
                or service.pk not in changed
                or updated > service.capacity_updated_at
            ):
                service.capacity_updated_at = updated
            changed[service.pk] = service
        for service in changed.values():
            service.save()

    def _write_needs(self) -> dict[uuid.UUID, Any]:
        from corridor.services.models import Need

        needs: dict[uuid.UUID, Any] = {}
        for _where, r in self.c.each("taxonomy_term"):
            code = need_code(r)
            need = Need.objects.filter(code=code).first() or Need.objects.filter(uuid=r["id"]).first()
            if need is None:
                need = Need.objects.create(
                    uuid=r["id"],
                    code=code,
                    name=r["name"],
                    description=r.get("description") or "",
                    taxonomy=(r.get("taxonomy") or "imported")[:60],
                    position=1000,
                )
            needs[r["id"]] = need
        return needs

    def _write_service_needs(self, services: dict[uuid.UUID, Any], needs: dict[uuid.UUID, Any]) -> None:
        from corridor.services.models import Need

        by_service: dict[uuid.UUID, list[Any]] = {key: [] for key in services}
        for _where, r in self.c.each("attribute"):
            if r.get("link_entity") == "service" and r.get("link_id") in by_service:
                need = needs.get(r["taxonomy_term_id"]) or Need.objects.get(uuid=r["taxonomy_term_id"])
                by_service[r["link_id"]].append(need)
        for key, service in services.items():
            service.needs.set(by_service[key])
