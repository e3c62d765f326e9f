"""Job orders: who posts, who verifies, refusals and the public validity answer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.recruitment import selectors
from corridor.recruitment.models import Vacancy
from corridor.recruitment.services import agencies, vacancies
from corridor.recruitment.tests.factories import make_agency, make_vacancy, vacancy_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "status",
    [
        "draft",
        "submitted",
        "under_review",
        "suspended",
        "renewal_due",
        "expired",
        "cancelled",
        "revoked",
        "banned",
    ],
)
def test_vacancy_refused_when_licence_not_active(kgz_labour, status):
    agency = make_agency(kgz_labour, status=status)
    with pytest.raises(ApplicationError) as caught:
        vacancies.vacancy_create(actor=kgz_labour, agency=agency, data=vacancy_data())
    assert "only agencies with an active licence may recruit" in str(caught.value.message)
    assert Vacancy.objects.unscoped().count() == 0


@pytest.mark.parametrize("payer", ["worker", "shared"])
def test_vacancy_charging_the_worker_is_refused(kgz_labour, payer):
    agency = make_agency(kgz_labour)
    with pytest.raises(ApplicationError) as caught:
        vacancies.vacancy_create(actor=kgz_labour, agency=agency, data=vacancy_data(costs_paid_by=payer))
    assert caught.value.fields["costs_paid_by"] == [
        "Workers must not pay recruitment fees or costs: under the ethical standard the employer pays."
    ]
    assert Vacancy.objects.unscoped().count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("wage_amount", Decimal("0")),
        ("wage_currency", "lira"),
        ("hours_per_week", 0),
        ("hours_per_week", 90),
        ("contract_months", 0),
        ("workers_needed", 0),
        ("valid_until", dt.date(2000, 1, 1)),
        ("languages", ["Russian"]),
        ("occupation", "9999"),
        ("destination", "XXX"),
    ],
)
def test_bad_vacancy_input_is_refused_at_the_field(kgz_labour, field, value):
    agency = make_agency(kgz_labour)
    with pytest.raises(ApplicationError) as caught:
        vacancies.vacancy_create(actor=kgz_labour, agency=agency, data=vacancy_data(**{field: value}))
    assert list(caught.value.fields) == [field]
    assert Vacancy.objects.unscoped().count() == 0


def test_full_life_verified_by_destination_then_published(kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    vacancy = make_vacancy(kgz_labour, agency)
    assert vacancy.status == "submitted"
    # the origin state may not verify its own job order for Türkiye
    with pytest.raises(Forbidden):
        vacancies.vacancy_verify(actor=kgz_labour, vacancy=vacancy, approve=True)
    # publishing before verification is refused
    with pytest.raises(Conflict):
        vacancies.vacancy_publish(actor=kgz_labour, vacancy=vacancy)
    vacancy = vacancies.vacancy_verify(actor=tur_labour, vacancy=vacancy, approve=True)
    # the destination may not publish for the agency's state
    with pytest.raises(Forbidden):
        vacancies.vacancy_publish(actor=tur_labour, vacancy=vacancy)
    vacancy = vacancies.vacancy_publish(actor=kgz_labour, vacancy=vacancy)
    assert vacancy.status == "published"
    assert selectors.vacancy_validity(vacancy=vacancy)[0] is True
    vacancy = vacancies.vacancy_end(actor=kgz_labour, vacancy=vacancy, outcome="filled")
    assert vacancy.status == "filled"
    actions = list(
        AuditEvent.objects.filter(target_uuid=vacancy.uuid).order_by("seq").values_list("action", flat=True)
    )
    assert actions == ["vacancy.created", "vacancy.verified", "vacancy.published", "vacancy.filled"]


def test_third_state_cannot_verify(kgz_labour, kaz_labour):
    vacancy = make_vacancy(kgz_labour, make_agency(kgz_labour))
    with pytest.raises(Forbidden):
        vacancies.vacancy_verify(actor=kaz_labour, vacancy=vacancy, approve=True)
    vacancy.refresh_from_db()
    assert vacancy.status == "submitted"


def test_rejection_and_revocation_need_a_reason(kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    vacancy = make_vacancy(kgz_labour, agency)
    with pytest.raises(ApplicationError):
        vacancies.vacancy_verify(actor=tur_labour, vacancy=vacancy, approve=False, reason="")
    rejected = vacancies.vacancy_verify(
        actor=tur_labour, vacancy=vacancy, approve=False, reason="No such employer"
    )
    assert (rejected.status, rejected.status_reason) == ("rejected", "No such employer")
    published = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    with pytest.raises(ApplicationError):
        vacancies.vacancy_end(actor=tur_labour, vacancy=published, outcome="revoked", reason="")
    revoked = vacancies.vacancy_end(
        actor=tur_labour, vacancy=published, outcome="revoked", reason="Wage not paid"
    )
    valid, reason = selectors.vacancy_validity(vacancy=revoked)
    assert (valid, reason) == (False, "This vacancy is revoked. Wage not paid")


def test_validity_follows_the_agency_licence_and_the_closing_date(kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    vacancy = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    agencies.licence_transition(actor=kgz_labour, agency=agency, action="suspend", reason="Inspection")
    vacancy.refresh_from_db()
    assert selectors.vacancy_validity(vacancy=vacancy) == (
        False,
        "The agency's licence is suspended: it may not recruit.",
    )
    agencies.licence_transition(actor=kgz_labour, agency=agency, action="reinstate")
    Vacancy.objects.unscoped().filter(pk=vacancy.pk).update(valid_until=dt.date(2020, 1, 1))
    vacancy.refresh_from_db()
    assert selectors.vacancy_validity(vacancy=vacancy) == (False, "This vacancy closed on 2020-01-01.")
    assert vacancies.vacancies_expire() == 1
    vacancy.refresh_from_db()
    assert vacancy.status == "expired"


def test_public_search_filters(kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    sewing = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    builder = make_vacancy(
        kgz_labour,
        agency,
        tur_labour,
        publish=True,
        title="Bricklayer",
        occupation="711",
        description="Construction site",
        languages=["tr"],
        city="Ankara",
    )
    make_vacancy(kgz_labour, agency, tur_labour, title="Unpublished sewing job")
    assert list(selectors.public_vacancies()) == [builder, sewing]
    assert list(selectors.public_vacancies(q="construction")) == [builder]
    assert list(selectors.public_vacancies(q="sewing")) == [sewing]
    assert list(selectors.public_vacancies(occupation="71")) == [builder]
    assert list(selectors.public_vacancies(language="ky")) == [sewing]
    assert list(selectors.public_vacancies(destination="rus")) == []
    assert timezone.localdate() <= sewing.valid_until
