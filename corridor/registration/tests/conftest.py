from __future__ import annotations

import pytest

from corridor.access import roles
from corridor.registration.tests.factories import make_consul, make_consulate


@pytest.fixture
def kgz_consulate(db):
    return make_consulate("KGZ", "Istanbul")


@pytest.fixture
def kgz_consul(kgz_consulate):
    return make_consul(kgz_consulate)


@pytest.fixture
def kgz_colleague(kgz_consulate):
    return make_consul(kgz_consulate)


@pytest.fixture
def tur_consul(user_factory):
    """The outsider: an officer of the destination state, with every registration permission."""
    return user_factory("TUR", roles.CONSULAR_OFFICER)
