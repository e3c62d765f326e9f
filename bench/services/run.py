"""Find-help search over a large service register on PostgreSQL (issue 13: p95 ≤ 100 ms).

    createdb -h 127.0.0.1 -U postgres bench_services
    export CORRIDOR_DEMO=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_services
    nice -n 10 .venv/bin/python manage.py migrate
    nice -n 10 .venv/bin/python -m bench.services.run seed --services 50000 --seed 7
    nice -n 10 .venv/bin/python -m bench.services.run search --queries 600 --seed 11 \
        --report bench/services/results/search.json
    dropdb -h 127.0.0.1 -U postgres bench_services

``search`` times, in process, what one find-help result page costs the database and Python:
the selector ``find_help(HelpSearch(city, need, language))`` counted and its first page of 20
materialised with everything a result card shows (phones, hours, languages, needs, costs);
and the same through the API (``GET /api/v1/services/service_at_locations/?…``, Django's test
client, so serialisation is included but no network). Percentiles are nearest-rank.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from corridor.services import selectors  # noqa: E402
from corridor.services.models import (  # noqa: E402
    Location,
    Need,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceStatus,
)

# Cities with a heavy skew (big destinations hold most services), owner state, languages spoken there.
CITIES: list[tuple[str, str, int, tuple[str, ...]]] = [
    ("Istanbul", "TUR", 60, ("tr", "ru", "en", "uz", "ky")),
    ("Moscow", "RUS", 60, ("ru", "uz", "tg", "ky")),
    ("Saint Petersburg", "RUS", 25, ("ru", "uz", "tg")),
    ("Ankara", "TUR", 20, ("tr", "ru", "prs")),
    ("Antalya", "TUR", 12, ("tr", "ru")),
    ("Almaty", "KAZ", 18, ("kk", "ru")),
    ("Astana", "KAZ", 10, ("kk", "ru")),
    ("Bishkek", "KGZ", 12, ("ky", "ru")),
    ("Osh", "KGZ", 6, ("ky", "uz", "ru")),
    ("Dushanbe", "TJK", 8, ("tg", "ru")),
    ("Tashkent", "UZB", 14, ("uz", "ru")),
    ("Samarkand", "UZB", 4, ("uz", "tg")),
    ("Kabul", "AFG", 6, ("prs", "ps")),
    ("Herat", "AFG", 2, ("prs",)),
    ("Baku", "AZE", 6, ("az", "ru")),
    ("Ashgabat", "TKM", 2, ("tk", "ru")),
]
# 40 small towns with a handful of services each: the long tail.
TOWNS = [(f"Town {n}", CITIES[n % len(CITIES)][1], 1, CITIES[n % len(CITIES)][3]) for n in range(40)]
NEEDS = [
    "shelter",
    "legal-aid",
    "medical",
    "psychosocial",
    "hotline",
    "consular",
    "food",
    "interpretation",
    "child-protection",
    "gbv",
    "trafficking",
    "return",
    "employment",
]
KINDS = ["Shelter", "Clinic", "Help desk", "Centre", "Hotline"]
NEED_WEIGHTS = [14, 14, 12, 8, 6, 4, 10, 6, 4, 3, 3, 2, 8]


def seed(count: int, rng: random.Random) -> dict[str, Any]:
    started = time.perf_counter()
    places = CITIES + TOWNS
    weights = [w for _, _, w, _ in places]
    needs = {n.code: n.pk for n in Need.objects.all()}
    now = timezone.now()
    tag = uuid.uuid4().hex[:6]
    made = {"services": 0, "places": 0}
    batch = 2_000
    for start in range(0, count, batch):
        with transaction.atomic():
            size = min(batch, count - start)
            chosen = rng.choices(places, weights=weights, k=size)
            orgs = Organization.objects.bulk_create(
                Organization(state_id=state, name=f"Bench org {tag}-{start + i}", description="bench")
                for i, (_c, state, _w, _l) in enumerate(chosen)
            )
            rows = []
            for i, org in enumerate(orgs):
                roll = rng.random()
                status = ServiceStatus.INACTIVE if roll < 0.05 else ServiceStatus.ACTIVE
                # 10 % never verified or aged out; the rest verified within the year.
                verified = None if rng.random() < 0.06 else now - dt.timedelta(days=rng.randint(0, 500))
                rows.append(
                    Service(
                        state_id=org.state_id,
                        organization=org,
                        name=f"{rng.choice(KINDS)} {start + i}",
                        status=status,
                        verified_at=verified,
                        capacity_available=rng.choice([None, 0, 3, 10]),
                    )
                )
            services = Service.objects.bulk_create(rows)
            locations, links, spoken = [], [], []
            for (city, state, _w, langs), service in zip(chosen, services, strict=True):
                for _ in range(1 if rng.random() < 0.8 else 2):
                    locations.append(
                        (
                            service,
                            Location(
                                state_id=state,
                                organization=service.organization,
                                city=city,
                                address_1=f"Bench street {rng.randint(1, 300)}",
                            ),
                        )
                    )
                for code in rng.sample(NEEDS, k=rng.choice([1, 1, 2, 3])):
                    links.append(Service.needs.through(service_id=service.pk, need_id=needs[code]))
                for code in set(rng.sample(langs, k=min(len(langs), rng.choice([1, 2, 2, 3])))):
                    spoken.append(ServiceLanguage(state_id=state, service=service, language_id=code))
            Location.objects.bulk_create([loc for _, loc in locations])
            sal = ServiceAtLocation.objects.bulk_create(
                ServiceAtLocation(state_id=s.state_id, service=s, location=loc) for s, loc in locations
            )
            Phone.objects.bulk_create(
                Phone(state_id=p.state_id, service_at_location=p, number=f"+90 000 {p.pk:07d}") for p in sal
            )
            Schedule.objects.bulk_create(
                Schedule(
                    state_id=p.state_id,
                    service_at_location=p,
                    freq="WEEKLY",
                    byday="MO,TU,WE,TH,FR",
                    opens_at=dt.time(9),
                    closes_at=dt.time(18),
                )
                for p in sal
            )
            Service.needs.through.objects.bulk_create(links)
            ServiceLanguage.objects.bulk_create(spoken)
            made["services"] += len(services)
            made["places"] += len(sal)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    made["seconds"] = round(time.perf_counter() - started, 1)
    return made


def queries(n: int, rng: random.Random) -> list[dict[str, str]]:
    """A mix shaped like real use: mostly a big city and a need; some add a language (often a
    rare one, giving few or no results); some only a need or only a language; small towns."""
    kinds = [
        "city",
        "city+need",
        "city+need",
        "city+need+language",
        "city+need+language",
        "need",
        "language",
        "city+language",
        "need+language",
    ]
    places = CITIES + TOWNS
    out = []
    for _ in range(n):
        city, _state, _weight, langs = rng.choices(places, weights=[p[2] for p in places], k=1)[0]
        kind = rng.choice(kinds)
        q: dict[str, str] = {"kind": kind}
        if "city" in kind:
            q["city"] = city.lower() if rng.random() < 0.3 else city
        if "need" in kind:
            q["need"] = rng.choices(NEEDS, weights=NEED_WEIGHTS, k=1)[0]
        if "language" in kind:
            q["language"] = rng.choice(langs) if rng.random() < 0.7 else rng.choice(["ps", "tk", "az", "en"])
        out.append(q)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))], 1)


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": pct(values, 50),
        "p95": pct(values, 95),
        "p99": pct(values, 99),
        "mean": round(statistics.fmean(values), 1),
        "max": round(max(values), 1),
    }


def search(n: int, rng: random.Random) -> dict[str, Any]:
    mix = queries(n, rng)
    selector_ms: list[float] = []
    api_ms: list[float] = []
    found: list[int] = []
    client = Client()
    # warm-up (not counted)
    for q in mix[:20]:
        search_once({k: v for k, v in q.items() if k != "kind"})
    for q in mix:
        params = {k: v for k, v in q.items() if k != "kind"}
        t0 = time.perf_counter()
        total = search_once(params)
        selector_ms.append((time.perf_counter() - t0) * 1000)
        found.append(total)
        t0 = time.perf_counter()
        response = client.get("/api/v1/services/service_at_locations/", params)
        api_ms.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.content[:200]
    return {
        "register": {
            "services": Service.objects.unscoped().count(),
            "services_in_search": selectors.public_services().count(),
            "places": ServiceAtLocation.objects.unscoped().count(),
        },
        "queries": n,
        "results_per_query": summary([float(f) for f in found]),
        "empty_results": sum(1 for f in found if f == 0),
        "selector_page_ms": summary(selector_ms),
        "api_page_ms": summary(api_ms),
        "settings": {"SERVICES_VERIFICATION_DAYS": 365},
    }


def search_once(params: dict[str, str]) -> int:
    rows = selectors.find_help(selectors.HelpSearch(**params))
    page = list(rows[:20])
    for place in page:  # what a result card reads
        list(place.phones.all()), list(place.schedules.all()), list(place.service.languages.all())
        list(place.service.needs.all())
    return rows.count()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--services", type=int, default=50_000)
    s.add_argument("--seed", type=int, default=7)
    q = sub.add_parser("search")
    q.add_argument("--queries", type=int, default=600)
    q.add_argument("--seed", type=int, default=11)
    q.add_argument("--report")
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        print("Run against PostgreSQL (DATABASE_URL).", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    result = seed(args.services, rng) if args.command == "seed" else search(args.queries, rng)
    text = json.dumps(result, indent=2)
    print(text)
    if getattr(args, "report", None):
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
