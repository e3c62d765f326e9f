"""Loaders for the reference tables, shared by the data migrations and ``reference_load``.

Every loader takes the model class it writes to, so that a migration can pass the
historical model from ``apps.get_model`` and a test or command can pass the real one.
Each loader is idempotent: it calls ``update_or_create`` per row and returns the number of
rows it saw, so running it twice leaves the table as it was.
"""

from __future__ import annotations

import csv
import gettext
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

DATA_DIR = Path(__file__).resolve().parent / "data"
ISCO08_CSV = DATA_DIR / "isco08.csv"
ISCO08_UNITS_CSV = DATA_DIR / "isco08_units.csv"  # written by scripts/isco08_units_seed.py
LANGUAGES_CSV = DATA_DIR / "languages.csv"

# Languages of the region whose ISO 3166-1 names are kept in ``Country.names``.
COUNTRY_NAME_LANGUAGES = ("kk", "ky", "uz", "tg", "tk", "az", "fa", "ps")
# Languages whose ISO 639 names are kept in ``Language.names`` when pycountry has them.
LANGUAGE_NAME_LANGUAGES = ("az", "fa", "ps", "ar", "de", "ko")

AP_MEMBERS = frozenset({"AFG", "AZE", "KAZ", "KGZ", "TJK", "TUR", "TKM"})
AP_OBSERVERS = frozenset({"IRN", "PAK", "UZB"})

# pycountry's catalogues lost some names when the English msgid changed (``Turkey`` became
# ``Türkiye``) or never had them. For participant states only, we supply the name ourselves
# so that nobody in the region sees their own partner in English.
COUNTRY_NAME_SUPPLEMENT: dict[str, dict[str, str]] = {
    "TUR": {
        "ky": "Түркия",
        "uz": "Turkiya",
        "tg": "Туркия",
        "tk": "Türkiýe",
        "fa": "ترکیه",
        "ps": "ترکیه",
    },
    "IRN": {"uz": "Eron", "az": "İran", "ps": "ایران"},
}


class _Missing(gettext.NullTranslations):
    """A fallback that answers "no translation" with an empty string instead of the msgid."""

    def gettext(self, message: str) -> str:
        return ""


def catalogue(domain: str, language: str) -> gettext.NullTranslations:
    """pycountry's gettext catalogue for one language; empty if pycountry ships none."""
    try:
        translations = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
    except FileNotFoundError:
        return _Missing()
    translations.add_fallback(_Missing())
    return translations


def _translate(translations: gettext.NullTranslations, msgids: Iterable[str]) -> str:
    """The first msgid the catalogue translates, or an empty string."""
    for msgid in msgids:
        if msgid and (value := translations.gettext(msgid)):
            return value
    return ""


def ap_status_for(iso3: str) -> str:
    if iso3 in AP_MEMBERS:
        return "member"
    if iso3 in AP_OBSERVERS:
        return "observer"
    return ""


@dataclass(frozen=True)
class CountryRow:
    iso3: str
    iso2: str
    numeric: str
    name_en: str
    name_ru: str
    name_tr: str
    names: dict[str, str]
    ap_status: str


def country_rows() -> list[CountryRow]:
    """Every ISO 3166-1 country, named in English, Russian, Turkish and the region's languages."""
    ru, tr = catalogue("iso3166-1", "ru"), catalogue("iso3166-1", "tr")
    others = {code: catalogue("iso3166-1", code) for code in COUNTRY_NAME_LANGUAGES}
    rows = []
    for country in pycountry.countries:
        # The common short name (``Iran``) is preferred where pycountry has one.
        msgids = (getattr(country, "common_name", ""), country.name)
        name_en = msgids[0] or msgids[1]
        names = {code: _translate(cat, msgids) for code, cat in others.items()}
        for code, value in COUNTRY_NAME_SUPPLEMENT.get(country.alpha_3, {}).items():
            names[code] = names[code] or value
        rows.append(
            CountryRow(
                iso3=country.alpha_3,
                iso2=country.alpha_2,
                numeric=country.numeric,
                name_en=name_en,
                name_ru=_translate(ru, msgids) or name_en,
                name_tr=_translate(tr, msgids) or name_en,
                names={code: value for code, value in sorted(names.items()) if value},
                ap_status=ap_status_for(country.alpha_3),
            )
        )
    return rows


def load_countries(*, model: Any) -> int:
    rows = country_rows()
    for row in rows:
        model.objects.update_or_create(
            iso3=row.iso3,
            defaults={
                "iso2": row.iso2,
                "numeric": row.numeric,
                "name_en": row.name_en,
                "name_ru": row.name_ru,
                "name_tr": row.name_tr,
                "names": row.names,
                "ap_status": row.ap_status,
            },
        )
    return len(rows)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [{key: value.strip() for key, value in row.items()} for row in csv.DictReader(lines)]


def _iso639(code: str) -> Any:
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code)
    return pycountry.languages.get(alpha_3=code)


def language_rows() -> list[dict[str, Any]]:
    """The languages listed in ``languages.csv``, named from pycountry's ISO 639 catalogues.

    The CSV gives each language's name in itself; its Russian and Turkish columns are used
    only where pycountry's catalogue has no translation (it returns nothing or the English).
    """
    ru, tr = catalogue("iso639-3", "ru"), catalogue("iso639-3", "tr")
    others = {code: catalogue("iso639-3", code) for code in LANGUAGE_NAME_LANGUAGES}
    rows = []
    for entry in _read_csv(LANGUAGES_CSV):
        language = _iso639(entry["code"])
        if language is None:
            raise LookupError(f"ISO 639 has no language {entry['code']!r}")
        name_en = entry["name_en"] or language.name
        msgids = (language.name,)
        name_ru, name_tr = _translate(ru, msgids), _translate(tr, msgids)
        names = {code: _translate(cat, msgids) for code, cat in others.items()}
        names = {code: value for code, value in names.items() if value}
        rows.append(
            {
                "code": entry["code"],
                "name_en": name_en,
                "name_ru": name_ru if name_ru not in ("", language.name) else entry["name_ru"],
                "name_tr": name_tr if name_tr not in ("", language.name) else entry["name_tr"],
                "name_local": entry["name_local"],
                "names": names,
            }
        )
    return rows


def load_languages(*, model: Any) -> int:
    rows = language_rows()
    for row in rows:
        code = row.pop("code")
        model.objects.update_or_create(code=code, defaults=row)
    return len(rows)


def occupation_rows() -> list[dict[str, str]]:
    """ISCO-08 groups (``isco08.csv``) and unit groups (``isco08_units.csv``), every parent first.

    A unit group without a Russian or Turkish title keeps the field empty: ``Occupation.title``
    then shows the English one.
    """
    rows = _read_csv(ISCO08_CSV) + _read_csv(ISCO08_UNITS_CSV)
    return sorted(rows, key=lambda row: (len(row["code"]), row["code"]))


OCCUPATION_TITLE_COLUMNS = ("title_en", "title_ru", "title_tr")


def load_occupations(*, model: Any) -> int:
    rows = occupation_rows()
    for row in rows:
        code = row["code"]
        # Further ``title_<language>`` columns, if the CSV gains any, go into ``names``.
        names = {
            key.removeprefix("title_"): value
            for key, value in row.items()
            if key.startswith("title_") and key not in OCCUPATION_TITLE_COLUMNS and value
        }
        # A code's level is its length; its parent is the code without its last digit.
        model.objects.update_or_create(
            code=code,
            defaults={
                "level": len(code),
                "parent_id": code[:-1] or None,
                "title_en": row["title_en"],
                "title_ru": row["title_ru"],
                "title_tr": row["title_tr"],
                "names": names,
            },
        )
    return len(rows)


def load_all(*, country_model: Any, language_model: Any, occupation_model: Any) -> dict[str, int]:
    return {
        "countries": load_countries(model=country_model),
        "languages": load_languages(model=language_model),
        "occupations": load_occupations(model=occupation_model),
    }
