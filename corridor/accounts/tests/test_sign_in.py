"""Sign-in: second factor for staff, enrolment, identical failures, throttling."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import add_totp, make_user, totp_code
from corridor.access import roles
from corridor.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "correct-Horse-battery-9"


@pytest.fixture(autouse=True)
def mfa_on(settings):
    settings.CORRIDOR_MFA_REQUIRED = True


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_staff_with_device_needs_the_code(client):
    user = make_user("KGZ", roles.CONSULAR_OFFICER, username="kgz.consul", password=PASSWORD)
    device = add_totp(user)
    response = sign_in(client, "kgz.consul")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp")
    assert client.get(reverse("portal:dashboard")).status_code == 302  # not signed in yet
    response = client.post(reverse("accounts:otp"), {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == reverse("portal:dashboard")
    assert client.get(reverse("portal:dashboard")).status_code == 200
    assert AuditEvent.objects.filter(action="user.signed_in", actor_username="kgz.consul").count() == 1


def test_wrong_code_keeps_the_user_out(client):
    user = make_user("KGZ", roles.CONSULAR_OFFICER, username="kgz.consul", password=PASSWORD)
    device = add_totp(user)
    sign_in(client, "kgz.consul")
    wrong = str((int(totp_code(device)) + 1) % 1_000_000).zfill(6)
    response = client.post(reverse("accounts:otp"), {"code": wrong})
    assert response.status_code == 400
    assert "not correct" in response.content.decode()
    assert client.get(reverse("portal:dashboard")).status_code == 302


def test_staff_without_device_must_enrol_before_anything_else(client):
    make_user("TUR", roles.MIGRATION_OFFICER, username="tur.officer", password=PASSWORD)
    response = sign_in(client, "tur.officer")
    assert response["Location"] == reverse("accounts:enrol")
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username="tur.officer", confirmed=False)
    response = client.post(reverse("accounts:enrol"), {"code": totp_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_unknown_user_and_wrong_password_get_the_same_answer(client):
    make_user("TUR", roles.MIGRATION_OFFICER, username="tur.officer", password=PASSWORD)
    unknown = sign_in(client, "nobody.here", PASSWORD)
    wrong = sign_in(client, "tur.officer", "not-the-password-1")
    assert unknown.status_code == wrong.status_code == 400
    assert "The username or password is not correct." in unknown.content.decode()

    def normalised(response):
        text = response.content.decode().replace("nobody.here", "X").replace("tur.officer", "X")
        return re.sub(r'(CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1-", text)

    assert normalised(unknown) == normalised(wrong)


def test_ten_failures_lock_the_account_for_that_address(client):
    make_user("TUR", roles.MIGRATION_OFFICER, username="tur.officer", password=PASSWORD)
    for _ in range(10):
        sign_in(client, "tur.officer", "wrong-password-xx")
    # the right password no longer opens the door
    locked = sign_in(client, "tur.officer")
    assert locked.status_code == 429
    assert "15 minutes" in locked.content.decode()


def test_api_token_needs_the_code_for_staff_and_works_as_bearer(client, api_client):
    user = make_user("KGZ", roles.CONSULAR_OFFICER, username="kgz.consul", password=PASSWORD)
    device = add_totp(user)
    url = "/api/v1/auth/token/"
    missing = api_client.post(url, {"username": "kgz.consul", "password": PASSWORD}, format="json")
    assert missing.status_code == 400 and "otp" in missing.json()["error"]["fields"]
    ok = api_client.post(
        url, {"username": "kgz.consul", "password": PASSWORD, "otp": totp_code(device)}, format="json"
    )
    assert ok.status_code == 200
    token = ok.json()["token"]
    assert token.startswith("cor_")
    me = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert me.status_code == 200 and me.json()["state"] == "KGZ"
    assert api_client.get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer cor_wrong").status_code == 401


def test_revoked_token_stops_working(client, api_client):
    from corridor.access.actor import actor_for
    from corridor.accounts import services

    user = make_user("KGZ", roles.CONSULAR_OFFICER)
    issued = services.token_issue(user=user, name="laptop")
    header = {"HTTP_AUTHORIZATION": f"Bearer {issued.raw}"}
    assert api_client.get("/api/v1/me/", **header).status_code == 200
    services.token_revoke(actor=actor_for(user), token=issued.token)
    assert api_client.get("/api/v1/me/", **header).status_code == 401


def test_machine_client_gets_a_token_but_cannot_sign_in_on_the_web(client, api_client):
    from corridor.access.actor import actor_for
    from corridor.accounts import services

    admin = actor_for(make_user("KAZ", roles.NATIONAL_ADMIN))
    issued = services.machine_client_create(actor=admin, name="e-Gov", roles=[roles.MIGRATION_OFFICER])
    me = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {issued.raw}").json()
    assert me["state"] == "KAZ" and [r["code"] for r in me["roles"]] == [roles.MIGRATION_OFFICER]
    assert sign_in(client, issued.token.user.username, "").status_code == 400


def test_password_reset_sends_mail_without_revealing_accounts(client, mailoutbox):
    user = make_user("KGZ", roles.CONSULAR_OFFICER, password=PASSWORD)
    user.email = "consul@example.org"
    user.save()
    known = client.post(reverse("accounts:password-reset"), {"email": "consul@example.org"})
    unknown = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1 and "/password/reset/" in mailoutbox[0].body
