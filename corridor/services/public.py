"""What the public may see of the register: active services verified recently enough.

Shared by the selectors and by the public export (services), which may not import each other.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from corridor.services.models import Location, Organization, Service, ServiceAtLocation, ServiceStatus


def verification_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Entries verified before this moment have aged out of public search."""
    return (now or timezone.now()) - dt.timedelta(days=settings.SERVICES_VERIFICATION_DAYS)


def is_verified(service: Service, *, now: dt.datetime | None = None) -> bool:
    return service.verified_at is not None and service.verified_at >= verification_cutoff(now)


def _public_service_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": ServiceStatus.ACTIVE, f"{prefix}verified_at__gte": verification_cutoff()})


# --- public register ---------------------------------------------------------------------


def public_services() -> QuerySet[Service]:
    return Service.objects.unscoped().filter(_public_service_q()).select_related("organization")


def public_organizations() -> QuerySet[Organization]:
    """Organisations with at least one service in public search."""
    return Organization.objects.unscoped().filter(pk__in=public_services().values("organization_id"))


def public_locations() -> QuerySet[Location]:
    places = ServiceAtLocation.objects.unscoped().filter(_public_service_q("service__"))
    return Location.objects.unscoped().filter(pk__in=places.values("location_id")).select_related("country")


def public_places() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.unscoped().filter(_public_service_q("service__"))
