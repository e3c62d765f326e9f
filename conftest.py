"""Fixtures shared by every module's tests.

Every test file works with three personas in the spirit of the project's conventions: an
owner, a colleague of the same state, and an outsider of another state who must see
nothing. Countries come from the reference data migrations, so every state exists.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from corridor.access.actor import Actor, actor_for
from corridor.accounts.models import Membership, Organisation, OrganisationKind, User

# Browser fixtures (one Chromium for the whole run) are shared by every module's browser tests.
pytest_plugins = ["tests.browser.fixtures"]

_counter = itertools.count(1)


def make_user(
    state: str | None, *roles: str, username: str | None = None, password: str | None = None
) -> User:
    """A user acting for a fresh organisation of ``state`` with ``roles``."""
    n = next(_counter)
    organisation = Organisation.objects.create(
        name=f"Test organisation {n}", kind=OrganisationKind.MIGRATION_SERVICE, state_id=state
    )
    user = User.objects.create_user(username=username or f"user{n}", password=password)
    Membership.objects.create(user=user, organisation=organisation, roles=list(roles))
    return user


def totp_code(device: TOTPDevice) -> str:
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(
        device.digits
    )


def add_totp(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.fixture
def user_factory(db: None) -> Callable[..., User]:
    return make_user


@pytest.fixture
def actor_factory(db: None) -> Callable[..., Actor]:
    def build(state: str | None, *roles: str) -> Actor:
        return actor_for(make_user(state, *roles))

    return build


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def logged_in(client: Client) -> Callable[[User], Client]:
    def login(user: User) -> Client:
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Tests hash many passwords; production keeps Django's slow default hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """A request in /ru/ leaves Russian active in the thread; the next test starts in English."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache_and_keys() -> Any:
    """Locmem cache (throttles, lockouts) and in-process key cache do not leak between tests."""
    from django.core.cache import cache

    from corridor.crypto.services import clear_key_cache

    cache.clear()
    clear_key_cache()
    yield
