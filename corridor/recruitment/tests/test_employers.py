"""Employers as records, and job orders posted by an employer's own account (issue 5 done-when)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.accounts.models import OrganisationKind
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Forbidden
from corridor.recruitment import selectors
from corridor.recruitment.models import Employer, Vacancy
from corridor.recruitment.services import employers, vacancies
from corridor.recruitment.tests.factories import make_agency, make_employer, make_vacancy, vacancy_data

pytestmark = pytest.mark.django_db


def employer_account(state="TUR", username=None):
    """A user of an employer organisation (not yet linked to an employer record)."""
    user = make_user(state, roles.EMPLOYER, username=username)
    organisation = user.memberships.get().organisation
    organisation.kind = OrganisationKind.EMPLOYER
    organisation.save()
    return user, organisation


@pytest.fixture
def tur_employer(tur_labour):
    user, organisation = employer_account()
    record = make_employer(tur_labour, name="Anadolu Tekstil", registry_id="TR-1", organisation=organisation)
    return actor_for(user), record


def test_registry_number_is_unique_per_country(tur_labour, kgz_labour):
    make_employer(tur_labour, name="Anadolu", registry_id="123")
    with pytest.raises(ApplicationError) as caught:
        make_employer(kgz_labour, name="Anadolu again", registry_id="123")
    assert caught.value.fields == {
        "registry_id": ["An employer of this country is already registered with number 123."]
    }
    make_employer(kgz_labour, name="Bishkek Sewing", country="KGZ", registry_id="123")
    make_employer(kgz_labour, name="No number")
    make_employer(kgz_labour, name="No number either")
    assert Employer.objects.unscoped().count() == 4


def test_bad_employer_input_is_refused(tur_labour, actor_factory):
    with pytest.raises(ApplicationError) as caught:
        employers.employer_create(actor=tur_labour, name=" ", country="XXX")
    assert set(caught.value.fields) == {"name", "country"}
    _user, ministry = employer_account()
    ministry.kind = OrganisationKind.LABOUR_MINISTRY
    ministry.save()
    with pytest.raises(ApplicationError) as linked:
        employers.employer_create(actor=tur_labour, name="X", country="TUR", organisation=ministry)
    assert set(linked.value.fields) == {"organisation"}
    with pytest.raises(Forbidden):
        employers.employer_create(actor=actor_factory("TUR", roles.STATISTICIAN), name="X", country="TUR")
    assert Employer.objects.unscoped().count() == 0


def test_a_turkish_employers_job_order_is_verified_and_published(tur_employer, tur_labour):
    # given a Turkish employer with its own account
    own, record = tur_employer
    # when it posts a job order, a Turkish labour officer verifies it and the employer publishes it
    vacancy = vacancies.vacancy_create(actor=own, agency=None, data=vacancy_data(employer="ignored"))
    assert (vacancy.state_id, vacancy.agency, vacancy.employer, vacancy.employer_name) == (
        "TUR",
        None,
        record,
        "Anadolu Tekstil",
    )
    vacancy = vacancies.vacancy_verify(actor=tur_labour, vacancy=vacancy, approve=True)
    vacancy = vacancies.vacancy_publish(actor=own, vacancy=vacancy)
    # then it is public and valid
    assert vacancy.status == "published"
    assert list(selectors.public_vacancies(q="Sewing")) == [vacancy]
    assert selectors.vacancy_validity(vacancy=vacancy) == (
        True,
        "This job ad was verified by the destination state and is published.",
    )
    assert list(selectors.vacancies_for_officer(actor=own)) == [vacancy]
    created = AuditEvent.objects.get(action="vacancy.created", target_uuid=vacancy.uuid)
    assert created.data == {"agency": None, "employer": str(record.uuid)}


def test_an_employer_posts_only_for_its_own_country_and_as_itself(tur_employer, tur_labour):
    own, _record = tur_employer
    with pytest.raises(ApplicationError) as caught:
        vacancies.vacancy_create(actor=own, agency=None, data=vacancy_data(destination="KAZ"))
    assert caught.value.fields == {
        "destination": ["An employer posts job orders for work in its own country (TUR)."]
    }
    unlinked, _org = employer_account(username="loose")
    with pytest.raises(Forbidden):
        vacancies.vacancy_create(actor=actor_for(unlinked), agency=None, data=vacancy_data())
    assert Vacancy.objects.unscoped().count() == 0


def test_another_employer_cannot_publish_or_close_someone_elses_order(tur_employer, tur_labour):
    own, _record = tur_employer
    vacancy = vacancies.vacancy_create(actor=own, agency=None, data=vacancy_data())
    vacancy = vacancies.vacancy_verify(actor=tur_labour, vacancy=vacancy, approve=True)
    other_user, organisation = employer_account(username="rival")
    make_employer(tur_labour, name="Rival", organisation=organisation)
    rival = actor_for(other_user)
    with pytest.raises(Forbidden):
        vacancies.vacancy_publish(actor=rival, vacancy=vacancy)
    assert list(selectors.vacancies_for_officer(actor=rival)) == []
    vacancy.refresh_from_db()
    assert vacancy.status == "verified"


def test_an_agency_names_a_registered_employer_or_is_refused(kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    record = make_employer(tur_labour, name="Izmir Foods")
    vacancy = make_vacancy(kgz_labour, agency, employer=str(record.uuid))
    assert (vacancy.employer, vacancy.employer_name, vacancy.state_id) == (record, "Izmir Foods", "KGZ")
    for unknown in ("00000000-0000-0000-0000-000000000000", "not-a-uuid", None):
        with pytest.raises(ApplicationError) as caught:
            vacancies.vacancy_create(actor=kgz_labour, agency=agency, data=vacancy_data(employer=unknown))
        assert caught.value.fields == {"employer": ["Unknown employer: choose a registered employer."]}
    with pytest.raises(ApplicationError) as no_agency:
        vacancies.vacancy_create(actor=kgz_labour, agency=None, data=vacancy_data())
    assert no_agency.value.fields == {"agency": ["Choose the recruiting agency."]}
    assert Vacancy.objects.unscoped().count() == 1


def test_employer_posts_through_the_page_and_the_api(tur_employer, client):
    own, _record = tur_employer
    client.force_login(own.user)
    page = client.get(reverse("recruitment:vacancy-create"))
    assert page.status_code == 200
    assert 'name="agency"' not in page.content.decode()
    form = {**vacancy_data(), "languages": "tr", "title": "<script>alert(1)</script>"}
    form["valid_until"] = form["valid_until"].isoformat()
    response = client.post(reverse("recruitment:vacancy-create"), form)
    vacancy = Vacancy.objects.unscoped().get()
    assert response.status_code == 302 and response["Location"] == vacancy.get_absolute_url()
    detail = client.get(vacancy.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in detail and "&lt;script&gt;alert(1)&lt;/script&gt;" in detail
    assert client.get(reverse("recruitment:agency-list")).status_code == 404


def test_employers_page_lists_own_states_and_registers(tur_labour, kgz_labour, user_factory, client):
    make_employer(tur_labour, name="Anadolu")
    make_employer(kgz_labour, name="Bishkek Foods", country="KGZ")
    client.force_login(user_factory("TUR", roles.LABOUR_OFFICER))
    listing = client.get(reverse("recruitment:employer-list")).content.decode()
    assert "Anadolu" in listing and "Bishkek Foods" not in listing
    bad = client.post(reverse("recruitment:employer-list"), {"name": "Dup", "country": "ZZZ"})
    assert bad.status_code == 400 and "Unknown country code." in bad.content.decode()
    ok = client.post(reverse("recruitment:employer-list"), {"name": "Ege Gıda", "country": "tur"})
    assert ok.status_code == 302
    assert Employer.objects.unscoped().filter(name="Ege Gıda", country_id="TUR", state_id="TUR").count() == 1
    client.force_login(user_factory("TUR", roles.STATISTICIAN))
    assert client.get(reverse("recruitment:employer-list")).status_code == 404
