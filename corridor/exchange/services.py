"""Writes of the exchange: send, reply, acknowledge, withdraw, deliver, expire.

Each side writes only its own copy. The sender's node signs and queues the outbox copy;
delivery (a task, or ``corridor exchange deliver``) hands the JWS to the transport and
records the recipient node's signed receipt. Changes of status that the other side must
know (acknowledged, withdrawn) travel as signed status notices, and the other side applies
them to its own copy.
"""

from __future__ import annotations

import datetime
import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.access.db import set_db_state
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.exchange import envelope, peers, registry, transports
from corridor.exchange.addressing import may_see
from corridor.exchange.choices import OPEN_STATUSES, Box, Kind, Outcome, Status
from corridor.exchange.models import Message
from corridor.exchange.receiving import Received, ReceiveUnavailable, message_receive, organisation_of
from corridor.reference.models import Country

__all__ = [
    "ReceiveUnavailable",
    "Received",
    "message_acknowledge",
    "message_deliver",
    "message_receive",
    "message_reply",
    "message_send",
    "message_withdraw",
    "messages_deliver_due",
    "messages_expire",
    "messages_withdraw_for_consent",
    "withdraw_on_consent_revoked",
]

logger = logging.getLogger("corridor.exchange")
MAX_DEADLINE = datetime.timedelta(days=3653)
SENDABLE_KINDS = (
    Kind.REQUEST,
    Kind.REFERRAL,
    Kind.TRANSFER,
    Kind.NOTICE,
    Kind.DATA_SHARE_REQUEST,
)


def served_states() -> list[str]:
    """The states whose copies this node keeps (every state on a shared instance)."""
    if settings.CORRIDOR_NODE_STATES:
        return list(settings.CORRIDOR_NODE_STATES)
    return list(Country.objects.order_by("iso3").values_list("iso3", flat=True))


def _enqueue_delivery(message: Message, *, run_after: datetime.datetime | None = None) -> None:
    from corridor.exchange import tasks

    task = tasks.deliver_message
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # picked up by `corridor exchange deliver` when due
        task = task.using(run_after=run_after)
    task.enqueue(str(message.uuid), message.state_id)


def _queue(
    *,
    actor: Actor | None,
    sender_state: str,
    kind: str,
    recipient_state: str,
    purpose: registry.Purpose,
    payload: dict[str, Any],
    subject_ref: str,
    recipient_org: str,
    deadline: datetime.datetime | None,
    consent_ref: str,
    in_reply_to: uuid.UUID | None,
    message_id: uuid.UUID,
) -> Message:
    organisation = actor.organisation if actor is not None else None
    claims = envelope.message_claims(
        message_id=message_id,
        kind=kind,
        purpose=purpose.code,
        sender_state=sender_state,
        sender_org_id=str(organisation.uuid) if organisation is not None else "",
        sender_org_name=organisation.name if organisation is not None else "",
        recipient_state=recipient_state,
        recipient_org=recipient_org,
        subject_ref=subject_ref,
        payload=payload,
        deadline=deadline,
        in_reply_to=in_reply_to,
        consent_ref=consent_ref,
    )
    token = envelope.sign_message(claims)
    set_db_state(sender_state)
    message = Message.objects.create(
        state_id=sender_state,
        box=Box.OUTBOX,
        message_id=message_id,
        kind=kind,
        sender_state_id=sender_state,
        sender_org_id=claims["from"]["org"],
        sender_org_name=claims["from"]["org_name"],
        recipient_state_id=recipient_state,
        recipient_org=recipient_org,
        purpose=purpose.code,
        subject_ref=subject_ref,
        payload=payload,
        deadline=deadline,
        status=Status.QUEUED,
        in_reply_to=in_reply_to,
        consent_ref=consent_ref,
        jws=token,
        kid=envelope.unverified_header_kid(token),
        created_by=actor.user if actor is not None else None,
    )
    audit_record(
        actor=actor,
        action="exchange_message.sent",
        target=message,
        purpose=purpose.code,
        data={
            "message_id": str(message_id),
            "kind": kind,
            "recipient_state": recipient_state,
            "kid": message.kid,
        },
    )
    transaction.on_commit(lambda: _enqueue_delivery(message))
    return message


def _require_sender(actor: Actor) -> str:
    policy.require(actor, perms.SEND_MESSAGES)
    if not actor.state or not peers.is_local(actor.state):
        raise ApplicationError(_("This node does not send messages for your state."))
    return actor.state


def _check_purpose(purpose_code: str, payload: Any, *, reply: bool) -> registry.Purpose:
    purpose = registry.get_purpose(purpose_code)
    if purpose is None or purpose.internal:
        raise ApplicationError(
            _("Unknown purpose {purpose}.").format(purpose=purpose_code),
            fields={"purpose": [_("Choose a registered purpose.")]},
        )
    errors = registry.check_payload(purpose, payload, reply=reply)
    if errors:
        raise ApplicationError(_("The message carries fields its purpose does not allow."), fields=errors)
    return purpose


def _check_organisation(recipient_state: str, recipient_org: str) -> None:
    """An addressed message names the organisation by its public id; on this node we know the
    recipient state's organisations and check it, a peer node checks it on arrival."""
    if not recipient_org:
        return
    try:
        uuid.UUID(recipient_org)
    except ValueError:
        known = False
    else:
        known = not peers.is_local(recipient_state) or organisation_of(recipient_state, recipient_org)
    if not known:
        message = _("Give the public id of an organisation of the recipient state, or leave it empty.")
        raise ApplicationError(message, fields={"recipient_org": [message]})


def _require_addressee(actor: Actor, message: Message) -> None:
    if not may_see(actor, message):
        raise Forbidden(_("This message is addressed to another organisation."))


def _check_envelope(*, deadline: datetime.datetime | None, texts: dict[str, str]) -> None:
    if deadline is not None and deadline <= timezone.now():
        raise ApplicationError(
            _("The deadline must be in the future."), fields={"deadline": [_("The deadline has passed.")]}
        )
    if deadline is not None and deadline > timezone.now() + MAX_DEADLINE:
        raise ApplicationError(
            _("The deadline must be within ten years."), fields={"deadline": [_("Too far ahead.")]}
        )
    bad = {name: [_("Remove the NUL character.")] for name, value in texts.items() if "\x00" in value}
    if bad:
        raise ApplicationError(_("The request could not be carried out."), fields=bad)


@transaction.atomic
def message_send(
    *,
    actor: Actor,
    kind: str,
    recipient_state: str,
    purpose: str,
    payload: dict[str, Any],
    subject_ref: str = "",
    recipient_org: str = "",
    deadline: datetime.datetime | None = None,
    consent_ref: str = "",
    message_id: uuid.UUID | None = None,
) -> Message:
    """Sign and queue a message from the actor's state; delivery follows the commit.

    ``message_id`` lets a national system retry its call safely: the same id with the same
    content returns the message already queued; with other content it is a conflict.
    """
    sender_state = _require_sender(actor)
    if kind not in SENDABLE_KINDS:
        raise ApplicationError(_("Messages of this kind cannot be sent directly."), fields={"kind": [kind]})
    recipient_state = (recipient_state or "").upper()
    if not Country.objects.filter(iso3=recipient_state).exists():
        raise ApplicationError(
            _("Unknown recipient state."), fields={"recipient_state": [_("Unknown state.")]}
        )
    if not peers.has_route(recipient_state):
        raise ApplicationError(
            _("This node has no route to {state}.").format(state=recipient_state),
            fields={"recipient_state": [_("No route to this state.")]},
        )
    recipient_org = (recipient_org or "").strip()
    _check_organisation(recipient_state, recipient_org)
    spec = _check_purpose(purpose, payload, reply=False)
    if spec.needs_consent and not consent_ref:
        raise ApplicationError(
            _("Messages of this purpose need the consent they rest on."),
            fields={"consent_ref": [_("This field is required.")]},
        )
    _check_envelope(
        deadline=deadline,
        texts={"subject_ref": subject_ref, "recipient_org": recipient_org, "consent_ref": consent_ref},
    )
    if message_id is not None:
        set_db_state(sender_state)
        existing = (
            Message.objects.for_state(sender_state).filter(box=Box.OUTBOX, message_id=message_id).first()
        )
        if existing is not None:
            same = (existing.kind, existing.recipient_state_id, existing.purpose, existing.payload) == (
                kind,
                recipient_state,
                purpose,
                payload,
            )
            if not same:
                raise Conflict(_("Another message was already sent with this idempotency id."))
            return existing
    return _queue(
        actor=actor,
        sender_state=sender_state,
        kind=kind,
        recipient_state=recipient_state,
        purpose=spec,
        payload=payload,
        subject_ref=subject_ref,
        recipient_org=recipient_org,
        deadline=deadline,
        consent_ref=consent_ref,
        in_reply_to=None,
        message_id=message_id or uuid.uuid4(),
    )


def message_send_system(
    *,
    sender_state: str,
    kind: str,
    recipient_state: str,
    purpose: str,
    payload: dict[str, Any],
    subject_ref: str = "",
    deadline: datetime.datetime | None = None,
) -> Message:
    """A message the sending state's system sends on its own (no person acts): a case put on
    hold because a protection flag was raised, for example. Same checks as ``message_send``
    but the actor's permission; audited with no actor."""
    if kind not in SENDABLE_KINDS:
        raise ApplicationError(_("Messages of this kind cannot be sent directly."), fields={"kind": [kind]})
    if not peers.is_local(sender_state) or not peers.has_route(recipient_state):
        raise ApplicationError(
            _("This node has no route to {state}.").format(state=recipient_state),
            fields={"recipient_state": [_("No route to this state.")]},
        )
    spec = _check_purpose(purpose, payload, reply=False)
    _check_envelope(deadline=deadline, texts={"subject_ref": subject_ref})
    return _queue(
        actor=None,
        sender_state=sender_state,
        kind=kind,
        recipient_state=recipient_state,
        purpose=spec,
        payload=payload,
        subject_ref=subject_ref,
        recipient_org="",
        deadline=deadline,
        consent_ref="",
        in_reply_to=None,
        message_id=uuid.uuid4(),
    )


def _lock(message: Message) -> Message:
    set_db_state(message.state_id)
    return Message.objects.for_state(message.state_id).select_for_update().get(pk=message.pk)


@transaction.atomic
def message_reply(*, actor: Actor, message: Message, payload: dict[str, Any]) -> Message:
    """Answer a message of our inbox; the reply goes back to the sender, our copy is answered."""
    sender_state = _require_sender(actor)
    original = _lock(message)
    _require_addressee(actor, original)
    if (
        original.box != Box.INBOX
        or original.state_id != sender_state
        or original.kind
        in (
            Kind.REPLY,
            Kind.STATUS,
        )
    ):
        raise Conflict(_("Only a message received by your state can be answered."))
    if not original.is_open:
        raise Conflict(
            _("This message is {status}; it can no longer be answered.").format(
                status=original.get_status_display().lower()
            )
        )
    spec = _check_purpose(original.purpose, payload, reply=True)
    if not peers.has_route(original.sender_state_id):
        raise ApplicationError(_("This node has no route to {state}.").format(state=original.sender_state_id))
    reply = _queue(
        actor=actor,
        sender_state=sender_state,
        kind=Kind.REPLY,
        recipient_state=original.sender_state_id,
        purpose=spec,
        payload=payload,
        subject_ref=original.subject_ref,
        recipient_org=original.sender_org_id,
        deadline=None,
        consent_ref=original.consent_ref,
        in_reply_to=original.message_id,
        message_id=uuid.uuid4(),
    )
    now = timezone.now()
    original.status, original.answered_at, original.closed_at = Status.ANSWERED, now, now
    original.save(update_fields=["status", "answered_at", "closed_at", "updated_at"])
    return reply


def _status_notice(*, actor: Actor | None, message: Message, status: str) -> Message:
    other = message.recipient_state_id if message.box == Box.OUTBOX else message.sender_state_id
    return _queue(
        actor=actor,
        sender_state=message.state_id,
        kind=Kind.STATUS,
        recipient_state=other,
        purpose=registry.STATUS_PURPOSE,
        payload={"of": str(message.message_id), "status": status},
        subject_ref=message.subject_ref,
        recipient_org="",
        deadline=None,
        consent_ref="",
        in_reply_to=None,
        message_id=uuid.uuid4(),
    )


@transaction.atomic
def message_acknowledge(*, actor: Actor, message: Message) -> Message:
    """The recipient confirms it has taken the message up; the sender's copy follows."""
    _require_sender(actor)
    row = _lock(message)
    _require_addressee(actor, row)
    if row.box != Box.INBOX or row.state_id != actor.state or row.status != Status.DELIVERED:
        raise Conflict(_("Only a newly delivered message of your inbox can be acknowledged."))
    row.status, row.acknowledged_at = Status.ACKNOWLEDGED, timezone.now()
    row.save(update_fields=["status", "acknowledged_at", "updated_at"])
    audit_record(actor=actor, action="exchange_message.acknowledged", target=row)
    _status_notice(actor=actor, message=row, status="acknowledged")
    return row


def _withdraw(*, actor: Actor | None, message: Message, reason: str) -> Message:
    row = _lock(message)
    if row.box != Box.OUTBOX or not row.is_open or row.kind == Kind.STATUS:
        raise Conflict(_("Only an open message of your outbox can be withdrawn."))
    never_left = row.status == Status.QUEUED and row.attempts == 0
    row.status, row.closed_at = Status.WITHDRAWN, timezone.now()
    row.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(actor=actor, action="exchange_message.withdrawn", target=row, data={"reason": reason})
    if not never_left:
        # It may have arrived: tell the recipient, whose node withdraws its own copy.
        _status_notice(actor=actor, message=row, status="withdrawn")
    return row


@transaction.atomic
def message_withdraw(*, actor: Actor, message: Message, reason: str = "") -> Message:
    """Take back an open message of our outbox; the recipient's copy follows."""
    _require_sender(actor)
    if message.state_id != actor.state:
        raise Conflict(_("Only an open message of your outbox can be withdrawn."))
    return _withdraw(actor=actor, message=message, reason=reason[:300])


@transaction.atomic
def messages_withdraw_for_consent(*, consent_ref: str, state: str | None = None) -> int:
    """Withdraw every open outgoing message that rests on this consent (it was revoked).

    System work: called by the case kernel's consent revocation hook, in its transaction.
    """
    if not consent_ref:
        return 0
    count = 0
    for owner in [state] if state else served_states():
        set_db_state(owner)
        rows = Message.objects.for_state(owner).filter(
            box=Box.OUTBOX, consent_ref=consent_ref, status__in=OPEN_STATUSES
        )
        for row in rows.exclude(kind=Kind.STATUS):
            _withdraw(actor=None, message=row, reason="consent_revoked")
            count += 1
    return count


def withdraw_on_consent_revoked(*, consent: Any) -> None:
    """The kernel's revocation hook: a message's ``consent_ref`` is the consent's uuid."""
    messages_withdraw_for_consent(consent_ref=str(consent.uuid), state=getattr(consent, "state_id", None))


# --- Delivery --------------------------------------------------------------------------------


def _backoff(attempts: int) -> datetime.timedelta:
    seconds = settings.CORRIDOR_EXCHANGE_RETRY_BASE * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.CORRIDOR_EXCHANGE_RETRY_MAX))


def _claim(uuid_: str, state: str, now: datetime.datetime | None = None) -> tuple[Message, str] | None:
    """Mark an attempt (and lease the message until the retry time) before sending it."""
    with transaction.atomic():
        set_db_state(state)
        now = now or timezone.now()
        # Only when due: the task after the commit and a `deliver` round may both reach a new
        # message; whichever claims it first leases it until its retry time, and the other
        # finds it not due (one attempt, not two posts of the same message at once).
        rows = (
            Message.objects.for_state(state)
            .filter(uuid=uuid_, box=Box.OUTBOX, status__in=(Status.QUEUED, Status.SENT))
            .exclude(next_attempt_at__gt=now)
        )
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        row = rows.first()
        if row is None:
            return None
        if row.deadline is not None and row.deadline <= now:
            row.status, row.closed_at = Status.EXPIRED, now
            row.save(update_fields=["status", "closed_at", "updated_at"])
            audit_record(actor=None, action="exchange_message.expired", target=row)
            return None
        row.attempts += 1
        row.status = Status.SENT
        row.sent_at = row.sent_at or now
        row.next_attempt_at = now + _backoff(row.attempts)
        row.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at", "updated_at"])
        return row, row.jws


def _record_failure(row: Message, error: str) -> None:
    with transaction.atomic():
        set_db_state(row.state_id)
        Message.objects.for_state(row.state_id).filter(pk=row.pk).update(last_error=error[:300])
    logger.info("exchange: delivery of %s failed (attempt %s): %s", row.message_id, row.attempts, error)
    _enqueue_delivery(row, run_after=row.next_attempt_at)


def _record_receipt(row: Message, receipt: envelope.Receipt) -> Message:
    with transaction.atomic():
        row = _lock(row)
        now = timezone.now()
        row.receipt_jws, row.next_attempt_at, row.last_error = receipt.jws, None, ""
        fields = ["receipt_jws", "next_attempt_at", "last_error", "updated_at"]
        if row.status in (Status.QUEUED, Status.SENT):
            if receipt.outcome == Outcome.REFUSED:
                row.status, row.closed_at = Status.REFUSED, now
                row.refusal_code, row.refusal_reason = receipt.code, receipt.reason
                fields += ["status", "closed_at", "refusal_code", "refusal_reason"]
            else:
                row.status, row.delivered_at = Status.DELIVERED, now
                fields += ["status", "delivered_at"]
        elif row.delivered_at is None and receipt.outcome != Outcome.REFUSED:
            row.delivered_at = now
            fields.append("delivered_at")
        row.save(update_fields=fields)
        refused = receipt.outcome == Outcome.REFUSED
        audit_record(
            actor=None,
            action="exchange_message.refused_by_recipient" if refused else "exchange_message.delivered",
            target=row,
            data={"message_id": str(row.message_id), "outcome": receipt.outcome, "code": receipt.code},
        )
        return row


def message_deliver(*, message_uuid: str, state: str, now: datetime.datetime | None = None) -> str | None:
    """One delivery attempt of an outbox message; returns its status afterwards (None: not due).

    Runs outside any transaction of its own while the transport works, so that a slow peer
    holds no lock; a second worker delivering the same message at once is harmless (the
    receiving node keeps one copy and answers the second with ``duplicate``).
    """
    claimed = _claim(message_uuid, state, now)
    if claimed is None:
        return None
    row, token = claimed
    transport = transports.transport_for(row.recipient_state_id)
    if transport is None:
        _record_failure(row, "no route to the recipient state")
        return Status.SENT
    try:
        receipt = transport.deliver(recipient_state=row.recipient_state_id, token=token)
    except transports.TransportUnavailable as exc:
        _record_failure(row, str(exc))
        return Status.SENT
    if receipt.message_id != str(row.message_id):
        _record_failure(row, "the receipt names another message")
        return Status.SENT
    return _record_receipt(row, receipt).status


def messages_deliver_due(
    *, now: datetime.datetime | None = None, limit: int = 500, workers: int = 1
) -> dict[str, int]:
    """Deliver every queued message and every retry that is due, oldest first.

    ``workers`` > 1 delivers that many at once (threads, each with its own database
    connection; each message is claimed under a lock, so none goes out twice). A message
    whose attempt fails unexpectedly (a database error) is logged and counted as ``error``
    and stays in the outbox for the next round; the others go on.
    """
    now = now or timezone.now()
    due: list[tuple[str, str]] = []
    for state in served_states():
        with transaction.atomic():
            set_db_state(state)
            due += [
                (str(message_uuid), state)
                for message_uuid in Message.objects.for_state(state)
                .filter(box=Box.OUTBOX, status__in=(Status.QUEUED, Status.SENT))
                .exclude(next_attempt_at__gt=now)
                .order_by("created_at", "id")
                .values_list("uuid", flat=True)[:limit]
            ]
    counts: dict[str, int] = {}
    lock = threading.Lock()

    def deliver(share: list[tuple[str, str]]) -> None:
        for message_uuid, state in share:
            try:
                status = message_deliver(message_uuid=message_uuid, state=state, now=now)
            except Exception:  # one message's failure must not stop the outbox
                logger.exception("exchange: delivery of %s failed unexpectedly", message_uuid)
                status = "error"
            if status is not None:
                with lock:
                    counts[status] = counts.get(status, 0) + 1

    if workers <= 1 or len(due) <= 1:
        deliver(due)
        return counts

    def in_thread(share: list[tuple[str, str]]) -> None:
        try:
            deliver(share)
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(in_thread, [due[n::workers] for n in range(workers)]))
    return counts


def messages_expire(*, now: datetime.datetime | None = None) -> int:
    """Each side closes its own open copies whose deadline has passed."""
    now = now or timezone.now()
    count = 0
    for state in served_states():
        with transaction.atomic():
            set_db_state(state)
            rows = (
                Message.objects.for_state(state)
                .select_for_update()
                .filter(status__in=OPEN_STATUSES, deadline__lte=now)
            )
            for row in rows:
                row.status, row.closed_at = Status.EXPIRED, now
                row.save(update_fields=["status", "closed_at", "updated_at"])
                audit_record(actor=None, action="exchange_message.expired", target=row)
                count += 1
    return count
