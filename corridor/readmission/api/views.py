"""The readmission API for national systems: the same selectors and services as the pages.

``GET agreements/``; ``GET|POST cases/``; ``GET cases/{reference}/`` (the actor's state's
copy; the requested state finds its own copy by the same reference); ``POST
cases/{reference}/actions/`` with ``{"action": …}`` plus that action's fields.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView
from corridor.people.models import Sex
from corridor.readmission import selectors, services
from corridor.readmission.models import Category, ReadmissionCase, RefusalReason, TravelDocumentKind


class LimitOutput(serializers.Serializer):
    kind = serializers.CharField()
    amount = serializers.IntegerField()
    unit = serializers.CharField()
    extension_amount = serializers.IntegerField()
    max_extensions = serializers.IntegerField()
    breach_action = serializers.CharField()
    rule = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    verified = serializers.BooleanField()


class ReadmissionAgreementOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    is_template = serializers.BooleanField()
    parties = serializers.ListField(child=serializers.CharField())
    scope = serializers.ListField(child=serializers.CharField())
    silence_is_acceptance = serializers.BooleanField()
    has_accelerated_procedure = serializers.BooleanField()
    languages = serializers.ListField(child=serializers.CharField())
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)
    legal_source = serializers.CharField()
    verified = serializers.BooleanField()
    limits = LimitOutput(many=True)
    evidence = serializers.ListField(child=serializers.DictField())


def _agreement(agreement: Any) -> dict[str, Any]:
    scope = [
        name
        for name, on in (
            ("own_national", agreement.covers_own_nationals),
            ("third_country", agreement.covers_third_country),
            ("stateless", agreement.covers_stateless),
            ("transit", agreement.covers_transit),
        )
        if on
    ]
    limits = [
        {
            "kind": row.kind,
            "amount": row.time_limit.amount,
            "unit": row.time_limit.unit,
            "extension_amount": row.time_limit.extension_amount,
            "max_extensions": row.time_limit.max_extensions,
            "breach_action": row.time_limit.breach_action,
            "rule": selectors.rule_text(row.time_limit),
            "source": row.time_limit.legal_source,
            "verified": row.verified,
        }
        for row in agreement.limits.all()
    ]
    return {
        "code": agreement.code,
        "title": agreement.title,
        "is_template": agreement.is_template,
        "parties": sorted(p.iso3 for p in agreement.parties.all()),
        "scope": scope,
        "silence_is_acceptance": agreement.silence_is_acceptance,
        "has_accelerated_procedure": agreement.has_accelerated_procedure,
        "languages": agreement.languages,
        "valid_from": agreement.valid_from,
        "valid_to": agreement.valid_to,
        "legal_source": agreement.legal_source,
        "verified": agreement.verified,
        "limits": limits,
        "evidence": [
            {"code": e.code, "name": e.name, "strength": e.strength} for e in agreement.evidence_types.all()
        ],
    }


class AgreementListApi(ActorAPIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses=ReadmissionAgreementOutput(many=True),
        summary="Readmission agreements and the standard terms",
    )
    def get(self, request: Request) -> Response:
        return Response(
            [
                ReadmissionAgreementOutput(_agreement(a)).data
                for a in selectors.agreements_public().order_by("code")
            ]
        )


class DeadlineOutput(serializers.Serializer):
    kind = serializers.CharField()
    due = serializers.DateTimeField()
    rule = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    state = serializers.CharField()


class ReadmissionActionOutput(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    needs_note = serializers.BooleanField()


class CaseOutput(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()
    side = serializers.CharField()
    requesting_state = serializers.CharField()
    requested_state = serializers.CharField()
    agreement = serializers.CharField()
    category = serializers.CharField()
    accelerated = serializers.BooleanField()
    family_name = serializers.CharField()
    given_name = serializers.CharField()
    name_original = serializers.CharField()
    name_cyrillic = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True)
    refusal_reason = serializers.CharField()
    transfer_date = serializers.DateField(allow_null=True)
    crossing_point = serializers.CharField()
    travel_document_number = serializers.CharField()
    nationality_verified = serializers.BooleanField()
    evidence = serializers.ListField(child=serializers.DictField())
    allowed_actions = ReadmissionActionOutput(many=True)
    deadlines = DeadlineOutput(many=True)


def _case(actor: Any, case: ReadmissionCase) -> dict[str, Any]:
    return dict(
        CaseOutput(
            {
                "reference": case.reference,
                "status": case.status,
                "side": case.side,
                "requesting_state": case.requesting_state_id,
                "requested_state": case.requested_state_id,
                "agreement": case.agreement.code,
                "category": case.category,
                "accelerated": case.accelerated,
                "family_name": case.family_name,
                "given_name": case.given_name,
                "name_original": case.name_original,
                "name_cyrillic": case.name_cyrillic,
                "birth_date": case.birth_date,
                "refusal_reason": case.refusal_reason,
                "transfer_date": case.transfer_date,
                "crossing_point": case.crossing_point,
                "travel_document_number": case.travel_document_number,
                "nationality_verified": case.verified_at is not None,
                "evidence": [
                    {"type": e.evidence_type, "strength": e.strength, "attachment": e.document_id is not None}
                    for e in selectors.evidence_of(case)
                ],
                "allowed_actions": [
                    {"action": o.action, "label": o.label, "needs_note": o.needs_note}
                    for o in (
                        services.allowed_for(actor, case) if actor.has(perms.HANDLE_READMISSION) else []
                    )
                ],
                "deadlines": [
                    {"kind": d.kind, "due": d.due, "rule": d.rule, "source": d.source, "state": d.state}
                    for d in selectors.deadlines(case)
                ],
            }
        ).data
    )


class CaseListApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        requested_state = serializers.CharField(min_length=3, max_length=3)
        category = serializers.ChoiceField(choices=Category.choices)
        family_name = serializers.CharField(max_length=120)
        given_name = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)
        name_original = serializers.CharField(max_length=240, required=False, default="", allow_blank=True)
        name_cyrillic = serializers.CharField(max_length=240, required=False, default="", allow_blank=True)
        birth_date = serializers.DateField(required=False, allow_null=True, default=None)
        sex = serializers.ChoiceField(choices=Sex.choices, required=False, default="")
        citizenship = serializers.CharField(max_length=3, required=False, default="", allow_blank=True)
        document_number = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
        known_since = serializers.DateField(required=False, allow_null=True, default=None)
        accelerated = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        parameters=[OpenApiParameter("q", str), OpenApiParameter("status", str)],
        responses=CaseOutput(many=True),
        summary="The actor's state's copies of readmission cases",
    )
    def get(self, request: Request) -> Response:
        q = str(request.query_params.get("q", ""))[:100]
        rows = selectors.case_list(
            actor=self.actor, q=q, status=str(request.query_params.get("status", ""))
        ).select_related("agreement")
        paginator = CorridorPagination()
        page = list(paginator.paginate_queryset(rows, request, view=self) or [])
        selectors.case_list_audit(actor=self.actor, shown=page, query=q)
        return paginator.get_paginated_response([_case(self.actor, c) for c in page])

    @extend_schema(request=InputSerializer, responses={201: CaseOutput}, summary="Open a draft request")
    def post(self, request: Request) -> Response:
        policy.require(self.actor, perms.HANDLE_READMISSION)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.case_create(actor=self.actor, **data.validated_data)
        return Response(_case(self.actor, case), status=201)


class CaseDetailApi(ActorAPIView):
    @extend_schema(responses=CaseOutput, summary="The actor's state's copy of one case")
    def get(self, request: Request, reference: str) -> Response:
        case = selectors.case_get(actor=self.actor, reference=reference)
        return Response(_case(self.actor, case))


class CaseActionApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        action = serializers.CharField(max_length=40)
        note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
        answers = serializers.DictField(child=serializers.BooleanField(), required=False)
        refusal_reason = serializers.ChoiceField(choices=RefusalReason.choices, required=False)
        transfer_date = serializers.DateField(required=False)
        crossing_point = serializers.CharField(max_length=120, required=False)
        flight = serializers.CharField(max_length=40, required=False)
        escorts = serializers.IntegerField(min_value=0, max_value=20, required=False)
        kind = serializers.ChoiceField(choices=TravelDocumentKind.choices, required=False)
        valid_days = serializers.IntegerField(min_value=1, max_value=90, required=False)

    @extend_schema(request=InputSerializer, responses=CaseOutput, summary="Take an action on the case")
    def post(self, request: Request, reference: str) -> Response:
        case = selectors.case_get(actor=self.actor, reference=reference, audit=False)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        action, note = fields.pop("action"), fields.pop("note")
        moved = services.case_act(actor=self.actor, case=case, action=action, note=note, fields=fields)
        return Response(_case(self.actor, moved))
