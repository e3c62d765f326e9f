"""The exchange for national systems and officers' tools: one class per operation."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView
from corridor.exchange import registry, selectors, services
from corridor.exchange.choices import Box, Status
from corridor.exchange.models import Message
from corridor.exchange.services import SENDABLE_KINDS


class MessageOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    message_id = serializers.UUIDField()
    box = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    sender_state = serializers.CharField(source="sender_state_id")
    sender_org_name = serializers.CharField()
    recipient_state = serializers.CharField(source="recipient_state_id")
    recipient_org = serializers.CharField()
    purpose = serializers.CharField()
    subject_ref = serializers.CharField()
    payload = serializers.DictField()
    deadline = serializers.DateTimeField(allow_null=True)
    in_reply_to = serializers.UUIDField(allow_null=True)
    consent_ref = serializers.CharField()
    refusal_code = serializers.CharField()
    refusal_reason = serializers.CharField()
    attempts = serializers.IntegerField()
    next_attempt_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)


def _output(message: Message) -> dict[str, Any]:
    return dict(MessageOutput(message).data)


class MessageListApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in SENDABLE_KINDS])
        recipient_state = serializers.CharField(min_length=3, max_length=3)
        recipient_org = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
        purpose = serializers.CharField(max_length=100)
        subject_ref = serializers.CharField(max_length=64, required=False, default="", allow_blank=True)
        payload = serializers.DictField()
        deadline = serializers.DateTimeField(required=False, allow_null=True, default=None)
        consent_ref = serializers.CharField(max_length=64, required=False, default="", allow_blank=True)
        message_id = serializers.UUIDField(required=False, allow_null=True, default=None)

    @extend_schema(
        parameters=[
            OpenApiParameter("box", str, enum=list(Box.values)),
            OpenApiParameter("status", str, enum=list(Status.values)),
            OpenApiParameter("purpose", str),
        ],
        responses=MessageOutput(many=True),
        summary="The inbox or outbox of the actor's state",
    )
    def get(self, request: Request) -> Response:
        status = str(request.query_params.get("status", ""))
        purpose = str(request.query_params.get("purpose", ""))[:100]
        if request.query_params.get("box") == Box.OUTBOX:
            rows = selectors.outbox_list(actor=self.actor, status=status, purpose=purpose)
        else:
            rows = selectors.inbox_list(actor=self.actor, status=status, purpose=purpose)
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response([_output(m) for m in page or []])

    @extend_schema(
        request=InputSerializer,
        responses={201: MessageOutput},
        summary="Send a signed message to another state (queued, delivered after the commit)",
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = services.message_send(actor=self.actor, **data.validated_data)
        return Response(_output(message), status=201)


class MessageDetailApi(ActorAPIView):
    @extend_schema(responses=MessageOutput, summary="One message of the actor's state")
    def get(self, request: Request, uuid: str) -> Response:
        return Response(_output(selectors.message_get(actor=self.actor, uuid=uuid)))


class MessageReplyApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        payload = serializers.DictField()

    @extend_schema(
        request=InputSerializer, responses={201: MessageOutput}, summary="Answer a received message"
    )
    def post(self, request: Request, uuid: str) -> Response:
        message = selectors.message_get(actor=self.actor, uuid=uuid)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reply = services.message_reply(
            actor=self.actor, message=message, payload=data.validated_data["payload"]
        )
        return Response(_output(reply), status=201)


class MessageAcknowledgeApi(ActorAPIView):
    @extend_schema(request=None, responses=MessageOutput, summary="Acknowledge a received message")
    def post(self, request: Request, uuid: str) -> Response:
        message = selectors.message_get(actor=self.actor, uuid=uuid)
        return Response(_output(services.message_acknowledge(actor=self.actor, message=message)))


class MessageWithdrawApi(ActorAPIView):
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses=MessageOutput, summary="Withdraw a sent message")
    def post(self, request: Request, uuid: str) -> Response:
        message = selectors.message_get(actor=self.actor, uuid=uuid)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.message_withdraw(actor=self.actor, message=message, **data.validated_data)
        return Response(_output(row))


class PurposeListApi(ActorAPIView):
    @extend_schema(
        responses=serializers.ListSerializer(child=serializers.DictField()),
        summary="Registered purposes and the fields each may carry",
    )
    def get(self, request: Request) -> Response:
        def fields(spec: Any) -> dict[str, Any]:
            return {
                name: {
                    "type": f.type,
                    "required": f.required,
                    "max_length": f.max_length,
                    "choices": f.choices,
                }
                for name, f in spec.items()
            }

        return Response(
            [
                {
                    "code": p.code,
                    "label": str(p.label),
                    "fields": fields(p.fields),
                    "reply_fields": fields(p.reply_fields),
                    "needs_consent": p.needs_consent,
                }
                for p in registry.purposes()
            ]
        )
