"""Demo registrations: synthetic citizens of member states registered by their consulates.

Idempotent: each demo person has a fixed synthetic passport number, found again through
its blind index, so a second run creates nothing. Everything goes through the services,
so rows are encrypted and audited like real ones. Called by ``corridor demo`` after the
portal's demo users exist (it needs ``<state>.consular_officer``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from corridor.access.actor import actor_for
from corridor.accounts.models import User
from corridor.crypto import services as crypto
from corridor.registration.choices import ConsentPurpose
from corridor.registration.domain import RegistrationInput
from corridor.registration.models import Registration
from corridor.registration.services import records

# state → (destination, city, [(family in national script, given, passport family, passport given, sex)])
PEOPLE = {
    "KGZ": (
        "TUR",
        "Istanbul",
        [
            ("Асанов", "Нурлан", "ASANOV", "NURLAN", "M"),
            ("Садырова", "Айзада", "SADYROVA", "AIZADA", "F"),
            ("Абдылдаев", "Талант", "ABDYLDAEV", "TALANT", "M"),
            ("Жээнбекова", "Бермет", "ZHEENBEKOVA", "BERMET", "F"),
            ("Токтогулов", "Эрлан", "TOKTOGULOV", "ERLAN", "M"),
            ("Маматова", "Гулзат", "MAMATOVA", "GULZAT", "F"),
            # Six more, so that the aggregates Türkiye sees under KGZ-AP-2026-STAT (minimum
            # cell size 5) have some cells at or above 5 (sex, purpose).
            ("Исаков", "Бакыт", "ISAKOV", "BAKYT", "M"),
            ("Осмонова", "Чолпон", "OSMONOVA", "CHOLPON", "F"),
            ("Кадыров", "Азамат", "KADYROV", "AZAMAT", "M"),
            ("Бекова", "Айпери", "BEKOVA", "AIPERI", "F"),
            ("Сейитов", "Максат", "SEIITOV", "MAKSAT", "M"),
            ("Турдуева", "Назира", "TURDUEVA", "NAZIRA", "F"),
        ],
    ),
    "TJK": (
        "RUS",
        "Moscow",
        [
            ("Раҳмонов", "Фируз", "RAHMONOV", "FIRUZ", "M"),
            ("Саидова", "Манижа", "SAIDOVA", "MANIZHA", "F"),
            ("Назаров", "Рустам", "NAZAROV", "RUSTAM", "M"),
            ("Каримзода", "Зарина", "KARIMZODA", "ZARINA", "F"),
            ("Шарипов", "Давлат", "SHARIPOV", "DAVLAT", "M"),
        ],
    ),
    "TKM": (
        "TUR",
        "Istanbul",
        [
            ("Berdiýew", "Merdan", "BERDIYEV", "MERDAN", "M"),
            ("Annaýewa", "Ogulgerek", "ANNAYEVA", "OGULGEREK", "F"),
            ("Orazow", "Serdar", "ORAZOV", "SERDAR", "M"),
            ("Gurbanowa", "Aýna", "GURBANOVA", "AYNA", "F"),
        ],
    ),
    "AFG": (
        "IRN",
        "Tehran",
        [
            ("احمدی", "فرید", "AHMADI", "FARID", "M"),
            ("رحیمی", "زهرا", "RAHIMI", "ZAHRA", "F"),
            ("نوری", "محمود", "NOORI", "MAHMUD", "M"),
        ],
    ),
    "KAZ": (
        "RUS",
        "Kazan",
        [("Нурланов", "Ерлан", "NURLANOV", "YERLAN", "M"), ("Абенова", "Айгерим", "ABENOVA", "AIGERIM", "F")],
    ),
}
# The first six are the original demo people of every state; the later ones are KGZ only.
PURPOSES = [
    "work",
    "work",
    "study",
    "work",
    "family",
    "work",
    "study",
    "family",
    "work",
    "study",
    "family",
    "work",
]
OCCUPATIONS = ["711", "512", None, "931", None, "962"]


def _data(
    state: str, index: int, entry: tuple[str, str, str, str, str], destination: str, city: str
) -> RegistrationInput:
    family, given, passport_family, passport_given, sex = entry
    departure = dt.date(2026, 1 + index % 10, 5 + index)
    purpose = PURPOSES[index % len(PURPOSES)]
    return RegistrationInput(
        family_name=family,
        given_name=given,
        passport_family_name=passport_family,
        passport_given_name=passport_given,
        passport_number=f"{state[:2]}D{index:02d}{sum(map(ord, state)) % 1000:03d}",
        birth_date=dt.date(1980 + (index * 7) % 22, 1 + index % 12, 1 + (index * 5) % 27),
        sex=sex,
        email=f"{passport_given.lower()}.{state.lower()}{index}@example.invalid",
        phone=f"+90 555 000 {index:04d}",
        address_home=f"Synthetic address {index}, {state}",
        address_abroad=f"Synthetic address abroad {index}, {city}",
        emergency_contact=f"Synthetic relative {index}, +000 {index:06d}",
        destination_country=destination,
        destination_city=city,
        purpose=purpose,
        employer_name=f"Synthetic employer {index}" if purpose == "work" else "",
        occupation=OCCUPATIONS[index % len(OCCUPATIONS)] if purpose == "work" else None,
        planned_departure=departure,
        planned_return=departure + dt.timedelta(days=365),
    )


@transaction.atomic
def load_demo_registrations() -> int:
    """Create the demo registrations that are missing; return how many were created."""
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("Demo registrations are refused outside demo mode.")
    created = 0
    for state, (destination, city, people) in PEOPLE.items():
        officer = User.objects.filter(username=f"{state.lower()}.consular_officer").first()
        if officer is None:
            continue  # the portal demo has not run yet
        actor = actor_for(officer)
        for index, entry in enumerate(people):
            data = _data(state, index, entry, destination, city)
            key = crypto.blind_index(state=state, field="passport_number", value=data.passport_number)
            if Registration.objects.for_state(state).filter(passport_number_index=key).exists():
                continue
            consents = [ConsentPurpose.CONSULAR_CONTACT, ConsentPurpose.STATISTICS]
            if index % 3 == 0:
                consents.append(ConsentPurpose.SHARE_DESTINATION)
            records.registration_create(
                actor=actor, data=data, consent_purposes=consents, allow_duplicate=True
            )
            created += 1
    return created
