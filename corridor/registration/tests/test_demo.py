"""The demo loader: idempotent, through the services, owner state = the consulate's state."""

from __future__ import annotations

import pytest

from corridor.access.actor import actor_for
from corridor.registration import selectors
from corridor.registration.demo import PEOPLE, load_demo_registrations
from corridor.registration.models import Registration
from corridor.registration.tests.factories import make_consul, make_consulate

pytestmark = pytest.mark.django_db


def test_demo_registrations_load_once_and_stay_with_their_state(settings):
    # given the demo's consular officers (made by the portal demo in real runs)
    settings.DEMO_MODE = True
    officers = {
        state: make_consul(make_consulate(state), f"{state.lower()}.consular_officer") for state in PEOPLE
    }
    tur = actor_for(make_consul(make_consulate("TUR", "Almaty"), "tur.consular_officer"))
    # when the loader runs twice
    first, second = load_demo_registrations(), load_demo_registrations()
    # then it created 26 registrations once, each visible to its own state only
    assert (first, second) == (26, 0)
    assert Registration.objects.unscoped().count() == 26
    kgz = actor_for(officers["KGZ"])
    assert {r.state_id for r in selectors.registration_list(actor=kgz)} == {"KGZ"}
    assert selectors.registration_list(actor=kgz).count() == 12
    assert selectors.registration_list(actor=tur).count() == 0


def test_demo_gives_turkiye_some_aggregate_cells_of_five_or_more(settings):
    # given the demo people and an aggregates agreement like KGZ-AP-2026-STAT (k = 5)
    from corridor.access.models import AgreementScope
    from corridor.people.tests.factories import make_agreement
    from corridor.registration.aggregates import destination_aggregates

    settings.DEMO_MODE = True
    for state in PEOPLE:
        make_consul(make_consulate(state), f"{state.lower()}.consular_officer")
    tur = actor_for(make_consul(make_consulate("TUR", "Almaty"), "tur.consular_officer"))
    load_demo_registrations()
    make_agreement("KGZ", ["KAZ", "TJK", "TUR", "UZB"], scope=AgreementScope.AGGREGATES)
    # when Türkiye looks
    [block] = destination_aggregates(actor=tur)
    # then the twelve KGZ citizens give shown cells of at least 5 (sex, purpose, age)
    shown = {(t.dimension, c.code): c.count for t in block.tables for c in t.cells if c.count is not None}
    assert block.total == 12
    assert shown[("sex", "F")] == 6 and shown[("sex", "M")] == 6
    assert shown[("purpose", "work")] == 6
    assert all(n >= 5 for n in shown.values())
    assert shown[("age_group", "25-34")] == 6


def test_demo_loader_refuses_outside_demo_mode(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.DEMO_MODE = False
    with pytest.raises(ImproperlyConfigured):
        load_demo_registrations()
