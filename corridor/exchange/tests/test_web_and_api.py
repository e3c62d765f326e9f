"""Pages and endpoints: owner, colleague, and the outsider of another state who gets 404."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from corridor.accounts.services import token_issue
from corridor.exchange import services
from corridor.exchange.choices import Box, Status
from corridor.exchange.models import Message
from corridor.exchange.tests.helpers import copies, inbox_copy, send_enquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(tur_officer):
    message = send_enquiry(tur_officer)
    services.messages_deliver_due()
    return message


def _bearer(api_client, actor):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=actor.user, name='t').raw}")
    return api_client


def test_recipient_officer_sees_the_deadline_and_replies_on_the_page(client, delivered, kgz_officer):
    received = inbox_copy(delivered)
    client.force_login(kgz_officer.user)

    listing = client.get(reverse("exchange:inbox"))
    page = client.get(received.get_absolute_url())
    response = client.post(reverse("exchange:reply", args=[received.uuid]), {"f_text": "Confirmed."})

    assert listing.status_code == 200 and str(received.uuid) in listing.content.decode()
    body = page.content.decode()
    assert delivered.deadline.strftime("%Y-%m-%d %H:%M") in body
    assert "Please confirm." in body
    assert response.status_code == 302
    assert inbox_copy(delivered).status == Status.ANSWERED


def test_reply_with_bad_input_shows_the_form_again_and_writes_nothing(client, delivered, kgz_officer):
    client.force_login(kgz_officer.user)
    before = Message.objects.unscoped().count()

    response = client.post(reverse("exchange:reply", args=[inbox_copy(delivered).uuid]), {"f_text": ""})

    assert response.status_code == 400
    assert Message.objects.unscoped().count() == before


def test_sender_sees_why_the_recipient_refused(client, tur_officer):
    message = send_enquiry(tur_officer)
    Message.objects.unscoped().filter(pk=message.pk).update(
        status=Status.REFUSED, refusal_code="deadline_passed", refusal_reason="x"
    )
    client.force_login(tur_officer.user)

    body = client.get(message.get_absolute_url()).content.decode()

    assert "The deadline of the message had passed when it arrived." in body


def test_colleague_sees_the_states_outbox(client, delivered, tur_colleague):
    client.force_login(tur_colleague.user)
    assert client.get(delivered.get_absolute_url()).status_code == 200
    assert str(delivered.uuid) in client.get(reverse("exchange:outbox")).content.decode()


def test_outsider_gets_404_everywhere_and_nothing_changes(client, delivered, uzb_officer, kgz_officer):
    received = inbox_copy(delivered)
    client.force_login(uzb_officer.user)
    before = {(m.pk, m.status) for m in Message.objects.unscoped()}

    for copy in (delivered, received):
        assert client.get(copy.get_absolute_url()).status_code == 404
        for action in ("reply", "acknowledge", "withdraw"):
            assert (
                client.post(reverse(f"exchange:{action}", args=[copy.uuid]), {"f_text": "x"}).status_code
                == 404
            )
    assert str(delivered.uuid) not in client.get(reverse("exchange:outbox")).content.decode()
    assert str(received.uuid) not in client.get(reverse("exchange:inbox")).content.decode()
    # The recipient may not open the sender's copy either: each state sees its own copy.
    client.force_login(kgz_officer.user)
    assert client.get(delivered.get_absolute_url()).status_code == 404
    assert {(m.pk, m.status) for m in Message.objects.unscoped()} == before


def test_compose_sends_a_message(client, tur_officer):
    client.force_login(tur_officer.user)
    url = reverse("exchange:compose")

    assert "exchange.enquiry" in client.get(url).content.decode()
    form = client.get(url, {"purpose": "exchange.enquiry"})
    response = client.post(
        url,
        {"purpose": "exchange.enquiry", "kind": "request", "recipient_state": "KGZ", "f_text": "Hello."},
    )

    assert form.status_code == 200 and "f_text" in form.content.decode()
    assert response.status_code == 302
    assert Message.objects.unscoped().get(box=Box.OUTBOX).payload == {"text": "Hello."}


def test_pages_are_translated(client, delivered, kgz_officer):
    client.force_login(kgz_officer.user)
    url = inbox_copy(delivered).get_absolute_url()
    for language, word in (("ru", "Срок"), ("tr", "Son tarih")):
        with translation.override(language):
            response = client.get(url.replace("/en/", f"/{language}/"))
        assert word in response.content.decode()


def test_api_send_list_reply_and_outsider(api_client, tur_officer, kgz_officer, uzb_officer):
    # given a national system of Türkiye sends a request
    deadline = (timezone.now() + datetime.timedelta(days=25)).strftime("%Y-%m-%dT%H:%M:%SZ")
    tur = _bearer(api_client, tur_officer)
    created = tur.post(
        "/api/v1/exchange/messages/",
        {
            "kind": "request",
            "recipient_state": "KGZ",
            "purpose": "exchange.enquiry",
            "payload": {"text": "Please confirm."},
            "deadline": deadline,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    services.messages_deliver_due()
    outbox_uuid = created.json()["uuid"]

    # when Kyrgyzstan's system reads its inbox and replies
    kgz = _bearer(api_client, kgz_officer)
    inbox = kgz.get("/api/v1/exchange/messages/?box=inbox").json()["results"]
    assert [m["deadline"] for m in inbox] == [deadline]
    replied = kgz.post(
        f"/api/v1/exchange/messages/{inbox[0]['uuid']}/reply/", {"payload": {"text": "Yes."}}, format="json"
    )
    assert replied.status_code == 201
    services.messages_deliver_due()

    # then Türkiye's outbox shows the answer; the outsider sees nothing
    tur = _bearer(api_client, tur_officer)
    assert tur.get(f"/api/v1/exchange/messages/{outbox_uuid}/").json()["status"] == "answered"
    uzb = _bearer(api_client, uzb_officer)
    assert uzb.get(f"/api/v1/exchange/messages/{outbox_uuid}/").status_code == 404
    assert (
        uzb.post(f"/api/v1/exchange/messages/{inbox[0]['uuid']}/withdraw/", {}, format="json").status_code
        == 404
    )
    assert uzb.get("/api/v1/exchange/messages/?box=outbox").json()["results"] == []


def test_api_refuses_fields_beyond_the_purpose_with_a_clear_message(api_client, tur_officer):
    response = _bearer(api_client, tur_officer).post(
        "/api/v1/exchange/messages/",
        {
            "kind": "request",
            "recipient_state": "KGZ",
            "purpose": "exchange.enquiry",
            "payload": {"text": "x", "passport": "AB1"},
        },
        format="json",
    )
    assert response.status_code == 400
    assert "passport" in str(response.json()["error"]["fields"])
    assert Message.objects.unscoped().count() == 0


def test_node_endpoint_answers_signed_receipts(client, tur_officer):
    message = send_enquiry(tur_officer)

    accepted = client.post("/node/v1/messages", message.jws, content_type="application/jose")
    again = client.post("/node/v1/messages", message.jws, content_type="application/jose")
    junk = client.post("/node/v1/messages", "junk", content_type="application/jose")

    assert (accepted.status_code, again.status_code, junk.status_code) == (200, 200, 422)
    assert accepted["Content-Type"] == "application/jose"
    assert copies(message.message_id)["KGZ", Box.INBOX].status == Status.DELIVERED


def test_api_refuses_a_deadline_beyond_ten_years_and_nul_characters(api_client, tur_officer):
    client = _bearer(api_client, tur_officer)
    base = {
        "kind": "request",
        "recipient_state": "KGZ",
        "purpose": "exchange.enquiry",
        "payload": {"text": "x"},
    }

    far = client.post(
        "/api/v1/exchange/messages/", {**base, "deadline": "9999-12-31T23:59:59-05:00"}, format="json"
    )
    nul = client.post("/api/v1/exchange/messages/", {**base, "subject_ref": "A\x00B"}, format="json")

    assert (far.status_code, nul.status_code) == (400, 400)
    assert Message.objects.unscoped().count() == 0


def test_node_answers_503_and_keeps_nothing_when_the_senders_key_set_is_out_of_reach(
    client, tur_officer, settings
):
    message = send_enquiry(tur_officer)  # signed while this database still serves Türkiye
    settings.CORRIDOR_NODE_STATES = ["KGZ"]
    settings.CORRIDOR_EXCHANGE_PEERS = {"TUR": {"url": "http://127.0.0.1:9"}}

    response = client.post("/node/v1/messages", message.jws, content_type="application/jose")

    assert response.status_code == 503
    assert not Message.objects.unscoped().filter(box=Box.INBOX).exists()
