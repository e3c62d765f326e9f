"""Send, receive, reply, acknowledge, withdraw and refuse — on one shared instance."""

from __future__ import annotations

import datetime
import json
import uuid

import pytest
from django.utils import timezone
from joserfc import jws
from joserfc.jwk import OKPKey

from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Conflict
from corridor.crypto import signing
from corridor.exchange import envelope, registry, services
from corridor.exchange.choices import Box, Kind, Outcome, Status
from corridor.exchange.models import Message
from corridor.exchange.tests.helpers import claims_of, copies, inbox_copy, send_enquiry, with_claims

pytestmark = pytest.mark.django_db


def test_send_queues_a_signed_outbox_copy_and_delivery_makes_the_inbox_copy(tur_officer):
    # given
    message = send_enquiry(tur_officer)
    assert message.status == Status.QUEUED and message.box == Box.OUTBOX and message.state_id == "TUR"
    assert signing.node_verify(message.jws).json()["payload"] == {"text": "Please confirm."}

    # when
    counts = services.messages_deliver_due()

    # then
    assert counts == {Status.DELIVERED: 1}
    both = copies(message.message_id)
    assert set(both) == {("TUR", Box.OUTBOX), ("KGZ", Box.INBOX)}
    outbox, inbox = both["TUR", Box.OUTBOX], both["KGZ", Box.INBOX]
    assert outbox.status == Status.DELIVERED and outbox.attempts == 1 and outbox.receipt_jws
    assert inbox.status == Status.DELIVERED
    assert (inbox.sender_state_id, inbox.recipient_state_id, inbox.deadline) == (
        "TUR",
        "KGZ",
        message.deadline,
    )
    assert inbox.payload == {"text": "Please confirm."} and inbox.subject_ref == "RA-7K2M-Q"
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-3:] == [
        "exchange_message.sent",
        "exchange_message.received",
        "exchange_message.delivered",
    ]


def test_delivery_happens_once(tur_officer):
    send_enquiry(tur_officer)
    services.messages_deliver_due()

    assert services.messages_deliver_due() == {}
    assert Message.objects.unscoped().filter(box=Box.INBOX).count() == 1


def test_reply_reaches_the_sender_and_both_originals_are_answered(tur_officer, kgz_officer):
    request = send_enquiry(tur_officer)
    services.messages_deliver_due()
    received = inbox_copy(request)

    reply = services.message_reply(actor=kgz_officer, message=received, payload={"text": "Confirmed."})
    services.messages_deliver_due()

    assert reply.kind == Kind.REPLY and reply.in_reply_to == request.message_id
    reply_copies = copies(reply.message_id)
    assert reply_copies["TUR", Box.INBOX].payload == {"text": "Confirmed."}
    assert reply_copies["KGZ", Box.OUTBOX].status == Status.DELIVERED
    originals = copies(request.message_id)
    assert originals["TUR", Box.OUTBOX].status == Status.ANSWERED
    assert originals["KGZ", Box.INBOX].status == Status.ANSWERED
    with pytest.raises(Conflict):
        services.message_reply(actor=kgz_officer, message=received, payload={"text": "Again."})


def test_reply_with_fields_beyond_the_purpose_writes_nothing(tur_officer, kgz_officer):
    request = send_enquiry(tur_officer)
    services.messages_deliver_due()
    before = Message.objects.unscoped().count()

    with pytest.raises(ApplicationError) as error:
        services.message_reply(
            actor=kgz_officer, message=inbox_copy(request), payload={"text": "x", "passport": "AB123"}
        )

    assert "passport" in " ".join(error.value.fields["payload"])
    assert Message.objects.unscoped().count() == before
    assert inbox_copy(request).status == Status.DELIVERED


def test_send_refuses_fields_beyond_the_purpose_unknown_purposes_and_past_deadlines(tur_officer):
    cases = [
        {"purpose": "exchange.enquiry", "payload": {"text": "x", "birth_date": "1990-01-01"}},
        {"purpose": "exchange.enquiry", "payload": {"text": 5}},
        {"purpose": "exchange.enquiry", "payload": {}},
        {"purpose": "nobody.knows", "payload": {"text": "x"}},
        {"purpose": "exchange.status", "payload": {"of": str(uuid.uuid4()), "status": "withdrawn"}},
    ]
    for case in cases:
        with pytest.raises(ApplicationError):
            services.message_send(actor=tur_officer, kind=Kind.REQUEST, recipient_state="KGZ", **case)
    with pytest.raises(ApplicationError):
        send_enquiry(tur_officer, days=-1)
    with pytest.raises(ApplicationError):
        services.message_send(
            actor=tur_officer,
            kind=Kind.REPLY,
            recipient_state="KGZ",
            purpose="exchange.enquiry",
            payload={"text": "x"},
        )
    assert Message.objects.unscoped().count() == 0


def test_send_needs_the_permission(actor_factory):
    auditor = actor_factory("TUR", "auditor")
    with pytest.raises(ApplicationError):
        send_enquiry(auditor)
    assert Message.objects.unscoped().count() == 0


def test_same_idempotency_id_returns_the_queued_message_and_other_content_conflicts(tur_officer):
    message_id = uuid.uuid4()
    kwargs = {
        "actor": tur_officer,
        "kind": Kind.REQUEST,
        "recipient_state": "KGZ",
        "purpose": "exchange.enquiry",
        "payload": {"text": "x"},
        "message_id": message_id,
    }
    first = services.message_send(**kwargs)
    again = services.message_send(**kwargs)
    assert again.pk == first.pk
    with pytest.raises(Conflict):
        services.message_send(**{**kwargs, "payload": {"text": "y"}})
    assert Message.objects.unscoped().count() == 1


def _audited_refusal(code: str) -> bool:
    return AuditEvent.objects.filter(action="exchange_message.refused", data__code=code).exists()


def test_tampered_message_is_refused_and_audited(tur_officer):
    message = send_enquiry(tur_officer)

    received = services.message_receive(token=with_claims(message.jws, payload={"text": "Send them back."}))

    assert (received.outcome, received.code) == (Outcome.REFUSED, "bad_signature")
    assert signing.node_verify(received.receipt).json()["outcome"] == "refused"
    assert not Message.objects.unscoped().filter(box=Box.INBOX).exists()
    assert _audited_refusal("bad_signature")


def test_replayed_message_is_not_kept_twice_and_a_reused_id_is_refused(tur_officer):
    message = send_enquiry(tur_officer)
    services.messages_deliver_due()

    again = services.message_receive(token=message.jws)
    # A different, properly signed message reusing the id.
    claims = {**claims_of(message.jws), "payload": {"text": "Other."}}
    reused = services.message_receive(token=envelope.sign_message(claims))

    assert again.outcome == Outcome.DUPLICATE
    assert AuditEvent.objects.filter(action="exchange_message.duplicate_ignored").count() == 1
    assert (reused.outcome, reused.code) == (Outcome.REFUSED, "replayed_id")
    assert _audited_refusal("replayed_id")
    assert Message.objects.unscoped().filter(box=Box.INBOX).count() == 1
    assert inbox_copy(message).payload == {"text": "Please confirm."}


def test_message_signed_with_an_unknown_key_is_refused(tur_officer):
    message = send_enquiry(tur_officer)
    stranger = OKPKey.generate_key("Ed25519", parameters={"kid": "stranger"})
    forged = jws.serialize_compact(
        {"alg": "Ed25519", "kid": "stranger", "typ": envelope.MESSAGE_TYP},
        json.dumps(claims_of(message.jws)).encode(),
        stranger,
        algorithms=["Ed25519"],
    )

    received = services.message_receive(token=forged)

    assert (received.outcome, received.code) == (Outcome.REFUSED, "unknown_key")
    assert _audited_refusal("unknown_key")


def test_message_whose_deadline_passed_is_refused(tur_officer):
    message = send_enquiry(tur_officer)
    past = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    late = envelope.sign_message({**claims_of(message.jws), "id": str(uuid.uuid4()), "deadline": past})

    received = services.message_receive(token=late)

    assert (received.outcome, received.code) == (Outcome.REFUSED, "deadline_passed")
    assert not Message.objects.unscoped().filter(box=Box.INBOX).exists()


def test_junk_is_refused_as_malformed(db):
    for junk in ["", "a.b.c", "x" * 50, "...."]:
        received = services.message_receive(token=junk)
        assert (received.outcome, received.code) == (Outcome.REFUSED, "malformed")


def test_refusal_by_the_recipient_shows_in_the_senders_outbox(tur_officer, monkeypatch):
    # given a purpose whose field set the recipient's node knows narrower than the sender's
    wide = registry.Purpose(
        code="exchange.enquiry",
        label="wide",
        fields={"text": registry.Field("str", required=True), "note": registry.Field("str")},
        reply_fields={"text": registry.Field("str")},
    )
    monkeypatch.setitem(registry._PURPOSES, "exchange.enquiry", wide)
    message = services.message_send(
        actor=tur_officer,
        kind=Kind.REQUEST,
        recipient_state="KGZ",
        purpose="exchange.enquiry",
        payload={"text": "x", "note": "y"},
    )
    monkeypatch.setitem(registry._PURPOSES, "exchange.enquiry", registry.ENQUIRY_PURPOSE)

    # when
    services.messages_deliver_due()

    # then
    message.refresh_from_db()
    assert (message.status, message.refusal_code) == (Status.REFUSED, "fields_not_allowed")
    assert message.refusal_reason and message.receipt_jws
    assert not Message.objects.unscoped().filter(box=Box.INBOX).exists()
    assert AuditEvent.objects.filter(action="exchange_message.refused_by_recipient").count() == 1


def test_acknowledge_travels_back_to_the_sender(tur_officer, kgz_officer):
    request = send_enquiry(tur_officer)
    services.messages_deliver_due()

    services.message_acknowledge(actor=kgz_officer, message=inbox_copy(request))
    services.messages_deliver_due()

    both = copies(request.message_id)
    assert both["KGZ", Box.INBOX].status == Status.ACKNOWLEDGED
    assert both["TUR", Box.OUTBOX].status == Status.ACKNOWLEDGED


def test_withdraw_closes_the_recipients_copy_through_a_notice(tur_officer):
    request = send_enquiry(tur_officer)
    services.messages_deliver_due()

    services.message_withdraw(actor=tur_officer, message=request, reason="sent in error")
    services.messages_deliver_due()

    both = copies(request.message_id)
    assert both["TUR", Box.OUTBOX].status == Status.WITHDRAWN
    assert both["KGZ", Box.INBOX].status == Status.WITHDRAWN


def test_withdrawing_a_message_that_never_left_sends_nothing(tur_officer):
    request = send_enquiry(tur_officer)

    services.message_withdraw(actor=tur_officer, message=request)

    assert services.messages_deliver_due() == {}
    assert Message.objects.unscoped().count() == 1


def test_revoked_consent_withdraws_the_open_messages_it_allowed(tur_officer):
    consent = str(uuid.uuid4())
    kept = send_enquiry(tur_officer)
    allowed = services.message_send(
        actor=tur_officer,
        kind=Kind.REFERRAL,
        recipient_state="KGZ",
        purpose="exchange.enquiry",
        payload={"text": "Referral."},
        consent_ref=consent,
    )
    services.messages_deliver_due()

    assert services.messages_withdraw_for_consent(consent_ref=consent, state="TUR") == 1
    services.messages_deliver_due()

    assert copies(allowed.message_id)["KGZ", Box.INBOX].status == Status.WITHDRAWN
    assert copies(kept.message_id)["KGZ", Box.INBOX].status == Status.DELIVERED


def test_deadline_passing_expires_each_sides_own_copy(tur_officer):
    request = send_enquiry(tur_officer, days=1)
    services.messages_deliver_due()

    assert services.messages_expire(now=timezone.now() + datetime.timedelta(days=2)) == 2

    assert {m.status for m in copies(request.message_id).values()} == {Status.EXPIRED}


def test_unreachable_peer_keeps_the_message_and_retries_with_backoff(tur_officer, settings):
    settings.CORRIDOR_NODE_STATES = ["TUR"]
    settings.CORRIDOR_EXCHANGE_PEERS = {"KGZ": {"url": "http://127.0.0.1:9", "keys": {"keys": []}}}
    settings.CORRIDOR_EXCHANGE_RETRY_BASE = 10
    message = send_enquiry(tur_officer)

    assert services.messages_deliver_due() == {Status.SENT: 1}
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)
    assert message.last_error and message.next_attempt_at > timezone.now()
    # Not due again before its retry time; due after it, with the wait doubled.
    assert services.messages_deliver_due() == {}
    later = message.next_attempt_at + datetime.timedelta(seconds=1)
    assert services.messages_deliver_due(now=later) == {Status.SENT: 1}
    message.refresh_from_db()
    assert message.attempts == 2
    assert not Message.objects.unscoped().filter(box=Box.INBOX).exists()


def test_no_route_to_a_state_is_refused_at_sending(tur_officer, settings):
    settings.CORRIDOR_NODE_STATES = ["TUR"]
    settings.CORRIDOR_EXCHANGE_PEERS = {}
    with pytest.raises(ApplicationError):
        send_enquiry(tur_officer)
    assert Message.objects.unscoped().count() == 0
