"""The demo: cases in different states on both sides, one on protection hold; idempotent."""

from __future__ import annotations

import pytest

from conftest import make_user
from corridor.access import roles
from corridor.readmission.demo import load_demo_readmission
from corridor.readmission.models import ReadmissionCase

pytestmark = pytest.mark.django_db


def test_demo_cases_on_both_sides(settings):
    settings.DEMO_MODE = True
    # The portal demo's accounts (``corridor demo`` makes them; the module may not import it).
    make_user("TUR", roles.MIGRATION_OFFICER, username="tur.migration_officer")
    make_user("KGZ", roles.MIGRATION_OFFICER, username="kgz.migration_officer")
    references = load_demo_readmission()
    assert len(references) == 5
    statuses = {
        (c.state_id, c.status) for c in ReadmissionCase.objects.unscoped().filter(reference__in=references)
    }
    assert {("TUR", "submitted"), ("KGZ", "submitted")} <= statuses
    assert {("TUR", "travel_doc_issued"), ("KGZ", "travel_doc_issued")} <= statuses
    assert {("TUR", "on_hold"), ("KGZ", "on_hold")} <= statuses
    assert {("TUR", "rejected"), ("KGZ", "rejected")} <= statuses
    assert ("TUR", "screened") in statuses
    assert load_demo_readmission() == []
