"""Benchmark: readmission case search at 100,000 cases on PostgreSQL (issue 12: p95 ≤ 150 ms).

    createdb -h 127.0.0.1 -U postgres readmission_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/readmission_bench CORRIDOR_DEMO=1 \\
        .venv/bin/corridor migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/readmission_bench CORRIDOR_DEMO=1 \\
        nice -n 10 .venv/bin/python -m bench.readmission.search seed --cases 100000
    DATABASE_URL=postgres://readmission_bench_app@127.0.0.1:5432/readmission_bench CORRIDOR_DEMO=1 \\
        nice -n 10 .venv/bin/python -m bench.readmission.search measure --repeat 200 --report r.json

``seed`` (as the owner) inserts the cases set-based: half are Türkiye's requests, three in
five of those also exist as Kyrgyzstan's copy (same reference), the rest belong to other
pairs of states (a reference drawn twice keeps its first row); 60 family names, 22
statuses, a blind index on every document number. It creates a Turkish migration officer
and the application role (no owner, no BYPASSRLS).
``measure`` (as the application role, so row-level security binds) runs what the list
page and the API run for that officer — ``selectors.case_list`` with the first page of 25,
its count and the audit write, inside one transaction with ``app.state`` set — for five
kinds of search, ``--repeat`` times each with varied values; it reports p50/p95/max per kind.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from corridor.access.db import set_db_state  # noqa: E402
from corridor.crypto import services as crypto  # noqa: E402
from corridor.readmission import selectors  # noqa: E402
from corridor.readmission.models import Agreement, Status  # noqa: E402

FAMILIES = [
    "Asanov", "Toktogulov", "Abdyldaev", "Zheenbekov", "Sadyrova", "Karimov", "Yusupova", "Rakhimov",
    "Ergashev", "Rahmonov", "Saidova", "Nazarov", "Sharipov", "Berdiyev", "Orazov", "Ahmadi", "Rahimi",
    "Noori", "Hakimi", "Nurlanov", "Abenova", "Omarov", "Aliyev", "Huseynov", "Hasanov", "Mamatov",
    "Osmonov", "Kadyrov", "Isakov", "Mambetov", "Bekov", "Sultanov", "Jumabaev", "Tursunov", "Usenov",
    "Alymbekov", "Dzhaparov", "Kasymov", "Moldobaev", "Ismailov", "Sydykov", "Turgunbaev", "Abdullaev",
    "Atambaev", "Bakiev", "Kulov", "Otunbaeva", "Japarov", "Tashiev", "Babanov", "Satybaldiev",
    "Akaev", "Madumarov", "Tekebaev", "Beknazarov", "Sariev", "Omurbekov", "Asylbekov", "Baisalov",
    "Chotonov",
]  # fmt: skip
GIVEN = ["Aibek", "Nurlan", "Aizada", "Bermet", "Talant", "Jasur", "Dilnoza", "Sardor", "Madina", "Firuz"]
PAIRS = [("KAZ", "UZB"), ("RUS", "TJK"), ("AZE", "TUR"), ("KAZ", "KGZ")]
ROLE = "readmission_bench_app"


def _document_number(g: int) -> str:
    return f"AC{g:07d}"


def seed(cases: int) -> dict[str, object]:
    agreement = Agreement.objects.get(code="tur-kgz")
    started = time.perf_counter()
    statuses = list(Status.values)
    tur = cases // 2
    kgz_copies = tur * 3 // 5
    other = cases - tur - kgz_copies
    insert = """
        INSERT INTO readmission_readmissioncase (created_at, updated_at, uuid, state_id, reference, side,
            agreement_id, requesting_state_id, requested_state_id, category, accelerated, status,
            family_name, search_name, given_name, name_original, name_cyrillic, birth_date, sex,
            document_number_ciphertext, document_number_index, screen_ciphertext, held_from,
            refusal_reason, crossing_point, flight, travel_document_number)
        SELECT now() - (g || ' minutes')::interval, now(), gen_random_uuid(), %(owner)s,
            %(prefix)s || translate(upper(substr(md5(%(salt)s || g::text), 1, 8)), '01', '23'),
            %(side)s, %(agreement)s, %(requesting)s, %(requested)s, 'own_national', false,
            (%(statuses)s::text[])[1 + g %% %(n_statuses)s],
            (%(families)s::text[])[1 + g %% %(n_families)s],
            upper((%(families)s::text[])[1 + g %% %(n_families)s]), (%(given)s::text[])[1 + g %% %(n_given)s],
            '', '', date '1970-01-01' + (g %% 15000), 'M', '', md5('doc' || g::text), '', '', '', '', '', ''
        FROM generate_series(%(start)s, %(stop)s) AS g
        ON CONFLICT DO NOTHING
    """
    base = {
        "agreement": agreement.pk, "statuses": statuses, "n_statuses": len(statuses),
        "families": FAMILIES, "n_families": len(FAMILIES), "given": GIVEN, "n_given": len(GIVEN),
    }  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM readmission_readmissioncase")
        runs = [
            {"owner": "TUR", "prefix": "TUR-RA-", "salt": "t", "side": "requesting", "requesting": "TUR",
             "requested": "KGZ", "start": 1, "stop": tur},
            {"owner": "KGZ", "prefix": "TUR-RA-", "salt": "t", "side": "requested", "requesting": "TUR",
             "requested": "KGZ", "start": 1, "stop": kgz_copies},
        ]  # fmt: skip
        per_pair = other // len(PAIRS)
        for index, (requesting, requested) in enumerate(PAIRS):
            runs.append(
                {"owner": requesting, "prefix": f"{requesting}-RA-", "salt": f"o{index}",
                 "side": "requesting", "requesting": requesting, "requested": requested,
                 "start": 1, "stop": per_pair}
            )  # fmt: skip
        for run in runs:
            cursor.execute(insert, {**base, **run})
    # The blind index of Türkiye's document numbers, as the application computes it (HMAC under
    # the state's key): the first 2,000 rows get real ones so that a number search finds them.
    with transaction.atomic(), connection.cursor() as cursor:
        set_db_state("TUR")
        rows = [
            (crypto.blind_index(state="TUR", field="document_number", value=_document_number(g)), f"t{g}")
            for g in range(1, 2001)
        ]
        cursor.executemany(
            "UPDATE readmission_readmissioncase SET document_number_index = %s WHERE state_id = 'TUR' "
            "AND reference = 'TUR-RA-' || translate(upper(substr(md5(%s), 1, 8)), '01', '23')",
            rows,
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE readmission_readmissioncase")
        cursor.execute("SELECT count(*) FROM readmission_readmissioncase")
        total = cursor.fetchone()[0]
    from conftest import make_user
    from corridor.access import roles
    from corridor.accounts.models import User

    if not User.objects.filter(username="bench.tur.readmission").exists():
        make_user("TUR", roles.MIGRATION_OFFICER, username="bench.tur.readmission")
    call_command("db_app_role", role=ROLE, create=True)
    return {
        "cases": total,
        "tur_copies": tur,
        "kgz_copies": kgz_copies,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _references(limit: int) -> list[str]:
    with transaction.atomic():
        set_db_state("TUR")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reference FROM readmission_readmissioncase WHERE state_id = 'TUR' "
                "ORDER BY random() LIMIT %s",
                [limit],
            )
            return [row[0] for row in cursor.fetchall()]


def _one(actor: object, q: str, status: str) -> float:
    started = time.perf_counter()
    with transaction.atomic():
        set_db_state("TUR")
        rows = selectors.case_list(actor=actor, q=q, status=status)  # type: ignore[arg-type]
        page = Paginator(rows, 25).get_page(1)
        shown = list(page.object_list)
        page.paginator.count  # noqa: B018 - the page shows the total
        selectors.case_list_audit(actor=actor, shown=shown, query=q)  # type: ignore[arg-type]
    return (time.perf_counter() - started) * 1000


def measure(repeat: int) -> dict[str, object]:
    from corridor.access.actor import actor_for
    from corridor.accounts.models import User

    actor = actor_for(User.objects.get(username="bench.tur.readmission"))
    rng = random.Random(7)
    references = _references(repeat)
    kinds = {
        "reference": lambda i: (references[i % len(references)].lower().replace("-", " "), ""),
        "family_prefix": lambda i: (rng.choice(FAMILIES)[: rng.randint(3, 6)], ""),
        "document_number": lambda i: (_document_number(rng.randint(1, 2000)), ""),
        "status": lambda i: ("", rng.choice(list(Status.values))),
        "newest": lambda i: ("", ""),
    }
    result: dict[str, object] = {}
    for name, make in kinds.items():
        for i in range(10):  # warm-up, not counted
            _one(actor, *make(i))
        times = sorted(_one(actor, *make(i)) for i in range(repeat))
        result[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
            "max_ms": round(times[-1], 1),
            "n": len(times),
        }
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, count(*) FROM readmission_readmissioncase")
        user, visible_without_state = cursor.fetchone()
    result["connected_as"] = user
    result["rows_visible_without_app_state"] = visible_without_state
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("phase", choices=["seed", "measure"])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--report", default="")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL")
    out = seed(args.cases) if args.phase == "seed" else measure(args.repeat)
    print(json.dumps(out, indent=2))
    if args.report:
        with open(args.report, "w", encoding="utf-8") as handle:
            json.dump(out, handle, indent=2)


if __name__ == "__main__":
    main()
