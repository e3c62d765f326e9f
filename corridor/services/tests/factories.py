"""Register entries made through the services, as real use makes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from corridor.access.actor import Actor
from corridor.services import services
from corridor.services.models import ServiceAtLocation


def make_entry(
    keeper: Actor,
    *,
    verifier: Actor | None = None,
    organization: Any = None,
    name: str = "Night shelter",
    city: str = "Istanbul",
    needs: tuple[str, ...] = ("shelter",),
    languages: tuple[str, ...] = ("ru", "tr"),
    capacity_total: int | None = 20,
    capacity_available: int | None = 5,
    crisis_spare_capacity: int | None = 10,
    number: str = "+90 555 010 0000",
) -> ServiceAtLocation:
    """One organisation (unless given), service, location, place, phone and weekday hours."""
    if organization is None:
        organization = services.organization_create(actor=keeper, name=f"{name} provider", description="Demo")
    service = services.service_create(
        actor=keeper,
        organization=organization,
        name=name,
        description="Beds for the night.",
        fees_description="Free of charge",
        eligibility_description="Adults in need",
        needs=needs,
        languages=languages,
    )
    location = services.location_create(
        actor=keeper,
        organization=organization,
        name=f"{name} house",
        address_1="Demo street 1",
        city=city,
        country_id=keeper.state,
    )
    place = services.service_at_location_create(actor=keeper, service=service, location=location)
    services.capacity_update(
        actor=keeper,
        service=service,
        capacity_total=capacity_total,
        capacity_available=capacity_available,
        crisis_spare_capacity=crisis_spare_capacity,
    )
    services.phone_add(actor=keeper, organization=organization, place=place, number=number)
    services.schedule_add(
        actor=keeper,
        organization=organization,
        place=place,
        byday="MO,TU,WE,TH,FR",
        opens_at=dt.time(9),
        closes_at=dt.time(18),
    )
    if verifier is not None:
        services.service_verify(actor=verifier, service=service)
    return place
