"""Public, read-only reference API: countries, occupations, languages, calendar conversion.

Reference data is not personal and is needed before sign-in (forms, other systems), so these
endpoints take no credentials. Every list is paginated with the project's pagination class.
"""

from __future__ import annotations

import datetime
from dataclasses import astuple
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from corridor.core.api.pagination import CorridorPagination
from corridor.reference import calendars, selectors
from corridor.reference.models import APStatus, OccupationLevel

TAGS = ["reference"]
# ``security: [{}]``: no credentials are needed (a bearer token is accepted but ignored).
# Typed ``Any``: drf-spectacular takes security requirement objects here; its stub says strings.
PUBLIC: Any = [{}]
PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="Rows a page, at most 100."),
]


# The project's error body (see corridor.core.api.errors), for the schema of 400 and 404.
ERROR = inline_serializer(
    name="ReferenceErrorResponse",
    fields={
        "error": inline_serializer(
            name="ReferenceError",
            fields={
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "fields": serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
            },
        ),
        "request_id": serializers.CharField(),
    },
)


def paginated(name: str, item: type[serializers.Serializer]) -> serializers.Serializer:
    """The schema of one page of ``CorridorPagination``."""
    return inline_serializer(
        name=f"Paginated{name}List",
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": item(many=True),
        },
    )


class PublicApi(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    # Lists answer 404 for a page past the end, as DRF's page-number pagination does.
    def paginate(self, queryset: QuerySet[Any], serializer: type[serializers.Serializer]) -> Response:
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        return paginator.get_paginated_response(serializer(page, many=True).data)


class CountryOutput(serializers.Serializer):
    iso3 = serializers.CharField()
    iso2 = serializers.CharField()
    numeric = serializers.CharField()
    name = serializers.CharField(help_text="The name in the language of the request.")
    name_en = serializers.CharField()
    name_ru = serializers.CharField()
    name_tr = serializers.CharField()
    names = serializers.DictField(child=serializers.CharField(), help_text="Names keyed by language code.")
    ap_status = serializers.ChoiceField(choices=APStatus.choices, help_text='"" if not a participant.')


class CountryListApi(PublicApi):
    class FilterSerializer(serializers.Serializer):
        ap = serializers.BooleanField(
            required=False, default=False, help_text="1 for Almaty Process participant states only."
        )

    @extend_schema(
        operation_id="reference_country_list",
        tags=TAGS,
        auth=PUBLIC,
        summary="ISO 3166-1 countries",
        parameters=[FilterSerializer, *PAGE_PARAMETERS],
        responses={200: paginated("Country", CountryOutput), 400: ERROR, 404: ERROR},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        countries = selectors.country_list(ap_only=filters.validated_data["ap"])
        return self.paginate(countries, CountryOutput)


class CountryDetailApi(PublicApi):
    @extend_schema(
        operation_id="reference_country_retrieve",
        tags=TAGS,
        auth=PUBLIC,
        summary="One country by its ISO 3166-1 alpha-3 code",
        responses={200: CountryOutput, 404: ERROR},
    )
    def get(self, request: Request, iso3: str) -> Response:
        return Response(CountryOutput(selectors.country_get(iso3=iso3)).data)


class OccupationListApi(PublicApi):
    class FilterSerializer(serializers.Serializer):
        level = serializers.ChoiceField(
            choices=OccupationLevel.choices, required=False, help_text="1 major … 3 minor group."
        )
        # The serializer metaclass takes declared fields off the class, so ``parent`` does not
        # shadow ``Field.parent`` at run time; only the stubs see a clash.
        parent = serializers.RegexField(  # type: ignore[assignment]
            r"^[0-9]{1,3}$", required=False, help_text="Parent ISCO-08 code."
        )
        q = serializers.CharField(required=False, max_length=100, help_text="Words of the title or a code.")

    class OccupationOutput(serializers.Serializer):
        code = serializers.CharField()
        level = serializers.IntegerField()
        parent = serializers.CharField(source="parent_id", allow_null=True)  # type: ignore[assignment]
        title = serializers.CharField(help_text="The title in the language of the request.")
        title_en = serializers.CharField()
        title_ru = serializers.CharField()
        title_tr = serializers.CharField()

    @extend_schema(
        operation_id="reference_occupation_list",
        tags=TAGS,
        auth=PUBLIC,
        summary="ISCO-08 occupation groups",
        parameters=[FilterSerializer, *PAGE_PARAMETERS],
        responses={200: paginated("Occupation", OccupationOutput), 400: ERROR, 404: ERROR},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        occupations = selectors.occupation_list(**filters.validated_data)
        return self.paginate(occupations, self.OccupationOutput)


class LanguageListApi(PublicApi):
    class LanguageOutput(serializers.Serializer):
        code = serializers.CharField()
        name = serializers.CharField(help_text="The name in the language of the request.")
        name_en = serializers.CharField()
        name_ru = serializers.CharField()
        name_tr = serializers.CharField()
        name_local = serializers.CharField(help_text="The name in the language itself.")
        names = serializers.DictField(child=serializers.CharField())

    @extend_schema(
        operation_id="reference_language_list",
        tags=TAGS,
        auth=PUBLIC,
        summary="Languages",
        parameters=PAGE_PARAMETERS,
        responses={200: paginated("Language", LanguageOutput), 404: ERROR},
    )
    def get(self, request: Request) -> Response:
        return self.paginate(selectors.language_list(), self.LanguageOutput)


class SolarHijriConversionApi(PublicApi):
    class FilterSerializer(serializers.Serializer):
        date = serializers.DateField(
            required=False, input_formats=["%Y-%m-%d"], help_text="A Gregorian date, YYYY-MM-DD."
        )
        sh = serializers.CharField(
            required=False, max_length=10, help_text="A Solar Hijri date, YYYY-MM-DD (e.g. 1403-01-01)."
        )

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if ("date" in attrs) == ("sh" in attrs):
                raise ValidationError(
                    {"date": [_("Give exactly one of date (Gregorian) or sh (Solar Hijri).")]}
                )
            return attrs

    class SolarHijriConversionOutput(serializers.Serializer):
        class SolarHijriDateOutput(serializers.Serializer):
            class SolarHijriMonthNameOutput(serializers.Serializer):
                persian = serializers.CharField(source="month_name_persian")
                persian_latin = serializers.CharField(source="month_name_persian_latin")
                dari = serializers.CharField(source="month_name_dari", help_text="As used in Afghanistan.")
                dari_latin = serializers.CharField(source="month_name_dari_latin")

            year = serializers.IntegerField()
            month = serializers.IntegerField()
            day = serializers.IntegerField()
            iso = serializers.CharField(source="isoformat")
            is_leap_year = serializers.BooleanField()
            month_name = SolarHijriMonthNameOutput(source="*")

        gregorian = serializers.DateField()
        solar_hijri = SolarHijriDateOutput()

    @extend_schema(
        operation_id="reference_solar_hijri_convert",
        tags=TAGS,
        auth=PUBLIC,
        summary="Convert a date between the Gregorian and the Solar Hijri calendar",
        parameters=[FilterSerializer],
        responses={200: SolarHijriConversionOutput, 400: ERROR},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        gregorian, solar_hijri = self._convert(filters.validated_data)
        return Response(
            self.SolarHijriConversionOutput({"gregorian": gregorian, "solar_hijri": solar_hijri}).data
        )

    @staticmethod
    def _convert(data: dict[str, Any]) -> tuple[datetime.date, calendars.SolarHijriDate]:
        """Either direction; a date that cannot exist is reported on the field it came from."""
        field = "date" if "date" in data else "sh"
        try:
            if field == "date":
                return data["date"], calendars.to_solar_hijri(data["date"])
            solar_hijri = calendars.parse_solar_hijri(data["sh"])
            return calendars.from_solar_hijri(*astuple(solar_hijri)), solar_hijri
        except DjangoValidationError as error:
            raise ValidationError({field: error.messages}) from error
