"""Registration API: officer list, detail, status and export; public self-registration for apps."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from corridor.access import permissions as perms
from corridor.core.api.errors import error_body
from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView
from corridor.core.errors import ApplicationError, NotFound
from corridor.core.text import validate_clean_text
from corridor.registration import selectors
from corridor.registration.aggregates import destination_aggregates
from corridor.registration.choices import ConsentPurpose, Purpose, Sex, Status, VerificationChannel
from corridor.registration.domain import RegistrationInput
from corridor.registration.services import public, records


class RegistrationOutput(serializers.Serializer):
    """A foreign reader gets only the fields its agreement names; absent keys were not shared."""

    uuid = serializers.UUIDField()
    state = serializers.CharField()
    agreement = serializers.UUIDField(allow_null=True)
    reference = serializers.CharField(required=False)
    status = serializers.CharField(required=False)
    family_name = serializers.CharField(required=False)
    given_name = serializers.CharField(required=False)
    patronymic = serializers.CharField(required=False)
    passport_family_name = serializers.CharField(required=False)
    passport_given_name = serializers.CharField(required=False)
    passport_number = serializers.CharField(required=False)
    birth_date = serializers.DateField(required=False)
    sex = serializers.CharField(required=False)
    email = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    address_home = serializers.CharField(required=False)
    address_abroad = serializers.CharField(required=False)
    emergency_contact = serializers.CharField(required=False)
    destination_country = serializers.CharField(required=False)
    destination_city = serializers.CharField(required=False)
    purpose = serializers.CharField(required=False)
    employer_name = serializers.CharField(required=False)
    occupation = serializers.CharField(required=False, allow_null=True)
    planned_departure = serializers.DateField(required=False, allow_null=True)
    planned_arrival = serializers.DateField(required=False, allow_null=True)
    planned_return = serializers.DateField(required=False, allow_null=True)
    actual_departure = serializers.DateField(required=False, allow_null=True)
    actual_arrival = serializers.DateField(required=False, allow_null=True)
    actual_return = serializers.DateField(required=False, allow_null=True)
    consulate = serializers.UUIDField(required=False)
    merged_into = serializers.UUIDField(required=False, allow_null=True)
    consents = serializers.ListField(child=serializers.DictField(), required=False)

    def to_representation(self, instance: dict) -> dict:  # type: ignore[override]
        full = super().to_representation(instance)
        return {key: value for key, value in full.items() if key in instance}


def _text(max_length: int, *, required: bool = False) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length,
        required=required,
        allow_blank=not required,
        default="" if not required else serializers.empty,
        validators=[validate_clean_text],
    )


def _date() -> serializers.DateField:
    return serializers.DateField(required=False, allow_null=True, default=None)


class RegistrationInputSerializer(serializers.Serializer):
    family_name = _text(120, required=True)
    given_name = _text(120, required=True)
    patronymic = _text(120)
    passport_family_name = _text(120)
    passport_given_name = _text(120)
    passport_number = _text(20)
    birth_date = serializers.DateField()
    sex = serializers.ChoiceField(choices=Sex.choices)
    email = _text(254)
    phone = _text(24)
    address_home = _text(300)
    address_abroad = _text(300)
    emergency_contact = _text(300)
    destination_country = serializers.CharField(min_length=3, max_length=3)
    destination_city = _text(100)
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    employer_name = _text(200)
    occupation = serializers.CharField(max_length=4, required=False, allow_null=True, default=None)
    planned_departure = _date()
    planned_arrival = _date()
    planned_return = _date()

    def to_input(self) -> RegistrationInput:
        return RegistrationInput.from_mapping(dict(self.validated_data))


class RegistrationListApi(ActorAPIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("passport_number", str),
            OpenApiParameter("status", str),
        ],
        responses=RegistrationOutput(many=True),
        summary="Consular registrations the actor may see",
    )
    def get(self, request: Request) -> Response:
        q = str(request.query_params.get("q", ""))[:100]
        status = str(request.query_params.get("status", ""))
        if status and status not in Status.values:
            raise ApplicationError(fields={"status": [str(ApplicationError.default_message)]})
        rows = selectors.registration_list(
            actor=self.actor,
            q=q,
            passport_number=str(request.query_params.get("passport_number", ""))[:20],
            status=status,
        )
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        selectors.registration_list_audit(actor=self.actor, shown=list(page or []), query=q)
        data = [selectors.registration_as_dict(actor=self.actor, registration=r) for r in page or []]
        return paginator.get_paginated_response(RegistrationOutput(data, many=True).data)


class RegistrationCreateApi(ActorAPIView):
    class InputSerializer(RegistrationInputSerializer):
        consents = serializers.ListField(
            child=serializers.ChoiceField(choices=ConsentPurpose.choices),
            required=False,
            default=list,
            max_length=3,
        )
        allow_duplicate = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        request=InputSerializer, responses={201: RegistrationOutput}, summary="Register a citizen (officer)"
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            registration = records.registration_create(
                actor=self.actor,
                data=data.to_input(),
                consent_purposes=data.validated_data["consents"],
                allow_duplicate=data.validated_data["allow_duplicate"],
            )
        except records.PossibleDuplicate as exc:
            body = error_body(exc.code, exc.message)
            body["error"]["candidates"] = [str(c.uuid) for c in exc.candidates]
            return Response(body, status=409)
        out = selectors.registration_as_dict(actor=self.actor, registration=registration)
        return Response(RegistrationOutput(out).data, status=201)


class RegistrationDetailApi(ActorAPIView):
    @extend_schema(responses=RegistrationOutput, summary="One consular registration (audited read)")
    def get(self, request: Request, uuid: str) -> Response:
        registration = selectors.registration_get(actor=self.actor, uuid=uuid)
        return Response(
            RegistrationOutput(
                selectors.registration_as_dict(actor=self.actor, registration=registration)
            ).data
        )


class RegistrationStatusApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=[Status.DEPARTED, Status.ARRIVED, Status.RETURNED])
        on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        request=InputSerializer, responses=RegistrationOutput, summary="Mark departed, arrived or returned"
    )
    def post(self, request: Request, uuid: str) -> Response:
        registration = selectors.registration_get(actor=self.actor, uuid=uuid, audit=False)
        if registration.state_id != self.actor.state or not self.actor.has(perms.CHANGE_REGISTRATION):
            raise NotFound()
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        records.registration_set_status(actor=self.actor, registration=registration, **data.validated_data)
        return Response(
            RegistrationOutput(
                selectors.registration_as_dict(actor=self.actor, registration=registration)
            ).data
        )


class RegistrationExportApi(ActorAPIView):
    @extend_schema(
        parameters=[OpenApiParameter("q", str)],
        responses=RegistrationOutput(many=True),
        summary="Export the state's own registrations (at most 1,000 rows, audited)",
    )
    def get(self, request: Request) -> Response:
        if not self.actor.has(perms.EXPORT_REGISTRATION):
            raise NotFound()
        rows = selectors.registration_export(actor=self.actor, q=str(request.query_params.get("q", ""))[:100])
        return Response({"count": len(rows), "cap": selectors.EXPORT_ROW_CAP, "results": rows})


class RegistrationAggregatesApi(ActorAPIView):
    """Destination-state officers: counts of other states' citizens, never a record."""

    class CellOutput(serializers.Serializer):
        code = serializers.CharField()
        name = serializers.CharField(source="label")  # ``label`` is taken by DRF's Field
        count = serializers.IntegerField(allow_null=True, help_text="null: suppressed (below the minimum)")

    class TableOutput(serializers.Serializer):
        dimension = serializers.CharField()
        title = serializers.CharField()
        cells = serializers.SerializerMethodField()

        @extend_schema_field(serializers.ListField(child=serializers.DictField()))
        def get_cells(self, table: Any) -> list[dict]:
            return list(RegistrationAggregatesApi.CellOutput(table.cells, many=True).data)

    class BlockOutput(serializers.Serializer):
        citizenship = serializers.CharField()
        name = serializers.CharField()
        agreements = serializers.ListField(child=serializers.CharField())
        min_cell_size = serializers.IntegerField()
        total = serializers.IntegerField(allow_null=True)
        tables = serializers.SerializerMethodField()

        @extend_schema_field(serializers.ListField(child=serializers.DictField()))
        def get_tables(self, block: Any) -> list[dict]:
            return list(RegistrationAggregatesApi.TableOutput(block.tables, many=True).data)

    @extend_schema(
        responses=BlockOutput(many=True),
        summary="Aggregates of other states' citizens registered for the actor's state",
    )
    def get(self, request: Request) -> Response:
        if not self.actor.has(perms.VIEW_REGISTRATION):
            raise NotFound()
        blocks = destination_aggregates(actor=self.actor)
        return Response({"count": len(blocks), "results": self.BlockOutput(blocks, many=True).data})


# --- Public ------------------------------------------------------------------------------


class SelfStartApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    class InputSerializer(RegistrationInputSerializer):
        citizenship = serializers.CharField(min_length=3, max_length=3)
        consulate = serializers.UUIDField()
        consents = serializers.ListField(
            child=serializers.ChoiceField(choices=ConsentPurpose.choices),
            required=False,
            default=list,
            max_length=3,
        )
        verify_by = serializers.ChoiceField(choices=VerificationChannel.choices)

    class OutputSerializer(serializers.Serializer):
        verification_token = serializers.CharField()
        channel = serializers.CharField()
        expires_in = serializers.IntegerField(help_text="Seconds the code stays valid")

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer, 429: None},
        summary="Start a self-registration: a six-digit code is sent by email or SMS",
    )
    def post(self, request: Request) -> Response:
        if public.rate_limited(client=str(request.META.get("REMOTE_ADDR", "unknown"))):
            body = error_body("throttled", public.too_many_message())
            return Response(body, status=429, headers={"Retry-After": str(public.RATE_WINDOW)})
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        started = public.self_registration_start(
            consulate_uuid=data.validated_data["consulate"],
            citizenship=data.validated_data["citizenship"],
            data=data.to_input(),
            consent_purposes=data.validated_data["consents"],
            verify_by=data.validated_data["verify_by"],
        )
        out = {
            "verification_token": started.verification_token,
            "channel": started.channel,
            "expires_in": int(public.CODE_TTL.total_seconds()),
        }
        return Response(self.OutputSerializer(out).data, status=201)


class SelfVerifyApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    class InputSerializer(serializers.Serializer):
        verification_token = serializers.CharField(max_length=400)
        code = serializers.RegexField(r"^\s*[0-9]{6}\s*$")

    class OutputSerializer(serializers.Serializer):
        reference = serializers.CharField()
        comeback_url = serializers.URLField()

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer},
        summary="Confirm a self-registration with its code; returns the reference and the come-back link",
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            verified = public.self_registration_verify(
                token=data.validated_data["verification_token"], code=data.validated_data["code"]
            )
        except ApplicationError as exc:
            # Answered here, not raised: the DRF handler would roll back the counted attempt.
            return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status_code)
        path = reverse("registration:mine", args=[verified.comeback_token])
        url = request.build_absolute_uri(path)
        public.send_comeback_link(registration=verified.registration, url=url)
        return Response(
            self.OutputSerializer({"reference": verified.registration.reference, "comeback_url": url}).data
        )
