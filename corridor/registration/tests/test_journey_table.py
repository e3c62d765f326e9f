"""The registration journey's table on the case kernel, walked for every status × action × role."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.cases.testing import walk_table
from corridor.registration.choices import Status
from corridor.registration.models import Registration
from corridor.registration.services import records
from corridor.registration.tests.factories import register
from corridor.registration.workflow import REGISTRATION

pytestmark = pytest.mark.django_db

# The oracle, by hand: forward only, skipping allowed, nothing from pending or merged.
OWNER_MAY = {
    Status.REGISTERED: {"depart", "arrive", "return"},
    Status.DEPARTED: {"arrive", "return"},
    Status.ARRIVED: {"return"},
}


def test_journey_table_exhaustively(kgz_consul, kgz_colleague, tur_consul, actor_factory):
    actors = {
        "owner": actor_for(kgz_consul),
        "colleague": actor_for(kgz_colleague),
        "outsider": actor_for(tur_consul),
        "statistician": actor_factory("KGZ", roles.STATISTICIAN),
    }

    def make(status: str) -> Registration:
        registration = register(kgz_consul)
        # an earlier journey, so that every date a step sets is after it
        Registration.objects.for_state("KGZ").filter(pk=registration.pk).update(
            status=status, planned_departure=dt.date(2026, 1, 1)
        )
        registration.refresh_from_db()
        return registration

    def expected(status: str, action: str, who: str) -> bool:
        return who in ("owner", "colleague") and action in OWNER_MAY.get(Status(status), set())

    report = walk_table(
        workflow=REGISTRATION, make_record=make, actors=actors, expected=expected, states=tuple(Status)
    )
    assert report.total == len(Status) * 3 * len(actors)
    assert len(report.allowed) == 2 * sum(map(len, OWNER_MAY.values()))


def test_the_page_offers_only_the_steps_still_ahead(kgz_consul, tur_consul):
    registration = register(kgz_consul)
    owner = actor_for(kgz_consul)

    def offered(actor, record):
        return [o.action for o in records.journey_actions(actor=actor, registration=record)]

    assert offered(owner, registration) == ["depart", "arrive", "return"]
    assert offered(actor_for(tur_consul), registration) == []
    arrived = records.registration_set_status(
        actor=owner, registration=registration, status="arrived", on=dt.date(2026, 3, 3)
    )
    assert offered(owner, arrived) == ["return"]
