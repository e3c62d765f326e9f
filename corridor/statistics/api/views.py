"""Statistics API: submissions (upload, read, approval steps) and public figures."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from corridor.access import permissions as perms
from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView
from corridor.statistics import selectors, services
from corridor.statistics.models import Dataflow, Submission
from corridor.statistics.validation.messages import render, render_conversion


class SubmissionOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    state = serializers.CharField(source="state_id")
    dataflow = serializers.CharField(source="dataflow.flow_id")
    vintage = serializers.IntegerField()
    status = serializers.CharField()
    observation_count = serializers.IntegerField()
    error_count = serializers.IntegerField()
    warning_count = serializers.IntegerField()
    flag_count = serializers.IntegerField()
    is_synthetic = serializers.BooleanField()
    embargo_until = serializers.DateTimeField(allow_null=True)
    report = serializers.SerializerMethodField()
    conversions = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()

    def get_report(self, obj: Submission) -> list[dict[str, Any]]:
        return [{**item, "message": render(item)} for item in obj.report.get("issues", [])]

    def get_conversions(self, obj: Submission) -> list[dict[str, Any]]:
        return [{**item, "message": render_conversion(item)} for item in obj.report.get("conversions", [])]

    def get_flags(self, obj: Submission) -> list[dict[str, str]]:
        """Each flagged cell and its comment ("" until one is given)."""
        cells = [cell for cell in obj.flagged_cells() if cell[1]]
        comments = selectors.cell_comments(submission=obj, cells=cells)
        return [{"period": p, "key": k, "comment": comments.get((p, k), "")} for p, k in cells]


def _staff_or_404(actor: Any) -> None:
    if not (actor.has(perms.VIEW_STATISTICS_UNPUBLISHED) or actor.has(perms.ACCEPT_STATISTICS_REGIONAL)):
        raise Http404


class SubmissionListApi(ActorAPIView):
    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        dataflow = serializers.CharField(max_length=40)
        file = serializers.FileField()

    @extend_schema(responses=SubmissionOutput(many=True), summary="Submissions the actor may see")
    def get(self, request: Request) -> Response:
        _staff_or_404(self.actor)
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(selectors.submission_list(actor=self.actor), request, view=self)
        return paginator.get_paginated_response(SubmissionOutput(page, many=True).data)

    @extend_schema(request=InputSerializer, responses=SubmissionOutput, summary="Upload and validate a file")
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        submission = services.submission_upload(
            actor=self.actor,
            dataflow=serializer.validated_data["dataflow"],
            content=upload.read(),
            file_name=upload.name,
        )
        return Response(SubmissionOutput(submission).data, status=201)


class SubmissionDetailApi(ActorAPIView):
    @extend_schema(responses=SubmissionOutput, summary="One submission with its validation report")
    def get(self, request: Request, uuid: str) -> Response:
        _staff_or_404(self.actor)
        return Response(SubmissionOutput(selectors.submission_get(actor=self.actor, uuid=uuid)).data)


class SubmissionActionApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        class FlagComment(serializers.Serializer):
            period = serializers.CharField(max_length=10)
            key = serializers.CharField(max_length=200)
            comment = serializers.CharField(max_length=1000, allow_blank=True)

        text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
        flag_comments = FlagComment(many=True, required=False, default=list)
        embargo_until = serializers.DateTimeField(required=False, allow_null=True, default=None)

    @extend_schema(
        request=InputSerializer,
        responses=SubmissionOutput,
        summary="Approve, accept, publish or send back",
        operation_id="statistics_submissions_transition",
    )
    def post(self, request: Request, uuid: str, action: str) -> Response:
        _staff_or_404(self.actor)
        submission = selectors.submission_get(actor=self.actor, uuid=uuid)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        text = serializer.validated_data["text"]
        if action == "approve":
            comments = {
                (c["period"], c["key"]): c["comment"] for c in serializer.validated_data["flag_comments"]
            }
            submission = services.submission_approve_national(
                actor=self.actor, submission=submission, comment=text, flag_comments=comments
            )
        elif action == "accept":
            submission = services.submission_accept_regional(actor=self.actor, submission=submission)
        elif action == "publish":
            submission = services.submission_publish(
                actor=self.actor,
                submission=submission,
                embargo_until=serializer.validated_data["embargo_until"],
            )
        elif action == "send-back":
            submission = services.submission_send_back(actor=self.actor, submission=submission, reason=text)
        else:
            raise Http404
        return Response(SubmissionOutput(submission).data)


class PublicDataApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    class CellOutput(serializers.Serializer):
        state = serializers.CharField()
        period = serializers.CharField()
        key = serializers.CharField()
        value = serializers.IntegerField(allow_null=True)
        suppressed = serializers.BooleanField()
        synthetic = serializers.BooleanField()

    @extend_schema(
        responses=CellOutput(many=True), summary="Published figures of a dataflow (disclosure-controlled)"
    )
    def get(self, request: Request, flow_id: str) -> Response:
        flow = Dataflow.objects.filter(flow_id=flow_id).first()
        if flow is None:
            raise Http404
        cells = selectors.public_cells(
            flow=flow,
            viewer_state=None,
            state=str(request.query_params.get("state", ""))[:3],
            period=str(request.query_params.get("period", ""))[:10],
            limit=100_000,
        )
        paginator = CorridorPagination()
        page: Any = paginator.paginate_queryset(cells, request, view=self)  # type: ignore[arg-type]
        return paginator.get_paginated_response(self.CellOutput(page, many=True).data)
