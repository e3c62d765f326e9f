from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from corridor.access import selectors, services
from corridor.access.models import AgreementPurpose, AgreementScope, AgreementStatus
from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView


class AgreementOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    reference = serializers.CharField()
    title = serializers.CharField()
    grantor = serializers.CharField(source="grantor_id")
    grantees = serializers.SerializerMethodField()
    purpose = serializers.CharField()
    legal_basis = serializers.CharField()
    scope_kind = serializers.CharField()
    record_types = serializers.ListField(child=serializers.CharField())
    shared_fields = serializers.DictField(
        source="fields", child=serializers.ListField(child=serializers.CharField())
    )
    min_cell_size = serializers.IntegerField()
    nationals_only = serializers.BooleanField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    in_force = serializers.SerializerMethodField()

    def get_grantees(self, obj: object) -> list[str]:
        return sorted(c.iso3 for c in obj.grantees.all())  # type: ignore[attr-defined]

    def get_in_force(self, obj: object) -> bool:
        return bool(obj.is_in_force())  # type: ignore[attr-defined]


class AgreementListApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        reference = serializers.RegexField(r"^[A-Za-z0-9._/-]+$", max_length=40)
        title = serializers.CharField(max_length=200)
        grantor = serializers.CharField(min_length=3, max_length=3)
        grantees = serializers.ListField(
            child=serializers.CharField(min_length=3, max_length=3), min_length=1, max_length=20
        )
        purpose = serializers.ChoiceField(choices=AgreementPurpose.choices)
        legal_basis = serializers.CharField(max_length=4000)
        scope_kind = serializers.ChoiceField(choices=AgreementScope.choices)
        record_types = serializers.ListField(
            child=serializers.CharField(max_length=80), required=False, max_length=20
        )
        shared_fields = serializers.DictField(
            child=serializers.ListField(child=serializers.CharField(max_length=60), max_length=50),
            required=False,
        )
        min_cell_size = serializers.IntegerField(min_value=1, max_value=1000, required=False, default=5)
        nationals_only = serializers.BooleanField(required=False, default=True)
        valid_from = serializers.DateField()
        valid_to = serializers.DateField(required=False, allow_null=True)

    @extend_schema(responses=AgreementOutput(many=True), summary="Agreements the acting state is party to")
    def get(self, request: Request) -> Response:
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(selectors.agreement_list(actor=self.actor), request, view=self)
        return paginator.get_paginated_response(AgreementOutput(page, many=True).data)

    @extend_schema(request=InputSerializer, responses={201: AgreementOutput}, summary="Draft an agreement")
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["fields"] = values.pop("shared_fields", {})
        agreement = services.agreement_create(actor=self.actor, **values)
        return Response(AgreementOutput(agreement).data, status=201)


class AgreementDetailApi(ActorAPIView):
    @extend_schema(responses=AgreementOutput, summary="One agreement")
    def get(self, request: Request, uuid: str) -> Response:
        return Response(AgreementOutput(selectors.agreement_get(actor=self.actor, uuid=uuid)).data)


class AgreementStatusApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        status = serializers.ChoiceField(
            choices=[s for s in AgreementStatus.choices if s[0] != AgreementStatus.DRAFT]
        )
        reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        request=InputSerializer, responses=AgreementOutput, summary="Bring into force, suspend or end"
    )
    def post(self, request: Request, uuid: str) -> Response:
        agreement = selectors.agreement_get(actor=self.actor, uuid=uuid)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agreement = services.agreement_set_status(
            actor=self.actor, agreement=agreement, **data.validated_data
        )
        return Response(AgreementOutput(agreement).data)


class BreakGlassOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    user = serializers.CharField(source="user.username")
    state = serializers.CharField(source="state_id")
    permission = serializers.CharField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    is_active = serializers.BooleanField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_outcome = serializers.CharField()


class BreakGlassListApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        permission = serializers.CharField(max_length=60)
        reason = serializers.CharField(max_length=2000)
        hours = serializers.IntegerField(min_value=1, max_value=24, default=1)

    @extend_schema(responses=BreakGlassOutput(many=True), summary="Emergency access grants")
    def get(self, request: Request) -> Response:
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(selectors.break_glass_list(actor=self.actor), request, view=self)
        return paginator.get_paginated_response(BreakGlassOutput(page, many=True).data)

    @extend_schema(
        request=InputSerializer, responses={201: BreakGlassOutput}, summary="Open emergency access"
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        grant = services.break_glass_open(actor=self.actor, **data.validated_data)
        return Response(BreakGlassOutput(grant).data, status=201)
