"""Officers of Türkiye and Kyrgyzstan on one shared instance (local delivery)."""

from __future__ import annotations

import pytest

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import Actor, actor_for


@pytest.fixture
def tur_officer(db: None) -> Actor:
    return actor_for(make_user("TUR", roles.MIGRATION_OFFICER))


@pytest.fixture
def tur_colleague(db: None) -> Actor:
    return actor_for(make_user("TUR", roles.MIGRATION_OFFICER))


@pytest.fixture
def kgz_officer(db: None) -> Actor:
    return actor_for(make_user("KGZ", roles.MIGRATION_OFFICER))


@pytest.fixture
def uzb_officer(db: None) -> Actor:
    """The outsider: a third state's officer, who must see nothing of TUR–KGZ traffic."""
    return actor_for(make_user("UZB", roles.MIGRATION_OFFICER))
