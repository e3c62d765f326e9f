"""The data migrations load every reference table; the loaders can run again safely."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import translation

from corridor.reference import loaders
from corridor.reference.models import Country, Language, Occupation

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"^[\u0400-\u04FF\s-]+$")


def test_migrations_load_all_249_iso_countries():
    # given the migrated test database
    # when counting countries
    count = Country.objects.count()
    # then every ISO 3166-1 entry is there
    assert count == 249


def test_almaty_process_statuses_are_exact():
    # given the loaded countries
    # when listing participants by status
    members = set(Country.objects.filter(ap_status="member").values_list("iso3", flat=True))
    observers = set(Country.objects.filter(ap_status="observer").values_list("iso3", flat=True))
    # then they are exactly the Process's member and observer states
    assert members == {"AFG", "AZE", "KAZ", "KGZ", "TJK", "TUR", "TKM"}
    assert observers == {"IRN", "PAK", "UZB"}
    assert Country.objects.exclude(ap_status="").count() == 10


def test_kyrgyzstan_has_pycountry_russian_name():
    # given the loaded countries
    # when reading Kyrgyzstan
    kgz = Country.objects.get(iso3="KGZ")
    # then the Russian name is pycountry's, in Cyrillic, and the codes are ISO's
    assert kgz.name_ru == "Киргизия"
    assert CYRILLIC.match(kgz.name_ru)
    assert (kgz.iso2, kgz.numeric, kgz.name_en, kgz.name_tr) == ("KG", "417", "Kyrgyzstan", "Kırgızistan")
    assert kgz.names["ky"] == "Кыргызстан"
    assert kgz.names["kk"] == "Қырғызстан"


def test_turkiye_keeps_pycountry_english_name_and_has_regional_names():
    # given the loaded countries
    # when reading Türkiye
    tur = Country.objects.get(iso3="TUR")
    # then the English name is what pycountry gives and each regional language has a name
    assert tur.name_en == "Türkiye"
    assert tur.name_ru == "Турция"
    assert tur.name_tr == "Türkiye"
    assert sorted(tur.names) == sorted(loaders.COUNTRY_NAME_LANGUAGES)
    assert tur.names["fa"] == "ترکیه"


def test_common_short_name_is_preferred_where_pycountry_has_one():
    # given the loaded countries
    # when reading states whose ISO name is the long official form
    iran, korea = Country.objects.get(iso3="IRN"), Country.objects.get(iso3="KOR")
    # then the common name is used in English, Russian and Turkish
    assert (iran.name_en, iran.name_ru, iran.name_tr) == ("Iran", "Иран", "İran")
    assert (korea.name_en, korea.name_ru, korea.name_tr) == ("South Korea", "Южная Корея", "Güney Kore")


def test_every_country_has_russian_and_turkish_names():
    # given the loaded countries
    # when looking for a missing Russian or Turkish name
    missing_ru = Country.objects.filter(name_ru="").count()
    missing_tr = Country.objects.filter(name_tr="").count()
    # then there is none, and every Russian name is written in Cyrillic
    assert (missing_ru, missing_tr) == (0, 0)
    not_cyrillic = [c.iso3 for c in Country.objects.all() if not re.search("[\u0400-\u04ff]", c.name_ru)]
    assert not_cyrillic == []


def test_participants_are_named_in_every_regional_language():
    # given the loaded participant states
    participants = Country.objects.exclude(ap_status="")
    # when collecting the languages each one is named in
    gaps = {c.iso3: set(loaders.COUNTRY_NAME_LANGUAGES) - set(c.names) for c in participants}
    # then no regional language is missing
    assert {iso3: gap for iso3, gap in gaps.items() if gap} == {}


def test_isco_counts_are_exact():
    # given the loaded occupations
    # when counting by level
    counts = [Occupation.objects.filter(level=level).count() for level in (1, 2, 3, 4)]
    # then ISCO-08 has 10 major, 43 sub-major, 130 minor and 436 unit groups
    assert counts == [10, 43, 130, 436]
    # and 5120, which the old free-text field refused, is a unit group of the cooks
    assert Occupation.objects.get(code="5120").parent_id == "512"


def test_every_group_above_unit_level_has_russian_and_turkish_titles():
    # given the loaded occupations
    # when looking for empty titles among major, sub-major and minor groups
    groups = Occupation.objects.filter(level__lt=4)
    empty = groups.filter(title_ru="") | groups.filter(title_tr="")
    # then there is none
    assert empty.count() == 0
    assert Occupation.objects.get(code="512").title_ru == "Повара"
    assert Occupation.objects.get(code="512").title_tr == "Aşçılar"


def test_unit_groups_without_a_translation_show_the_english_title():
    # given a translated unit group and an untranslated one
    sewing, legislators = Occupation.objects.get(code="7533"), Occupation.objects.get(code="1111")
    # when they are read in Russian
    with translation.override("ru"):
        titles = (sewing.title, legislators.title)
    # then the translation is used where there is one, English elsewhere
    assert titles == ("Швеи, вышивальщицы и рабочие родственных занятий", "Legislators")
    assert Occupation.objects.filter(level=4).exclude(title_ru="").count() >= 30


def test_occupation_parent_and_level_follow_the_code():
    # given the loaded occupations
    # when reading a minor group and the armed forces branch
    cooks, armed = Occupation.objects.get(code="512"), Occupation.objects.get(code="031")
    # then parent and level come from the code's prefix and length
    assert (cooks.level, cooks.parent_id, cooks.parent.parent_id) == (3, "51", "5")
    assert (armed.level, armed.parent_id, armed.parent.parent_id) == (3, "03", "0")
    assert Occupation.objects.filter(level=1, parent__isnull=False).count() == 0
    assert Occupation.objects.filter(level__gt=1, parent__isnull=True).count() == 0


def test_languages_include_the_region_with_endonyms():
    # given the loaded languages
    # when reading the region's languages
    languages = {lang.code: lang for lang in Language.objects.all()}
    # then each has pycountry's names and the name in itself
    region = {"en", "ru", "tr", "kk", "ky", "uz", "tg", "tk", "az", "fa", "prs", "ps", "ar", "ur"}
    assert region <= set(languages)
    assert len(languages) == 28
    assert (languages["ky"].name_en, languages["ky"].name_ru, languages["ky"].name_local) == (
        "Kyrgyz",
        "киргизский",
        "Кыргызча",
    )
    assert (languages["ps"].name_tr, languages["ps"].name_local) == ("Peştuca", "پښتو")
    assert (languages["prs"].name_ru, languages["prs"].name_local) == ("дари", "دری")
    assert [code for code, lang in languages.items() if not (lang.name_ru and lang.name_tr)] == []


def test_loaders_are_idempotent():
    # given the migrated database and a country whose name was changed by hand
    Country.objects.filter(iso3="KGZ").update(name_ru="changed")
    # when every loader runs twice more
    for _ in range(2):
        counts = loaders.load_all(country_model=Country, language_model=Language, occupation_model=Occupation)
    # then the counts are unchanged and the row is back to the source data
    assert counts == {"countries": 249, "languages": 28, "occupations": 619}
    assert (Country.objects.count(), Language.objects.count(), Occupation.objects.count()) == (249, 28, 619)
    assert Country.objects.get(iso3="KGZ").name_ru == "Киргизия"


def _delete_what_nothing_protects(queryset) -> int:
    """Other modules' seed data points at some rows; delete every row that can go."""
    deleted = 0
    for row in list(queryset):
        try:
            with transaction.atomic():
                row.delete()
            deleted += 1
        except ProtectedError:
            continue
    return deleted


def test_loaders_fill_an_emptied_database():
    # given tables emptied of every row no other module's seed data holds on to
    for level in (4, 3, 2, 1):
        _delete_what_nothing_protects(Occupation.objects.filter(level=level))
    removed_countries = _delete_what_nothing_protects(Country.objects.all())
    _delete_what_nothing_protects(Language.objects.all())
    assert removed_countries > 200
    # when the loaders run
    counts = loaders.load_all(country_model=Country, language_model=Language, occupation_model=Occupation)
    # then every table is full again
    assert counts == {"countries": 249, "languages": 28, "occupations": 619}
    assert (Country.objects.count(), Language.objects.count(), Occupation.objects.count()) == (249, 28, 619)


def test_missing_catalogue_gives_no_translation():
    # given a language pycountry ships no catalogue for
    translations = loaders.catalogue("iso3166-1", "xx")
    # when translating
    value = translations.gettext("Kyrgyzstan")
    # then the answer is empty rather than the English msgid
    assert value == ""


def test_reference_load_command_reports_counts(capsys):
    # given the migrated database
    from django.core.management import call_command

    # when the command runs
    call_command("reference_load")
    # then it reports every table
    assert capsys.readouterr().out.splitlines() == ["countries: 249", "languages: 28", "occupations: 619"]


def test_further_title_columns_go_into_names(tmp_path, monkeypatch):
    # given an ISCO CSV with a Kazakh title column
    csv_file = tmp_path / "isco08.csv"
    content = "code,title_en,title_ru,title_tr,title_kk\n5,Service,Сервис,Hizmet,Қызмет\n"
    csv_file.write_text(content, encoding="utf-8")
    monkeypatch.setattr(loaders, "ISCO08_CSV", csv_file)
    units_file = tmp_path / "isco08_units.csv"
    units_file.write_text("code,title_en,title_ru,title_tr\n", encoding="utf-8")
    monkeypatch.setattr(loaders, "ISCO08_UNITS_CSV", units_file)
    # when the occupation loader runs
    count = loaders.load_occupations(model=Occupation)
    # then the extra title is kept under its language code
    assert count == 1
    assert Occupation.objects.get(code="5").names == {"kk": "Қызмет"}
