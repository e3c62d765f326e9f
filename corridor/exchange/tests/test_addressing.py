"""Organisation-level addressing: a copy that names an organisation is for its users only."""

from __future__ import annotations

import pytest
from django.http import Http404

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import Actor, actor_for
from corridor.accounts.models import Organisation
from corridor.core.errors import ApplicationError, Forbidden
from corridor.exchange import selectors, services
from corridor.exchange.choices import Box, Kind, Status
from corridor.exchange.models import Message
from corridor.exchange.tests.helpers import inbox_copy

pytestmark = pytest.mark.django_db


def _addressed(actor: Actor, organisation: Organisation, **extra) -> Message:
    return services.message_send(
        actor=actor,
        kind=Kind.REQUEST,
        recipient_state="KGZ",
        purpose="exchange.enquiry",
        payload={"text": "For the consulate only."},
        subject_ref="RA-7K2M-Q",
        recipient_org=str(organisation.uuid),
        **extra,
    )


@pytest.fixture
def kgz_consulate_officer(kgz_officer) -> Actor:
    """Another organisation of Kyrgyzstan than ``kgz_officer``'s."""
    return actor_for(make_user("KGZ", roles.CONSULAR_OFFICER))


def test_an_addressed_message_is_seen_and_answered_only_by_that_organisation(
    tur_officer, kgz_officer, kgz_consulate_officer
):
    # given: Türkiye writes to one Kyrgyz organisation
    consulate = kgz_consulate_officer.organisation
    assert consulate is not None and consulate != kgz_officer.organisation
    message = _addressed(tur_officer, consulate)
    services.messages_deliver_due()
    copy = inbox_copy(message)
    assert copy.recipient_org == str(consulate.uuid)
    # then: its users see it and act on it
    assert list(selectors.inbox_list(actor=kgz_consulate_officer)) == [copy]
    assert selectors.message_get(actor=kgz_consulate_officer, uuid=str(copy.uuid)) == copy
    # the other organisation of the same state neither sees nor acts
    assert list(selectors.inbox_list(actor=kgz_officer)) == []
    with pytest.raises(Http404):
        selectors.message_get(actor=kgz_officer, uuid=str(copy.uuid))
    with pytest.raises(Forbidden):
        services.message_acknowledge(actor=kgz_officer, message=copy)
    with pytest.raises(Forbidden):
        services.message_reply(actor=kgz_officer, message=copy, payload={"text": "Not ours."})
    copy.refresh_from_db()
    assert copy.status == Status.DELIVERED
    # while the addressee answers, and the answer goes back to the sending organisation
    services.message_reply(actor=kgz_consulate_officer, message=copy, payload={"text": "Done."})
    services.messages_deliver_due()
    (reply,) = Message.objects.for_state("TUR").filter(box=Box.INBOX, kind=Kind.REPLY)
    assert reply.recipient_org == str(tur_officer.organisation.uuid)
    assert list(selectors.inbox_list(actor=tur_officer)) == [reply]
    # the page and the API say the same (404 for the other organisation)
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(kgz_officer.user)
    client.force_login(kgz_officer.user)
    assert client.get(f"/en/messages/{copy.uuid}/").status_code == 404
    assert client.get(f"/api/v1/exchange/messages/{copy.uuid}/").status_code == 404


@pytest.mark.parametrize("recipient_org", ["Ministry of Labour", "00000000-0000-4000-8000-000000000000"])
def test_an_unknown_organisation_is_refused_at_sending_and_nothing_is_written(tur_officer, recipient_org):
    with pytest.raises(ApplicationError) as refused:
        services.message_send(
            actor=tur_officer,
            kind=Kind.REQUEST,
            recipient_state="KGZ",
            purpose="exchange.enquiry",
            payload={"text": "x"},
            recipient_org=recipient_org,
        )
    assert list(refused.value.fields) == ["recipient_org"]
    assert Message.objects.unscoped().count() == 0


def test_an_organisation_of_another_state_is_refused_by_the_receiving_node(tur_officer, monkeypatch):
    # given: a message addressed to a Turkish body but sent to Kyrgyzstan (a peer node would
    # not know the organisations of the other state at sending time)
    from corridor.exchange import peers

    tur_body = tur_officer.organisation
    monkeypatch.setattr(peers, "is_local", lambda state: state == "TUR" or state == "KGZ")
    real = services._check_organisation
    monkeypatch.setattr(services, "_check_organisation", lambda state, org: None)
    message = _addressed(tur_officer, tur_body)
    monkeypatch.setattr(services, "_check_organisation", real)
    # when
    services.messages_deliver_due()
    # then
    message.refresh_from_db()
    assert (message.status, message.refusal_code) == (Status.REFUSED, "unknown_organisation")
    assert not Message.objects.for_state("KGZ").filter(box=Box.INBOX).exists()
