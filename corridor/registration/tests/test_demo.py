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
    # then it created 20 registrations once, each visible to its own state only
    assert (first, second) == (20, 0)
    assert Registration.objects.unscoped().count() == 20
    kgz = actor_for(officers["KGZ"])
    assert {r.state_id for r in selectors.registration_list(actor=kgz)} == {"KGZ"}
    assert selectors.registration_list(actor=kgz).count() == 6
    assert selectors.registration_list(actor=tur).count() == 0


def test_demo_loader_refuses_outside_demo_mode(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.DEMO_MODE = False
    with pytest.raises(ImproperlyConfigured):
        load_demo_registrations()
