"""Personas of the service register: a provider and its state's authority (Türkiye), a
colleague provider of the same state, and outsiders of another state (Kyrgyzstan)."""

from __future__ import annotations

import pytest

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.accounts.models import Organisation, OrganisationKind


@pytest.fixture
def tur_authority(db):
    return actor_for(make_user("TUR", roles.MIGRATION_OFFICER))


@pytest.fixture
def tur_provider(db):
    return actor_for(make_user("TUR", roles.SERVICE_PROVIDER))


@pytest.fixture
def tur_other_provider(db):
    return actor_for(make_user("TUR", roles.SERVICE_PROVIDER))


@pytest.fixture
def kgz_authority(db):
    return actor_for(make_user("KGZ", roles.MIGRATION_OFFICER))


@pytest.fixture
def kgz_provider(db):
    return actor_for(make_user("KGZ", roles.SERVICE_PROVIDER))


@pytest.fixture
def provider_account(db):
    return Organisation.objects.create(
        name="Shelter NGO", kind=OrganisationKind.SERVICE_PROVIDER, state_id="TUR"
    )
