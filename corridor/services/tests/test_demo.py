"""The demonstration register: ten cities, fictional numbers, idempotent, stale entries hidden."""

from __future__ import annotations

import pytest

from corridor.services import selectors
from corridor.services.demo import CITIES, demo_documents, load_demo_services
from corridor.services.models import Phone, Service

pytestmark = pytest.mark.django_db


def test_demo_register_loads_twice_without_change(settings):
    settings.DEMO_MODE = True
    first = load_demo_services()
    total = Service.objects.unscoped().count()
    assert load_demo_services() == first
    assert Service.objects.unscoped().count() == total == sum(first.values())
    assert set(first) >= {"TUR", "RUS", "KAZ", "KGZ", "TJK", "UZB", "AFG"}
    # every city has help; consulates of origin states are found in Istanbul and Moscow
    for city in CITIES:
        assert selectors.find_help(selectors.HelpSearch(city=city.name)).exists(), city.name
    istanbul = selectors.find_help(selectors.HelpSearch(city="Istanbul", need="consular", language="uz"))
    assert [p.service.state_id for p in istanbul] == ["UZB"]
    # one entry in ten is older than a year and stays out of search
    hidden = [s for s in Service.objects.unscoped() if not selectors.is_verified(s)]
    assert 0 < len(hidden) < total // 5
    # fictional numbers: "0" right after the country code
    assert all(p.number.split(" ")[1].startswith("0") for p in Phone.objects.unscoped())


def test_demo_documents_name_every_entry_as_demo():
    for document in demo_documents().values():
        for service in document["services"]:
            assert "(demo)" in service["name"] and "(demo)" in service["organization"]["name"]
