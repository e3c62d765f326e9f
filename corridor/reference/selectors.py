"""Reads of reference data. Reference data is public: no selector here takes an actor."""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any

import pycountry
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from corridor.core.errors import NotFound
from corridor.reference.models import APStatus, Country, Language, Occupation

PARTICIPANT_STATUSES = (APStatus.MEMBER, APStatus.OBSERVER)


def country_list(*, ap_only: bool = False) -> QuerySet[Country]:
    """All ISO 3166-1 countries, ordered by English name; only Almaty Process states if asked."""
    countries = Country.objects.all()
    if ap_only:
        countries = countries.filter(ap_status__in=PARTICIPANT_STATUSES)
    return countries.order_by("name_en")


def country_get(*, iso3: str) -> Country:
    """One country by its alpha-3 code, in any letter case; ``NotFound`` if there is none."""
    try:
        return Country.objects.get(iso3=iso3.upper())
    except Country.DoesNotExist as error:
        raise NotFound() from error


def participant_states() -> QuerySet[Country]:
    """Member states first, then observers, each in English alphabetical order."""
    # "member" sorts before "observer", so the stored value gives the order we want.
    return country_list(ap_only=True).order_by("ap_status", "name_en")


def occupation_list(
    *, level: int | None = None, parent: str | None = None, q: str | None = None
) -> QuerySet[Occupation]:
    """ISCO-08 groups by code, filtered by level, by parent code and by words of the title.

    Each word of ``q`` must appear in the English, Russian or Turkish title, or start the code.
    """
    occupations = Occupation.objects.all()
    if level is not None:
        occupations = occupations.filter(level=level)
    if parent is not None:
        occupations = occupations.filter(parent_id=parent)
    for term in (q or "").split()[:5]:
        occupations = occupations.filter(
            Q(code__startswith=term)
            | Q(title_en__icontains=term)
            | Q(title_ru__icontains=term)
            | Q(title_tr__icontains=term)
        )
    return occupations.order_by("code")


def language_list() -> QuerySet[Language]:
    return Language.objects.order_by("name_en")


# --- pickers: choices for forms, so people choose codes instead of typing them -------------

# Currencies people of the region are paid and charged in, listed before all the others.
REGION_CURRENCIES = (
    "KGS",
    "KZT",
    "UZS",
    "TJS",
    "TMT",
    "AZN",
    "AFN",
    "TRY",
    "RUB",
    "IRR",
    "PKR",
    "USD",
    "EUR",
)
Choices = list[tuple[str, Any]]


@cache
def _iso4217(language: str) -> gettext.NullTranslations:
    """pycountry's translations of ISO 4217 currency names (it ships them for our languages)."""
    return gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def currency_choices() -> Choices:
    """ISO 4217 currencies as ``(code, "KGS — name")``, region first, names in the active language."""
    names = _iso4217(translation.to_locale(translation.get_language() or "en"))
    every = {c.alpha_3: names.gettext(c.name) for c in pycountry.currencies}
    region = [(code, f"{code} — {every[code]}") for code in REGION_CURRENCIES if code in every]
    rest = sorted(
        ((code, f"{code} — {name}") for code, name in every.items() if code not in REGION_CURRENCIES),
        key=lambda item: item[0],
    )
    return [("", "—"), (_("Currencies of the region"), region), (_("All currencies"), rest)]


def country_choices() -> Choices:
    """Countries as ``(ISO3, name)`` in the active language: the Almaty Process states first."""
    countries = sorted(Country.objects.all(), key=lambda c: c.name.casefold())
    participants = [(c.iso3, c.name) for c in countries if c.is_participant]
    others = [(c.iso3, c.name) for c in countries if not c.is_participant]
    return [("", "—"), (_("Almaty Process states"), participants), (_("All countries"), others)]


def language_choices() -> Choices:
    """Languages as ``(code, name)``, each also named in itself where it differs."""
    rows = []
    for language in language_list():
        own = language.name_local
        label = f"{language.name} ({own})" if own and own != language.name else language.name
        rows.append((language.code, label))
    return [("", "—"), *sorted(rows, key=lambda item: item[1].casefold())]
