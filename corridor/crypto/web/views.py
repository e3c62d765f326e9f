"""The node's published key set: public, cacheable, no personal data."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from corridor.crypto import signing


@require_GET
def node_key_set(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(signing.node_key_set())
    response["Content-Type"] = "application/jwk-set+json"
    # Peers refresh within minutes after a rotation; a revocation should not wait longer.
    response["Cache-Control"] = "public, max-age=300"
    return response
