"""Reads of reference data."""

from __future__ import annotations

import pytest
from django.utils import translation

from corridor.core.errors import NotFound
from corridor.reference import selectors

pytestmark = pytest.mark.django_db


def test_country_list_returns_every_country_in_english_order():
    # given the loaded countries
    # when listing them
    countries = list(selectors.country_list())
    # then all 249 come back ordered by English name
    assert len(countries) == 249
    assert [c.name_en for c in countries] == sorted(c.name_en for c in countries)
    assert countries[0].iso3 == "AFG"


def test_country_list_ap_only_returns_the_ten_participants():
    # given the loaded countries
    # when listing participants only
    iso3s = [c.iso3 for c in selectors.country_list(ap_only=True)]
    # then the ten Almaty Process states come back in English order
    assert iso3s == ["AFG", "AZE", "IRN", "KAZ", "KGZ", "PAK", "TJK", "TKM", "TUR", "UZB"]


def test_participant_states_lists_members_then_observers():
    # given the loaded countries
    # when listing participant states
    rows = [(c.ap_status, c.iso3) for c in selectors.participant_states()]
    # then members come first, then observers, each alphabetically by English name
    assert rows == [
        ("member", "AFG"),
        ("member", "AZE"),
        ("member", "KAZ"),
        ("member", "KGZ"),
        ("member", "TJK"),
        ("member", "TKM"),
        ("member", "TUR"),
        ("observer", "IRN"),
        ("observer", "PAK"),
        ("observer", "UZB"),
    ]


def test_country_get_accepts_any_letter_case():
    # given the loaded countries
    # when fetching Tajikistan in lower case
    country = selectors.country_get(iso3="tjk")
    # then it is found
    assert (country.iso3, country.name_en) == ("TJK", "Tajikistan")


def test_country_get_unknown_code_is_not_found():
    # given a code no country has
    # when fetching it
    # then NotFound is raised
    with pytest.raises(NotFound):
        selectors.country_get(iso3="XXX")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Kyrgyzstan"),
        ("ru", "Киргизия"),
        ("tr", "Kırgızistan"),
        ("ky", "Кыргызстан"),
        ("de", "Kyrgyzstan"),
    ],
)
def test_country_name_follows_active_language(language, expected):
    # given Kyrgyzstan
    country = selectors.country_get(iso3="KGZ")
    # when the active language changes
    with translation.override(language):
        name = country.name
    # then the name is the one in that language, English where there is none
    assert name == expected


def test_occupation_list_filters_by_level():
    # given the loaded occupations
    # when listing the major groups
    codes = [o.code for o in selectors.occupation_list(level=1)]
    # then the ten major groups come back by code
    assert codes == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]


def test_occupation_list_filters_by_parent():
    # given the loaded occupations
    # when listing the children of sub-major group 51
    codes = [o.code for o in selectors.occupation_list(parent="51")]
    # then its six minor groups come back
    assert codes == ["511", "512", "513", "514", "515", "516"]


@pytest.mark.parametrize(
    ("q", "codes"),
    [
        ("cooks", ["512", "5120", "7512"]),
        ("Повара", ["512", "5120"]),
        ("Aşçılar", ["512", "5120"]),
        ("drivers bus", ["833", "8331"]),
        ("835", ["835", "8350"]),
        ("5120", ["5120"]),
    ],
)
def test_occupation_list_searches_titles_and_codes(q, codes):
    # given the loaded occupations
    # when searching
    found = [o.code for o in selectors.occupation_list(q=q)]
    # then every word matches a title in some language or starts the code
    assert found == codes


def test_occupation_list_combines_filters():
    # given the loaded occupations
    # when filtering by level, parent and words at once
    found = [o.code for o in selectors.occupation_list(level=3, parent="83", q="drivers")]
    # then only rows matching all three come back
    assert found == ["831", "832", "833"]


def test_language_list_is_ordered_by_english_name():
    # given the loaded languages
    # when listing them
    languages = list(selectors.language_list())
    # then they come in English order
    assert len(languages) == 28
    assert [lang.name_en for lang in languages] == sorted(lang.name_en for lang in languages)
