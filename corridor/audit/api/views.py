from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from corridor.audit import selectors
from corridor.audit.services import audit_record
from corridor.core.api.pagination import CorridorPagination
from corridor.core.api.views import ActorAPIView


class AuditEventOutput(serializers.Serializer):
    seq = serializers.IntegerField()
    uuid = serializers.UUIDField()
    occurred_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor_username")
    organisation = serializers.CharField(source="organisation.name", allow_null=True, default=None)
    actor_state = serializers.CharField()
    action = serializers.CharField()
    target_type = serializers.CharField()
    target_uuid = serializers.UUIDField(allow_null=True)
    agreement = serializers.UUIDField(source="agreement_uuid", allow_null=True)
    break_glass = serializers.UUIDField(source="break_glass_uuid", allow_null=True)
    purpose = serializers.CharField()


class RecordAccessApi(ActorAPIView):
    @extend_schema(responses=AuditEventOutput(many=True), summary="Who accessed one of your state's records")
    def get(self, request: Request, record_type: str, uuid: str) -> Response:
        owned, events = selectors.record_access_log(actor=self.actor, record_type=record_type, uuid=uuid)
        audit_record(
            actor=self.actor,
            action="audit_log.viewed",
            target_type=record_type,
            target_uuid=owned,
            target_state=self.actor.state,
        )
        paginator = CorridorPagination()
        page = paginator.paginate_queryset(events, request, view=self)
        return paginator.get_paginated_response(AuditEventOutput(page, many=True).data)
