"""Reads of the service register: public search, back-office lists, and referral checks.

The public register is public by design (no personal data; entries describe services), so
its reads are unscoped and limited to what the public may see: active services verified
within ``settings.SERVICES_VERIFICATION_DAYS``. Back-office reads start from
``visible_to(actor)``. The referrals module calls ``referable_get`` and
``referral_refusal`` (see README).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from corridor.access import policy
from corridor.access.actor import Actor
from corridor.reference.models import Language
from corridor.services.models import (
    CostOption,
    Location,
    Need,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceStatus,
)
from corridor.services.public import (
    is_verified,
    public_locations,
    public_organizations,
    public_places,
    public_services,
    verification_cutoff,
)

MAX_TEXT = 100

__all__ = [
    "is_verified",
    "public_locations",
    "public_organizations",
    "public_places",
    "public_services",
    "verification_cutoff",
]


@dataclass(frozen=True)
class HelpSearch:
    city: str = ""
    need: str = ""
    language: str = ""
    q: str = ""

    @classmethod
    def from_params(cls, params: Any) -> HelpSearch:
        return cls(
            **{
                name: str(params.get(name, "")).strip()[:MAX_TEXT]
                for name in ("city", "need", "language", "q")
            }
        )

    @property
    def empty(self) -> bool:
        return not (self.city or self.need or self.language or self.q)


def find_help(search: HelpSearch) -> QuerySet[ServiceAtLocation]:
    """Services at locations matching city, need, language spoken and words, ready to show.

    Each filter is an index lookup (city on UPPER(city); need and language through their
    link tables), so the search stays fast over a large register (bench/services).
    """
    rows = public_places()
    if search.city:
        rows = rows.filter(location__city__iexact=search.city)
    if search.need:
        rows = rows.filter(
            service__in=Service.needs.through.objects.filter(need__code=search.need).values("service_id")
        )
    if search.language:
        spoken = ServiceLanguage.objects.unscoped().filter(language_id=search.language)
        rows = rows.filter(service__in=spoken.values("service_id"))
    if search.q:
        rows = rows.filter(
            Q(service__name__icontains=search.q) | Q(service__organization__name__icontains=search.q)
        )
    return with_details(rows).order_by("location__city", "service__name", "id")


def with_details(rows: QuerySet[ServiceAtLocation]) -> QuerySet[ServiceAtLocation]:
    """Everything a result card shows, in a fixed number of queries."""
    return rows.select_related("service__organization", "location__country").prefetch_related(
        Prefetch("service__needs", queryset=Need.objects.all()),
        Prefetch(
            "service__languages",
            queryset=ServiceLanguage.objects.unscoped().select_related("language"),
        ),
        Prefetch("service__phones", queryset=Phone.objects.unscoped()),
        Prefetch("phones", queryset=Phone.objects.unscoped()),
        Prefetch("schedules", queryset=Schedule.objects.unscoped()),
        Prefetch("service__schedules", queryset=Schedule.objects.unscoped()),
        Prefetch("location__phones", queryset=Phone.objects.unscoped()),
        Prefetch("service__cost_options", queryset=CostOption.objects.unscoped()),
    )


def public_place_get(*, uuid: Any) -> ServiceAtLocation:
    try:
        return with_details(public_places()).get(uuid=uuid)
    except (ServiceAtLocation.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def help_cities() -> list[str]:
    """Cities with at least one service in public search, for the city picker."""
    names = public_places().values_list("location__city", flat=True).distinct()
    unique = {name.strip(): None for name in names if name and name.strip()}
    return sorted(unique, key=str.casefold)


def help_needs() -> list[Need]:
    return list(Need.objects.all())


def help_languages() -> list[Language]:
    """Languages spoken at some service in public search."""
    spoken = ServiceLanguage.objects.unscoped().filter(service__in=public_services().values("pk"))
    return list(Language.objects.filter(code__in=spoken.values("language_id")))


# --- back office -------------------------------------------------------------------------


def register_services(*, actor: Actor) -> QuerySet[Service]:
    return Service.objects.visible_to(actor).select_related("organization")


def register_organizations(*, actor: Actor) -> QuerySet[Organization]:
    return Organization.objects.visible_to(actor)


def service_get(*, actor: Actor, uuid: Any) -> Service:
    return policy.get_visible_or_404(Service, actor, uuid)


def organization_get(*, actor: Actor, uuid: Any) -> Organization:
    return policy.get_visible_or_404(Organization, actor, uuid)


def location_get(*, actor: Actor, uuid: Any) -> Location:
    return policy.get_visible_or_404(Location, actor, uuid)


def place_get(*, actor: Actor, uuid: Any) -> ServiceAtLocation:
    return policy.get_visible_or_404(ServiceAtLocation, actor, uuid)


def unverified_services(*, actor: Actor) -> QuerySet[Service]:
    """The verification queue: the state's entries never verified or aged out."""
    stale = Q(verified_at__isnull=True) | Q(verified_at__lt=verification_cutoff())
    return register_services(actor=actor).filter(stale).exclude(status=ServiceStatus.DEFUNCT)


# --- for referrals -----------------------------------------------------------------------


def referable_get(*, uuid: Any) -> ServiceAtLocation:
    """A service at a location a referral may point to: active, verified and in date.

    Read from the public register, so a caseworker of any state can refer to any state's
    verified service (the referral itself travels as an exchange message).
    """
    return public_place_get(uuid=uuid)


def has_capacity(service: Service, *, crisis: bool = False) -> bool:
    """Unknown capacity counts as open (many services, a hotline say, do not count places)."""
    if service.capacity_available is None:
        return True
    spare = (service.crisis_spare_capacity or 0) if crisis else 0
    return service.capacity_available + spare > 0


def referral_refusal(place: ServiceAtLocation, *, crisis: bool = False) -> str | None:
    """Why a referral to this place must be refused now, or None when it may be sent."""
    service = place.service
    if service.status != ServiceStatus.ACTIVE:
        return _("This service is not active.")
    if not is_verified(service):
        return _("This service has not been verified recently.")
    if not has_capacity(service, crisis=crisis):
        return _("This service has no free places.")
    return None
