"""Issue 19 item 7: every Almaty Process state has a written, sourced practice profile."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from corridor.access import roles
from corridor.guidance import selectors
from corridor.guidance.models import PROFILE_SECTIONS, CountryProfile, CountryProfileVersion

pytestmark = pytest.mark.django_db
TEN = {"AFG", "AZE", "KAZ", "KGZ", "TJK", "TUR", "TKM", "IRN", "PAK", "UZB"}


def test_every_participant_state_has_a_current_sourced_profile():
    states = {state.iso3 for state in selectors.participant_states()}
    assert states == TEN
    for iso3 in sorted(states):
        profile = CountryProfile.objects.select_related("current").get(state_id=iso3)
        version = profile.current
        assert version is not None, iso3
        for key, _label in PROFILE_SECTIONS:
            assert getattr(version, key).strip(), (iso3, key)
        assert version.visa_regimes.strip() and "brief" in version.sources, iso3
        assert version.last_verified == dt.date(2026, 1, 31), iso3
        assert version.created_by_id is None  # compiled, not written by the state


def test_profiles_are_not_copies_of_each_other():
    texts = [v.visa_regimes for v in CountryProfileVersion.objects.filter(profile__state_id__in=TEN)]
    assert len(set(texts)) == len(TEN)


def test_profile_page_shows_sources_verification_date_and_who_wrote_it(client):
    html = client.get("/en/profiles/UZB/").content.decode()
    assert "Decree PF-162" in html  # recruitment rules
    assert "Last verified on" in html
    assert "Compiled from public sources; not yet reviewed by the state." in html
    assert 'id="sources"' in html and "Labour mobility" in html
    assert "unverified" in client.get("/en/profiles/TUR/").content.decode()


def test_profile_page_in_russian_says_the_text_is_english_only(client):
    html = client.get("/ru/profiles/KGZ/").content.decode()
    assert "Azattyk" in html
    assert "Профиль написан только на английском" in html


def test_comparison_shows_every_topic_for_each_state_without_dashes(client):
    html = client.get("/en/profiles/compare/?states=KAZ&states=UZB&states=TJK").content.decode()
    assert "enbek.kz" in html and "Xorijda Ish" in html and "20 April 2024" in html
    assert "<article><h3>Kazakhstan</h3>—</article>" not in html
    assert html.count('class="compare-topic"') == len(PROFILE_SECTIONS) + 2  # status + sections + sources


def test_a_state_edit_keeps_sources_and_date_and_drops_the_compiled_note(client, user_factory):
    officer = user_factory("KAZ", roles.NATIONAL_ADMIN)
    client.force_login(officer)
    url = reverse("guidance:profile-edit", kwargs={"iso3": "KAZ"})
    form_html = client.get(url).content.decode()
    assert "Decree 327" in form_html  # the edit form starts from the current text
    response = client.post(
        url, {"visa_regimes": "Own text", "sources": "- Ministry page", "last_verified": "2026-03-01"}
    )
    assert response.status_code == 302
    version = CountryProfile.objects.get(state_id="KAZ").current
    assert version.sources == "- Ministry page"
    assert version.last_verified == dt.date(2026, 3, 1)
    html = client.get("/en/profiles/KAZ/").content.decode()
    assert "Ministry page" in html
    assert "Compiled from public sources" not in html
