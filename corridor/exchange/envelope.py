"""The signed forms that travel: a message and its receipt (JWS, Ed25519, by the node).

A message's JWS payload is canonical JSON::

    {"v": 1, "id": "<uuid>", "kind": "request", "purpose": "exchange.enquiry",
     "from": {"state": "TUR", "org": "<uuid>", "org_name": "…"}, "to": {"state": "KGZ", "org": ""},
     "subject": "RA-7K2M-Q", "payload": {…}, "deadline": "2027-01-05T00:00:00+00:00" | null,
     "in_reply_to": "<uuid>" | null, "consent": "<opaque>", "iss": "<node id>", "iat": "<UTC>"}

with header ``{"alg": "Ed25519", "kid": …, "typ": "corridor-message+jws"}``. A receipt is
``{"v": 1, "id": "<message id>", "outcome": "accepted|duplicate|refused", "code": "…",
"reason": "…", "state": "<recipient state>", "iss": …, "at": …}``, typed
``corridor-receipt+jws``, signed by the receiving node.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from corridor.crypto import signing

MESSAGE_TYP = "corridor-message+jws"
RECEIPT_TYP = "corridor-receipt+jws"
VERSION = 1


class Malformed(ValueError):
    """Not a Corridor message or receipt (before any signature is checked)."""


def _iso(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value is not None else None


def message_claims(
    *,
    message_id: uuid.UUID,
    kind: str,
    purpose: str,
    sender_state: str,
    sender_org_id: str,
    sender_org_name: str,
    recipient_state: str,
    recipient_org: str,
    subject_ref: str,
    payload: dict[str, Any],
    deadline: datetime.datetime | None,
    in_reply_to: uuid.UUID | None,
    consent_ref: str,
) -> dict[str, Any]:
    return {
        "v": VERSION,
        "id": str(message_id),
        "kind": kind,
        "purpose": purpose,
        "from": {"state": sender_state, "org": sender_org_id, "org_name": sender_org_name},
        "to": {"state": recipient_state, "org": recipient_org},
        "subject": subject_ref,
        "payload": payload,
        "deadline": _iso(deadline),
        "in_reply_to": str(in_reply_to) if in_reply_to else None,
        "consent": consent_ref,
        "iss": settings.CORRIDOR_NODE_ID,
        "iat": _iso(timezone.now()),
    }


def sign_message(claims: dict[str, Any]) -> str:
    return signing.node_sign(claims, typ=MESSAGE_TYP)


@dataclass(frozen=True)
class Claims:
    """The fields of a message as read from its JWS, checked for shape only."""

    message_id: uuid.UUID
    kind: str
    purpose: str
    sender_state: str
    sender_org_id: str
    sender_org_name: str
    recipient_state: str
    recipient_org: str
    subject_ref: str
    payload: Any
    deadline: datetime.datetime | None
    in_reply_to: uuid.UUID | None
    consent_ref: str


def _text(value: Any, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise Malformed("bad text field")
    return value


def _state(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 3 or not value.isalpha() or not value.isupper():
        raise Malformed("bad state")
    return value


def _datetime(value: Any) -> datetime.datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise Malformed("bad date") from exc
    if parsed.tzinfo is None:
        raise Malformed("naive date")
    return parsed


def _uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Malformed("bad id") from exc


def unverified_claims(token: str) -> dict[str, Any]:
    """The payload of a JWS before its signature is checked: only to choose the key set."""
    if not isinstance(token, str) or token.count(".") != 2:
        raise Malformed("not a compact JWS")
    encoded = token.split(".")[1]
    try:
        data = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Malformed("payload is not JSON") from exc
    if not isinstance(data, dict):
        raise Malformed("payload is not an object")
    return data


def parse_claims(data: dict[str, Any]) -> Claims:
    sender = data.get("from")
    recipient = data.get("to")
    if data.get("v") != VERSION or not isinstance(sender, dict) or not isinstance(recipient, dict):
        raise Malformed("not a version 1 message")
    return Claims(
        message_id=_uuid(data.get("id")),
        kind=_text(data.get("kind"), 20),
        purpose=_text(data.get("purpose"), 100),
        sender_state=_state(sender.get("state")),
        sender_org_id=_text(sender.get("org"), 64),
        sender_org_name=_text(sender.get("org_name"), 200),
        recipient_state=_state(recipient.get("state")),
        recipient_org=_text(recipient.get("org"), 200),
        subject_ref=_text(data.get("subject"), 64),
        payload=data.get("payload"),
        deadline=_datetime(data.get("deadline")),
        in_reply_to=_uuid(data["in_reply_to"]) if data.get("in_reply_to") else None,
        consent_ref=_text(data.get("consent"), 64),
    )


def sign_receipt(*, message_id: str, outcome: str, code: str, reason: str, state: str) -> str:
    claims = {
        "v": VERSION,
        "id": message_id,
        "outcome": outcome,
        "code": code,
        "reason": reason[:300],
        "state": state,
        "iss": settings.CORRIDOR_NODE_ID,
        "at": _iso(timezone.now()),
    }
    return signing.node_sign(claims, typ=RECEIPT_TYP)


@dataclass(frozen=True)
class Receipt:
    message_id: str
    outcome: str
    code: str
    reason: str
    jws: str


def read_receipt(token: str, *, key_set: dict[str, Any]) -> Receipt:
    """Verify a receipt against the recipient node's key set (raises ``signing`` errors)."""
    verified = signing.verify(token, key_set=key_set)
    if verified.header.get("typ") != RECEIPT_TYP:
        raise Malformed("not a receipt")
    data = verified.json()
    if not isinstance(data, dict) or data.get("outcome") not in ("accepted", "duplicate", "refused"):
        raise Malformed("bad receipt")
    return Receipt(
        message_id=str(data.get("id")),
        outcome=str(data["outcome"]),
        code=str(data.get("code") or "")[:32],
        reason=str(data.get("reason") or "")[:300],
        jws=token,
    )


def unverified_header_kid(token: str) -> str:
    encoded = token.split(".", 1)[0]
    header = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    return str(header.get("kid", ""))
