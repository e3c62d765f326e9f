import datetime as dt

import pytest

from corridor.access import roles
from corridor.recruitment.hiring.services.applications import ApplicantInput
from corridor.recruitment.services import employers
from corridor.recruitment.tests.factories import make_agency, make_vacancy


@pytest.fixture
def kgz_labour(actor_factory):
    """The owner: a labour officer of the agency's state."""
    return actor_factory("KGZ", roles.LABOUR_OFFICER)


@pytest.fixture
def kgz_colleague(actor_factory):
    """A colleague of the same state without recruitment rights."""
    return actor_factory("KGZ", roles.STATISTICIAN)


@pytest.fixture
def tur_labour(actor_factory):
    """The outsider: the destination state's labour officer."""
    return actor_factory("TUR", roles.LABOUR_OFFICER)


def published_vacancy(origin, verifier, **overrides):
    """A published KGZ → TUR job order of an agency with an active licence."""
    employer = employers.employer_create(actor=origin, name="Bursa Tekstil", country="TUR", city="Bursa")
    agency = make_agency(origin, name="Ala-Too Recruitment")
    return make_vacancy(origin, agency, verifier, publish=True, employer=str(employer.uuid), **overrides)


@pytest.fixture
def vacancy(kgz_labour, tur_labour):
    return published_vacancy(kgz_labour, tur_labour)


@pytest.fixture
def worker(user_factory):
    """A worker with an account and no role."""
    return user_factory(None)


def applicant(**overrides):
    values = {
        "full_name": "Aibek Asanov",
        "phone": "+996 555 123 456",
        "email": "aibek@example.org",
        "note": "Five years in a garment factory.",
        "registration_reference": "",
        "birth_date": dt.date(1995, 3, 14),
    }
    values.update(overrides)
    return ApplicantInput(**values)
