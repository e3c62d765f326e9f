"""Feeds for partner job boards: RSS 2.0 and JSON Feed 1.1, valid published ads only."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from corridor.recruitment.services import agencies
from corridor.recruitment.tests.factories import make_agency, make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def ads(kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    shown = make_vacancy(kgz_labour, agency, tur_labour, publish=True, title='Cook <b>"&"</b>')
    make_vacancy(kgz_labour, agency, tur_labour, publish=False, title="Verified only")
    make_vacancy(kgz_labour, agency, title="Waiting")
    suspended = make_agency(kgz_labour)
    make_vacancy(kgz_labour, suspended, tur_labour, publish=True, title="Of a suspended agency")
    agencies.licence_transition(actor=kgz_labour, agency=suspended, action="suspend", reason="fees")
    return shown


def test_rss_lists_only_valid_ads_and_escapes_text(client, ads):
    response = client.get(reverse("recruitment:vacancy-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    # our own response, parsed to prove it is well-formed XML despite the markup in the title
    root = ElementTree.fromstring(response.content)  # noqa: S314
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ['Cook <b>"&"</b> — Bursa Tekstil']
    assert items[0].findtext("guid") == str(ads.uuid)
    assert items[0].findtext("link").endswith(ads.get_public_url())


def test_json_feed_lists_only_valid_ads(api_client, ads):
    response = api_client.get("/api/v1/public/vacancies/feed.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/feed+json")
    body = response.json()
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["id"] for item in body["items"]] == [str(ads.uuid)]
    item = body["items"][0]
    assert item["title"] == 'Cook <b>"&"</b>'
    assert item["_corridor"] == {
        "employer": "Bursa Tekstil",
        "occupation": "815",
        "destination": "TUR",
        "city": "Bursa",
        "wage_amount": "30000.00",
        "wage_currency": "TRY",
        "languages": ["ky", "ru"],
        "valid_until": ads.valid_until.isoformat(),
    }


def test_feeds_drop_ads_past_their_closing_date(client, kgz_labour, tur_labour, time_machine):
    agency = make_agency(kgz_labour)
    make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    time_machine.move_to(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=40))
    assert b"<item>" not in client.get(reverse("recruitment:vacancy-feed")).content
    assert client.get("/api/v1/public/vacancies/feed.json").json()["items"] == []


def test_public_search_count_stops_at_the_cap_and_pages_stay_stable(
    api_client, kgz_labour, tur_labour, monkeypatch
):
    from corridor.recruitment import paging

    agency = make_agency(kgz_labour)
    made = [make_vacancy(kgz_labour, agency, tur_labour, publish=True, title=f"Cook {n}") for n in range(3)]
    monkeypatch.setattr(paging, "SEARCH_COUNT_CAP", 2)
    first = api_client.get("/api/v1/public/vacancies/", {"page_size": 1}).json()
    second = api_client.get("/api/v1/public/vacancies/", {"page_size": 1, "page": 2}).json()
    assert first["count"] == 2
    assert [first["results"][0]["public_id"], second["results"][0]["public_id"]] == [
        str(made[2].uuid),
        str(made[1].uuid),
    ]
    assert first["results"][0]["employer"] == str(made[2].employer.uuid)
