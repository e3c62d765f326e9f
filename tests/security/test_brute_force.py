"""Login and second-factor brute force through the API (issue 20, high 1).

The API's exception handler rolls back the view's transaction; the failure counters of
django-axes and django-otp must survive that, or the API never locks.
"""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import add_totp, make_user, totp_code
from corridor.access import roles

pytestmark = pytest.mark.django_db
PASSWORD = "correct-Horse-battery-9"
URL = "/api/v1/auth/token/"


def obtain(api_client, username, password=PASSWORD, **extra):
    return api_client.post(URL, {"username": username, "password": password, **extra}, format="json")


def test_api_locks_after_ten_wrong_passwords_like_the_web_form(api_client, settings):
    # given a plain account (no second factor needed)
    settings.CORRIDOR_MFA_REQUIRED = False
    make_user("TUR", roles.MIGRATION_OFFICER, username="tur.officer", password=PASSWORD)
    # when twelve wrong passwords are tried
    answers = [obtain(api_client, "tur.officer", "wrong-password-xx").status_code for _ in range(12)]
    # then nine are plain refusals, the tenth locks the pair, and it stays locked even for
    # the right password (the web form counts the same way)
    assert answers == [400] * 9 + [429] * 3
    locked = obtain(api_client, "tur.officer")
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    assert "token" not in locked.json()


def test_api_lockout_is_shared_with_the_web_form(api_client, client, settings):
    settings.CORRIDOR_MFA_REQUIRED = False
    make_user("TUR", roles.MIGRATION_OFFICER, username="tur.officer", password=PASSWORD)
    for _ in range(10):
        obtain(api_client, "tur.officer", "wrong-password-xx")
    response = client.post("/en/accounts/login/", {"username": "tur.officer", "password": PASSWORD})
    assert response.status_code == 429


def test_wrong_second_factor_codes_count_and_throttle_the_device(api_client, settings):
    # given a staff account with an authenticator
    settings.CORRIDOR_MFA_REQUIRED = True
    user = make_user("KGZ", roles.CONSULAR_OFFICER, username="kgz.consul", password=PASSWORD)
    device = add_totp(user)
    right = totp_code(device)
    wrong = str((int(right) + 1) % 1_000_000).zfill(6)
    # when eight wrong codes are sent with the right password
    for _ in range(8):
        assert obtain(api_client, "kgz.consul", otp=wrong).status_code == 400
    # then the device counts the failure and is throttled: the right code is refused at once
    device = TOTPDevice.objects.get(pk=device.pk)
    assert device.throttling_failure_count >= 1
    assert device.throttling_failure_timestamp is not None
    refused = obtain(api_client, "kgz.consul", otp=right)
    assert refused.status_code == 400
    assert "token" not in refused.json()
