"""Reads of reference data. Reference data is public: no selector here takes an actor."""

from __future__ import annotations

from django.db.models import Q, QuerySet

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
