"""Public search by city, need and language; only verified, active entries."""

from __future__ import annotations

import pytest

from corridor.services import selectors, services
from corridor.services.tests.factories import make_entry

pytestmark = pytest.mark.django_db


def names(search: selectors.HelpSearch) -> list[str]:
    return [place.service.name for place in selectors.find_help(search)]


def test_search_by_city_need_and_language(tur_provider, tur_authority):
    make_entry(tur_provider, verifier=tur_authority, name="Shelter RU", city="Istanbul", languages=("ru",))
    make_entry(
        tur_provider,
        verifier=tur_authority,
        name="Lawyers UZ",
        city="Istanbul",
        needs=("legal-aid",),
        languages=("uz",),
    )
    make_entry(
        tur_provider, verifier=tur_authority, name="Shelter Ankara", city="Ankara", languages=("ru", "tr")
    )
    make_entry(tur_provider, name="Unverified", city="Istanbul", languages=("ru",))
    assert names(selectors.HelpSearch(city="ISTANBUL")) == ["Lawyers UZ", "Shelter RU"]
    assert names(selectors.HelpSearch(need="shelter")) == ["Shelter Ankara", "Shelter RU"]
    assert names(selectors.HelpSearch(city="Istanbul", language="uz")) == ["Lawyers UZ"]
    assert names(selectors.HelpSearch(city="Istanbul", need="legal-aid", language="ru")) == []
    assert selectors.help_cities() == ["Ankara", "Istanbul"]
    assert [lang.code for lang in selectors.help_languages()] == sorted(
        ["ru", "tr", "uz"], key=lambda c: {"ru": "Russian", "tr": "Turkish", "uz": "Uzbek"}[c]
    )


def test_inactive_service_leaves_search(tur_provider, tur_authority):
    place = make_entry(tur_provider, verifier=tur_authority)
    services.service_update(actor=tur_provider, service=place.service, status="temporarily closed")
    services.service_verify(actor=tur_authority, service=place.service)
    assert names(selectors.HelpSearch(city="Istanbul")) == []


def test_referable_get_refuses_unverified(tur_provider, tur_authority):
    place = make_entry(tur_provider)
    with pytest.raises(Exception) as missing:
        selectors.referable_get(uuid=place.uuid)
    assert missing.type.__name__ == "Http404"
    services.service_verify(actor=tur_authority, service=place.service)
    assert selectors.referable_get(uuid=place.uuid) == place


def test_search_reads_a_bounded_number_of_queries(tur_provider, tur_authority, django_assert_max_num_queries):
    for n in range(5):
        make_entry(tur_provider, verifier=tur_authority, name=f"Shelter {n}")
    with django_assert_max_num_queries(12):
        rows = list(selectors.find_help(selectors.HelpSearch(city="Istanbul")))
        for place in rows:
            list(place.phones.all()), list(place.schedules.all()), list(place.service.languages.all())
    assert len(rows) == 5
