"""Statistics benchmark: validate + load one big submission, and the public top-N query.

    nice -n 15 .venv/bin/python -m bench.statistics.run upload --rows 1000000 --seed 7
    nice -n 15 .venv/bin/python -m bench.statistics.run topn --obs 10000000 --runs 200

Run against a throw-away database (``DATABASE_URL``): both commands write to the
Observation table. Prints a JSON report; ``--report`` also writes it to a file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.statistics.generate import TOPN_SQL, upload_csv  # noqa: E402
from corridor.access import roles  # noqa: E402
from corridor.access.actor import actor_for  # noqa: E402
from corridor.reference.models import Country  # noqa: E402
from corridor.statistics import parsing, selectors, services  # noqa: E402
from corridor.statistics.models import Observation, Submission, SubmissionStatus  # noqa: E402
from corridor.statistics.services import dataflow_get  # noqa: E402
from corridor.statistics.structure import flow_structure  # noqa: E402

DATA = Path(__file__).parent / "data"
SPECIAL = {"_T", "_U", "_O", "_Z"}


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "database": f"{connection.vendor} {version}".split(" on ")[0],
    }


def _timed(timings: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            timings[name] = round(time.perf_counter() - start, 2)

    return wrapper


def _citizenships(limit: int) -> list[str]:
    return list(Country.objects.order_by("iso3").values_list("iso3", flat=True)[:limit])


def _make_user(state: str, role: str) -> Any:
    """A statistician of a fresh organisation (the same shape as the tests' ``make_user``)."""
    from corridor.accounts.models import Membership, Organisation, OrganisationKind, User

    tag = f"bench-{time.time_ns()}"
    organisation = Organisation.objects.create(
        name=tag, kind=OrganisationKind.MIGRATION_SERVICE, state_id=state
    )
    user = User.objects.create_user(username=tag, password=None)
    Membership.objects.create(user=user, organisation=organisation, roles=[role])
    return user


def as_app_role(role: str, state: str = "") -> dict[str, Any]:
    """Switch this connection to the application's role (no superuser, no BYPASSRLS), so
    row-level security applies as in production; ``app.state`` is set for the session."""
    from corridor.access.management.commands.db_app_role import ensure_app_role

    ensure_app_role(role, create=True)
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {connection.ops.quote_name(role)}")
        cursor.execute("SELECT set_config('app.state', %s, false)", [state])
        cursor.execute(
            "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
        )
        user, superuser, bypass = cursor.fetchone()
    return {"role": user, "superuser": superuser, "bypassrls": bypass}


def session_state(state: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('app.state', %s, false)", [state])


def _file(flow_id: str, provider: str, rows: int, seed: int, citizenships: int) -> tuple[Path, int]:
    structure = flow_structure(dataflow_get(flow_id).pk)
    path = DATA / f"{flow_id}_{provider}_{rows}_{seed}_{citizenships}.csv"
    DATA.mkdir(exist_ok=True)
    content, written = upload_csv(
        flow_id=flow_id,
        dimensions=structure.dimensions,
        provider=provider,
        citizenships=_citizenships(citizenships),
        rows=rows,
        seed=seed,
    )
    path.write_bytes(content)
    return path, written


def _baseline(submission: Submission, method: str, offset: int) -> float:
    """The same observations, written by a plain bulk insert under a second submission."""
    rows = list(
        Observation.objects.filter(submission=submission).values_list(
            "dataflow_id", "state_id", "time_period", "key", "citizenship", "rest_key", "value"
        )
    )
    copy = Submission.objects.unscoped().create(
        state_id=submission.state_id, dataflow_id=submission.dataflow_id, vintage=submission.vintage + offset
    )
    start = time.perf_counter()
    with transaction.atomic():
        if method == "copy":
            _copy(copy.pk, rows)
        else:
            Observation.objects.bulk_create(
                (
                    Observation(
                        submission_id=copy.pk,
                        dataflow_id=f,
                        state_id=s,
                        time_period=p,
                        key=k,
                        citizenship=c,
                        rest_key=r,
                        value=v,
                    )
                    for f, s, p, k, c, r, v in rows
                ),
                batch_size=10_000,
            )
    return time.perf_counter() - start


def _copy(submission_id: int, rows: list[tuple[Any, ...]]) -> None:
    columns = "submission_id, dataflow_id, state_id, time_period, key, citizenship, rest_key, value, " + (
        "obs_status, conf_status, comment, is_current, is_released, is_public"
    )
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY statistics_observation ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row((submission_id, *row, "", "", "", False, False, False))


def upload(args: argparse.Namespace) -> dict[str, Any]:
    path, written = _file(args.flow, args.provider, args.rows, args.seed, args.citizenships)
    content = path.read_bytes()
    limit = parsing.MAX_UPLOAD_BYTES
    if len(content) > limit:
        # The product refuses files over STATISTICS_MAX_UPLOAD_BYTES (50 MB by default);
        # the benchmark lifts the cap for its own process and says so in the report.
        parsing.MAX_UPLOAD_BYTES = len(content) + 1
    actor = actor_for(_make_user(args.provider, roles.STATISTICIAN))
    regional = actor_for(_make_user_regional()) if args.publish else None
    role = as_app_role(args.app_role, args.provider) if args.app_role else None
    timings: dict[str, float] = {}
    services.parse_upload = _timed(timings, "parse_s", services.parse_upload)  # type: ignore[assignment]
    services.check_file = _timed(timings, "validate_s", services.check_file)  # type: ignore[assignment]
    services._store_observations = _timed(timings, "store_s", services._store_observations)  # type: ignore[assignment]
    rss_before = peak_rss_mb()
    start = time.perf_counter()
    submission = services.submission_upload(
        actor=actor, dataflow=args.flow, content=content, file_name=path.name, is_synthetic=True
    )
    upload_s = time.perf_counter() - start
    rss_after = peak_rss_mb()
    del content
    baselines = {"bulk_create_10000": _baseline(submission, "bulk_create", 1000)}
    # PostgreSQL refuses COPY FROM into a table with row-level security for a non-owner role.
    if connection.vendor == "postgresql" and not args.app_role:
        baselines["copy"] = _baseline(submission, "copy", 2000)
    print(f"upload {upload_s:.1f} s {timings}; baselines {baselines}", file=sys.stderr)
    published = _publish(actor, regional, submission) if regional is not None else None
    return {
        "app_role": role,
        "publish": published,
        "command": "upload",
        "flow": args.flow,
        "provider": args.provider,
        "seed": args.seed,
        "rows_requested": args.rows,
        "rows_in_file": written,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "upload_limit_mb": round(limit / 1e6, 1),
        "limit_lifted": path.stat().st_size > limit,
        "status": submission.status,
        "errors": submission.error_count,
        "warnings": submission.warning_count,
        "observations": submission.observation_count,
        "upload_s": round(upload_s, 2),
        "upload_phases": timings,
        "peak_rss_mb_before_upload": rss_before,
        "peak_rss_mb_after_upload": rss_after,
        "baseline_s": {k: round(v, 2) for k, v in baselines.items()},
        "ratio": {k: round(upload_s / v, 2) for k, v in baselines.items()},
        "machine": machine(),
    }


def _make_user_regional() -> Any:
    from corridor.accounts.models import Membership, Organisation, OrganisationKind, User

    tag = f"bench-regional-{time.time_ns()}"
    organisation = Organisation.objects.create(name=tag, kind=OrganisationKind.SECRETARIAT, state_id=None)
    user = User.objects.create_user(username=tag, password=None)
    Membership.objects.create(user=user, organisation=organisation, roles=[roles.SECRETARIAT])
    return user


def _publish(national: Any, regional: Any, submission: Submission) -> dict[str, Any]:
    """Approve, accept and publish the uploaded vintage; time publication (disclosure control
    and the release UPDATE) separately."""
    submission = services.submission_approve_national(
        actor=national, submission=submission, comment="bench", flag_comments={}
    )
    session_state("")  # the secretariat has no state
    start = time.perf_counter()
    submission = services.submission_accept_regional(actor=regional, submission=submission)
    accept_s = time.perf_counter() - start
    timings: dict[str, float] = {}
    services.publication.disclosure.protect = _timed(  # type: ignore[attr-defined]
        timings, "disclosure_s", services.publication.disclosure.protect
    )
    start = time.perf_counter()
    submission = services.submission_publish(actor=regional, submission=submission)
    publish_s = time.perf_counter() - start
    suppressed = Observation.objects.filter(submission=submission, conf_status__in=["C", "D"]).count()
    return {
        "accept_s": round(accept_s, 2),
        "publish_s": round(publish_s, 2),
        "publish_phases": timings,
        "status": submission.status,
        "suppressed_cells": suppressed,
    }


def _rest_keys(dimensions: tuple[str, ...], headline: str, count: int) -> list[str]:
    from bench.statistics.generate import AGE_GROUPS, AGE_LEAVES

    ages = ("_T", *AGE_GROUPS, *AGE_LEAVES)
    events = ("_T", "FIRST", "RENEW", "CHANGE_STATUS")
    keys = [headline]
    for event in events:
        for sex in ("_T", "F", "M"):
            for age in ages:
                codes = {"SEX": sex, "AGE": age, "PERMIT_EVENT": event}
                key = ".".join(codes.get(d, "_T") for d in dimensions if d != "CITIZENSHIP")
                if key not in keys:
                    keys.append(key)
    return keys[:count]


def fill(args: argparse.Namespace) -> dict[str, Any]:
    """Synthetic published vintages, written straight into the table (INSERT … SELECT)."""
    flows = [dataflow_get(f) for f in ("DF_WORK_PERMIT", "DF_RES_PERMIT")]
    providers = list(
        Country.objects.filter(ap_status__in=["member", "observer"])
        .order_by("iso3")
        .values_list("iso3", flat=True)
    )
    from bench.statistics.generate import monthly_periods

    periods = monthly_periods(args.periods, 2021 - args.periods // 12 + 5)
    citizenships = [c for c in _citizenships(1000) if c not in SPECIAL][: args.citizenships]
    per_chunk = len(periods) * len(citizenships)
    rests_wanted = -(-args.obs // (per_chunk * len(flows) * len(providers)))
    start = time.perf_counter()
    total = 0
    for flow in flows:
        structure = flow_structure(flow.pk)
        rests = _rest_keys(structure.dimensions, structure.headline_rest_key(), rests_wanted)
        for state in providers:
            with transaction.atomic():
                sub = Submission.objects.unscoped().create(
                    state_id=state,
                    dataflow=flow,
                    vintage=1 + Submission.objects.unscoped().filter(state_id=state, dataflow=flow).count(),
                    status=SubmissionStatus.PUBLISHED,
                    file_format="feed",
                    is_synthetic=True,
                    file_name="bench synthetic",
                )
                with connection.cursor() as cursor:
                    params = {"submission": sub.pk, "flow": flow.pk, "state": state}
                    params |= {"periods": periods, "citizenships": citizenships, "rests": rests}
                    cursor.execute(TOPN_SQL, params)
                    total += cursor.rowcount
            print(f"filled {total:,} rows in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    fill_s = time.perf_counter() - start
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE statistics_observation")
    return {
        "rows_inserted": total,
        "providers": len(providers),
        "periods": len(periods),
        "citizenships": len(citizenships),
        "series_per_flow": rests_wanted,
        "fill_s": round(fill_s, 1),
        "vacuum_analyze_s": round(time.perf_counter() - start, 1),
    }


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "runs": len(samples),
        "p50_ms": round(pick(0.50) * 1000, 1),
        "p95_ms": round(pick(0.95) * 1000, 1),
        "p99_ms": round(pick(0.99) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "mean_ms": round(statistics.fmean(samples) * 1000, 1),
    }


def _explain(flow: Any, period: str) -> str:
    with CaptureQueriesContext(connection) as captured:
        selectors.top_citizenships(flow=flow, period=period, viewer_state=None)
    sql = captured.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return f"{sql}\n\n{plan}"


def topn(args: argparse.Namespace) -> dict[str, Any]:
    import random

    report: dict[str, Any] = {"command": "topn"}
    if args.obs:
        report["fill"] = fill(args)
    if args.app_role:
        report["app_role"] = as_app_role(args.app_role)
    report["table_rows"] = Observation.objects.count()
    flows = [dataflow_get(f) for f in ("DF_WORK_PERMIT", "DF_RES_PERMIT")]
    periods = {f.flow_id: selectors.periods(flow=f) for f in flows}
    rng = random.Random(args.seed)
    runs = [(f, rng.choice(periods[f.flow_id])) for f in flows for _ in range(args.runs // len(flows))]
    rng.shuffle(runs)
    for viewer in (None, "KAZ"):
        session_state(viewer or "")  # what the middleware sets for a signed-in KAZ officer
        samples = []
        for flow, period in runs:
            start = time.perf_counter()
            top = selectors.top_citizenships(flow=flow, period=period, viewer_state=viewer)
            samples.append(time.perf_counter() - start)
        report[f"top10_viewer_{viewer or 'public'}"] = _percentiles(samples)
    session_state("")
    report["top10_example"] = top
    report["page_selectors"] = _page_selectors(flows[0], runs[0][1], args.page_runs)
    report["explain"] = _explain(flows[0], runs[0][1])
    report["machine"] = machine()
    return report


def _page_selectors(flow: Any, period: str, runs: int) -> dict[str, Any]:
    """The other reads of the public data page, and the whole page through Django's client."""
    from django.test import Client

    out: dict[str, Any] = {}
    for name, call in (
        ("states", lambda: selectors.states(flow=flow)),
        ("periods", lambda: selectors.periods(flow=flow)),
        ("page_GET", lambda: Client().get(f"/en/statistics/data/{flow.flow_id}/?period={period}")),
    ):
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            result = call()
            samples.append(time.perf_counter() - start)
        out[name] = _percentiles(samples)
        if name == "page_GET":
            out[name]["status"] = result.status_code  # type: ignore[union-attr]  # a 4xx/5xx would make the timing meaningless
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("upload", help="validate and load one submission through submission_upload")
    up.add_argument("--rows", type=int, default=1_000_000)
    up.add_argument("--seed", type=int, default=7)
    up.add_argument("--flow", default="DF_WORK_PERMIT", choices=["DF_WORK_PERMIT", "DF_RES_PERMIT"])
    up.add_argument("--provider", default="KGZ")
    up.add_argument("--citizenships", type=int, default=200)
    tn = sub.add_parser("topn", help="fill the table and time the top-10 citizenship selector")
    tn.add_argument("--obs", type=int, default=10_000_000, help="rows to generate (0: use the table as is)")
    tn.add_argument("--runs", type=int, default=200)
    tn.add_argument("--page-runs", type=int, default=10)
    tn.add_argument("--periods", type=int, default=60)
    tn.add_argument("--citizenships", type=int, default=150)
    tn.add_argument("--seed", type=int, default=7)
    up.add_argument("--publish", action="store_true", help="also approve, accept and publish (timed)")
    for p in (up, tn):
        p.add_argument("--report", type=Path)
        p.add_argument("--app-role", help="run as this PostgreSQL role (created if missing), RLS on")
    args = parser.parse_args(argv)
    result = upload(args) if args.command == "upload" else topn(args)
    text = json.dumps(result, indent=2, default=str)
    print(text)
    if args.report:
        args.report.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
