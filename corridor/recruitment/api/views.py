"""Recruitment API: a public part (no login) and a back-office part for labour officers."""

from __future__ import annotations

from typing import Any

from django.http import Http404
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
from corridor.recruitment import selectors
from corridor.recruitment.complaints import vacancy_under_review, with_complaints
from corridor.recruitment.models import Accommodation, CostPayer, FeeCategory, Payee
from corridor.recruitment.paging import CappedPaginator
from corridor.recruitment.services import agencies as agency_services
from corridor.recruitment.services import fees as fee_services
from corridor.recruitment.services import vacancies as vacancy_services
from corridor.recruitment.vacancy_workflow import VACANCY


class AgencyOutput(serializers.Serializer):
    public_id = serializers.UUIDField(source="uuid")
    code = serializers.CharField(source="public_code", help_text="Short public id a worker can type.")
    name = serializers.CharField()
    licence_number = serializers.CharField()
    state = serializers.CharField(source="state_id")
    licence_status = serializers.CharField(source="licence.status")
    licence_valid_to = serializers.DateField(source="licence.valid_to", allow_null=True)


class SanctionOutput(serializers.Serializer):
    status = serializers.CharField(source="to_status")
    reason = serializers.CharField()
    decided_at = serializers.DateTimeField()


class PublicCertificationOutput(serializers.Serializer):
    status = serializers.CharField()
    certified_on = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)
    reason = serializers.CharField(source="status_reason")


class OtherSanctionOutput(serializers.Serializer):
    kind = serializers.CharField()
    reason = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    imposed_on = serializers.DateField()


class InspectionSummaryOutput(serializers.Serializer):
    count = serializers.IntegerField()
    last = serializers.DateField(allow_null=True)
    findings = serializers.DictField(child=serializers.IntegerField())
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class ScorecardOutput(serializers.Serializer):
    agency = AgencyOutput()
    reason = serializers.CharField()
    sanctions = SanctionOutput(many=True)
    fees = serializers.DictField()
    certification = PublicCertificationOutput(allow_null=True)
    inspections = InspectionSummaryOutput()
    other_sanctions = OtherSanctionOutput(many=True)
    delisted = serializers.BooleanField()
    complaints = serializers.DictField(allow_null=True)


class VacancyOutput(serializers.Serializer):
    public_id = serializers.UUIDField(source="uuid")
    code = serializers.CharField(source="public_code", help_text="Short public id a worker can type.")
    title = serializers.CharField()
    employer_name = serializers.CharField()
    employer = serializers.UUIDField(source="employer.uuid")
    agency = serializers.UUIDField(source="agency.uuid", allow_null=True)
    occupation = serializers.CharField(source="occupation_id")
    destination = serializers.CharField(source="destination_id")
    city = serializers.CharField()
    wage_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    wage_currency = serializers.CharField()
    hours_per_week = serializers.IntegerField()
    contract_months = serializers.IntegerField()
    accommodation = serializers.CharField()
    costs_paid_by = serializers.CharField()
    workers_needed = serializers.IntegerField()
    languages = serializers.ListField(child=serializers.CharField())
    refugees_may_apply = serializers.BooleanField()
    valid_until = serializers.DateField()
    status = serializers.CharField()


class SearchPagination(CorridorPagination):
    django_paginator_class = CappedPaginator


def _page(
    view: APIView,
    request: Request,
    rows: Any,
    serializer: type[serializers.Serializer],
    paginator_class: type[CorridorPagination] = CorridorPagination,
) -> Response:
    paginator = paginator_class()
    page = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


class PublicAPIView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []


class PublicAgencyListApi(PublicAPIView):
    @extend_schema(
        parameters=[OpenApiParameter("q", str)],
        responses=AgencyOutput(many=True),
        summary="Search the public agency register by name or licence number",
    )
    def get(self, request: Request) -> Response:
        q = str(request.query_params.get("q", ""))[:100]
        return _page(self, request, selectors.public_agencies(q=q), AgencyOutput)


class PublicAgencyDetailApi(PublicAPIView):
    @extend_schema(responses=ScorecardOutput, summary="An agency's public scorecard")
    def get(self, request: Request, public_id: str) -> Response:
        card = with_complaints(selectors.agency_scorecard(agency=selectors.public_agency_get(uuid=public_id)))
        fees = {**card.fees, "median_fee": {k: str(v) for k, v in card.fees["median_fee"].items()}}
        fees["sdg_10_7_1"] = None if fees["sdg_10_7_1"] is None else str(fees["sdg_10_7_1"])
        body = {**card.__dict__, "fees": fees}
        return Response(ScorecardOutput(body).data)


class PublicVacancyListApi(PublicAPIView):
    @extend_schema(
        parameters=[OpenApiParameter(n, str) for n in ("q", "occupation", "destination", "language")],
        responses=VacancyOutput(many=True),
        summary="Search published, verified job ads",
    )
    def get(self, request: Request) -> Response:
        params = {
            k: str(request.query_params.get(k, ""))[:100]
            for k in ("q", "occupation", "destination", "language")
        }
        # ``count`` stops at 250 (corridor.recruitment.paging): narrow the search beyond it.
        return _page(self, request, selectors.public_vacancies(**params), VacancyOutput, SearchPagination)


class PublicVacancyCheckApi(PublicAPIView):
    class OutputSerializer(serializers.Serializer):
        valid = serializers.BooleanField()
        reason = serializers.CharField()
        under_review = serializers.BooleanField(help_text="An open report says this job ad may be fake.")
        vacancy = VacancyOutput()

    @extend_schema(responses=OutputSerializer, summary="Verify a job ad by its public id")
    def get(self, request: Request, public_id: str) -> Response:
        vacancy = selectors.public_vacancy_get(uuid=public_id)
        valid, reason = selectors.vacancy_validity(vacancy=vacancy)
        under_review = vacancy_under_review(vacancy=vacancy)
        answer = {"valid": valid, "reason": reason, "under_review": under_review, "vacancy": vacancy}
        return Response(self.OutputSerializer(answer).data)


class PublicFeeReportApi(PublicAPIView):
    class InputSerializer(serializers.Serializer):
        agency = serializers.CharField(
            required=False,
            allow_null=True,
            allow_blank=True,
            default=None,
            max_length=300,
            help_text="The agency's short public id (AGY-7K3M-9QX) or its long id.",
        )
        payee = serializers.ChoiceField(choices=Payee.choices)
        category = serializers.ChoiceField(choices=FeeCategory.choices)
        amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
        currency = serializers.CharField(min_length=3, max_length=3)
        monthly_earnings = serializers.DecimalField(max_digits=12, decimal_places=2)
        destination = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")

    @extend_schema(
        request=InputSerializer,
        responses={201: None, 429: None},
        summary="Report anonymously what you paid to be recruited",
    )
    def post(self, request: Request) -> Response:
        if fee_services.rate_limited(client=str(request.META.get("REMOTE_ADDR", "unknown"))):
            body = error_body("throttled", fee_services.too_many_message())
            return Response(body, status=429, headers={"Retry-After": str(fee_services.RATE_WINDOW)})
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        report = fee_services.fee_report_create(agency_ref=values.pop("agency"), data=values)
        return Response({"id": str(report.uuid)}, status=201)


# --- back office -------------------------------------------------------------------------


class AgencyListApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        licence_number = serializers.CharField(max_length=60)
        address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
        branches = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        parameters=[OpenApiParameter("q", str)],
        responses=AgencyOutput(many=True),
        summary="Agencies licensed by the actor's state",
    )
    def get(self, request: Request) -> Response:
        if not self.actor.has(perms.MANAGE_AGENCIES):
            raise Http404
        q = str(request.query_params.get("q", ""))[:100]
        return _page(self, request, selectors.agencies_for_officer(actor=self.actor, q=q), AgencyOutput)

    @extend_schema(request=InputSerializer, responses={201: AgencyOutput}, summary="Register an agency")
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agency = agency_services.agency_create(actor=self.actor, **data.validated_data)
        return Response(AgencyOutput(agency).data, status=201)


class LicenceDecisionApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        action = serializers.ChoiceField(choices=sorted(agency_services.TRANSITIONS))
        reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
        valid_to = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses=AgencyOutput, summary="Decide on an agency's licence")
    def post(self, request: Request, public_id: str) -> Response:
        agency = selectors.agency_for_officer(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agency_services.licence_transition(actor=self.actor, agency=agency, **data.validated_data)
        agency.licence.refresh_from_db()
        return Response(AgencyOutput(agency).data)


class VacancyInput(serializers.Serializer):
    # Both omitted when an employer account posts as itself.
    agency = serializers.UUIDField(required=False, allow_null=True, default=None)
    employer = serializers.UUIDField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=200)
    occupation = serializers.CharField(max_length=4)
    destination = serializers.CharField(min_length=3, max_length=3)
    city = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    wage_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    wage_currency = serializers.CharField(min_length=3, max_length=3)
    hours_per_week = serializers.IntegerField()
    contract_months = serializers.IntegerField()
    contract_terms = serializers.CharField(required=False, allow_blank=True, default="")
    accommodation = serializers.ChoiceField(choices=Accommodation.choices)
    costs_paid_by = serializers.ChoiceField(choices=CostPayer.choices)
    workers_needed = serializers.IntegerField()
    languages = serializers.ListField(child=serializers.CharField(max_length=3), required=False, default=list)
    refugees_may_apply = serializers.BooleanField(required=False, default=False)
    valid_until = serializers.DateField()


class VacancyListApi(ActorAPIView):
    @extend_schema(responses=VacancyOutput(many=True), summary="Job orders of the actor's state or for it")
    def get(self, request: Request) -> Response:
        return _page(self, request, selectors.vacancies_for_officer(actor=self.actor), VacancyOutput)

    @extend_schema(request=VacancyInput, responses={201: VacancyOutput}, summary="Post a job order")
    def post(self, request: Request) -> Response:
        data = VacancyInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        uuid = values.pop("agency")
        agency = selectors.agency_for_officer(actor=self.actor, uuid=uuid) if uuid else None
        values["employer"] = str(values["employer"]) if values["employer"] else None
        vacancy = vacancy_services.vacancy_create(actor=self.actor, agency=agency, data=values)
        return Response(VacancyOutput(vacancy).data, status=201)


class VacancyDetailApi(ActorAPIView):
    @extend_schema(responses=VacancyOutput, summary="One job order")
    def get(self, request: Request, public_id: str) -> Response:
        return Response(VacancyOutput(selectors.vacancy_for_officer(actor=self.actor, uuid=public_id)).data)


VACANCY_ACTIONS = [a for a in VACANCY.actions if a != "expire"]  # expire: the sweep only


class VacancyDecisionApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        action = serializers.ChoiceField(choices=VACANCY_ACTIONS)
        reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    @extend_schema(
        request=InputSerializer, responses=VacancyOutput, summary="Verify, publish or end a job order"
    )
    def post(self, request: Request, public_id: str) -> Response:
        vacancy = selectors.vacancy_for_officer(actor=self.actor, uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = vacancy_services.vacancy_decide(
            actor=self.actor,
            vacancy=vacancy,
            action=data.validated_data["action"],
            reason=data.validated_data["reason"],
        )
        return Response(VacancyOutput(changed).data)
