"""Complaints API: filing and following for the public (no login), the queue and decisions for officers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from corridor.access import permissions as perms
from corridor.core.api.errors import error_body
from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView
from corridor.grievances import selectors, services
from corridor.grievances.models import Category, Complaint, Severity, Subject
from corridor.grievances.workflow import DECISIONS
from corridor.recruitment.services import fees as fee_services


def _client(request: Request) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _throttled(message: str) -> Response:
    return Response(
        error_body("throttled", message), status=429, headers={"Retry-After": str(fee_services.RATE_WINDOW)}
    )


class EventOutput(serializers.Serializer):
    action = serializers.CharField()
    text = serializers.CharField(source="label")
    status = serializers.CharField(source="to_status")
    note = serializers.CharField()
    occurred_at = serializers.DateTimeField()


class PublicAPIView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []


class PublicComplaintCreateApi(PublicAPIView):
    class InputSerializer(serializers.Serializer):
        subject = serializers.ChoiceField(choices=Subject.choices)
        agency = serializers.CharField(max_length=36, required=False, allow_blank=True, default="")
        vacancy = serializers.CharField(max_length=36, required=False, allow_blank=True, default="")
        employer_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        employer_country = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
        work_country = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
        citizenship = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
        category = serializers.ChoiceField(choices=Category.choices)
        description = serializers.CharField(max_length=5000)
        language = serializers.ChoiceField(choices=[code for code, _name in settings.LANGUAGES])
        reporter_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        contact = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    class OutputSerializer(serializers.Serializer):
        reference = serializers.CharField()

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer, 429: None},
        summary="Make a complaint about an agency, an employer or a job ad (anonymous allowed)",
    )
    def post(self, request: Request) -> Response:
        if services.filing_rate_limited(client=_client(request)):
            return _throttled(services.too_many_message())
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = services.complaint_file(data=dict(data.validated_data))
        return Response(self.OutputSerializer(complaint).data, status=201)


class PublicComplaintFollowApi(PublicAPIView):
    """POST so that the reference, the complainant's only key, stays out of URLs and logs."""

    class InputSerializer(serializers.Serializer):
        reference = serializers.CharField(max_length=20)

    class OutputSerializer(serializers.Serializer):
        reference = serializers.CharField()
        status = serializers.CharField()
        status_label = serializers.CharField(source="get_status_display")
        updates = EventOutput(many=True)

    @extend_schema(
        request=InputSerializer, responses=OutputSerializer, summary="Follow a complaint by reference"
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = selectors.complaint_by_reference(reference=data.validated_data["reference"])
        if complaint is None:
            if services.filing_rate_limited(client=f"follow:{_client(request)}"):
                return _throttled(services.too_many_message())
            raise Http404
        complaint.updates = selectors.complaint_history(complaint=complaint, public_only=True)  # type: ignore[attr-defined]
        return Response(self.OutputSerializer(complaint).data)


# --- back office -------------------------------------------------------------------------


class ComplaintOutput(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    reference = serializers.CharField()
    subject = serializers.CharField()
    agency = serializers.UUIDField(source="agency.uuid", allow_null=True, default=None)
    vacancy = serializers.UUIDField(source="vacancy.uuid", allow_null=True, default=None)
    employer_name = serializers.CharField()
    employer_country = serializers.CharField(source="employer_country_id", allow_null=True)
    state = serializers.CharField(source="state_id")
    concerned_state = serializers.CharField(source="concerned_state_id", allow_null=True)
    category = serializers.CharField()
    severity = serializers.CharField()
    status = serializers.CharField()
    language = serializers.CharField()
    description = serializers.CharField()
    named = serializers.BooleanField(source="is_named")
    assigned_to = serializers.UUIDField(source="assigned_to.uuid", allow_null=True, default=None)
    sla_due_at = serializers.DateTimeField(allow_null=True)
    rag = serializers.SerializerMethodField()
    escalation_level = serializers.IntegerField()

    def get_rag(self, complaint: Complaint) -> str:
        return selectors.rag(complaint, self.context.get("now") or timezone.now())


class ActionOutput(serializers.Serializer):
    action = serializers.CharField()
    text = serializers.CharField(source="label")
    needs_note = serializers.BooleanField()


def _shown(actor: Any, changed: Complaint) -> Response:
    """The complaint after a decision, read again as the queue shows it (with its clock)."""
    return Response(ComplaintOutput(selectors.complaint_for_officer(actor=actor, uuid=changed.uuid)).data)


class HistoryOutput(serializers.Serializer):
    action = serializers.CharField()
    text = serializers.CharField(source="label")
    status = serializers.CharField(source="to_status")
    note = serializers.CharField()
    public = serializers.BooleanField()
    occurred_at = serializers.DateTimeField()


class ComplaintListApi(ActorAPIView):
    @extend_schema(
        parameters=[OpenApiParameter(n, str) for n in ("status", "category", "severity", "rag", "escalated")],
        responses=ComplaintOutput(many=True),
        summary="The complaints queue of the actor's state",
    )
    def get(self, request: Request) -> Response:
        if not self.actor.has(perms.HANDLE_GRIEVANCES):
            raise Http404
        params = request.query_params
        filters = selectors.QueueFilters(
            status=str(params.get("status", ""))[:20],
            category=str(params.get("category", ""))[:30],
            severity=str(params.get("severity", ""))[:20],
            rag=str(params.get("rag", ""))[:10],
            escalated=params.get("escalated") in {"1", "true"},
        )
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(
            selectors.complaint_queue(actor=self.actor, filters=filters), request, view=self
        )
        return paginator.get_paginated_response(ComplaintOutput(page, many=True).data)


class ComplaintDetailApi(ActorAPIView):
    class OutputSerializer(ComplaintOutput):
        history = HistoryOutput(many=True)
        actions = ActionOutput(many=True)

    @extend_schema(
        responses=OutputSerializer,
        summary="One complaint with its history and the actions this actor may take now",
    )
    def get(self, request: Request, public_id: str) -> Response:
        complaint = selectors.complaint_for_officer(actor=self.actor, uuid=public_id)
        complaint.history = selectors.case_history(complaint=complaint)  # type: ignore[attr-defined]
        complaint.actions = services.complaint_actions(actor=self.actor, complaint=complaint)  # type: ignore[attr-defined]
        return Response(self.OutputSerializer(complaint).data)


class ComplaintTriageApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        category = serializers.ChoiceField(choices=Category.choices)
        severity = serializers.ChoiceField(choices=Severity.choices)

    @extend_schema(
        request=InputSerializer, responses=ComplaintOutput, summary="Triage: category and severity"
    )
    def post(self, request: Request, public_id: str) -> Response:
        complaint = selectors.complaint_for_officer(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = services.complaint_triage(actor=self.actor, complaint=complaint, **data.validated_data)
        return _shown(self.actor, changed)


class ComplaintAssignApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        organisation = serializers.UUIDField()

    @extend_schema(
        request=InputSerializer, responses=ComplaintOutput, summary="Assign to a responsible organisation"
    )
    def post(self, request: Request, public_id: str) -> Response:
        complaint = selectors.complaint_for_officer(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = services.complaint_assign(actor=self.actor, complaint=complaint, **data.validated_data)
        return _shown(self.actor, changed)


class ComplaintDecisionApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        action = serializers.ChoiceField(choices=DECISIONS)
        reason = serializers.CharField(max_length=2000)

    @extend_schema(
        request=InputSerializer, responses=ComplaintOutput, summary="Resolve, refer, close or reopen"
    )
    def post(self, request: Request, public_id: str) -> Response:
        complaint = selectors.complaint_for_officer(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = services.complaint_decide(actor=self.actor, complaint=complaint, **data.validated_data)
        return _shown(self.actor, changed)
