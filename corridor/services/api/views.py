"""The register's API under /api/v1/services/, shaped as HSDS 3.1's API for reads.

Reads follow HSDS: ``/`` (version), ``/services``, ``/services/{id}``, ``/organizations``,
``/organizations/{id}``, ``/service_at_locations``, ``/service_at_locations/{id}``,
``/taxonomy_terms`` — pages as HSDS's ``Page`` (``total_items``, ``total_pages``,
``page_number``, ``size``, ``first_page``, ``last_page``, ``empty``, ``contents``), objects
as HSDS's compiled objects. Corridor adds ``/locations`` and the filters ``city``,
``need`` and ``language``. Reads are public and show verified, active entries; a signed-in
keeper of the register also reads its state's other entries by id.

Writes (providers and authorities, signed in) use the same services as the pages.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from corridor.core.api.views import ActorAPIView
from corridor.services import hsds, selectors, services
from corridor.services.hsds_export import export_tables, to_json_document
from corridor.services.models import (
    Location,
    LocationType,
    Need,
    Organization,
    PhoneType,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)

PER_PAGE = 25
MAX_PER_PAGE = 100

PAGE_PARAMS = [
    OpenApiParameter("page", int, description="Page number, from 1."),
    OpenApiParameter("per_page", int, description=f"Items per page (at most {MAX_PER_PAGE})."),
]
SEARCH_PARAMS = [
    OpenApiParameter("search", str, description="Words in the name of the service or organisation."),
    OpenApiParameter("taxonomy_term_id", str, description="Id of a need (HSDS taxonomy term)."),
    OpenApiParameter("organization_id", str, description="Id of the organisation."),
    OpenApiParameter("modified_after", str, description="ISO 8601 date-time."),
    OpenApiParameter("city", str, description="Corridor: city of the location (any case)."),
    OpenApiParameter("need", str, description="Corridor: code of a need (shelter, legal-aid …)."),
    OpenApiParameter("language", str, description="Corridor: language spoken (ISO 639 code)."),
]


def _int(value: Any, default: int, low: int, high: int) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))


def hsds_page(request: Request, rows: QuerySet[Any], render: Any) -> Response:
    """HSDS's Page object over ``rows``; ``render`` turns a list of rows into objects."""
    per_page = _int(request.query_params.get("per_page"), PER_PAGE, 1, MAX_PER_PAGE)
    total = rows.count()
    pages = max(1, math.ceil(total / per_page))
    page = _int(request.query_params.get("page"), 1, 1, pages)
    chunk = list(rows[(page - 1) * per_page : page * per_page])
    contents = render(chunk) if chunk else []
    return Response(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page == pages,
            "empty": total == 0,
            "contents": contents,
        }
    )


def render_services(rows: list[Service]) -> list[dict[str, Any]]:
    pks = [s.pk for s in rows]
    document = to_json_document(
        export_tables(Service.objects.unscoped().filter(pk__in=pks), Organization.objects.unscoped().none())
    )
    by_id = {item["id"]: item for item in document["services"]}
    organizations = {item["id"]: item for item in document["organizations"]}
    out = []
    for service in rows:
        item = by_id[str(service.uuid)]
        item["organization"] = organizations.get(item.get("organization_id", ""))
        out.append(item)
    return out


def render_places(rows: list[ServiceAtLocation]) -> list[dict[str, Any]]:
    services_by_id = {str(s.uuid): s for s in (p.service for p in rows)}
    rendered = {item["id"]: item for item in render_services(list(services_by_id.values()))}
    out = []
    for place in rows:
        service = dict(rendered[str(place.service.uuid)])
        here = next(p for p in service.get("service_at_locations", []) if p["id"] == str(place.uuid))
        nested = {k: v for k, v in service.items() if k != "service_at_locations"}
        out.append({**here, "service": nested})
    return out


def _filtered_services(params: Any) -> QuerySet[Service]:
    rows = selectors.public_services()
    search = selectors.HelpSearch.from_params(params)
    if search.city or search.language:
        places = selectors.find_help(selectors.HelpSearch(city=search.city, language=search.language))
        rows = rows.filter(pk__in=places.values("service_id"))
    if search.need:
        rows = rows.filter(needs__code=search.need)
    text = str(params.get("search", "")).strip()[:100]
    if text:
        rows = rows.filter(Q(name__icontains=text) | Q(organization__name__icontains=text))
    term = str(params.get("taxonomy_term_id", "")).strip()
    if term:
        rows = rows.filter(needs__uuid=_uuid_or_none(term))
    organization = str(params.get("organization_id", "")).strip()
    if organization:
        rows = rows.filter(organization__uuid=_uuid_or_none(organization))
    since = _datetime_or_none(str(params.get("modified_after", "")).strip())
    if since is not None:
        rows = rows.filter(updated_at__gt=since)
    return rows.distinct().order_by("name", "id")


def _datetime_or_none(value: str) -> Any:
    try:
        return parse_datetime(value) if value else None
    except ValueError:
        return None


def _uuid_or_none(value: str) -> Any:
    from uuid import UUID

    try:
        return UUID(value)
    except ValueError:
        return None


class PublicReadMixin:
    """GET is public; other methods need a signed-in actor."""

    def get_permissions(self) -> list[Any]:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):  # type: ignore[attr-defined]
            return [AllowAny()]
        return [IsAuthenticated()]


class RootApi(ActorAPIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="HSDS API root: version and profile")
    def get(self, request: Request) -> Response:
        return Response(
            {
                "version": hsds.VERSION,
                "profile": "https://docs.openreferral.org/en/latest/hsds/",
                "openapi_url": request.build_absolute_uri("/api/v1/schema/"),
            }
        )


class ServiceListApi(PublicReadMixin, ActorAPIView):
    class InputSerializer(serializers.Serializer):
        organization_id = serializers.UUIDField()
        name = serializers.CharField(max_length=200)
        alternate_name = serializers.CharField(max_length=200, required=False, default="")
        description = serializers.CharField(required=False, allow_blank=True, default="")
        url = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        email = serializers.CharField(required=False, allow_blank=True, default="", max_length=254)
        status = serializers.ChoiceField(choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
        interpretation_services = serializers.CharField(required=False, allow_blank=True, default="")
        application_process = serializers.CharField(required=False, allow_blank=True, default="")
        fees_description = serializers.CharField(required=False, allow_blank=True, default="")
        eligibility_description = serializers.CharField(required=False, allow_blank=True, default="")
        minimum_age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=150)
        maximum_age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=150)
        needs = serializers.ListField(
            child=serializers.CharField(max_length=60), required=False, default=list
        )
        languages = serializers.ListField(
            child=serializers.CharField(max_length=3), required=False, default=list
        )

    @extend_schema(
        parameters=SEARCH_PARAMS + PAGE_PARAMS,
        responses=OpenApiTypes.OBJECT,
        summary="HSDS: search verified services (a Page of service objects)",
        operation_id="services_list",
    )
    def get(self, request: Request) -> Response:
        return hsds_page(request, _filtered_services(request.query_params), render_services)

    @extend_schema(request=InputSerializer, responses={201: OpenApiTypes.OBJECT}, summary="Add a service")
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organization = selectors.organization_get(actor=self.actor, uuid=values.pop("organization_id"))
        service = services.service_create(actor=self.actor, organization=organization, **values)
        return Response(render_services([service])[0], status=201)


def _service_for(actor: Any, public_id: str) -> Service:
    """A public service, or one of the actor's own register (404 for everything else)."""
    try:
        return selectors.public_services().get(uuid=public_id)
    except (Service.DoesNotExist, ValidationError, ValueError):
        return selectors.service_get(actor=actor, uuid=public_id)


class ServiceDetailApi(PublicReadMixin, ActorAPIView):
    class PatchSerializer(ServiceListApi.InputSerializer):
        organization_id = None  # type: ignore[assignment]

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="HSDS: one service with everything about it")
    def get(self, request: Request, public_id: str) -> Response:
        return Response(render_services([_service_for(self.actor, public_id)])[0])

    @extend_schema(
        request=PatchSerializer,
        responses=OpenApiTypes.OBJECT,
        summary="Change a service (withdraws verification)",
    )
    def patch(self, request: Request, public_id: str) -> Response:
        service = selectors.service_get(actor=self.actor, uuid=public_id)
        data = self.PatchSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.service_update(actor=self.actor, service=service, **data.validated_data)
        return Response(render_services([service])[0])


class ServiceVerifyApi(ActorAPIView):
    @extend_schema(
        request=None, responses=OpenApiTypes.OBJECT, summary="Verify a service (authority of its state)"
    )
    def post(self, request: Request, public_id: str) -> Response:
        service = selectors.service_get(actor=self.actor, uuid=public_id)
        services.service_verify(actor=self.actor, service=service)
        return Response(render_services([service])[0])


class ServiceCapacityApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        capacity_total = serializers.IntegerField(required=False, allow_null=True, min_value=0)
        capacity_available = serializers.IntegerField(required=False, allow_null=True, min_value=0)
        crisis_spare_capacity = serializers.IntegerField(required=False, allow_null=True, min_value=0)

    @extend_schema(
        request=InputSerializer, responses=OpenApiTypes.OBJECT, summary="Update places (total, free, crisis)"
    )
    def post(self, request: Request, public_id: str) -> Response:
        service = selectors.service_get(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.capacity_update(actor=self.actor, service=service, **data.validated_data)
        return Response(render_services([service])[0])


class OrganizationListApi(PublicReadMixin, ActorAPIView):
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        alternate_name = serializers.CharField(max_length=200, required=False, default="")
        description = serializers.CharField(required=False, allow_blank=True, default="")
        email = serializers.CharField(required=False, allow_blank=True, default="", max_length=254)
        website = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        legal_status = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)
        year_incorporated = serializers.IntegerField(
            required=False, allow_null=True, min_value=1800, max_value=2100
        )

    @extend_schema(
        parameters=[OpenApiParameter("search", str), *PAGE_PARAMS],
        responses=OpenApiTypes.OBJECT,
        summary="HSDS: organisations with verified services (a Page)",
        operation_id="services_organizations_list",
    )
    def get(self, request: Request) -> Response:
        rows = selectors.public_organizations()
        text = str(request.query_params.get("search", "")).strip()[:100]
        if text:
            rows = rows.filter(name__icontains=text)
        return hsds_page(request, rows.order_by("name", "id"), render_organizations)

    @extend_schema(
        request=InputSerializer, responses={201: OpenApiTypes.OBJECT}, summary="Add an organisation"
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organization = services.organization_create(actor=self.actor, **data.validated_data)
        return Response(render_organizations([organization])[0], status=201)


def render_organizations(rows: list[Organization]) -> list[dict[str, Any]]:
    tables = export_tables(
        Service.objects.unscoped().none(), Organization.objects.unscoped().filter(pk__in=[o.pk for o in rows])
    )
    by_id = {item["id"]: item for item in to_json_document(tables)["organizations"]}
    return [by_id[str(o.uuid)] for o in rows]


class OrganizationDetailApi(ActorAPIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="HSDS: one organisation and its verified services")
    def get(self, request: Request, public_id: str) -> Response:
        try:
            organization = selectors.public_organizations().get(uuid=public_id)
        except (Organization.DoesNotExist, ValidationError, ValueError):
            organization = selectors.organization_get(actor=self.actor, uuid=public_id)
        body = render_organizations([organization])[0]
        own = list(selectors.public_services().filter(organization=organization).order_by("name", "id"))
        body["services"] = render_services(own)
        return Response(body)


class LocationListApi(PublicReadMixin, ActorAPIView):
    class InputSerializer(serializers.Serializer):
        organization_id = serializers.UUIDField()
        location_type = serializers.ChoiceField(choices=LocationType.choices, default=LocationType.PHYSICAL)
        name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        description = serializers.CharField(required=False, allow_blank=True, default="")
        transportation = serializers.CharField(required=False, allow_blank=True, default="")
        address_1 = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        address_2 = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        city = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        region = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        state_province = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
        country = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
        latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
        longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)

    @extend_schema(
        parameters=[OpenApiParameter("city", str), *PAGE_PARAMS],
        responses=OpenApiTypes.OBJECT,
        summary="Locations where verified services are offered (a Page)",
        operation_id="services_locations_list",
    )
    def get(self, request: Request) -> Response:
        rows = selectors.public_locations()
        city = str(request.query_params.get("city", "")).strip()[:100]
        if city:
            rows = rows.filter(city__iexact=city)
        return hsds_page(request, rows.order_by("city", "name", "id"), render_locations)

    @extend_schema(request=InputSerializer, responses={201: OpenApiTypes.OBJECT}, summary="Add a location")
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organization = selectors.organization_get(actor=self.actor, uuid=values.pop("organization_id"))
        values["country_id"] = (values.pop("country") or "").upper() or None
        location = services.location_create(actor=self.actor, organization=organization, **values)
        return Response(render_locations([location])[0], status=201)


def render_locations(rows: list[Any]) -> list[dict[str, Any]]:
    from corridor.reference.models import Country

    countries = dict(Country.objects.values_list("iso3", "iso2"))
    return [
        {
            "id": str(loc.uuid),
            "location_type": loc.location_type,
            "name": loc.name,
            "description": loc.description,
            "transportation": loc.transportation,
            "latitude": float(loc.latitude) if loc.latitude is not None else None,
            "longitude": float(loc.longitude) if loc.longitude is not None else None,
            "addresses": [
                {
                    "address_1": loc.address_1,
                    "address_2": loc.address_2,
                    "city": loc.city,
                    "region": loc.region,
                    "state_province": loc.state_province,
                    "postal_code": loc.postal_code,
                    "country": countries.get(loc.country_id or "", ""),
                    "address_type": loc.location_type,
                }
            ],
        }
        for loc in rows
    ]


class LocationDetailApi(ActorAPIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="One location")
    def get(self, request: Request, public_id: str) -> Response:
        try:
            location = selectors.public_locations().get(uuid=public_id)
        except (Location.DoesNotExist, ValidationError, ValueError):
            location = selectors.location_get(actor=self.actor, uuid=public_id)
        return Response(render_locations([location])[0])


class PlaceListApi(PublicReadMixin, ActorAPIView):
    class PhoneInput(serializers.Serializer):
        number = serializers.CharField(max_length=40)
        type = serializers.ChoiceField(choices=PhoneType.choices, default=PhoneType.VOICE)
        description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    class ScheduleInput(serializers.Serializer):
        byday = serializers.CharField(max_length=40)
        opens_at = serializers.TimeField(required=False, allow_null=True, default=None)
        closes_at = serializers.TimeField(required=False, allow_null=True, default=None)
        description = serializers.CharField(required=False, allow_blank=True, default="")

    class InputSerializer(serializers.Serializer):
        service_id = serializers.UUIDField()
        location_id = serializers.UUIDField()
        description = serializers.CharField(required=False, allow_blank=True, default="")
        phones = serializers.ListField(
            child=serializers.DictField(), required=False, default=list, max_length=10
        )
        schedules = serializers.ListField(
            child=serializers.DictField(), required=False, default=list, max_length=14
        )

    @extend_schema(
        parameters=SEARCH_PARAMS + PAGE_PARAMS,
        responses=OpenApiTypes.OBJECT,
        summary="HSDS: services at locations — the find-help search (a Page)",
        operation_id="services_service_at_locations_list",
    )
    def get(self, request: Request) -> Response:
        search = selectors.HelpSearch.from_params(request.query_params)
        rows = selectors.find_help(search)
        organization = str(request.query_params.get("organization_id", "")).strip()
        if organization:
            rows = rows.filter(service__organization__uuid=_uuid_or_none(organization))
        term = str(request.query_params.get("taxonomy_term_id", "")).strip()
        if term:
            rows = rows.filter(service__needs__uuid=_uuid_or_none(term))
        text = str(request.query_params.get("search", "")).strip()[:100]
        if text:
            rows = rows.filter(
                Q(service__name__icontains=text) | Q(service__organization__name__icontains=text)
            )
        return hsds_page(request, rows, render_places)

    @extend_schema(
        request=InputSerializer, responses={201: OpenApiTypes.OBJECT}, summary="Offer a service at a location"
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        phones = [self._valid(self.PhoneInput, item) for item in values["phones"]]
        schedules = [self._valid(self.ScheduleInput, item) for item in values["schedules"]]
        service = selectors.service_get(actor=self.actor, uuid=values["service_id"])
        location = selectors.location_get(actor=self.actor, uuid=values["location_id"])
        place = services.place_offer(
            actor=self.actor,
            service=service,
            location=location,
            description=values["description"],
            phones=phones,
            schedules=schedules,
        )
        return Response({"id": str(place.uuid)}, status=201)

    @staticmethod
    def _valid(serializer: type[serializers.Serializer], item: Any) -> dict[str, Any]:
        data = serializer(data=item)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)


class PlaceDetailApi(ActorAPIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="HSDS: one service at a location")
    def get(self, request: Request, public_id: str) -> Response:
        try:
            place = selectors.public_place_get(uuid=public_id)
        except Http404:
            place = selectors.place_get(actor=self.actor, uuid=public_id)
        return Response(render_places([place])[0])


class TaxonomyTermListApi(ActorAPIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=PAGE_PARAMS, responses=OpenApiTypes.OBJECT, summary="HSDS: the needs (taxonomy terms)"
    )
    def get(self, request: Request) -> Response:
        def render(rows: list[Need]) -> list[dict[str, Any]]:
            return [
                {
                    "id": str(n.uuid),
                    "code": n.code,
                    "name": n.name,
                    "description": n.description,
                    "taxonomy": n.taxonomy,
                    "label": n.label,
                }
                for n in rows
            ]

        return hsds_page(request, Need.objects.all(), render)
