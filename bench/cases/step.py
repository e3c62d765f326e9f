"""Benchmark: ``step`` with its history and audit rows on PostgreSQL (issue 11: p95 ≤ 20 ms).

    createdb -h 127.0.0.1 -U postgres xbench_step
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xbench_step CORRIDOR_DEMO=1 .venv/bin/corridor migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xbench_step CORRIDOR_DEMO=1 \\
        nice -n 15 .venv/bin/python -m bench.cases.step --licences 50000 --walks 300 --report r.json

Data shaped like a register in use: ``--licences`` agencies with their licence across the
eleven states (statuses mixed as in a live register), five history rows each
(``cases_casehistory``), four audit events each (``audit_auditevent``; the chain's tail is
where every append reads), and one open clock per licence (``cases_clock``).

Then a labour officer of Kyrgyzstan walks ``--walks`` fresh licences through their life,
one committed transaction per decision, exactly as the pages call it:

- ``licence``: the licence service (``licence_transition``: permission, ``step`` on the
  kernel table, the public decision row) — submit, start review, approve, suspend (with a
  reason), reinstate, mark renewal due, renew;
- ``licence+clocks``: the same table with the clocks a protection workflow names (a
  10-working-day review clock started on submit, stopped on approve; a 30-calendar-day
  renewal clock on renewal due, stopped on renew), so each such step also reads the time
  limit, the state's work week and holidays and writes the clock rows.

Reported: p50/p95/p99/max milliseconds per step (wall clock around the call, commit
included), per workflow and per action, and the rows written.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from corridor.access import roles  # noqa: E402
from corridor.access.actor import Actor, actor_for  # noqa: E402
from corridor.accounts.models import Membership, Organisation, OrganisationKind, User  # noqa: E402
from corridor.audit.models import AuditEvent  # noqa: E402
from corridor.cases.models import CaseHistory, Clock, TimeLimit  # noqa: E402
from corridor.cases.services import step  # noqa: E402
from corridor.cases.workflow import Transition, Workflow  # noqa: E402
from corridor.recruitment.models import Agency, Licence  # noqa: E402
from corridor.recruitment.services import agencies  # noqa: E402
from corridor.recruitment.services.agencies import LICENCE  # noqa: E402

STATES = ["AFG", "AZE", "KAZ", "KGZ", "TJK", "TUR", "TKM", "IRN", "PAK", "UZB", "RUS"]
WALK = [
    ("submit", ""),
    ("start_review", ""),
    ("approve", ""),
    ("suspend", "Recruitment fees charged to workers (inspection 2026/114)."),
    ("reinstate", ""),
    ("mark_renewal_due", ""),
    ("renew", ""),
]
REVIEW, RENEWAL = "bench.licence_review", "bench.licence_renewal"


def _with_clocks() -> Workflow:
    """The licence table with the clocks a protection workflow would name."""
    rows = []
    for t in LICENCE.transitions:
        start: tuple[str, ...] = ()
        stop: tuple[str, ...] = ()
        if t.action == "submit":
            start = (REVIEW,)
        elif t.action == "approve":
            stop = (REVIEW,)
        elif t.action == "mark_renewal_due":
            start = (RENEWAL,)
        elif t.action in ("renew", "expire", "cancel", "revoke", "ban"):
            stop = ("*",)
        rows.append(
            Transition(
                t.action,
                t.sources,
                t.target,
                permission=t.permission,
                label=t.label,
                verb=t.verb,
                needs_note=t.needs_note,
                start_clocks=start,
                stop_clocks=stop,
            )
        )
    return Workflow(name="licence", transitions=tuple(rows), note_field="reason")


def _seed(licences: int) -> None:
    """Set-based seed: agencies, licences, history, audit tail, clocks (bench data only)."""
    first = timezone.localdate().replace(month=1, day=1)
    for code, amount, unit in ((REVIEW, 10, "working_days"), (RENEWAL, 30, "calendar_days")):
        TimeLimit.objects.get_or_create(
            code=code,
            state=None,
            effective_from=first,
            defaults={"amount": amount, "unit": unit, "legal_source": "bench", "breach_action": "notify"},
        )
    licence_type = ContentType.objects.get_for_model(Licence).pk
    review = TimeLimit.objects.get(code=REVIEW, state=None).pk
    params = {
        "states": STATES,
        "n": len(STATES),
        "rows": licences,
        "statuses": ["active"] * 6 + ["suspended", "renewal_due", "revoked", "under_review"],
        "ct": licence_type,
        "limit": review,
    }
    statements = [
        # Agencies and their licences.
        # public_code: unique placeholders (bench data; real codes carry a check character).
        """INSERT INTO recruitment_agency (created_at, updated_at, uuid, state_id, name, licence_number,
               address, branches, public_code)
           SELECT now(), now(), gen_random_uuid(), (%(states)s::text[])[1 + g %% %(n)s],
                  'Bench agency ' || g, 'BENCH-' || g, 'Street ' || g, '', 'BENCH' || g
           FROM generate_series(1, %(rows)s) g""",
        """INSERT INTO recruitment_licence (created_at, updated_at, uuid, state_id, agency_id, status,
               valid_from, valid_to, status_reason)
           SELECT now(), now(), gen_random_uuid(), a.state_id, a.id,
                  (%(statuses)s::text[])[1 + a.id %% 10], current_date - 400, current_date + 1400, ''
           FROM recruitment_agency a WHERE a.licence_number LIKE 'BENCH-%%'""",
        # Five history rows per licence, as its walk to today left them.
        """INSERT INTO cases_casehistory (created_at, updated_at, uuid, state_id, workflow, content_type_id,
               object_uuid, action, from_status, to_status, actor_username, note, public, occurred_at)
           SELECT now(), now(), gen_random_uuid(), l.state_id, 'licence', %(ct)s, l.uuid,
                  'step' || k, 'from', 'to', 'officer', '', true, now() - (k || ' days')::interval
           FROM recruitment_licence l CROSS JOIN generate_series(1, 5) k""",
        # One running clock per licence.
        """INSERT INTO cases_clock (created_at, updated_at, uuid, state_id, content_type_id, object_uuid,
               time_limit_id, name, started_at, due_at, deadline_at, extensions)
           SELECT now(), now(), gen_random_uuid(), l.state_id, %(ct)s, l.uuid, %(limit)s,
                  'bench.licence_review', now(), now() + interval '14 days', now() + interval '14 days', 0
           FROM recruitment_licence l""",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, params)
        # Four audit events per licence before the walk: the chain's tail is what every step
        # reads. Hashes are unique placeholders (bench data; the chain is not verified here).
        cursor.execute("SELECT coalesce(max(seq), 0) FROM audit_auditevent")
        (top,) = cursor.fetchone()
        cursor.execute(
            """INSERT INTO audit_auditevent (seq, uuid, occurred_at, actor_username, actor_state, action,
                   target_type, target_uuid, target_state, purpose, request_id, data, prev_hash, hash)
               SELECT %(top)s + g, gen_random_uuid(), now() - interval '1 day', 'officer', 'KGZ',
                      'licence.approved', 'recruitment.licence', gen_random_uuid(), 'KGZ', '', '',
                      '{}'::jsonb, md5('p' || g) || md5('q' || g), md5('h' || g) || md5('i' || g)
               FROM generate_series(1, %(events)s) g""",
            {"top": top, "events": licences * 4},
        )
    with connection.cursor() as cursor:
        for table in ("recruitment_agency", "recruitment_licence", "cases_casehistory", "cases_clock"):
            cursor.execute(f"ANALYZE {table}")
        cursor.execute("ANALYZE audit_auditevent")


def _officer() -> Actor:
    org, _ = Organisation.objects.get_or_create(
        name="Bench labour ministry", kind=OrganisationKind.LABOUR_MINISTRY, state_id="KGZ"
    )
    user, _ = User.objects.get_or_create(username="bench-labour-kgz")
    Membership.objects.get_or_create(user=user, organisation=org, defaults={"roles": [roles.LABOUR_OFFICER]})
    return actor_for(user)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "steps": len(values),
        "p50_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(_percentile(values, 0.95) * 1000, 2),
        "p99_ms": round(_percentile(values, 0.99) * 1000, 2),
        "max_ms": round(max(values) * 1000, 2),
    }


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process; the database server runs on this machine."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def _walk(actor: Actor, walks: int, *, clocks: bool) -> tuple[dict[str, list[float]], list[float]]:
    """Wall seconds per action, and CPU seconds per step (this process + its database backend)."""
    workflow = _with_clocks()
    timings: dict[str, list[float]] = defaultdict(list)
    cpu: list[float] = []
    backend = _backend_pid()
    tag = "C" if clocks else "L"
    for n in range(walks):
        agency = agencies.agency_create(
            actor=actor, name=f"Walk agency {tag}{n}", licence_number=f"WALK-{tag}-{n}-{time.time_ns()}"
        )
        licence = Licence.objects.for_state("KGZ").get(agency=agency)
        for action, reason in WALK:
            cpu_before = time.process_time() + _cpu_seconds(backend)
            started = time.perf_counter()
            if clocks:
                licence = step(
                    workflow=workflow,
                    record=licence,
                    action=action,
                    actor=actor,
                    note=reason,
                    changes={"status_reason": reason},
                    public=True,
                    audit_data={"agency": str(agency.uuid)},
                )
            else:
                licence = agencies.licence_transition(
                    actor=actor, agency=agency, action=action, reason=reason
                )
            timings[action].append(time.perf_counter() - started)
            cpu.append(time.process_time() + _cpu_seconds(backend) - cpu_before)
    return timings, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--licences", type=int, default=50_000, help="licences already in the register")
    parser.add_argument("--walks", type=int, default=300, help="licences walked per workflow (7 steps each)")
    parser.add_argument("--report", default="")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL")
    started = time.perf_counter()
    if not Agency.objects.unscoped().filter(licence_number__startswith="BENCH-").exists():
        _seed(args.licences)
    seeded = time.perf_counter() - started
    actor = _officer()
    _walk(actor, 5, clocks=False)  # warm-up: imports, caches, the connection
    _walk(actor, 5, clocks=True)
    result: dict[str, Any] = {
        "seed_seconds": round(seeded, 1),
        "licences": Licence.objects.unscoped().count(),
        "history_rows": CaseHistory.objects.unscoped().count(),
        "audit_events": AuditEvent.objects.count(),
        "clocks": Clock.objects.unscoped().count(),
    }
    result["load_average_at_start"] = os.getloadavg()
    for name, clocks in (("licence", False), ("licence+clocks", True)):
        timings, cpu = _walk(actor, args.walks, clocks=clocks)
        every = [t for values in timings.values() for t in values]
        result[name] = {
            "all": _summary(every),
            # Load-independent: CPU per step in Python and in PostgreSQL (10 ms clock ticks).
            "cpu_per_step": {"mean_ms": round(1000 * statistics.mean(cpu), 2), **_summary(cpu)},
            **{a: _summary(v) for a, v in timings.items()},
        }
    result["load_average_at_end"] = os.getloadavg()
    result["cpu_count"] = os.cpu_count()
    print(json.dumps(result, indent=2))
    if args.report:
        with open(args.report, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)


if __name__ == "__main__":
    main()
