"""Seeded, realistic job ads for the vacancy-search benchmark (``random.Random(seed)``).

Titles come from the ISCO-08 reference table (minor groups, in the ad's language: ru, tr
or en); descriptions are short templated texts in the same language with the city, the
employer and the terms, so full-text search has real words in three languages to find.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# Destination → (currency, monthly wage range, cities). Corridors of the Almaty Process.
DESTINATIONS: dict[str, tuple[str, tuple[int, int], tuple[str, ...]]] = {
    "TUR": ("TRY", (25_000, 60_000), ("Istanbul", "Bursa", "Ankara", "Izmir", "Antalya", "Kocaeli")),
    "RUS": (
        "RUB",
        (60_000, 140_000),
        ("Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg"),
    ),
    "KAZ": ("KZT", (250_000, 600_000), ("Almaty", "Astana", "Shymkent", "Aktobe", "Karaganda")),
    "KOR": ("KRW", (2_100_000, 3_200_000), ("Seoul", "Busan", "Incheon", "Daegu", "Ansan")),
    "ARE": ("AED", (1_800, 6_000), ("Dubai", "Abu Dhabi", "Sharjah")),
    "DEU": ("EUR", (2_100, 3_800), ("Berlin", "Munich", "Hamburg", "Stuttgart")),
    "POL": ("PLN", (4_300, 8_000), ("Warsaw", "Krakow", "Wroclaw", "Gdansk")),
    "GBR": ("GBP", (1_900, 3_200), ("London", "Kent", "Herefordshire", "Lincolnshire")),
}
# Agencies recruit from the origin states of the corridor.
ORIGINS = ("KGZ", "UZB", "TJK", "KAZ", "AFG", "TKM")
LANGUAGES = ("ru", "tr", "en", "ky", "uz", "tg", "kk")
EMPLOYER_STEMS = (
    "Anadolu",
    "Marmara",
    "Ege",
    "Volga",
    "Ural",
    "Sibir",
    "Steppe",
    "Altyn",
    "Hana",
    "Seoul Steel",
    "Gulf",
    "Rhein",
    "Vistula",
    "Thames",
    "Baikal",
    "Tengri",
    "Kapadokya",
    "Boğaziçi",
    "Nur",
    "Samruk",
)
EMPLOYER_KINDS = (
    "Tekstil A.Ş.",
    "İnşaat Ltd.",
    "Tarım Kooperatifi",
    "Stroy LLC",
    "Agro LLC",
    "Logistics Ltd",
    "Hotel Group",
    "Foods GmbH",
    "Sp. z o.o.",
    "Co., Ltd.",
    "Farms Ltd",
    "Services FZ-LLC",
)
DESCRIPTIONS = {
    "en": (
        "{title} needed in {city}. {employer} offers a {months}-month contract, {hours} hours a week, "
        "{accommodation}. Recruitment costs are paid by the employer; no fees for workers. "
        "Training on site, overtime paid, health insurance and return ticket included."
    ),
    "ru": (
        "Требуются: {title} в городе {city}. {employer} предлагает договор на {months} мес., "
        "{hours} часов в неделю, {accommodation}. Расходы на наём оплачивает работодатель; "
        "работник ничего не платит. Обучение на месте, сверхурочные оплачиваются, медицинская "
        "страховка и обратный билет."
    ),
    "tr": (
        "{city} için {title} aranıyor. {employer}, {months} aylık sözleşme ve haftada {hours} saat "
        "çalışma sunuyor, {accommodation}. İşe alım masraflarını işveren öder; işçiden ücret alınmaz. "
        "İş başında eğitim, fazla mesai ücreti, sağlık sigortası ve dönüş bileti dahil."
    ),
}
ACCOMMODATION_TEXT = {
    "en": {"free": "free accommodation", "paid": "accommodation at cost", "none": "no accommodation"},
    "ru": {"free": "бесплатное жильё", "paid": "жильё за счёт работника", "none": "жильё не предоставляется"},
    "tr": {"free": "ücretsiz konaklama", "paid": "ücretli konaklama", "none": "konaklama yok"},
}
# Most ads in the index are live; the rest are in the other states a real table holds.
STATUS_WEIGHTS = {"published": 80, "filled": 6, "closed": 5, "expired": 4, "submitted": 3, "revoked": 2}


@dataclass(frozen=True)
class Occupation:
    code: str
    titles: dict[str, str]


def _languages(rng: random.Random, ad_language: str) -> list[str]:
    extra = rng.sample(LANGUAGES, rng.choice((0, 1, 1, 2)))
    return sorted({ad_language, *extra})


def vacancy_rows(
    *, count: int, seed: int, occupations: list[Occupation], agencies: list[tuple[int, str]], today: dt.date
) -> Iterator[dict[str, Any]]:
    """Field values for ``count`` vacancies; ``agencies`` are (pk, state) pairs."""
    rng = random.Random(seed)
    destinations = list(DESTINATIONS)
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    for _ in range(count):
        occupation = rng.choice(occupations)
        destination = rng.choice(destinations)
        currency, (low, high), cities = DESTINATIONS[destination]
        city = rng.choice(cities)
        language = rng.choice(("ru", "tr", "en"))
        employer = f"{rng.choice(EMPLOYER_STEMS)} {rng.choice(EMPLOYER_KINDS)}"
        months, hours = rng.choice((6, 9, 12, 12, 24, 36)), rng.choice((40, 40, 45, 48))
        accommodation = rng.choice(("free", "free", "paid", "none"))
        title = occupation.titles[language]
        status = rng.choices(statuses, weights)[0]
        agency_pk, state = rng.choice(agencies)
        published = dt.datetime.combine(
            today - dt.timedelta(days=rng.randint(0, 180)), dt.time(9, tzinfo=dt.UTC)
        )
        yield {
            "agency_id": agency_pk,
            "state_id": state,
            "title": title,
            "employer_name": employer,
            "occupation_id": occupation.code,
            "destination_id": destination,
            "city": city,
            "description": DESCRIPTIONS[language].format(
                title=title,
                city=city,
                employer=employer,
                months=months,
                hours=hours,
                accommodation=ACCOMMODATION_TEXT[language][accommodation],
            ),
            "wage_amount": Decimal(rng.randrange(low, high, max(1, (high - low) // 100))),
            "wage_currency": currency,
            "hours_per_week": hours,
            "contract_months": months,
            "accommodation": accommodation,
            "costs_paid_by": "employer",
            "workers_needed": rng.choice((1, 2, 5, 10, 20, 50)),
            "languages": _languages(rng, language),
            "refugees_may_apply": rng.random() < 0.3,
            "valid_until": today
            + dt.timedelta(days=-rng.randint(1, 30) if status == "expired" else rng.randint(1, 120)),
            "status": status,
            "verified_at": published if status != "submitted" else None,
            "published_at": published if status not in ("submitted",) else None,
        }
