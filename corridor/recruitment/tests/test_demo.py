import pytest

from corridor.recruitment.demo import load_demo_recruitment
from corridor.recruitment.models import Agency, Employer, FeeReport, Vacancy

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_publishes_a_verified_ad(settings, user_factory):
    from corridor.access import roles

    settings.DEMO_MODE = True
    user_factory("KGZ", roles.LABOUR_OFFICER, username="kgz.labour_officer")
    user_factory("TUR", roles.LABOUR_OFFICER, username="tur.labour_officer")
    assert load_demo_recruitment() == 3
    assert load_demo_recruitment() == 0
    agency = Agency.objects.for_state("KGZ").get()
    vacancy = Vacancy.objects.for_state("KGZ").get()
    assert (agency.licence.status, vacancy.status, vacancy.destination_id) == ("active", "published", "TUR")
    assert FeeReport.objects.filter(agency=agency).count() == 3
    # the Turkish employer's own job order (issue 5 done-when), and the agency's names the same employer
    own = Vacancy.objects.for_state("TUR").get()
    employer = Employer.objects.for_state("TUR").get()
    assert (own.status, own.agency, own.employer, vacancy.employer) == ("published", None, employer, employer)
    assert employer.organisation.memberships.get().user.username == "tur.employer"


def test_demo_without_users_does_nothing(settings):
    settings.DEMO_MODE = True
    assert load_demo_recruitment() == 0
    assert Agency.objects.unscoped().count() == 0
