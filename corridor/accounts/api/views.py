from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from corridor.access.roles import ROLE_LABELS
from corridor.accounts import services
from corridor.core.api.errors import error_body
from corridor.core.api.views import ActorAPIView
from corridor.core.errors import ApplicationError


class TokenObtainApi(APIView):
    """Exchange a username, password and (for staff) a one-time code for a bearer token."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=256, trim_whitespace=False)
        otp = serializers.CharField(max_length=8, required=False, allow_blank=True)
        name = serializers.CharField(max_length=100, required=False, allow_blank=True)

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()
        expires_at = serializers.DateTimeField()

    @extend_schema(
        request=InputSerializer, responses={200: OutputSerializer}, auth=[], summary="Obtain a token"
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            user = services.credentials_check(
                request=request._request, username=values["username"], password=values["password"]
            )
            if services.confirmed_device(user) is not None or services.mfa_required(user):
                if not values.get("otp"):
                    raise ApplicationError(
                        _("This account needs the six-digit code of its authenticator app."),
                        fields={"otp": [_("This field is required.")]},
                    )
                services.otp_verify(user=user, code=values["otp"])
        except services.SignInFailed as exc:
            # Answered, not raised: the API exception handler rolls the view's transaction
            # back, and with it django-axes' failure record and the device's failure count,
            # so neither the lockout nor the second-factor throttle would ever engage.
            # Nothing else has been written at this point. A locked-out pair is turned into
            # the 429 by AxesMiddleware, as on the web form.
            return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status_code)
        issued = services.token_issue(user=user, name=values.get("name") or "API")
        body = {"token": issued.raw, "expires_at": issued.token.expires_at}
        return Response(self.OutputSerializer(body).data)


class MeApi(ActorAPIView):
    class OutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        organisation = serializers.CharField(allow_null=True)
        state = serializers.CharField(allow_null=True)
        roles = serializers.ListField(child=serializers.DictField())
        permissions = serializers.ListField(child=serializers.CharField())

    @extend_schema(responses=OutputSerializer, summary="Who am I acting as")
    def get(self, request: Request) -> Response:
        actor = self.actor
        body = {
            "username": request.user.get_username(),
            "organisation": str(actor.organisation.uuid) if actor.organisation else None,
            "state": actor.state,
            "roles": [{"code": r, "label": str(ROLE_LABELS.get(r, r))} for r in sorted(actor.roles)],
            "permissions": sorted(actor.permissions),
        }
        return Response(self.OutputSerializer(body).data)
