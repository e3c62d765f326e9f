"""A demonstration service register: shelters, legal aid, medical and psychosocial care,
hotlines and consulates in ten cities of the region, every one marked "(demo)".

Phone numbers are fictional by construction: after the country code they start with 0,
which no national numbering plan of the region assigns to a subscriber, so a tap on one
reaches nobody. Loaded through the HSDS import (``services.register_load``) with fixed
identifiers, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from corridor.services import services
from corridor.services.hsds_export import CRISIS_UNIT, PLACE_UNIT

NAMESPACE = uuid.UUID("5b0c6c53-8a43-4c45-9d2b-6f3f6f0c2a11")


@dataclass(frozen=True)
class City:
    name: str
    state: str  # owner of the city's local services
    country2: str
    dial: str
    province: str
    languages: tuple[str, ...]


CITIES = [
    City("Istanbul", "TUR", "TR", "+90", "İstanbul", ("tr",)),
    City("Ankara", "TUR", "TR", "+90", "Ankara", ("tr",)),
    City("Antalya", "TUR", "TR", "+90", "Antalya", ("tr",)),
    City("Moscow", "RUS", "RU", "+7", "Moskva", ("ru",)),
    City("Almaty", "KAZ", "KZ", "+7", "Almaty", ("kk", "ru")),
    City("Bishkek", "KGZ", "KG", "+996", "Chüy", ("ky", "ru")),
    City("Osh", "KGZ", "KG", "+996", "Osh", ("ky", "uz", "ru")),
    City("Dushanbe", "TJK", "TJ", "+992", "Dushanbe", ("tg", "ru")),
    City("Tashkent", "UZB", "UZ", "+998", "Toshkent", ("uz", "ru")),
    City("Kabul", "AFG", "AF", "+93", "Kabul", ("prs", "ps")),
]

# (key, name, needs, extra languages, capacity (total, free, crisis) or None, fees, eligibility, hours)
KINDS: list[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[int, int, int] | None, str, str, str]] = [
    (
        "shelter",
        "Migrant shelter",
        ("shelter", "food"),
        ("en",),
        (40, 6, 15),
        "Free of charge",
        "Adults and families without a safe place to stay; women and children first.",
        "MO,TU,WE,TH,FR,SA,SU 00:00-23:59",
    ),
    (
        "women",
        "Women's safe house",
        ("shelter", "gbv", "psychosocial"),
        (),
        (12, 2, 4),
        "Free of charge",
        "Women and their children after violence or abuse; confidential address.",
        "MO,TU,WE,TH,FR,SA,SU 00:00-23:59",
    ),
    (
        "legal",
        "Legal aid clinic for migrants",
        ("legal-aid", "employment", "trafficking"),
        ("en",),
        None,
        "Free of charge",
        "Migrant workers and their families: stay, work permits, unpaid wages, deportation.",
        "MO,TU,WE,TH,FR 09:00-17:00",
    ),
    (
        "medical",
        "Community health centre",
        ("medical", "child-protection"),
        (),
        None,
        "Free first visit; medicines at cost",
        "Anyone, with or without documents.",
        "MO,TU,WE,TH,FR,SA 08:00-20:00",
    ),
    (
        "psycho",
        "Psychosocial support centre",
        ("psychosocial", "interpretation"),
        ("en",),
        None,
        "Free of charge",
        "Adults and children; sessions in person or by phone.",
        "MO,TU,WE,TH,FR 10:00-18:00",
    ),
    (
        "hotline",
        "Migrant hotline",
        ("hotline", "trafficking", "legal-aid"),
        ("en",),
        None,
        "Free call",
        "Anyone with a question about migration, work or safety.",
        "MO,TU,WE,TH,FR,SA,SU 08:00-22:00",
    ),
]

# Consulates abroad: (owner state, its name, city, languages)
CONSULATES = [
    ("UZB", "Uzbekistan", "Istanbul", ("uz", "ru")),
    ("KGZ", "Kyrgyzstan", "Istanbul", ("ky", "ru")),
    ("TJK", "Tajikistan", "Moscow", ("tg", "ru")),
    ("UZB", "Uzbekistan", "Moscow", ("uz", "ru")),
    ("KGZ", "Kyrgyzstan", "Moscow", ("ky", "ru")),
    ("AFG", "Afghanistan", "Ankara", ("prs", "ps")),
    ("TKM", "Turkmenistan", "Istanbul", ("tk", "ru")),
    ("AZE", "Azerbaijan", "Moscow", ("az", "ru")),
]


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def _phone(city: City, n: int) -> str:
    # "0" after the country code: never a subscriber number in these countries.
    return f"{city.dial} 000 {n // 100:03d} {n % 100:02d} {n % 97:02d}"


def _hours(spec: str, key: str) -> dict[str, Any]:
    days, times = spec.split(" ")
    opens, closes = times.split("-")
    return {"id": _id(key, "hours"), "freq": "WEEKLY", "byday": days, "opens_at": opens, "closes_at": closes}


def _entry(
    *,
    key: str,
    organization: str,
    name: str,
    city: City,
    needs: tuple[str, ...],
    languages: tuple[str, ...],
    capacity: tuple[int, int, int] | None,
    fees: str,
    eligibility: str,
    hours: str,
    number: int,
    verified_days_ago: int,
) -> dict[str, Any]:
    now = timezone.now()
    service: dict[str, Any] = {
        "id": _id(key, "service"),
        "organization_id": _id(key, "organization"),
        "organization": {
            "id": _id(key, "organization"),
            "name": organization,
            "description": "Synthetic demonstration organisation — not a real provider.",
        },
        "name": name,
        "description": f"{name} in {city.name}. Demonstration entry: not a real service.",
        "status": "active",
        "fees_description": fees,
        "eligibility_description": eligibility,
        "application_process": "Call first, or come during opening hours with any document you have.",
        "assured_date": (now - dt.timedelta(days=verified_days_ago)).date().isoformat(),
        "languages": [
            {"id": _id(key, "language", code), "code": code}
            for code in dict.fromkeys(city.languages + languages)
        ],
        "attributes": [
            {"id": _id(key, "need", need), "taxonomy_term_id": str(_need_id(need)), "link_entity": "service"}
            for need in needs
        ],
        "service_at_locations": [
            {
                "id": _id(key, "place"),
                "location": {
                    "id": _id(key, "location"),
                    "location_type": "physical",
                    "name": f"{name} ({city.name})",
                    "addresses": [
                        {
                            "id": _id(key, "address"),
                            "address_1": f"Demo street {number % 40 + 1}",
                            "city": city.name,
                            "state_province": city.province,
                            "postal_code": "",
                            "country": city.country2,
                            "address_type": "physical",
                        }
                    ],
                },
                "phones": [{"id": _id(key, "phone"), "number": _phone(city, number), "type": "voice"}],
                "schedules": [_hours(hours, key)],
            }
        ],
    }
    if capacity is not None:
        total, free, crisis = capacity
        updated = (now - dt.timedelta(hours=number % 30)).isoformat()
        service["capacities"] = [
            {
                "id": _id(key, "cap"),
                "unit": PLACE_UNIT,
                "available": free,
                "maximum": total,
                "updated": updated,
            },
            {"id": _id(key, "crisis"), "unit": CRISIS_UNIT, "available": crisis, "updated": updated},
        ]
    return service


def _need_id(code: str) -> uuid.UUID:
    # The seeded needs have fixed ids (migration 0002).
    return uuid.uuid5(uuid.NAMESPACE_URL, f"corridor:needs:{code}")


def demo_documents() -> dict[str, dict[str, Any]]:
    """One HSDS JSON document per owner state."""
    by_state: dict[str, list[dict[str, Any]]] = {}
    number = 100
    for c_index, city in enumerate(CITIES):
        for k_index, (kind, name, needs, langs, capacity, fees, who, hours) in enumerate(KINDS):
            number += 7
            key = f"{city.name}:{kind}"
            # Every city gets a shelter, legal aid and a hotline; the rest in turn.
            if kind not in {"shelter", "legal", "hotline"} and (c_index + k_index) % 2:
                continue
            entry = _entry(
                key=key,
                organization=f"{city.name} {name} (demo)",
                name=f"{name} (demo)",
                city=city,
                needs=needs,
                languages=langs,
                capacity=capacity,
                fees=fees,
                eligibility=who,
                hours=hours,
                number=number,
                # One entry in ten has not been re-verified for over a year: it stays out of search.
                verified_days_ago=400 if number % 10 == 3 else 5 + number % 150,
            )
            by_state.setdefault(city.state, []).append(entry)
    for state, country, city_name, languages in CONSULATES:
        city = next(c for c in CITIES if c.name == city_name)
        number += 7
        key = f"consulate:{state}:{city_name}"
        entry = _entry(
            key=key,
            organization=f"Consulate General of {country} in {city_name} (demo)",
            name=f"Consular help for citizens of {country} (demo)",
            city=city,
            needs=("consular", "return", "legal-aid"),
            languages=languages,
            capacity=None,
            fees="Consular fees apply for documents; advice is free",
            eligibility=f"Citizens of {country} and their family members.",
            hours="MO,TU,WE,TH,FR 09:00-13:00",
            number=number,
            verified_days_ago=3 + number % 60,
        )
        by_state.setdefault(state, []).append(entry)
    return {state: {"version": "3.1", "services": entries} for state, entries in by_state.items()}


def load_demo_services() -> dict[str, int]:
    """Load (or re-load, unchanged) the demonstration register; returns services per state."""
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("Demo data is refused outside demo mode.")
    loaded = {}
    for state, document in sorted(demo_documents().items()):
        data = json.dumps(document).encode("utf-8")
        report = services.register_load(state=state, data=data, fmt="json", name=f"demo-{state}.json")
        loaded[state] = report.counts.get("service", 0)
    return loaded
