"""The public country page."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

STUB_TEMPLATES = Path(__file__).resolve().parent / "templates"


@pytest.fixture
def stub_layout(settings):
    """Render against a bare ``core/base.html`` so that these tests check this module's content only."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [STUB_TEMPLATES, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


def _list_items(html: str, testid: str) -> list[str]:
    block = re.search(rf'data-testid="{testid}">(.*?)</ul>', html, re.S)
    assert block is not None
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in items]


@pytest.mark.urls("corridor.reference.tests.urls")
def test_country_page_lists_participants_in_english(client, stub_layout):
    # given an anonymous visitor reading English
    # when opening the country page
    response = client.get("/reference/countries/", HTTP_ACCEPT_LANGUAGE="en")
    # then members and observers are listed with their English names
    assert response.status_code == 200
    html = response.content.decode()
    assert _list_items(html, "members") == [
        "AFG Afghanistan",
        "AZE Azerbaijan",
        "KAZ Kazakhstan",
        "KGZ Kyrgyzstan",
        "TJK Tajikistan",
        "TKM Turkmenistan",
        "TUR Türkiye",
    ]
    assert _list_items(html, "observers") == ["IRN Iran", "PAK Pakistan", "UZB Uzbekistan"]
    assert "All 249 countries" in html
    assert html.count("<tr><td>") == 249


@pytest.mark.urls("corridor.reference.tests.urls")
def test_country_page_names_countries_in_russian(client, stub_layout):
    # given an anonymous visitor reading Russian
    # when opening the country page
    response = client.get("/reference/countries/", HTTP_ACCEPT_LANGUAGE="ru")
    # then names are Russian and the full list is in Russian alphabetical order
    html = response.content.decode()
    assert "KGZ Киргизия" in _list_items(html, "members")
    names = re.findall(r"<tr><td>(.*?)</td>", html)
    assert len(names) == 249
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "Австралия"


@pytest.mark.urls("corridor.reference.tests.urls")
def test_country_page_refuses_post(client, stub_layout):
    # given an anonymous visitor
    # when posting to the page
    response = client.post("/reference/countries/")
    # then the method is not allowed
    assert response.status_code == 405


def test_country_page_in_the_project_layout(client, settings):
    # given the project's URLs and layout (static files without a built manifest)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # when opening the Turkish page
    response = client.get("/tr/reference/countries/")
    # then it renders inside the layout with Turkish names
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="tr"' in html
    assert "KGZ Kırgızistan" in _list_items(html, "members")
