import pytest

from corridor.access import roles
from corridor.grievances.tests.factories import file_about
from corridor.recruitment.tests.factories import make_agency


@pytest.fixture
def kgz_labour(actor_factory):
    """Owner: a labour officer of the agency's state (Kyrgyzstan)."""
    return actor_factory("KGZ", roles.LABOUR_OFFICER)


@pytest.fixture
def kgz_colleague(actor_factory):
    return actor_factory("KGZ", roles.LABOUR_OFFICER)


@pytest.fixture
def tur_labour(actor_factory):
    """The destination state (Türkiye): verifies job ads, owns complaints about them."""
    return actor_factory("TUR", roles.LABOUR_OFFICER)


@pytest.fixture
def kaz_labour(actor_factory):
    """Outsider: an officer of a state that has nothing to do with the complaint."""
    return actor_factory("KAZ", roles.LABOUR_OFFICER)


@pytest.fixture
def agency(kgz_labour):
    return make_agency(kgz_labour, name="Ala-Too Recruitment")


@pytest.fixture
def complaint(agency):
    return file_about(agency)
