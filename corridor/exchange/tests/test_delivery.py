"""The outbox under failure: one attempt at a time, one broken message stops nothing, the
delivery loop outlives a database outage."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import OperationalError

from corridor.exchange import services, transports
from corridor.exchange.choices import Box, Status
from corridor.exchange.models import Message
from corridor.exchange.tests.helpers import send_enquiry

pytestmark = pytest.mark.django_db


def _unreachable(settings) -> None:
    settings.CORRIDOR_NODE_STATES = ["TUR"]
    settings.CORRIDOR_EXCHANGE_PEERS = {"KGZ": {"url": "http://127.0.0.1:9", "keys": {"keys": []}}}
    settings.CORRIDOR_EXCHANGE_RETRY_BASE = 10


def test_a_message_being_retried_is_not_claimed_again_before_its_retry_time(tur_officer, settings):
    # given a message whose first attempt failed (the recipient's node is down)
    _unreachable(settings)
    message = send_enquiry(tur_officer)
    assert services.message_deliver(message_uuid=str(message.uuid), state="TUR") == Status.SENT

    # when the task after the commit and a `deliver` round both reach it again at once
    again = services.message_deliver(message_uuid=str(message.uuid), state="TUR")

    # then only one attempt was made: the second found it leased until its retry time
    message.refresh_from_db()
    assert again is None
    assert (message.status, message.attempts) == (Status.SENT, 1)


def test_one_message_failing_unexpectedly_does_not_stop_the_others(tur_officer, monkeypatch):
    # given two queued messages, the first of which breaks its delivery (a database error)
    first = send_enquiry(tur_officer, text="First.")
    second = send_enquiry(tur_officer, text="Second.")
    real = transports.transport_for

    def broken_for_first(state: str):  # type: ignore[no-untyped-def]
        transport = real(state)

        class Breaks:
            name = "breaks"

            def deliver(self, *, recipient_state: str, token: str):  # type: ignore[no-untyped-def]
                if token == first.jws:
                    raise OperationalError("server closed the connection unexpectedly")
                return transport.deliver(recipient_state=recipient_state, token=token)

        return Breaks()

    monkeypatch.setattr(transports, "transport_for", broken_for_first)

    # when the outbox is delivered
    counts = services.messages_deliver_due()

    # then the second arrived, the first is counted as an error and waits for the next round
    assert counts == {"error": 1, Status.DELIVERED: 1}
    inbox = Message.objects.unscoped().filter(box=Box.INBOX)
    assert list(inbox.values_list("message_id", flat=True)) == [second.message_id]
    first.refresh_from_db()
    assert first.status == Status.SENT and first.attempts == 1

    # and once the fault is gone it arrives too, once
    monkeypatch.setattr(transports, "transport_for", real)
    later = first.next_attempt_at
    assert services.messages_deliver_due(now=later) == {Status.DELIVERED: 1}
    assert sorted(inbox.values_list("message_id", flat=True)) == sorted([first.message_id, second.message_id])


def test_the_delivery_loop_outlives_a_failed_round(monkeypatch):
    # given a database that fails the first round
    rounds: list[str] = []

    def deliver_due(**kwargs):  # type: ignore[no-untyped-def]
        rounds.append("round")
        if len(rounds) == 1:
            raise OperationalError("the database system is starting up")
        return {Status.DELIVERED: 2}

    class Stop(Exception):
        pass

    def sleep(seconds: float) -> None:
        if len(rounds) >= 2:
            raise Stop

    monkeypatch.setattr(services, "messages_deliver_due", deliver_due)
    monkeypatch.setattr(services, "messages_expire", lambda **kwargs: 0)
    monkeypatch.setattr("corridor.exchange.management.commands.exchange.time.sleep", sleep)

    # when the loop runs, then it goes on to a second round instead of dying with the first
    with pytest.raises(Stop):
        call_command("exchange", "deliver", "--loop", "--interval", "1")
    assert rounds == ["round", "round"]


def test_the_delivery_command_without_loop_reports_a_failed_round(monkeypatch):
    def deliver_due(**kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("the database system is starting up")

    monkeypatch.setattr(services, "messages_deliver_due", deliver_due)
    with pytest.raises(OperationalError):
        call_command("exchange", "deliver")
