import pytest

from corridor.access import roles


@pytest.fixture
def kgz_labour(actor_factory):
    return actor_factory("KGZ", roles.LABOUR_OFFICER)


@pytest.fixture
def tur_labour(actor_factory):
    return actor_factory("TUR", roles.LABOUR_OFFICER)


@pytest.fixture
def kaz_labour(actor_factory):
    return actor_factory("KAZ", roles.LABOUR_OFFICER)
