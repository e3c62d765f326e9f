"""Self-registration without an account: form, code, confirmation, come-back link, limits."""

from __future__ import annotations

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.registration import selectors
from corridor.registration.choices import Status
from corridor.registration.models import Consent, Registration, VerificationChallenge
from corridor.registration.services import public

pytestmark = pytest.mark.django_db


def _form(office, **overrides):
    data = {
        "citizenship": "KGZ",
        "consulate": str(office.uuid),
        "family_name": "Садырова",
        "given_name": "Бермет",
        "passport_family_name": "SADYROVA",
        "passport_given_name": "BERMET",
        "passport_number": "AC 2233445",
        "birth_date": "1995-04-12",
        "sex": "F",
        "email": "bermet@example.org",
        "phone": "+90 555 111 2233",
        "destination_country": "TUR",
        "destination_city": "Istanbul",
        "purpose": "work",
        "occupation": "512",
        "planned_departure": "2026-12-01",
        "planned_return": "2027-12-01",
        "consents": ["consular_contact", "statistics"],
        "verify_by": "email",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _code_from_mail() -> str:
    match = re.search(r"\b(\d{6})\b", mail.outbox[-1].body)
    assert match is not None
    return match.group(1)


def _all_registrations():
    return Registration.objects.unscoped()


def test_self_registration_from_form_to_comeback_link(client, kgz_consulate, kgz_consul):
    # given the public form
    assert client.get(reverse("registration:start")).status_code == 200
    # when the person submits it
    response = client.post(reverse("registration:start"), _form(kgz_consulate))
    # then a pending registration waits for the code that was emailed
    assert response.status_code == 302
    pending = _all_registrations().get()
    assert (pending.status, pending.state_id, pending.reference) == (Status.PENDING, "KGZ", "")
    assert selectors.registration_list(actor=actor_for(kgz_consul)).count() == 0
    # when the person enters the code
    response = client.post(response["Location"], {"code": _code_from_mail()})
    # then they land on their own page with a reference number and a come-back link
    assert response.status_code == 302
    page = client.get(response["Location"])
    text = page.content.decode()
    registration = _all_registrations().get()
    assert registration.status == Status.REGISTERED
    assert re.fullmatch(r"KGZ-[A-Z2-9]{8}", registration.reference)
    assert registration.reference in text and response["Location"] in text
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    token = response["Location"].rstrip("/").split("/")[-1]
    payload = signing.loads(token, salt="corridor.registration.comeback")
    assert payload == {"s": "KGZ", "r": str(registration.uuid), "v": 1}  # public uuid only, no internal id
    assert registration.reference in mail.outbox[-1].body and response["Location"] in mail.outbox[-1].body
    # and the consul of the person's state finds it
    assert list(selectors.registration_list(actor=actor_for(kgz_consul), q=registration.reference)) == [
        registration
    ]
    events = AuditEvent.objects.filter(target_uuid=registration.uuid, action="registration.submitted")
    assert [(e.actor_user_id, e.data) for e in events] == [(None, {"channel": "self"})]


def test_wrong_codes_are_counted_and_then_refused(client, kgz_consulate):
    response = client.post(reverse("registration:start"), _form(kgz_consulate))
    verify_url = response["Location"]
    good = _code_from_mail()
    wrong = "000000" if good != "000000" else "111111"
    for _attempt in range(public.MAX_ATTEMPTS):
        answer = client.post(verify_url, {"code": wrong})
        assert answer.status_code == 400
    assert VerificationChallenge.objects.unscoped().get().attempts == public.MAX_ATTEMPTS
    # even the right code is refused now
    answer = client.post(verify_url, {"code": good})
    assert answer.status_code == 400
    assert "expired" in answer.content.decode()
    assert _all_registrations().get().status == Status.PENDING


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"birth_date": "2999-01-01"}, "birth_date", "The date of birth cannot be in the future."),
        ({"birth_date": "1995-02-30"}, "birth_date", "Enter a valid date."),
        (
            {"planned_return": "2026-01-01"},
            "planned_return",
            "The planned return cannot be before the planned departure.",
        ),
        ({"family_name": ""}, "family_name", "This field is required."),
        ({"email": "", "verify_by": "email"}, "email", "Enter your email address: we send the code there."),
        (
            {"destination_country": "KGZ"},
            "destination_country",
            "The destination must be a country other than your own.",
        ),
        ({"citizenship": "TJK"}, "citizenship", "Select a valid choice."),
    ],
)
def test_bad_input_gets_a_message_at_the_field_and_stores_nothing(
    client, kgz_consulate, overrides, field, message
):
    response = client.post(reverse("registration:start"), _form(kgz_consulate, **overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert _all_registrations().count() == 0
    assert len(mail.outbox) == 0


def test_consulate_of_another_state_is_refused_at_the_field(client, kgz_consulate):
    from corridor.registration.tests.factories import make_consulate

    make_consulate("TJK", "Moscow")
    response = client.post(reverse("registration:start"), _form(kgz_consulate, citizenship="TJK"))
    errors = response.context["form"].errors
    assert response.status_code == 400
    assert errors["consulate"] == [
        "This consulate registers citizens of Kyrgyzstan only. Choose a consulate of your own country."
    ]
    assert _all_registrations().count() == 0


def test_public_form_is_rate_limited_with_a_translated_page(client, kgz_consulate):
    for _ in range(public.RATE_LIMIT):
        client.post("/ru/registration/", _form(kgz_consulate, family_name=""))
    response = client.post("/ru/registration/", _form(kgz_consulate))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert _all_registrations().count() == 0


def test_comeback_link_shows_updates_and_withdraws_consent(client, kgz_consulate):
    started = client.post(reverse("registration:start"), _form(kgz_consulate, consents=["share_destination"]))
    mine = client.post(started["Location"], {"code": _code_from_mail()})["Location"]
    token = mine.rstrip("/").split("/")[-1]
    registration = _all_registrations().get()
    assert registration.shares_with_destination is True
    # the person changes their city and withdraws the sharing consent
    edit = client.post(
        reverse("registration:mine-edit", args=[token]),
        {
            "destination_country": "TUR",
            "destination_city": "Bursa",
            "purpose": "work",
            "email": "b@example.org",
        },
    )
    assert edit.status_code == 302
    client.post(
        reverse("registration:mine-consent", args=[token]), {"purpose": "share_destination", "granted": "0"}
    )
    registration.refresh_from_db()
    assert (registration.destination_city, registration.shares_with_destination) == ("Bursa", False)
    assert Consent.objects.unscoped().get(purpose="share_destination").revoked_at is not None
    assert AuditEvent.objects.filter(action="consent.revoked", actor_user=None).count() == 1


def test_forged_or_replaced_links_find_nothing(client, kgz_consulate):
    started = client.post(reverse("registration:start"), _form(kgz_consulate))
    mine = client.post(started["Location"], {"code": _code_from_mail()})["Location"]
    token = mine.rstrip("/").split("/")[-1]
    assert client.get(reverse("registration:mine", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("registration:verify", args=["nonsense"])).status_code == 200
    assert (
        client.post(reverse("registration:verify", args=["nonsense"]), {"code": "123456"}).status_code == 404
    )
    # a new link stops the old one
    fresh = client.post(reverse("registration:mine-new-link", args=[token]))["Location"]
    assert client.get(mine).status_code == 404
    assert client.get(fresh).status_code == 200


def test_self_registration_through_the_api(api_client, kgz_consulate, kgz_consul):
    payload = _form(kgz_consulate)
    started = api_client.post("/api/v1/registration/self/", payload, format="json")
    assert started.status_code == 201, started.json()
    token = started.json()["verification_token"]
    wrong = api_client.post(
        "/api/v1/registration/self/verify/", {"verification_token": token, "code": "99999x"}, format="json"
    )
    assert wrong.status_code == 400
    bad_code = "000000" if _code_from_mail() != "000000" else "111111"
    miss = api_client.post(
        "/api/v1/registration/self/verify/", {"verification_token": token, "code": bad_code}, format="json"
    )
    assert miss.status_code == 400 and "code" in miss.json()["error"]["fields"]
    assert VerificationChallenge.objects.unscoped().get().attempts == 1  # counted despite the error
    done = api_client.post(
        "/api/v1/registration/self/verify/",
        {"verification_token": token, "code": _code_from_mail()},
        format="json",
    )
    assert done.status_code == 200
    body = done.json()
    assert body["reference"].startswith("KGZ-") and "/registration/my/" in body["comeback_url"]
    assert selectors.registration_list(actor=actor_for(kgz_consul)).count() == 1


def test_api_rejects_bad_input_and_stores_nothing(api_client, kgz_consulate):
    bad = [
        _form(kgz_consulate, birth_date="2999-01-01"),
        _form(kgz_consulate, family_name="A\x00"),
        _form(kgz_consulate, planned_departure="2026-05-01", planned_return="2026-04-01"),
        _form(kgz_consulate, consulate="not-a-uuid"),
        _form(kgz_consulate, verify_by="sms", phone=""),
    ]
    for payload in bad:
        response = api_client.post("/api/v1/registration/self/", payload, format="json")
        assert response.status_code == 400, payload
        assert set(response.json()) == {"error", "request_id"}
    assert _all_registrations().count() == 0


def test_sms_channel_uses_the_pluggable_sender(api_client, kgz_consulate):
    sent = []

    class Recorder:
        def send(self, *, phone, text):
            sent.append((phone, text))

    from corridor.registration.services import senders

    senders.set_sms_sender(Recorder())
    try:
        response = api_client.post(
            "/api/v1/registration/self/", _form(kgz_consulate, verify_by="sms"), format="json"
        )
    finally:
        senders.set_sms_sender(senders.LoggingSmsSender())
    assert response.status_code == 201
    assert [phone for phone, _ in sent] == ["+90 555 111 2233"]
    assert re.search(r"\b\d{6}\b", sent[0][1])
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("demo", [True, False])
def test_demo_mode_shows_the_code_it_would_have_sent(client, kgz_consulate, settings, demo):
    settings.DEMO_MODE = demo
    response = client.post(reverse("registration:start"), _form(kgz_consulate), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    code = _code_from_mail()
    # in demo mode the code page says nothing was sent and shows the code; never outside demo mode
    assert (f"The code would have been {code}." in page) is demo
    assert ("Demonstration system: nothing was sent." in page) is demo
