from __future__ import annotations

import base64
import datetime
import json
import uuid
from typing import Any

from django.utils import timezone

from corridor.access.actor import Actor
from corridor.exchange import services
from corridor.exchange.choices import Box, Kind
from corridor.exchange.models import Message


def send_enquiry(actor: Actor, *, to: str = "KGZ", days: int = 25, text: str = "Please confirm.") -> Message:
    return services.message_send(
        actor=actor,
        kind=Kind.REQUEST,
        recipient_state=to,
        purpose="exchange.enquiry",
        payload={"text": text},
        subject_ref="RA-7K2M-Q",
        deadline=timezone.now() + datetime.timedelta(days=days),
    )


def copies(message_id: uuid.UUID) -> dict[tuple[str, str], Message]:
    return {(m.state_id, m.box): m for m in Message.objects.unscoped().filter(message_id=message_id)}


def inbox_copy(message: Message) -> Message:
    return Message.objects.unscoped().get(message_id=message.message_id, box=Box.INBOX)


def claims_of(token: str) -> dict[str, Any]:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def with_claims(token: str, **changes: Any) -> str:
    """The same signature over changed content: a tampered message."""
    header, _, signature = token.split(".")
    body = {**claims_of(token), **changes}
    encoded = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"
