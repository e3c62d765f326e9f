"""The public "find help" pages: no account, filters, phone links, 404 for what is not public."""

from __future__ import annotations

import pytest

from corridor.services.tests.factories import make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(tur_provider, tur_authority):
    shelter = make_entry(tur_authority, verifier=tur_authority, name="Night shelter", languages=("ru",))
    lawyers = make_entry(
        tur_authority,
        verifier=tur_authority,
        name="Lawyers",
        city="Ankara",
        needs=("legal-aid",),
        languages=("uz",),
    )
    hidden = make_entry(tur_provider, name="Unverified kitchen", needs=("food",))
    return shelter, lawyers, hidden


def test_find_help_lists_verified_services_with_phone_first(client, entries):
    page = client.get("/en/find-help/").content.decode()
    assert "Night shelter" in page and "Lawyers" in page
    assert "Unverified kitchen" not in page
    assert 'href="tel:+905550100000"' in page
    assert "Verified on" in page
    assert "Mon, Tue, Wed, Thu, Fri 09:00–18:00" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("city=Ankara", ["Lawyers"], ["Night shelter"]),
        ("need=shelter", ["Night shelter"], ["Lawyers"]),
        ("language=uz", ["Lawyers"], ["Night shelter"]),
    ],
)
def test_find_help_filters(client, entries, query, shown, hidden):
    page = client.get(f"/en/find-help/?{query}").content.decode()
    assert all(name in page for name in shown)
    assert not any(name in page for name in hidden)


def test_find_help_in_russian(client, entries):
    page = client.get("/ru/find-help/?need=shelter").content.decode()
    assert "Найти помощь" in page
    assert "Жильё и приют" in page


def test_junk_query_is_a_form_error_not_a_crash(client, entries):
    response = client.get("/en/find-help/?city=%3Cscript%3E&language=zz&page=x")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_place_page_public_only_when_verified(client, entries, kgz_authority, logged_in):
    shelter, _lawyers, hidden = entries
    assert client.get(f"/en/find-help/{shelter.uuid}/").status_code == 200
    assert client.get(f"/en/find-help/{hidden.uuid}/").status_code == 404
    outsider = logged_in(kgz_authority.user)
    assert outsider.get(f"/en/find-help/{hidden.uuid}/").status_code == 404
