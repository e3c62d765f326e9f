"""API for employers, certification, inspections and sanctions; and the public JSON feed."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from corridor.access import permissions as perms
from corridor.core.api.views import ActorAPIView
from corridor.recruitment import selectors
from corridor.recruitment.api.views import PublicAPIView, _page
from corridor.recruitment.models import Principle, SanctionKind, Severity, Vacancy
from corridor.recruitment.services import certification as certification_services
from corridor.recruitment.services import employers as employer_services
from corridor.recruitment.services import inspections as inspection_services


class EmployerOutput(serializers.Serializer):
    public_id = serializers.UUIDField(source="uuid")
    name = serializers.CharField()
    country = serializers.CharField(source="country_id")
    city = serializers.CharField()
    sector = serializers.CharField()
    registry_id = serializers.CharField()
    state = serializers.CharField(source="state_id")


class EmployerListApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        country = serializers.CharField(min_length=3, max_length=3)
        city = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
        sector = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
        registry_id = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")

    @extend_schema(
        parameters=[OpenApiParameter("q", str)],
        responses=EmployerOutput(many=True),
        summary="Employers registered by the actor's state",
    )
    def get(self, request: Request) -> Response:
        if not self.actor.has(perms.MANAGE_RECRUITMENT):
            raise Http404
        q = str(request.query_params.get("q", ""))[:100]
        return _page(self, request, selectors.employers_for_officer(actor=self.actor, q=q), EmployerOutput)

    @extend_schema(request=InputSerializer, responses={201: EmployerOutput}, summary="Register an employer")
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employer = employer_services.employer_create(actor=self.actor, **data.validated_data)
        return Response(EmployerOutput(employer).data, status=201)


class CertificationOutput(serializers.Serializer):
    status = serializers.CharField()
    answers = serializers.DictField()
    interviews_count = serializers.IntegerField()
    certified_on = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)
    surveillance_due = serializers.DateField(allow_null=True)
    reason = serializers.CharField(source="status_reason")


class AnswerInput(serializers.Serializer):
    met = serializers.BooleanField()
    evidence = serializers.CharField(max_length=2000, allow_blank=True)


class CertificationApi(ActorAPIView):
    """POST ``action``: ``start`` opens the file, ``self_assess`` records answers, or a decision."""

    class InputSerializer(serializers.Serializer):
        action = serializers.ChoiceField(
            choices=["start", "self_assess", *certification_services.TRANSITIONS]
        )
        reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
        answers = serializers.DictField(child=AnswerInput(), required=False, default=dict)
        interviews_count = serializers.IntegerField(min_value=0, required=False, default=0)
        interview_summary = serializers.CharField(required=False, allow_blank=True, default="")

        def validate_answers(self, value: dict[str, Any]) -> dict[str, Any]:
            unknown = set(value) - set(Principle.values)
            if unknown:
                raise serializers.ValidationError(sorted(unknown))
            return value

    @extend_schema(
        request=InputSerializer, responses=CertificationOutput, summary="Self-assessment and decisions"
    )
    def post(self, request: Request, public_id: str) -> Response:
        agency = selectors.agency_for_officer(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        action = values.pop("action")
        if action == "start":
            result = certification_services.certification_start(actor=self.actor, agency=agency)
        elif action == "self_assess":
            result = certification_services.certification_self_assess(
                actor=self.actor, agency=agency, answers=values["answers"]
            )
        else:
            values.pop("answers")
            result = certification_services.certification_transition(
                actor=self.actor, agency=agency, action=action, **values
            )
        return Response(CertificationOutput(result).data)


class FindingInput(serializers.Serializer):
    severity = serializers.ChoiceField(choices=Severity.choices)
    description = serializers.CharField(max_length=2000)
    corrective_action = serializers.CharField(max_length=2000)
    due_on = serializers.DateField()


class FindingOutput(serializers.Serializer):
    public_id = serializers.UUIDField(source="uuid")
    severity = serializers.CharField()
    description = serializers.CharField()
    corrective_action = serializers.CharField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    overdue = serializers.SerializerMethodField()

    def get_overdue(self, finding: Any) -> bool:
        return bool(finding.is_overdue(timezone.localdate()))


class InspectionOutput(serializers.Serializer):
    public_id = serializers.UUIDField(source="uuid")
    inspected_on = serializers.DateField()
    summary = serializers.CharField()
    findings = FindingOutput(many=True)


class InspectionListApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        inspected_on = serializers.DateField()
        summary = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
        findings = FindingInput(many=True, required=False, default=list)

    @extend_schema(responses=InspectionOutput(many=True), summary="An agency's inspections")
    def get(self, request: Request, public_id: str) -> Response:
        agency = selectors.agency_for_officer(actor=self.actor, uuid=public_id)
        rows = selectors.inspections_for_officer(actor=self.actor, agency=agency)
        return _page(self, request, rows, InspectionOutput)

    @extend_schema(request=InputSerializer, responses={201: InspectionOutput}, summary="Record an inspection")
    def post(self, request: Request, public_id: str) -> Response:
        agency = selectors.agency_for_officer(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        inspection = inspection_services.inspection_record(
            actor=self.actor,
            agency=agency,
            inspected_on=values["inspected_on"],
            summary=values["summary"],
            findings=[dict(f) for f in values["findings"]],
        )
        fetched = selectors.inspections_for_officer(actor=self.actor, agency=agency).get(pk=inspection.pk)
        return Response(InspectionOutput(fetched).data, status=201)


class FindingResolveApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        done_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses=FindingOutput, summary="Corrective action done")
    def post(self, request: Request, public_id: str) -> Response:
        finding = selectors.finding_for_officer(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = inspection_services.finding_resolve(actor=self.actor, finding=finding, **data.validated_data)
        return Response(FindingOutput(done).data)


class ImposedSanctionOutput(serializers.Serializer):
    kind = serializers.CharField()
    reason = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    imposed_on = serializers.DateField()


class SanctionApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=SanctionKind.choices)
        reason = serializers.CharField(max_length=2000)
        amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
        currency = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")

    @extend_schema(
        request=InputSerializer, responses={201: ImposedSanctionOutput}, summary="Impose a sanction"
    )
    def post(self, request: Request, public_id: str) -> Response:
        agency = selectors.agency_for_officer(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sanction = inspection_services.sanction_impose(actor=self.actor, agency=agency, **data.validated_data)
        return Response(ImposedSanctionOutput(sanction).data, status=201)


def feed_item(request: Request, vacancy: Vacancy) -> dict[str, Any]:
    """One JSON Feed 1.1 item; structured terms go in the ``_corridor`` extension object."""
    url = request.build_absolute_uri(vacancy.get_public_url())
    return {
        "id": str(vacancy.uuid),
        "url": url,
        "title": vacancy.title,
        "content_text": vacancy.description or vacancy.title,
        "date_published": vacancy.published_at.isoformat() if vacancy.published_at else None,
        "_corridor": {
            "employer": vacancy.employer_name,
            "occupation": vacancy.occupation_id,
            "destination": vacancy.destination_id,
            "city": vacancy.city,
            "wage_amount": str(vacancy.wage_amount),
            "wage_currency": vacancy.wage_currency,
            "languages": vacancy.languages,
            "valid_until": vacancy.valid_until.isoformat(),
        },
    }


class PublicVacancyJsonFeedApi(PublicAPIView):
    @extend_schema(responses={200: dict}, summary="JSON Feed 1.1 of the newest valid job ads")
    def get(self, request: Request) -> Response:
        body = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Corridor — verified job ads",
            "home_page_url": request.build_absolute_uri("/"),
            "feed_url": request.build_absolute_uri(),
            "items": [feed_item(request, v) for v in selectors.vacancy_feed()],
        }
        return Response(body, content_type="application/feed+json")
