from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import make_user
from corridor.access import roles
from corridor.grievances import selectors
from corridor.grievances.demo import DEMO_LICENCE_NUMBER, OFFICER, load_demo_grievances
from corridor.grievances.models import Complaint
from corridor.recruitment.tests.factories import make_agency

pytestmark = pytest.mark.django_db


def test_demo_shows_every_colour_once_and_is_idempotent():
    # given
    from corridor.access.actor import actor_for

    officer = actor_for(make_user("KGZ", roles.LABOUR_OFFICER, username=OFFICER))
    assert load_demo_grievances() == 0  # no demo agency yet
    make_agency(officer, number=DEMO_LICENCE_NUMBER)
    # when
    added = load_demo_grievances()
    again = load_demo_grievances()
    # then
    assert (added, again) == (3, 0)
    now = timezone.now()
    rows = selectors.with_clock(Complaint.objects.for_state("KGZ")).order_by("id")
    assert [(c.status, selectors.rag(c, now), c.escalation_level) for c in rows] == [
        ("triaged", "red", 1),
        ("resolved", "", 0),
        ("received", "green", 0),
    ]
