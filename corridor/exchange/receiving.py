"""The receiving side: check a signed message, keep our own copy, answer with a signed receipt.

Every message arriving at this node — from a peer over HTTPS or from this node itself
through local delivery — goes through ``message_receive``. Refusals write nothing but their
audit event and a log line; the sender learns why from the signed receipt.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from corridor.access.db import set_db_state
from corridor.accounts.models import Organisation
from corridor.audit.services import audit_record
from corridor.crypto import signing
from corridor.exchange import envelope, peers, registry
from corridor.exchange.choices import Box, Kind, Outcome, Refusal, Status
from corridor.exchange.models import Message
from corridor.reference.models import Country

logger = logging.getLogger("corridor.exchange")
_TARGET = "exchange.message"


@dataclass(frozen=True)
class Received:
    outcome: str
    code: str
    receipt: str
    message: Message | None = None


class ReceiveUnavailable(Exception):
    """This node cannot judge the message now (the sender's key set is out of reach).

    Nothing is written and no receipt is signed: the sender keeps the message and retries.
    """


class _Refuse(Exception):
    def __init__(self, code: Refusal) -> None:
        super().__init__(code.value)
        self.code = code


def _verify(token: str, sender_state: str) -> signing.Verified:
    try:
        return _verify_with_keys(token, sender_state)
    except peers.KeySetUnavailable as exc:
        raise ReceiveUnavailable(str(exc)) from exc


def _verify_with_keys(token: str, sender_state: str) -> signing.Verified:
    key_set = peers.key_set_for(sender_state)
    if key_set is None:
        raise _Refuse(Refusal.UNKNOWN_SENDER)
    try:
        return signing.verify(token, key_set=key_set)
    except signing.UnknownKey:
        # The peer may have rotated its key since we cached its set: ask once more.
        fresh = peers.key_set_for(sender_state, refresh=True)
        if fresh is None:
            raise _Refuse(Refusal.UNKNOWN_KEY) from None
        try:
            return signing.verify(token, key_set=fresh)
        except signing.UnknownKey:
            raise _Refuse(Refusal.UNKNOWN_KEY) from None
        except signing.SignatureInvalid:
            raise _Refuse(Refusal.BAD_SIGNATURE) from None
    except signing.SignatureInvalid:
        raise _Refuse(Refusal.BAD_SIGNATURE) from None


def _check(token: str) -> tuple[envelope.Claims, str]:
    """The verified claims and the signing kid, or ``_Refuse``."""
    try:
        claimed = envelope.parse_claims(envelope.unverified_claims(token))
    except envelope.Malformed:
        raise _Refuse(Refusal.MALFORMED) from None
    verified = _verify(token, claimed.sender_state)
    if verified.header.get("typ") != envelope.MESSAGE_TYP:
        raise _Refuse(Refusal.MALFORMED)
    try:
        claims = envelope.parse_claims(verified.json())
    except (envelope.Malformed, ValueError):
        raise _Refuse(Refusal.MALFORMED) from None
    if claims.kind not in Kind.values:
        raise _Refuse(Refusal.MALFORMED)
    if not peers.is_local(claims.recipient_state):
        raise _Refuse(Refusal.NOT_FOR_THIS_NODE)
    if not Country.objects.filter(iso3__in=[claims.recipient_state, claims.sender_state]).count() == len(
        {claims.recipient_state, claims.sender_state}
    ):
        raise _Refuse(Refusal.UNKNOWN_SENDER)
    return claims, str(verified.header.get("kid", ""))


def organisation_of(state: str, public_id: str) -> bool:
    """Whether ``public_id`` is an active organisation of ``state`` on this node (messages may be
    addressed to one; only its users then see and act on that copy)."""
    try:
        wanted = uuid.UUID(public_id)
    except ValueError:
        return False
    return Organisation.objects.filter(uuid=wanted, state_id=state, is_active=True).exists()


def _check_content(claims: envelope.Claims) -> None:
    if claims.deadline is not None and claims.deadline <= timezone.now():
        raise _Refuse(Refusal.DEADLINE_PASSED)
    purpose = registry.get_purpose(claims.purpose)
    if purpose is None or (purpose.internal and claims.kind != Kind.STATUS):
        raise _Refuse(Refusal.UNKNOWN_PURPOSE)
    if claims.kind == Kind.STATUS and claims.purpose != registry.STATUS_PURPOSE.code:
        raise _Refuse(Refusal.UNKNOWN_PURPOSE)
    if registry.check_payload(purpose, claims.payload, reply=claims.kind == Kind.REPLY):
        raise _Refuse(Refusal.FIELDS_NOT_ALLOWED)
    if claims.recipient_org and not organisation_of(claims.recipient_state, claims.recipient_org):
        raise _Refuse(Refusal.UNKNOWN_ORGANISATION)


def _own(state: str):  # type: ignore[no-untyped-def]
    return Message.objects.for_state(state)


def _apply_reply(claims: envelope.Claims) -> None:
    original = (
        _own(claims.recipient_state)
        .select_for_update()
        .filter(box=Box.OUTBOX, message_id=claims.in_reply_to, recipient_state_id=claims.sender_state)
        .first()
    )
    if original is None:
        raise _Refuse(Refusal.UNKNOWN_ORIGINAL)
    if original.status != Status.WITHDRAWN:
        now = timezone.now()
        original.status = Status.ANSWERED
        original.answered_at = original.closed_at = now
        original.save(update_fields=["status", "answered_at", "closed_at", "updated_at"])


def _apply_status(claims: envelope.Claims) -> None:
    of, status = claims.payload["of"], claims.payload["status"]
    own = _own(claims.recipient_state).select_for_update()
    now = timezone.now()
    if status == "withdrawn":
        copy = own.filter(box=Box.INBOX, message_id=of, sender_state_id=claims.sender_state).first()
        if copy is not None and copy.is_open:
            copy.status, copy.closed_at = Status.WITHDRAWN, now
            copy.save(update_fields=["status", "closed_at", "updated_at"])
    elif status == "acknowledged":
        copy = own.filter(box=Box.OUTBOX, message_id=of, recipient_state_id=claims.sender_state).first()
        if copy is not None and copy.status in (Status.SENT, Status.DELIVERED):
            copy.status, copy.acknowledged_at = Status.ACKNOWLEDGED, now
            copy.save(update_fields=["status", "acknowledged_at", "updated_at"])


def _withdrawn_before_arrival(claims: envelope.Claims) -> bool:
    """A withdrawal notice overtook its message (delivered first after an outage)."""
    return (
        _own(claims.recipient_state)
        .filter(box=Box.INBOX, kind=Kind.STATUS, sender_state_id=claims.sender_state)
        .filter(payload__of=str(claims.message_id), payload__status="withdrawn")
        .exists()
    )


def _store(claims: envelope.Claims, token: str, kid: str) -> Message:
    withdrawn = claims.kind != Kind.STATUS and _withdrawn_before_arrival(claims)
    now = timezone.now()
    return Message.objects.create(
        state_id=claims.recipient_state,
        box=Box.INBOX,
        message_id=claims.message_id,
        kind=claims.kind,
        sender_state_id=claims.sender_state,
        sender_org_id=claims.sender_org_id,
        sender_org_name=claims.sender_org_name,
        recipient_state_id=claims.recipient_state,
        recipient_org=claims.recipient_org,
        purpose=claims.purpose,
        subject_ref=claims.subject_ref,
        payload=claims.payload,
        deadline=claims.deadline,
        status=Status.WITHDRAWN if withdrawn else Status.DELIVERED,
        in_reply_to=claims.in_reply_to,
        consent_ref=claims.consent_ref,
        jws=token,
        kid=kid,
        delivered_at=now,
        closed_at=now if withdrawn else None,
    )


def _refused(token: str, code: Refusal) -> Received:
    try:
        claimed = envelope.unverified_claims(token)
    except envelope.Malformed:
        claimed = {}
    message_id = str(claimed.get("id", ""))[:40]
    sender_raw, recipient_raw = claimed.get("from"), claimed.get("to")
    sender: dict[str, Any] = sender_raw if isinstance(sender_raw, dict) else {}
    recipient: dict[str, Any] = recipient_raw if isinstance(recipient_raw, dict) else {}
    recipient_state = (
        str(recipient.get("state", ""))[:3] if peers.is_local(str(recipient.get("state", ""))) else ""
    )
    logger.warning(
        "exchange: refused message %s from %s: %s", message_id, str(sender.get("state", ""))[:3], code.value
    )
    audit_record(
        actor=None,
        action="exchange_message.refused",
        target_type=_TARGET,
        target_state=recipient_state,
        data={"message_id": message_id, "sender_state": str(sender.get("state", ""))[:3], "code": code.value},
    )
    receipt = envelope.sign_receipt(
        message_id=message_id,
        outcome=Outcome.REFUSED,
        code=code.value,
        reason=str(code.label),
        state=recipient_state,
    )
    return Received(outcome=Outcome.REFUSED, code=code.value, receipt=receipt)


def message_receive(*, token: str) -> Received:
    """Check and keep an arriving message; always answers with a signed receipt.

    Accepted: our inbox copy is written (once: a message that arrives again unchanged is a
    ``duplicate``, nothing is written). Refused (bad signature, unknown key or sender,
    replayed id with other content, deadline passed, unknown purpose, fields beyond the
    purpose's set, a reply to nothing we sent): nothing is written but the audit event.
    """
    try:
        claims, kid = _check(token)
    except _Refuse as refusal:
        with transaction.atomic():
            return _refused(token, refusal.code)
    with transaction.atomic():
        set_db_state(claims.recipient_state)
        existing = _own(claims.recipient_state).filter(box=Box.INBOX, message_id=claims.message_id).first()
        if existing is not None:
            if existing.jws != token:
                return _refused(token, Refusal.REPLAYED_ID)
            audit_record(
                actor=None,
                action="exchange_message.duplicate_ignored",
                target=existing,
                data={"message_id": str(claims.message_id)},
            )
            receipt = envelope.sign_receipt(
                message_id=str(claims.message_id),
                outcome=Outcome.DUPLICATE,
                code="",
                reason="",
                state=claims.recipient_state,
            )
            return Received(outcome=Outcome.DUPLICATE, code="", receipt=receipt, message=existing)
        try:
            with transaction.atomic():
                _check_content(claims)
                if claims.kind == Kind.REPLY:
                    _apply_reply(claims)
                elif claims.kind == Kind.STATUS:
                    _apply_status(claims)
                message = _store(claims, token, kid)
                handler = registry.receiver_for(claims.purpose)
                if handler is not None and claims.kind != Kind.STATUS and message.status == Status.DELIVERED:
                    handler(message=message)
                audit_record(
                    actor=None,
                    action="exchange_message.received",
                    target=message,
                    purpose=claims.purpose,
                    data={
                        "message_id": str(claims.message_id),
                        "kind": claims.kind,
                        "sender_state": claims.sender_state,
                        "kid": kid,
                    },
                )
        except _Refuse as refusal:
            return _refused(token, refusal.code)
        except IntegrityError:
            # The same message arrived twice at once (two delivery workers): the other won.
            if not _own(claims.recipient_state).filter(box=Box.INBOX, message_id=claims.message_id).exists():
                raise
            receipt = envelope.sign_receipt(
                message_id=str(claims.message_id),
                outcome=Outcome.DUPLICATE,
                code="",
                reason="",
                state=claims.recipient_state,
            )
            return Received(outcome=Outcome.DUPLICATE, code="", receipt=receipt)
        receipt = envelope.sign_receipt(
            message_id=str(claims.message_id),
            outcome=Outcome.ACCEPTED,
            code="",
            reason="",
            state=claims.recipient_state,
        )
        return Received(outcome=Outcome.ACCEPTED, code="", receipt=receipt, message=message)
