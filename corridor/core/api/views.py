"""Shared API plumbing: the base class every endpoint uses, and the API's index."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from corridor.core import registry


class ActorAPIView(APIView):
    """Signed-in endpoints: ``self.actor`` is the acting state and roles (see access.actor)."""

    @property
    def actor(self) -> Any:
        return self.request._request.actor  # type: ignore[attr-defined]


class ApiRootView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        summary="List the API's sections",
        responses=inline_serializer(
            "ApiRoot", {"sections": serializers.DictField(child=serializers.URLField())}
        ),
    )
    def get(self, request: Request) -> Response:
        # Each module registers its section (core.registry); the schema and docs are core's own.
        names = {**registry.api_sections(), "schema": "api:schema", "docs": "api:docs"}
        sections = {}
        for key, name in names.items():
            try:
                sections[key] = reverse(name, request=request)
            except NoReverseMatch:  # a module that is not installed has no section
                continue
        return Response({"name": "Corridor API", "version": "1", "sections": sections})
