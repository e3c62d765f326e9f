"""Hiring API: public apply / follow / verify, and the agency state's back office."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from corridor.access import permissions as perms
from corridor.core.api.errors import error_body
from corridor.core.api.parsers import CorridorJSONParser
from corridor.core.api.views import ActorAPIView
from corridor.recruitment import selectors as recruitment_selectors
from corridor.recruitment.api.views import PublicAPIView, _page
from corridor.recruitment.hiring import selectors
from corridor.recruitment.hiring.contract_text import CONTRACT_LANGUAGES
from corridor.recruitment.hiring.services import applications as application_services
from corridor.recruitment.hiring.services import contracts as contract_services
from corridor.recruitment.hiring.services.applications import ApplicantInput
from corridor.recruitment.hiring.services.contracts import MAX_SIGNED_BYTES
from corridor.recruitment.hiring.workflow import APPLICATION


class ApplicationStatusOutput(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField(source="status_reason")
    vacancy = serializers.UUIDField(source="vacancy.uuid")


class ContractOutput(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    reference = serializers.CharField()
    origin = serializers.CharField(source="origin_id")
    destination = serializers.CharField(source="destination_id")
    language = serializers.CharField()
    text_sha256 = serializers.CharField()
    signed_sha256 = serializers.CharField()
    signed_source = serializers.CharField()
    recorded_at = serializers.DateTimeField(allow_null=True)


class ApplicationOutput(ApplicationStatusOutput):
    id = serializers.UUIDField(source="uuid")
    registration_reference = serializers.CharField()
    created_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


class PublicApplyApi(PublicAPIView):
    """Anyone may apply; a signed-in worker (session or token) is identified by the account."""

    authentication_classes = list(ActorAPIView.authentication_classes)

    class InputSerializer(serializers.Serializer):
        vacancy = serializers.UUIDField()
        full_name = serializers.CharField(max_length=200)
        phone = serializers.CharField(max_length=30)
        email = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
        registration_reference = serializers.CharField(
            max_length=20, required=False, allow_blank=True, default=""
        )
        birth_date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        request=InputSerializer, responses={201: ApplicationStatusOutput}, summary="Apply to a job ad"
    )
    def post(self, request: Request) -> Response:
        if application_services.apply_rate_limited(client=str(request.META.get("REMOTE_ADDR", "unknown"))):
            body = error_body("throttled", application_services.too_many_message())
            return Response(body, status=429, headers={"Retry-After": str(application_services.RATE_WINDOW)})
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(data.validated_data)
        vacancy = recruitment_selectors.public_vacancy_get(uuid=values.pop("vacancy"))
        actor = request._request.actor  # type: ignore[attr-defined]
        application = application_services.application_submit(
            actor=actor, vacancy=vacancy, data=ApplicantInput(**values)
        )
        return Response(ApplicationStatusOutput(application).data, status=status.HTTP_201_CREATED)


class PublicApplicationStatusApi(PublicAPIView):
    @extend_schema(responses=ApplicationStatusOutput, summary="Follow an application by its reference")
    def get(self, request: Request, reference: str) -> Response:
        application = selectors.public_application_status(reference=reference)
        return Response(ApplicationStatusOutput(application).data)


class PublicContractVerifyApi(PublicAPIView):
    parser_classes = [CorridorJSONParser, MultiPartParser]

    class InputSerializer(serializers.Serializer):
        reference = serializers.CharField(max_length=24)
        sha256 = serializers.RegexField(r"^[0-9a-fA-F]{64}$", required=False)
        file = serializers.FileField(required=False, max_length=200)

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if not attrs.get("sha256") and not attrs.get("file"):
                raise serializers.ValidationError(_("Upload the contract file or enter its SHA-256 hash."))
            if attrs.get("file") and attrs["file"].size > MAX_SIGNED_BYTES:
                raise serializers.ValidationError({"file": _("The file is too large: at most 10 MB.")})
            return attrs

    class OutputSerializer(serializers.Serializer):
        matches = serializers.BooleanField()
        known = serializers.BooleanField()
        recorded_at = serializers.DateTimeField(allow_null=True)
        message = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer, summary="Verify a contract's hash")
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data.get("file")
        answer = selectors.contract_verify(
            reference=data.validated_data["reference"],
            content=upload.read() if upload else None,
            sha256=data.validated_data.get("sha256", ""),
        )
        return Response(self.OutputSerializer(answer).data)


class _OfficerApi(ActorAPIView):
    def officer(self) -> Any:
        if not self.actor.has(perms.MANAGE_RECRUITMENT):
            raise Http404
        return self.actor


class ApplicationListApi(_OfficerApi):
    @extend_schema(responses=ApplicationOutput(many=True), summary="Applications to the state's job ads")
    def get(self, request: Request) -> Response:
        status_filter = str(request.query_params.get("status", ""))[:20]
        rows = selectors.applications_for_officer(actor=self.officer(), status=status_filter)
        return _page(self, request, rows, ApplicationOutput)


class ApplicationDetailApi(_OfficerApi):
    class OutputSerializer(ApplicationOutput):
        worker = serializers.DictField(child=serializers.CharField(allow_blank=True), read_only=True)

    @extend_schema(responses=OutputSerializer, summary="One application, with the worker's details")
    def get(self, request: Request, public_id: str) -> Response:
        application = selectors.application_for_officer(actor=self.officer(), uuid=public_id)
        data = dict(self.OutputSerializer(application).data)  # type: ignore[arg-type]
        return Response(data | {"worker": selectors.applicant_details(application)})


class ApplicationDecisionApi(_OfficerApi):
    class InputSerializer(serializers.Serializer):
        action = serializers.ChoiceField(choices=list(APPLICATION.actions))
        reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    @extend_schema(
        request=InputSerializer, responses=ApplicationOutput, summary="Shortlist, select or reject"
    )
    def post(self, request: Request, public_id: str) -> Response:
        application = selectors.application_for_officer(actor=self.officer(), uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = application_services.application_decide(
            actor=self.actor, application=application, **data.validated_data
        )
        return Response(ApplicationOutput(changed).data)


class ContractGenerateApi(_OfficerApi):
    class InputSerializer(serializers.Serializer):
        language = serializers.ChoiceField(choices=list(CONTRACT_LANGUAGES))

    @extend_schema(request=InputSerializer, responses={201: ContractOutput}, summary="Generate the contract")
    def post(self, request: Request, public_id: str) -> Response:
        application = selectors.application_for_officer(actor=self.officer(), uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contract = contract_services.contract_generate(
            actor=self.actor, application=application, language=data.validated_data["language"]
        )
        return Response(ContractOutput(contract).data, status=status.HTTP_201_CREATED)


class ContractDetailApi(_OfficerApi):
    class OutputSerializer(ContractOutput):
        text = serializers.CharField()

    @extend_schema(responses=OutputSerializer, summary="A contract with its canonical text")
    def get(self, request: Request, public_id: str) -> Response:
        contract = selectors.contract_for_officer(actor=self.officer(), uuid=public_id)
        contract.text = selectors.contract_text(contract)  # type: ignore[attr-defined]
        return Response(self.OutputSerializer(contract).data)


class ContractSignedApi(_OfficerApi):
    parser_classes = [CorridorJSONParser, MultiPartParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(required=False, max_length=200)

    @extend_schema(
        request=InputSerializer, responses=ContractOutput, summary="Record the signed contract's hash"
    )
    def post(self, request: Request, public_id: str) -> Response:
        contract = selectors.contract_for_officer(actor=self.officer(), uuid=public_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data.get("file")
        # One byte past the limit is enough for the service to refuse an oversized file.
        content = upload.read(MAX_SIGNED_BYTES + 1) if upload is not None else None
        recorded = contract_services.contract_record_signed(
            actor=self.actor, contract=contract, content=content
        )
        return Response(ContractOutput(recorded).data)
