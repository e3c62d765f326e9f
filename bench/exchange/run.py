"""10,000 messages between two live Corridor nodes on loopback, one node restarted mid-run.

Türkiye's node sends, Kyrgyzstan's receives; each node is `corridor serve` (gunicorn) with
its own database (two PostgreSQL databases with --postgres, else two SQLite files).
Clients post through Türkiye's API with a few concurrent connections (as national systems
would); each message is signed and delivered over HTTP right after its commit. After a
share of the messages, the Kyrgyz node is stopped for --down seconds and started again;
messages sent meanwhile wait in Türkiye's outbox and are delivered by `corridor exchange
deliver --loop` running beside the Turkish node.

Reported: messages lost (sent but never in Kyrgyzstan's inbox), duplicated (inbox copies
per message id > 1), throughput (messages delivered per second from the first send to the
last delivery), delivery latency p50/p95/max (inbox `delivered_at` − outbox `created_at`,
both stamped by the same machine clock) for messages sent while both nodes were up, and
separately for those that waited for the restart.

    nice -n 15 .venv/bin/python -m bench.exchange.run --messages 10000 --down 60 --postgres \
        --report bench/exchange/results/10k-postgres.json
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import django
import httpx

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()  # the node helpers below are shared with the two-node test

from corridor.exchange.tests.test_two_nodes import (  # noqa: E402 - after django.setup()
    CORRIDOR,
    MIGRATE_BOUND,
    REPO,
    SETUP,
    Node,
    _free_port,
    _wait,
)

DUMP = """
import django, json; django.setup()
from corridor.exchange.models import Message
rows = Message.objects.unscoped().filter(box="{box}", kind="request").values_list("message_id", "{field}")
print(json.dumps([[str(m), t.isoformat() if t else None] for m, t in rows]))
"""


def _postgres(base: str, names: list[str], template: str | None = None) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if template:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {
        "count": len(values),
        "p50_ms": round(statistics.median(values) * 1000, 1),
        "p95_ms": round(_percentile(values, 0.95) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
    }


def main() -> None:  # noqa: C901 - one linear script
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8, help="concurrent API connections")
    parser.add_argument("--stop-at", type=float, default=0.4, help="share sent before Kyrgyzstan stops")
    parser.add_argument("--down", type=float, default=60.0, help="seconds Kyrgyzstan stays down")
    parser.add_argument("--postgres", action="store_true", help="two PostgreSQL databases (else SQLite)")
    parser.add_argument("--pg-base", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--retry-max", type=int, default=10, help="backoff ceiling, seconds")
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)

    root = Path(tempfile.mkdtemp(prefix="exchange-bench-"))
    ports = {"TUR": _free_port(), "KGZ": _free_port()}
    names = {"TUR": "exchange_bench_tur", "KGZ": "exchange_bench_kgz"}
    urls = {s: (f"{args.pg_base}/{names[s]}" if args.postgres else "") for s in names}
    nodes: dict[str, Node] = {}
    for state, other in (("TUR", "KGZ"), ("KGZ", "TUR")):
        (root / state.lower()).mkdir()
        nodes[state] = Node(
            state=state,
            var=root / state.lower(),
            port=ports[state],
            database_url=urls[state],
            peer=(other, ports[other]),
        )
    tur, kgz = nodes["TUR"], nodes["KGZ"]
    for node in nodes.values():
        # Retries wait at most this long (production default 900 s), so the run measures
        # the exchange rather than the backoff ceiling.
        node.env["CORRIDOR_EXCHANGE_RETRY_MAX"] = str(args.retry_max)
    deliverer: subprocess.Popen[bytes] | None = None
    try:
        print("migrating …", flush=True)
        if args.postgres:
            _postgres(args.pg_base, [names["TUR"], names["KGZ"]])
            import psycopg

            with psycopg.connect(f"{args.pg_base}/postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{names["TUR"]}"')
            tur.command("migrate", "-v0", timeout=MIGRATE_BOUND)
            _postgres(args.pg_base, [names["KGZ"]], template=names["TUR"])
        else:
            tur.command("migrate", "-v0", timeout=MIGRATE_BOUND)
            (kgz.var / "corridor.sqlite3").write_bytes((tur.var / "corridor.sqlite3").read_bytes())
        for state, node in nodes.items():
            node.token = node.python(SETUP.format(state=state, name=f"Migration service of {state}"))
            node.start()
        deliverer = subprocess.Popen(  # noqa: S603 - our own command
            [CORRIDOR, "exchange", "deliver", "--loop", "--interval", "1"],
            cwd=REPO,
            env=tur.env,
            stdout=(root / "deliver.log").open("ab"),
            stderr=subprocess.STDOUT,
        )

        deadline = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=25)).isoformat()
        stop_after = int(args.messages * args.stop_at)
        sent = 0
        lock = threading.Lock()
        down_window: dict[str, float] = {}
        errors: list[str] = []
        client = httpx.Client(timeout=120, limits=httpx.Limits(max_connections=args.clients))

        def send(n: int) -> None:
            nonlocal sent
            response = client.post(
                f"{tur.url}/api/v1/exchange/messages/",
                json={
                    "kind": "request",
                    "recipient_state": "KGZ",
                    "purpose": "exchange.enquiry",
                    "subject_ref": f"BENCH-{n:06d}",
                    "payload": {"text": f"Bench message {n}."},
                    "deadline": deadline,
                },
                headers={"Authorization": f"Bearer {tur.token}"},
            )
            with lock:
                if response.status_code != 201:
                    errors.append(f"{response.status_code} {response.text[:200]}")
                sent += 1

        def restart() -> None:
            _wait(lambda: sent >= stop_after, "the stop point", timeout=3600)
            down_window["stop"] = time.time()
            kgz.stop()
            print(f"Kyrgyz node stopped after {sent} messages", flush=True)
            time.sleep(args.down)
            kgz.start()
            down_window["up"] = time.time()
            print(f"Kyrgyz node back after {args.down:.0f} s", flush=True)

        restarter = threading.Thread(target=restart)
        restarter.start()
        started = time.time()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(send, range(args.messages)))
        send_seconds = time.time() - started
        print(f"sent {args.messages} in {send_seconds:.1f} s ({len(errors)} errors)", flush=True)
        restarter.join()

        def all_in() -> bool:
            return len(
                json.loads(kgz.python(DUMP.format(box="inbox", field="delivered_at")))
            ) >= args.messages - len(errors)

        _wait(all_in, "every message to arrive", timeout=1800)
        time.sleep(3)  # anything late that would be a duplicate
        outbox = {m: t for m, t in json.loads(tur.python(DUMP.format(box="outbox", field="created_at")))}
        inbox_rows = json.loads(kgz.python(DUMP.format(box="inbox", field="delivered_at")))
        inbox: dict[str, str] = {}
        duplicates = 0
        for message_id, at in inbox_rows:
            duplicates += message_id in inbox
            inbox[message_id] = at
        lost = sorted(set(outbox) - set(inbox))
        stray = sorted(set(inbox) - set(outbox))
        parse = datetime.datetime.fromisoformat
        latency_up: list[float] = []
        latency_waited: list[float] = []
        for message_id, created in outbox.items():
            if message_id not in inbox:
                continue
            c, d = parse(created), parse(inbox[message_id])
            waited = down_window and down_window["stop"] <= c.timestamp() <= down_window["up"]
            (latency_waited if waited else latency_up).append((d - c).total_seconds())
        first = min(parse(t) for t in outbox.values())
        last = max(parse(t) for t in inbox.values())
        report: dict[str, Any] = {
            "messages": args.messages,
            "database": "postgresql" if args.postgres else "sqlite",
            "clients": args.clients,
            "down_seconds": args.down,
            "retry_max_seconds": args.retry_max,
            "api_errors": len(errors),
            "sent_by_api": len(outbox),
            "received": len(inbox),
            "lost": len(lost),
            "duplicated": duplicates,
            "stray": len(stray),
            "send_seconds": round(send_seconds, 1),
            "first_send_to_last_delivery_s": round((last - first).total_seconds(), 1),
            "throughput_per_s": round(len(inbox) / max((last - first).total_seconds(), 1e-9), 1),
            "latency_while_up": _summary(latency_up),
            "latency_waited_for_restart": _summary(latency_waited),
            "cpu_count": os.cpu_count(),
            "load_average_at_end": os.getloadavg(),
        }
        print(json.dumps(report, indent=2))
        if args.report:
            args.report.parent.mkdir(parents=True, exist_ok=True)
            args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        if lost or duplicates or stray:
            sys.exit(1)
    finally:
        if deliverer is not None:
            deliverer.terminate()
            deliverer.wait(timeout=30)
        for node in nodes.values():
            node.stop()
        if args.postgres:
            _postgres(args.pg_base, list(names.values()))


if __name__ == "__main__":
    main()
