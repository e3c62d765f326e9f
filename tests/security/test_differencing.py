"""Fake public self-registrations must not move aggregates (issue 20, medium 4).

The attack: add five self-registrations with known attributes through the public portal,
compare the destination's aggregates before and after, and read the real people in the
suppressed cells off the difference. The rule: a self-registration counts in aggregates and
statistics only once a consular officer has recorded the person's journey (departure,
arrival or return); until then nobody but its author vouches for it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.access.models import AgreementScope
from corridor.people.tests.factories import make_agreement
from corridor.registration.aggregates import destination_aggregates
from corridor.registration.choices import Channel, ConsentPurpose
from corridor.registration.counting import monthly_counts, statistics_counted
from corridor.registration.models import Registration
from corridor.registration.services import records
from corridor.registration.tests.factories import make_consul, make_consulate, register
from corridor.registration.tests.test_self_registration import _code_from_mail, _form

pytestmark = pytest.mark.django_db


def _fake(api_client, office, n: int) -> None:
    payload = _form(
        office,
        passport_number=f"AC 99900{n:02d}",
        email=f"fake{n}@example.org",
        birth_date=f"19{60 + n}-01-01",
        sex="M",
        planned_departure="2026-03-01",
    )
    started = api_client.post("/api/v1/registration/self/", payload, format="json")
    assert started.status_code == 201, started.json()
    done = api_client.post(
        "/api/v1/registration/self/verify/",
        {"verification_token": started.json()["verification_token"], "code": _code_from_mail()},
        format="json",
    )
    assert done.status_code == 200
    mail.outbox.clear()


def _snapshot(actor):
    return [
        (b.citizenship, b.total, [(t.dimension, t.cells) for t in b.tables])
        for b in destination_aggregates(actor=actor)
    ]


def test_fake_self_registrations_do_not_change_aggregates_or_statistics(api_client):
    office = make_consulate("KGZ")
    consul = make_consul(office)
    for sex in "MMMMMFF":
        register(consul, consents=(ConsentPurpose.STATISTICS,), sex=sex)
    agreement = make_agreement("KGZ", ["TUR"], scope=AgreementScope.AGGREGATES)
    agreement.min_cell_size = 5
    agreement.save(update_fields=["min_cell_size"])
    tur = actor_for(make_user_tur())
    today = dt.date.today()
    before = _snapshot(tur)
    stats_before = monthly_counts(state="KGZ", year=today.year, month=today.month)
    # when five fake, verified self-registrations arrive through the public API
    for n in range(5):
        _fake(api_client, office, n)
    assert Registration.objects.for_state("KGZ").filter(channel=Channel.SELF).count() == 5
    # then the aggregates and the monthly statistics are exactly as before
    assert _snapshot(tur) == before
    assert monthly_counts(state="KGZ", year=today.year, month=today.month) == stats_before


def test_a_self_registration_counts_once_an_officer_records_the_journey(api_client):
    office = make_consulate("KGZ")
    consul = make_consul(office)
    _fake(api_client, office, 1)
    own = Registration.objects.for_state("KGZ").get()
    assert not statistics_counted("KGZ").exists()
    records.registration_set_status(actor=actor_for(consul), registration=own, status="departed")
    assert list(statistics_counted("KGZ")) == [own]


def make_user_tur():
    from conftest import make_user

    return make_user("TUR", roles.CONSULAR_OFFICER)
