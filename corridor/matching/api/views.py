"""Matching API: jobs, ranked candidates with explanations, two-person review, training labels.

The same selectors and services as the pages, under the same rules: without ``matching.review``,
or for another state's job or pair, every answer is 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView
from corridor.core.errors import NotFound
from corridor.matching.jobs import selectors, services
from corridor.matching.jobs.labels import FIELDS, LEVELS, training_notes
from corridor.matching.models import Decision, MatchCandidate, MatchDecision, MatchJob


class CalibrationOutput(serializers.Serializer):
    labelled = serializers.IntegerField()
    matches = serializers.IntegerField()
    target = serializers.FloatField()
    threshold = serializers.FloatField(allow_null=True)
    precision = serializers.FloatField(allow_null=True)
    recall = serializers.FloatField(allow_null=True)
    reason = serializers.CharField()


class JobOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    state = serializers.CharField(source="state_id")
    kind = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    progress = serializers.IntegerField()
    failure = serializers.CharField()
    failure_message = serializers.CharField(source="get_failure_display")
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    created_by = serializers.CharField()
    records_count = serializers.IntegerField()
    pairs_compared = serializers.IntegerField()
    parameters = serializers.CharField()
    threshold = serializers.FloatField()
    carried_over = serializers.IntegerField()
    auto_linked = serializers.IntegerField()
    calibration = CalibrationOutput(allow_null=True, required=False)
    training_notes = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="what training could not estimate"
    )

    def to_representation(self, instance: MatchJob) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["calibration"] = instance.calibration or None
        data["training_notes"] = [str(line) for line in training_notes(instance.training_notes)]
        return data


class ReasonOutput(serializers.Serializer):
    field = serializers.CharField()
    field_label = serializers.CharField()
    level = serializers.CharField()
    level_label = serializers.CharField()
    weight = serializers.FloatField()


class RecordOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()
    birth_date = serializers.CharField()
    reference = serializers.CharField()


class DecisionOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    reviewer = serializers.CharField(allow_null=True)
    by_system = serializers.BooleanField()
    decision = serializers.CharField()
    note = serializers.CharField()
    current = serializers.BooleanField()
    carried_over = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class CandidateOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    job = serializers.UUIDField()
    rank = serializers.IntegerField()
    probability = serializers.FloatField()
    match_weight = serializers.FloatField()
    outcome = serializers.CharField()
    outcome_label = serializers.CharField()
    left = RecordOutput(allow_null=True)  # null: merged or removed since the run
    right = RecordOutput(allow_null=True)
    explanation = ReasonOutput(many=True)
    decisions = DecisionOutput(many=True, required=False)


def _reviewer(actor: Actor) -> Actor:
    if not actor.has(perms.REVIEW_MATCHES) or actor.state is None:
        raise NotFound()
    return actor


def _reasons(explanation: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "field": item["field"],
            "field_label": str(FIELDS.get(str(item["field"]), item["field"])),
            "level": item["level"],
            "level_label": str(LEVELS.get(str(item["level"]), item["level"])),
            "weight": item["weight"],
        }
        for item in explanation
    ]


def _decision(decision: MatchDecision) -> dict[str, Any]:
    return {
        "uuid": decision.uuid,
        "reviewer": None if decision.by_system else str(decision.reviewer),
        "by_system": decision.by_system,
        "decision": decision.decision,
        "note": decision.note,
        "current": decision.current,
        "carried_over": decision.carried_from_id is not None,
        "created_at": decision.created_at,
    }


def _candidates(actor: Actor, candidates: list[MatchCandidate], *, with_decisions: bool) -> list[dict]:
    uuids = [str(u) for c in candidates for u in (c.left_uuid, c.right_uuid)]
    records = selectors.record_summaries(actor=actor, uuids=uuids)
    rows = []
    for c in candidates:
        row = {
            "uuid": c.uuid,
            "job": c.job.uuid,
            "rank": c.rank,
            "probability": c.probability,
            "match_weight": c.match_weight,
            "outcome": c.outcome,
            "outcome_label": str(c.get_outcome_display()),
            "left": records.get(str(c.left_uuid)),
            "right": records.get(str(c.right_uuid)),
            "explanation": _reasons(c.explanation),
        }
        if with_decisions:
            row["decisions"] = [_decision(d) for d in selectors.decisions_of(actor=actor, candidate=c)]
        rows.append(row)
    return rows


class JobListApi(ActorAPIView):
    @extend_schema(responses=JobOutput(many=True), summary="Matching jobs of the actor's own state")
    def get(self, request: Request) -> Response:
        actor = _reviewer(self.actor)
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(selectors.job_list(actor=actor), request, view=self)
        return paginator.get_paginated_response(JobOutput(page, many=True).data)


class JobCreateApi(ActorAPIView):
    @extend_schema(
        request=None,
        responses={202: JobOutput},
        summary="Queue a job deduplicating the actor's own state's consular registrations",
    )
    def post(self, request: Request) -> Response:
        job = services.job_submit(actor=_reviewer(self.actor))
        return Response(JobOutput(job).data, status=202)


class JobDetailApi(ActorAPIView):
    @extend_schema(responses=JobOutput, summary="One matching job: status, progress, calibration")
    def get(self, request: Request, uuid: str) -> Response:
        job = selectors.job_get(actor=_reviewer(self.actor), uuid=uuid)
        return Response(JobOutput(job).data)


class JobCandidatesApi(ActorAPIView):
    @extend_schema(
        responses=CandidateOutput(many=True), summary="A job's candidate pairs, best first, explained"
    )
    def get(self, request: Request, uuid: str) -> Response:
        actor = _reviewer(self.actor)
        job = selectors.job_get(actor=actor, uuid=uuid)
        paginator = CorridorPagination()
        queryset = selectors.candidates_of(actor=actor, job=job).select_related("job")
        page = list(paginator.paginate_queryset(queryset, request, view=self) or [])
        rows = _candidates(actor, page, with_decisions=False)
        shown = [r[side].uuid for r in rows for side in ("left", "right") if r[side]]
        selectors.audit_viewed(actor=actor, target=job, shown=shown)
        return paginator.get_paginated_response(CandidateOutput(rows, many=True).data)


class CandidateDetailApi(ActorAPIView):
    @extend_schema(responses=CandidateOutput, summary="One candidate pair with its decisions (audited)")
    def get(self, request: Request, uuid: str) -> Response:
        actor = _reviewer(self.actor)
        candidate = selectors.candidate_get(actor=actor, uuid=uuid)
        row = _candidates(actor, [candidate], with_decisions=True)[0]
        shown = [row[side].uuid for side in ("left", "right") if row[side]]
        selectors.audit_viewed(actor=actor, target=candidate, shown=shown)
        return Response(CandidateOutput(row).data)


class CandidateReviewApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(choices=Decision.choices)
        note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    @extend_schema(
        request=InputSerializer,
        responses={201: CandidateOutput},
        summary="Confirm or exclude a pair; a later decision by the same reviewer replaces the earlier",
    )
    def post(self, request: Request, uuid: str) -> Response:
        actor = _reviewer(self.actor)
        candidate = selectors.candidate_get(actor=actor, uuid=uuid)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.candidate_review(actor=actor, candidate=candidate, **data.validated_data)
        row = _candidates(actor, [candidate], with_decisions=True)[0]
        return Response(CandidateOutput(row).data, status=201)


class LabelListApi(ActorAPIView):
    class LabelOutput(serializers.Serializer):
        left_id = serializers.UUIDField()
        right_id = serializers.UUIDField()
        clerical_match_score = serializers.FloatField(source="score")
        probability = serializers.FloatField()
        job = serializers.UUIDField()

    @extend_schema(
        responses=LabelOutput(many=True),
        summary="Pairs two reviewers settled, as training labels (1 same person, 0 different)",
    )
    def get(self, request: Request) -> Response:
        actor = _reviewer(self.actor)
        paginator = CorridorPagination()
        labels: Any = selectors.training_labels(actor=actor)  # a list paginates like a queryset
        page = paginator.paginate_queryset(labels, request, view=self)
        return paginator.get_paginated_response(self.LabelOutput(page, many=True).data)
