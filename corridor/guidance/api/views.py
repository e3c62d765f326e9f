"""Guidance API: public reads and the public stay check; rule edits for signed-in officers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView
from corridor.guidance import selectors, services
from corridor.guidance.calculator import MAX_STAYS, Stay
from corridor.guidance.models import CorridorRule
from corridor.guidance.stay_check import as_dict, describe_limits, stay_check


class PublicAPIView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [AnonRateThrottle]


class RuleOutput(serializers.ModelSerializer):
    citizenship = serializers.CharField(source="citizenship_id")
    destination = serializers.CharField(source="destination_id")
    verified = serializers.BooleanField(source="is_verified")
    limits = serializers.SerializerMethodField()

    class Meta:
        model = CorridorRule
        exclude = ["id", "changed_by", "created_at", "is_current"]

    def get_limits(self, rule: CorridorRule) -> list[str]:
        return describe_limits(rule)


class StayCheckApi(PublicAPIView):
    class StayInput(serializers.Serializer):
        entry = serializers.DateField()
        exit = serializers.DateField(required=False, allow_null=True, default=None)

    class InputSerializer(serializers.Serializer):
        citizenship = serializers.CharField(min_length=3, max_length=3)
        destination = serializers.CharField(min_length=3, max_length=3)
        stays = serializers.ListField(child=serializers.DictField(), max_length=MAX_STAYS, default=list)
        on = serializers.DateField(required=False, default=None, allow_null=True)
        permit_expires = serializers.DateField(required=False, default=None, allow_null=True)

        def validate_stays(self, value: list[dict[str, Any]]) -> list[Stay]:
            stays, errors = [], {}
            for index, row in enumerate(value):
                item = StayCheckApi.StayInput(data=row)
                if item.is_valid():
                    stays.append(Stay(item.validated_data["entry"], item.validated_data["exit"]))
                else:
                    errors[str(index)] = item.errors
            if errors:
                raise serializers.ValidationError(errors)
            return stays

    class OutputSerializer(serializers.Serializer):
        class DeadlineOutput(serializers.Serializer):
            kind = serializers.CharField()
            date = serializers.DateField()
            rule = serializers.CharField()
            source = serializers.CharField()  # type: ignore[assignment]
            passed = serializers.BooleanField()

        days_used = serializers.IntegerField()
        days_remaining = serializers.IntegerField(allow_null=True)
        last_lawful_day = serializers.DateField(allow_null=True)
        overstay_days = serializers.IntegerField()
        in_country = serializers.BooleanField()
        visa_required = serializers.BooleanField(allow_null=True)
        binding_limit = serializers.CharField()
        explanation = serializers.CharField()
        deadlines = DeadlineOutput(many=True)
        rule = serializers.DictField()

    @extend_schema(
        request=InputSerializer,
        responses=OutputSerializer,
        summary="Apply a corridor's stay rule to a person's dates (public, no login)",
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        result = stay_check(
            citizenship=values["citizenship"],
            destination=values["destination"],
            stays=values["stays"],
            on=values["on"] or dt.date.today(),  # noqa: DTZ011 - a calendar date
            permit_expires=values["permit_expires"],
        )
        return Response(self.OutputSerializer(as_dict(result)).data)


class RuleListApi(PublicAPIView):
    @extend_schema(responses=RuleOutput(many=True), summary="Current corridor rules (public)")
    def get(self, request: Request) -> Response:
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(selectors.rule_list(), request, view=self)
        return paginator.get_paginated_response(RuleOutput(page, many=True).data)


class RuleHistoryApi(PublicAPIView):
    @extend_schema(responses=RuleOutput(many=True), summary="Every version of one corridor's rule (public)")
    def get(self, request: Request, citizenship: str, destination: str) -> Response:
        rule = selectors.rule_get(citizenship=citizenship, destination=destination)
        rows = selectors.rule_history(citizenship=rule.citizenship_id, destination=rule.destination_id)
        return Response({"results": RuleOutput(rows, many=True).data})


class RuleDetailApi(ActorAPIView):
    class UpdateInput(serializers.ModelSerializer):
        reason = serializers.CharField(max_length=300, help_text=str(_("Why the rule changed")))

        class Meta:
            model = CorridorRule
            fields = [*services.EDITABLE_RULE_FIELDS, "reason"]

    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "GET" else list(super().get_permissions())

    @extend_schema(responses=RuleOutput, summary="The current rule of one corridor (public)")
    def get(self, request: Request, citizenship: str, destination: str) -> Response:
        return Response(RuleOutput(selectors.rule_get(citizenship=citizenship, destination=destination)).data)

    @extend_schema(
        request=UpdateInput,
        responses=RuleOutput,
        summary="Save a new version of a corridor rule (destination state's officers)",
    )
    def patch(self, request: Request, citizenship: str, destination: str) -> Response:
        rule = selectors.rule_get(citizenship=citizenship, destination=destination)
        data = self.UpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        reason = changes.pop("reason", "")
        new = services.rule_update(actor=self.actor, rule=rule, changes=changes, reason=reason)
        return Response(RuleOutput(new).data)
