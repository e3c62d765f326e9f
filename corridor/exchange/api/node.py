"""The node-to-node endpoint: a peer node POSTs a signed message, we answer a signed receipt.

Not part of the officers' API (no user, no token): the JWS signature is the authentication,
checked against the key set of the state the message claims to come from.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from corridor.exchange import services
from corridor.exchange.choices import Outcome

MAX_MESSAGE_BYTES = 512 * 1024
CONTENT_TYPE = "application/jose"


@csrf_exempt
@require_POST
def receive(request: HttpRequest) -> HttpResponse:
    if len(request.body) > MAX_MESSAGE_BYTES:
        return HttpResponse("message too large", status=413, content_type="text/plain")
    try:
        token = request.body.decode("ascii").strip()
    except UnicodeDecodeError:
        token = ""
    try:
        received = services.message_receive(token=token)
    except services.ReceiveUnavailable:
        # Not a refusal: the sender's key set is out of reach now. The sender retries.
        return HttpResponse(
            "try again later", status=503, content_type="text/plain", headers={"Retry-After": "10"}
        )
    status = 422 if received.outcome == Outcome.REFUSED else 200
    response = HttpResponse(received.receipt, status=status, content_type=CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    return response
