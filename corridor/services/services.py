"""Writes to the service register: entries, their verification and their capacity.

Who may write what (see README): an authority of the state (``services.manage``) keeps any
entry of its state; a provider (``services.keep_own``) keeps the entries of the register
organisation linked to its own account; only an authority verifies (``services.verify``),
never for an organisation it is itself the provider of. Editing an entry withdraws its
verification (what was checked has changed); a capacity update does not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.accounts.models import Organisation
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Forbidden
from corridor.reference.models import Language
from corridor.services import hsds_export, hsds_import, hsds_write, public
from corridor.services.models import (
    Location,
    Need,
    Organization,
    Phone,
    RegisterEntry,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)

ORGANIZATION_FIELDS = frozenset(
    {"name", "alternate_name", "description", "email", "website", "legal_status", "year_incorporated"}
)
SERVICE_FIELDS = frozenset(
    {
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "alert",
    }
)
LOCATION_FIELDS = frozenset(
    {
        "location_type",
        "name",
        "alternate_name",
        "description",
        "transportation",
        "latitude",
        "longitude",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country_id",
    }
)
CAPACITY_FIELDS = ("capacity_total", "capacity_available", "crisis_spare_capacity")


# --- who may write -----------------------------------------------------------------------


def may_keep(actor: Actor, organization: Organization) -> bool:
    """May the actor change this organisation's entries (authority, or its own provider)?"""
    if actor.state is None or organization.state_id != actor.state:
        return False
    if actor.has(perms.MANAGE_SERVICE_REGISTER):
        return True
    own = actor.organisation is not None and organization.provider_id == actor.organisation.pk
    return own and actor.has(perms.KEEP_OWN_SERVICES)


def require_keeper(actor: Actor, organization: Organization) -> None:
    if not may_keep(actor, organization):
        raise Forbidden(_("You are not allowed to change the entries of this organisation."))


def may_verify(actor: Actor, service: Service) -> bool:
    if not policy.can(actor, perms.VERIFY_SERVICES, state=service.state_id):
        return False
    own = actor.organisation is not None and service.organization.provider_id == actor.organisation.pk
    return not own


# --- shared helpers ----------------------------------------------------------------------


def _clean(instance: RegisterEntry, *, exclude: Iterable[str] = ()) -> None:
    """Run the model's own field validation; a bad value becomes a message on its field."""
    try:
        instance.full_clean(exclude=[*exclude, "state", "uuid"], validate_unique=False)
    except ValidationError as exc:
        fields = {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
        raise ApplicationError(_("Some fields are not valid."), fields=fields) from exc


def _assign(instance: models.Model, allowed: frozenset[str], values: dict[str, Any]) -> list[str]:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={name: [_("This field cannot be set here.")] for name in unknown},
        )
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _needs(codes: Iterable[str]) -> list[Need]:
    wanted = sorted(set(codes))
    found = list(Need.objects.filter(code__in=wanted))
    missing = sorted(set(wanted) - {need.code for need in found})
    if missing:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"needs": [_("Unknown need: {codes}.").format(codes=", ".join(missing))]},
        )
    return found


def _languages(codes: Iterable[str]) -> list[Language]:
    wanted = sorted(set(codes))
    found = list(Language.objects.filter(code__in=wanted))
    missing = sorted(set(wanted) - {language.code for language in found})
    if missing:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"languages": [_("Unknown language code: {codes}.").format(codes=", ".join(missing))]},
        )
    return found


def _set_languages(*, service: Service, codes: Iterable[str]) -> None:
    languages = _languages(codes)
    ServiceLanguage.objects.for_state(service.state_id).filter(service=service).delete()
    ServiceLanguage.objects.bulk_create(
        [ServiceLanguage(state_id=service.state_id, service=service, language=lang) for lang in languages]
    )


# --- organisations -----------------------------------------------------------------------


@transaction.atomic
def organization_create(*, actor: Actor, provider: Organisation | None = None, **fields: Any) -> Organization:
    """Register an organisation of the actor's state.

    An authority may link any provider account of its state (or none); a provider
    registers its own organisation, which is then linked to its account.
    """
    if actor.state is None:
        raise Forbidden()
    if actor.has(perms.MANAGE_SERVICE_REGISTER):
        if provider is not None and provider.state_id != actor.state:
            raise ApplicationError(
                _("Some fields are not valid."),
                fields={"provider": [_("The provider account must belong to your state.")]},
            )
    elif actor.has(perms.KEEP_OWN_SERVICES) and actor.organisation is not None:
        provider = actor.organisation
    else:
        raise Forbidden()
    organization = Organization(state_id=actor.state, provider=provider)
    _assign(organization, ORGANIZATION_FIELDS, fields)
    _clean(organization, exclude=["provider"])
    organization.save()
    audit_record(actor=actor, action="service_organization.created", target=organization)
    return organization


@transaction.atomic
def organization_update(*, actor: Actor, organization: Organization, **fields: Any) -> Organization:
    require_keeper(actor, organization)
    changed = _assign(organization, ORGANIZATION_FIELDS, fields)
    if changed:
        _clean(organization, exclude=["provider"])
        organization.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor, action="service_organization.updated", target=organization, data={"fields": changed}
        )
    return organization


# --- services ----------------------------------------------------------------------------


@transaction.atomic
def service_create(
    *,
    actor: Actor,
    organization: Organization,
    needs: Iterable[str] = (),
    languages: Iterable[str] = (),
    **fields: Any,
) -> Service:
    require_keeper(actor, organization)
    service = Service(state_id=organization.state_id, organization=organization)
    _assign(service, SERVICE_FIELDS, fields)
    _clean(service, exclude=["organization", "verified_by"])
    _check_ages(service)
    service.save()
    service.needs.set(_needs(needs))
    _set_languages(service=service, codes=languages)
    audit_record(actor=actor, action="service.created", target=service)
    return service


def _check_ages(service: Service) -> None:
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None and low > high:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"maximum_age": [_("The maximum age must not be below the minimum age.")]},
        )


@transaction.atomic
def service_update(
    *,
    actor: Actor,
    service: Service,
    needs: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    **fields: Any,
) -> Service:
    """Change a service; whatever changed must be verified again, so verification is withdrawn."""
    require_keeper(actor, service.organization)
    changed = _assign(service, SERVICE_FIELDS, fields)
    _clean(service, exclude=["organization", "verified_by"])
    _check_ages(service)
    if needs is not None:
        new = _needs(needs)
        if {n.pk for n in new} != set(service.needs.values_list("pk", flat=True)):
            service.needs.set(new)
            changed.append("needs")
    if languages is not None:
        codes = sorted({lang.code for lang in _languages(languages)})
        old = sorted(
            ServiceLanguage.objects.for_state(service.state_id)
            .filter(service=service)
            .values_list("language_id", flat=True)
        )
        if codes != old:
            _set_languages(service=service, codes=codes)
            changed.append("languages")
    if changed:
        service.verified_at = None
        service.verified_by = None
        columns = [name for name in changed if name not in {"needs", "languages"}]
        service.save(update_fields=[*columns, "verified_at", "verified_by", "updated_at"])
        audit_record(actor=actor, action="service.updated", target=service, data={"fields": changed})
    return service


@transaction.atomic
def service_verify(*, actor: Actor, service: Service) -> Service:
    """An authority of the service's state confirms the entry is true today."""
    if not may_verify(actor, service):
        raise Forbidden(_("Only an authority of the service's state may verify it."))
    service.verified_at = timezone.now()
    service.verified_by = actor.user
    service.save(update_fields=["verified_at", "verified_by", "updated_at"])
    audit_record(actor=actor, action="service.verified", target=service)
    return service


# --- locations, services at locations, phones, hours --------------------------------------


@transaction.atomic
def location_create(*, actor: Actor, organization: Organization, **fields: Any) -> Location:
    require_keeper(actor, organization)
    location = Location(state_id=organization.state_id, organization=organization)
    _assign(location, LOCATION_FIELDS, fields)
    _clean(location, exclude=["organization"])
    location.save()
    audit_record(actor=actor, action="service_location.created", target=location)
    return location


@transaction.atomic
def service_at_location_create(
    *, actor: Actor, service: Service, location: Location, description: str = ""
) -> ServiceAtLocation:
    require_keeper(actor, service.organization)
    if location.state_id != service.state_id:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"location": [_("The location must belong to the service's state.")]},
        )
    here = ServiceAtLocation.objects.for_state(service.state_id).filter(service=service, location=location)
    if here.exists():
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"location": [_("This service is already offered at this location.")]},
        )
    place = ServiceAtLocation.objects.create(
        state_id=service.state_id, service=service, location=location, description=description
    )
    audit_record(actor=actor, action="service_at_location.created", target=place)
    return place


def check_capacity(service: Service, capacity: dict[str, int | None]) -> None:
    """Numbers of places: known fields, zero or more, no more free than in total."""
    fields: dict[str, list[str]] = {
        name: [_("This field cannot be set here.")] for name in sorted(set(capacity) - set(CAPACITY_FIELDS))
    }
    for name, value in capacity.items():
        if value is not None and (not isinstance(value, int) or value < 0):
            fields[name] = [_("Enter a number of places of zero or more.")]
    total = capacity.get("capacity_total", service.capacity_total)
    free = capacity.get("capacity_available", service.capacity_available)
    if total is not None and free is not None and "capacity_available" not in fields and free > total:
        fields["capacity_available"] = [_("Free places cannot exceed the places in total.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)


@transaction.atomic
def capacity_update(*, actor: Actor, service: Service, **capacity: int | None) -> Service:
    """Places in total, free now and extra in a crisis; does not withdraw verification."""
    require_keeper(actor, service.organization)
    check_capacity(service, capacity)
    for name, value in capacity.items():
        setattr(service, name, value)
    service.capacity_updated_at = timezone.now()
    service.save(update_fields=[*capacity, "capacity_updated_at", "updated_at"])
    audit_record(
        actor=actor,
        action="service.capacity_updated",
        target=service,
        data={name: getattr(service, name) for name in CAPACITY_FIELDS},
    )
    return service


@transaction.atomic
def phone_add(
    *,
    actor: Actor,
    organization: Organization,
    number: str,
    service: Service | None = None,
    location: Location | None = None,
    place: ServiceAtLocation | None = None,
    type: str = "voice",
    description: str = "",
) -> Phone:
    require_keeper(actor, organization)
    for linked in (service, location, place):
        if linked is not None and linked.state_id != organization.state_id:
            raise Forbidden()
    phone = Phone(
        state_id=organization.state_id,
        organization=organization if not (service or location or place) else None,
        service=service,
        location=location,
        service_at_location=place,
        number=number.strip(),
        type=type,
        description=description,
    )
    _clean(phone, exclude=["organization", "service", "location", "service_at_location"])
    phone.save()
    audit_record(actor=actor, action="service_phone.added", target=phone)
    return phone


@transaction.atomic
def schedule_add(
    *,
    actor: Actor,
    organization: Organization,
    byday: str,
    opens_at: dt.time | None,
    closes_at: dt.time | None,
    service: Service | None = None,
    place: ServiceAtLocation | None = None,
    description: str = "",
) -> Schedule:
    require_keeper(actor, organization)
    for linked in (service, place):
        if linked is not None and linked.state_id != organization.state_id:
            raise Forbidden()
    days = [day.strip().upper() for day in byday.split(",") if day.strip()]
    bad = [day for day in days if day not in WEEKDAYS]
    fields: dict[str, list[str]] = {}
    if bad:
        fields["byday"] = [_("Use the day codes MO, TU, WE, TH, FR, SA, SU.")]
    if opens_at and closes_at and closes_at <= opens_at:
        fields["closes_at"] = [_("The closing time must be after the opening time.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    schedule = Schedule.objects.create(
        state_id=organization.state_id,
        service=service,
        service_at_location=place,
        freq="WEEKLY",
        byday=",".join(days),
        opens_at=opens_at,
        closes_at=closes_at,
        description=description,
    )
    audit_record(actor=actor, action="service_schedule.added", target=schedule)
    return schedule


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# --- HSDS import and export ---------------------------------------------------------------


def _parse(data: bytes, fmt: str, name: str) -> hsds_import.Parsed:
    if fmt == "json":
        return hsds_import.parse_json_document(data, name=name)
    if fmt == "csv":
        return hsds_import.parse_csv_package(data, name=name)
    raise ApplicationError(
        _("Choose the format: json or csv."), fields={"format": [_("Choose json or csv.")]}
    )


def _load(
    *, state: str, data: bytes, fmt: str, name: str, keep_verification: bool
) -> hsds_write.ImportReport:
    parsed = _parse(data, fmt, name)
    checked = hsds_import.check_spec(parsed)
    writer = hsds_write.Writer(state=state, checked=checked, keep_verification=keep_verification)
    if not checked.problems:
        writer.check()
    if checked.problems:
        raise hsds_import.HsdsInvalid(checked.problems)
    report = writer.write()
    report.ignored = sorted(set(parsed.ignored))
    return report


@transaction.atomic
def register_import(*, actor: Actor, data: bytes, fmt: str, name: str = "") -> hsds_write.ImportReport:
    """Import an HSDS file into the actor's state's register: everything, or nothing.

    Ids already in the register are updated; ``assured_date`` is kept as the verification
    date only when the importing authority may verify (the file names no Corridor user,
    so ``verified_by`` stays empty).
    """
    if actor.state is None or not actor.has(perms.MANAGE_SERVICE_REGISTER):
        raise Forbidden()
    report = _load(
        state=actor.state,
        data=data,
        fmt=fmt,
        name=name or f"register.{'zip' if fmt == 'csv' else 'json'}",
        keep_verification=actor.has(perms.VERIFY_SERVICES),
    )
    audit_record(
        actor=actor,
        action="service_register.imported",
        target_type="services.register",
        target_state=actor.state,
        data={"file": name, "format": fmt, "counts": report.counts},
    )
    return report


@transaction.atomic
def register_load(*, state: str, data: bytes, fmt: str, name: str = "") -> hsds_write.ImportReport:
    """System work (demo data, a national register handed over by its keeper on the command
    line): import into ``state``'s register keeping the file's verification dates."""
    report = _load(state=state, data=data, fmt=fmt, name=name or "register", keep_verification=True)
    audit_record(
        actor=None,
        action="service_register.imported",
        target_type="services.register",
        target_state=state,
        data={"file": name, "format": fmt, "counts": report.counts, "system": True},
    )
    return report


def export_bytes(tables: hsds_export.Tables, fmt: str) -> bytes:
    if fmt == "json":
        return hsds_export.to_json_bytes(tables)
    if fmt == "csv":
        return hsds_export.to_csv_package(tables)
    raise ApplicationError(
        _("Choose the format: json or csv."), fields={"format": [_("Choose json or csv.")]}
    )


@transaction.atomic
def register_export(*, actor: Actor | None, fmt: str, state: str | None = None) -> bytes:
    """The state's whole register (an authority's export, audited), or with ``actor=None``
    and no state the public register (verified, active entries of every state)."""
    if actor is None and state is None:
        tables = hsds_export.export_tables(public.public_services(), public.public_organizations())
        return export_bytes(tables, fmt)
    if actor is not None:
        if actor.state is None or not actor.has(perms.MANAGE_SERVICE_REGISTER):
            raise Forbidden()
        state = actor.state
    assert state is not None
    tables = hsds_export.export_tables(
        Service.objects.for_state(state), Organization.objects.for_state(state)
    )
    audit_record(
        actor=actor,
        action="service_register.exported",
        target_type="services.register",
        target_state=state,
        data={"format": fmt, "services": len(tables["service"])},
    )
    return export_bytes(tables, fmt)


@transaction.atomic
def place_offer(
    *,
    actor: Actor,
    service: Service,
    location: Location,
    description: str = "",
    phones: Iterable[dict[str, Any]] = (),
    schedules: Iterable[dict[str, Any]] = (),
) -> ServiceAtLocation:
    """Offer a service at a location with its phones and hours, in one transaction."""
    place = service_at_location_create(
        actor=actor, service=service, location=location, description=description
    )
    for phone in phones:
        phone_add(actor=actor, organization=service.organization, place=place, **phone)
    for hours in schedules:
        schedule_add(actor=actor, organization=service.organization, place=place, **hours)
    return place
