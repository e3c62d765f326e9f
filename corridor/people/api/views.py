from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView
from corridor.people import selectors, services
from corridor.people.models import ProtectionReason, Sex


class PersonOutput(serializers.Serializer):
    """Foreign records carry only the fields their agreement names; absent keys were not shared."""

    uuid = serializers.UUIDField()
    state = serializers.CharField()
    agreement = serializers.UUIDField(allow_null=True)
    family_name = serializers.CharField(required=False)
    given_name = serializers.CharField(required=False)
    patronymic = serializers.CharField(required=False)
    birth_date = serializers.DateField(required=False, allow_null=True)
    sex = serializers.CharField(required=False)
    citizenship = serializers.CharField(required=False)
    is_protected = serializers.BooleanField(required=False)
    protection_reasons = serializers.ListField(child=serializers.CharField(), required=False)
    document_number = serializers.CharField(required=False)

    def to_representation(self, instance: dict) -> dict:  # type: ignore[override]
        full = super().to_representation(instance)
        return {key: value for key, value in full.items() if key in instance}


class PersonListApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        family_name = serializers.CharField(max_length=120)
        given_name = serializers.CharField(max_length=120)
        patronymic = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
        birth_date = serializers.DateField(required=False, allow_null=True, default=None)
        sex = serializers.ChoiceField(choices=Sex.choices, required=False, default="")
        citizenship = serializers.CharField(min_length=3, max_length=3)
        document_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
        protection_reasons = serializers.ListField(
            child=serializers.ChoiceField(choices=ProtectionReason.choices),
            required=False,
            default=list,
            max_length=5,
        )

    @extend_schema(
        parameters=[OpenApiParameter("q", str), OpenApiParameter("document_number", str)],
        responses=PersonOutput(many=True),
        summary="Person records the actor may see",
    )
    def get(self, request: Request) -> Response:
        q = str(request.query_params.get("q", ""))[:100]
        document_number = str(request.query_params.get("document_number", ""))[:40]
        records = selectors.person_list(actor=self.actor, q=q, document_number=document_number)
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(records, request, view=self)
        selectors.person_list_audit(actor=self.actor, shown=list(page or []), query=q)
        rows = [selectors.person_as_dict(actor=self.actor, person=p) for p in page or []]
        return paginator.get_paginated_response(PersonOutput(rows, many=True).data)

    @extend_schema(request=InputSerializer, responses={201: PersonOutput}, summary="Record a person")
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        person = services.person_create(actor=self.actor, **data.validated_data)
        return Response(
            PersonOutput(selectors.person_as_dict(actor=self.actor, person=person)).data, status=201
        )


class PersonDetailApi(ActorAPIView):
    @extend_schema(responses=PersonOutput, summary="One person record (audited read)")
    def get(self, request: Request, uuid: str) -> Response:
        person = selectors.person_get(actor=self.actor, uuid=uuid)
        return Response(PersonOutput(selectors.person_as_dict(actor=self.actor, person=person)).data)


class PersonExportApi(ActorAPIView):
    @extend_schema(
        parameters=[OpenApiParameter("q", str)],
        responses=PersonOutput(many=True),
        summary="Export the state's own records (at most 1,000 rows, audited)",
    )
    def get(self, request: Request) -> Response:
        rows = selectors.person_export(actor=self.actor, q=str(request.query_params.get("q", ""))[:100])
        return Response(
            {
                "count": len(rows),
                "cap": selectors.EXPORT_ROW_CAP,
                "results": PersonOutput(rows, many=True).data,
            }
        )
