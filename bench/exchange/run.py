"""10,000 messages between two live Corridor nodes on loopback, one node killed mid-run.

Türkiye's node sends, Kyrgyzstan's receives; each node is `corridor serve` (gunicorn) with
its own database (two PostgreSQL databases with --postgres, else two SQLite files),
configured by environment variables only. Clients post through Türkiye's API as national
systems would: each message with its own idempotency id, retried on a network error or a
5xx. Each is signed and delivered over HTTP right after its commit; `corridor exchange
deliver --loop --workers N` runs beside the Turkish node for retries. --stop-after seconds
into the sending, the Kyrgyz node is killed (SIGKILL to the server and its workers: requests
cut mid-way) and started again --down seconds later. Clients stop starting new messages
after --send-seconds, so that the run stays within its time budget; what was posted is then
waited for (at most until --budget).

Reported, from both databases: lost (posted but not in Kyrgyzstan's inbox), duplicated
(inbox copies per id > 1), asked but not in the outbox, redeliveries absorbed as
`duplicate`, throughput (acknowledged messages per second from the first send to the last
receipt), latency created → acknowledged (the sender's outbox `delivered_at`: the recipient
node's signed receipt recorded) and created → arrived (the inbox copy's `delivered_at`),
p50/p95/max, for messages sent while both nodes were up and for those that waited for the
restart; the CPU used by the run's own processes and database backends; the load average.

    nice -n 5 .venv/bin/python -m bench.exchange.run --messages 10000 --postgres \
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
import uuid
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


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) process ``pid`` has used; 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants(roots: set[int]) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found = set(roots)
    grew = True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in found} - found
        found |= more
        grew = bool(more)
    return found


class CpuMeter:
    """CPU used by the run's own processes: both servers and their workers, the delivery
    worker, and the PostgreSQL backends serving the two node databases. Sampled every two
    seconds (a killed process keeps its last sample), so the figure does not depend on how
    busy the rest of the machine is."""

    def __init__(self, pg_base: str, databases: list[str]) -> None:
        self.pg_base, self.databases = pg_base, databases
        self.seen: dict[tuple[str, int], float] = {}

    def sample(self, roots: dict[str, set[int]]) -> None:
        for group, pids in roots.items():
            for pid in _descendants(pids):
                self.seen[group, pid] = max(self.seen.get((group, pid), 0.0), _cpu(pid))
        if self.databases:
            import psycopg

            with psycopg.connect(f"{self.pg_base}/postgres") as conn:
                backends = conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = ANY(%s)", [self.databases]
                ).fetchall()
            for (pid,) in backends:
                self.seen["postgres", pid] = max(self.seen.get(("postgres", pid), 0.0), _cpu(pid))

    def totals(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for (group, _pid), seconds in self.seen.items():
            out[group] = round(out.get(group, 0.0) + seconds, 1)
        return out


class Store:
    """Reads one node's copies straight from its database (PostgreSQL), or through the node's
    own Python (SQLite)."""

    def __init__(self, node: Node, url: str) -> None:
        self.node, self.url = node, url

    def rows(self, box: str, field: str) -> list[tuple[str, str | None]]:
        if not self.url:
            return [(m, t) for m, t in json.loads(self.node.python(DUMP.format(box=box, field=field)))]
        import psycopg
        from psycopg import sql

        query = sql.SQL(
            "SELECT message_id::text, {} FROM exchange_message WHERE box = %s AND kind = 'request'"
        ).format(sql.Identifier(field))
        with psycopg.connect(self.url) as conn:
            found = conn.execute(query, [box]).fetchall()
        return [(m, t.isoformat() if t else None) for m, t in found]

    def count(self, sql: str, params: list[Any] | None = None) -> int:
        import psycopg

        with psycopg.connect(self.url) as conn:
            row = conn.execute(sql, params or []).fetchone()
        return int(row[0]) if row else 0


def main() -> None:  # noqa: C901 - one linear script
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument(
        "--clients",
        type=int,
        default=3,
        help="concurrent API connections (fewer than the node's 4 threads: see the README)",
    )
    parser.add_argument("--stop-after", type=float, default=60.0, help="seconds of sending before the stop")
    parser.add_argument(
        "--send-seconds", type=float, default=330.0, help="clients stop starting new messages after this"
    )
    parser.add_argument("--down", type=float, default=60.0, help="seconds Kyrgyzstan stays down")
    parser.add_argument(
        "--stop", choices=("kill", "term"), default="kill", help="SIGKILL the node (crash) or SIGTERM it"
    )
    parser.add_argument("--node-workers", type=int, default=1, help="gunicorn workers per node")
    parser.add_argument("--deliver-workers", type=int, default=4, help="`exchange deliver --workers`")
    parser.add_argument("--budget", type=float, default=570.0, help="seconds the whole run may take")
    parser.add_argument("--postgres", action="store_true", help="two PostgreSQL databases (else SQLite)")
    parser.add_argument("--pg-base", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db-prefix", default="xbench_exchange", help="database names: <prefix>_tur/_kgz")
    parser.add_argument("--fresh", action="store_true", help="migrate again instead of the kept template")
    parser.add_argument("--retry-max", type=int, default=10, help="backoff ceiling, seconds")
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    run_started = time.monotonic()

    root = Path(tempfile.mkdtemp(prefix="exchange-bench-"))
    ports = {"TUR": _free_port(), "KGZ": _free_port()}
    names = {"TUR": f"{args.db_prefix}_tur", "KGZ": f"{args.db_prefix}_kgz"}
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
        node.workers = args.node_workers
    stores = {state: Store(node, urls[state]) for state, node in nodes.items()}
    deliverer: subprocess.Popen[bytes] | None = None
    loads: list[tuple[float, float]] = []
    sampling = threading.Event()

    meter = CpuMeter(args.pg_base, list(names.values()) if args.postgres else [])

    def roots() -> dict[str, set[int]]:
        found = {
            f"{state.lower()}_server": {node.process.pid} for state, node in nodes.items() if node.process
        }
        if deliverer is not None:
            found["tur_deliver"] = {deliverer.pid}
        return found

    def sample_load() -> None:
        ticks = 0
        while not sampling.wait(2):
            meter.sample(roots())
            ticks += 1
            if ticks % 3 == 0:
                loads.append((round(time.monotonic() - run_started, 1), os.getloadavg()[0]))

    try:
        print("migrating …", flush=True)
        if args.postgres:
            import psycopg

            template = f"{args.db_prefix}_migrated"
            with psycopg.connect(f"{args.pg_base}/postgres", autocommit=True) as conn:
                have = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
            if have is None or args.fresh:
                # Migrate once and keep the empty, migrated database as the template of both nodes.
                _postgres(args.pg_base, [template])
                with psycopg.connect(f"{args.pg_base}/postgres", autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{template}"')
                tur.env["DATABASE_URL"] = f"{args.pg_base}/{template}"
                tur.command("migrate", "-v0", timeout=MIGRATE_BOUND)
                tur.env["DATABASE_URL"] = urls["TUR"]
            _postgres(args.pg_base, [names["TUR"], names["KGZ"]], template=template)
        else:
            tur.command("migrate", "-v0", timeout=MIGRATE_BOUND)
            (kgz.var / "corridor.sqlite3").write_bytes((tur.var / "corridor.sqlite3").read_bytes())
        for state, node in nodes.items():
            node.token = node.python(SETUP.format(state=state, name=f"Migration service of {state}"))
            node.start()
        deliverer = subprocess.Popen(  # noqa: S603 - our own command
            [
                CORRIDOR,
                "exchange",
                "deliver",
                "--loop",
                "--interval",
                "1",
                "--workers",
                str(args.deliver_workers),
            ],
            cwd=REPO,
            env=tur.env,
            stdout=(root / "deliver.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        threading.Thread(target=sample_load, daemon=True).start()
        load_at_start = os.getloadavg()

        deadline = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=25)).isoformat()
        unsent = 0
        posted_ids: set[str] = set()
        ids = [str(uuid.uuid4()) for _ in range(args.messages)]
        sent = 0
        lock = threading.Lock()
        down_window: dict[str, float] = {}
        errors: list[str] = []
        retried = 0
        client = httpx.Client(timeout=60, limits=httpx.Limits(max_connections=args.clients))

        def send(n: int) -> None:
            # A national system's call: with its own idempotency id, retried on a network
            # error or a 5xx until the node answers (the same id never makes a second message).
            nonlocal sent, retried, unsent
            if time.monotonic() - send_started > args.send_seconds:
                with lock:
                    unsent += 1  # the run's time is up: this one is never posted
                return
            with lock:
                posted_ids.add(ids[n])
            for attempt in range(30):
                try:
                    response = client.post(
                        f"{tur.url}/api/v1/exchange/messages/",
                        json={
                            "kind": "request",
                            "recipient_state": "KGZ",
                            "purpose": "exchange.enquiry",
                            "subject_ref": f"BENCH-{n:06d}",
                            "payload": {"text": f"Bench message {n}."},
                            "deadline": deadline,
                            "message_id": ids[n],
                        },
                        headers={"Authorization": f"Bearer {tur.token}"},
                    )
                except httpx.HTTPError as exc:
                    outcome = f"{type(exc).__name__}"
                else:
                    if response.status_code in (200, 201):
                        break
                    outcome = f"{response.status_code} {response.text[:200]}"
                    if response.status_code < 500:
                        with lock:
                            errors.append(outcome)
                        break
                with lock:
                    retried += 1
                time.sleep(min(2**attempt, 5))
            else:
                with lock:
                    errors.append(f"gave up: {outcome}")
            with lock:
                sent += 1

        def restart() -> None:
            time.sleep(args.stop_after)
            down_window["stop"] = time.time()
            if args.stop == "kill":
                kgz.kill()
            else:
                kgz.stop()
            print(f"Kyrgyz node {args.stop}ed after {sent} messages", flush=True)
            time.sleep(args.down)
            kgz.start()
            down_window["up"] = time.time()
            print(f"Kyrgyz node back after {time.time() - down_window['stop']:.0f} s", flush=True)

        send_started = time.monotonic()
        restarter = threading.Thread(target=restart)
        restarter.start()
        started = time.time()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(send, range(args.messages)))
        send_seconds = time.time() - started
        posted = args.messages - unsent
        print(f"posted {posted} in {send_seconds:.1f} s ({len(errors)} errors)", flush=True)
        restarter.join()

        def arrived() -> int:
            if args.postgres:
                return stores["TUR"].count(
                    "SELECT count(*) FROM exchange_message WHERE box = 'outbox' AND kind = 'request'"
                    " AND delivered_at IS NOT NULL"
                )
            return len([1 for _, t in stores["TUR"].rows("outbox", "delivered_at") if t])

        complete = True
        while arrived() < posted - len(errors):
            if time.monotonic() - run_started > args.budget:
                complete = False
                break
            time.sleep(1)
        time.sleep(3)  # anything late that would be a duplicate
        meter.sample(roots())
        sampling.set()
        outbox = dict(stores["TUR"].rows("outbox", "created_at"))
        acked = dict(stores["TUR"].rows("outbox", "delivered_at"))
        inbox_rows = stores["KGZ"].rows("inbox", "delivered_at")
        inbox: dict[str, str | None] = {}
        duplicates = 0
        for message_id, at in inbox_rows:
            duplicates += message_id in inbox
            inbox[message_id] = at
        asked = posted_ids  # every id a client posted (a 4xx answer counts in api_errors)
        lost = sorted(set(outbox) - set(inbox))
        not_in_outbox = sorted(asked - set(outbox))
        stray = sorted(set(inbox) - set(outbox))
        parse = datetime.datetime.fromisoformat
        latency: dict[str, list[float]] = {"up": [], "waited": [], "arrival_up": [], "arrival_waited": []}
        for message_id, created in outbox.items():
            if created is None:
                continue
            c = parse(created)
            waited = bool(down_window) and down_window["stop"] - 10 <= c.timestamp() <= down_window["up"]
            if acked.get(message_id):
                latency["waited" if waited else "up"].append((parse(acked[message_id]) - c).total_seconds())
            if inbox.get(message_id):
                key = "arrival_waited" if waited else "arrival_up"
                latency[key].append((parse(inbox[message_id]) - c).total_seconds())
        everyone = latency["up"] + latency["waited"]
        cpu = meter.totals()
        first = min(parse(t) for t in outbox.values() if t)
        last = max(parse(t) for t in acked.values() if t)
        audit: dict[str, int] = {}
        if args.postgres:
            for action in ("received", "duplicate_ignored", "refused"):
                audit[f"kgz_{action}"] = stores["KGZ"].count(
                    "SELECT count(*) FROM audit_auditevent WHERE action = %s", [f"exchange_message.{action}"]
                )
            audit["tur_delivered"] = stores["TUR"].count(
                "SELECT count(*) FROM audit_auditevent WHERE action = 'exchange_message.delivered'"
            )
            audit["tur_attempts"] = stores["TUR"].count(
                "SELECT coalesce(sum(attempts), 0) FROM exchange_message WHERE box = 'outbox'"
            )
        report: dict[str, Any] = {
            "messages_planned": args.messages,
            "messages_posted": posted,
            "database": "postgresql" if args.postgres else "sqlite",
            "clients": args.clients,
            "node_workers": args.node_workers,
            "deliver_workers": args.deliver_workers,
            "stop": args.stop,
            "down_seconds": round(down_window["up"] - down_window["stop"], 1) if down_window else 0,
            "retry_max_seconds": args.retry_max,
            "complete": complete,
            "api_errors": len(errors),
            "api_retries": retried,
            "in_outbox": len(outbox),
            "asked_but_not_in_outbox": len(not_in_outbox),
            "acknowledged": len([1 for t in acked.values() if t]),
            "received": len(inbox),
            "lost": len(lost),
            "duplicated": duplicates,
            "stray": len(stray),
            **audit,
            "send_seconds": round(send_seconds, 1),
            "first_send_to_last_ack_s": round((last - first).total_seconds(), 1),
            "throughput_per_s": round(len(acked) / max((last - first).total_seconds(), 1e-9), 1),
            "latency_created_to_acknowledged": _summary(everyone),
            "latency_while_up": _summary(latency["up"]),
            "latency_waited_for_restart": _summary(latency["waited"]),
            "arrival_while_up": _summary(latency["arrival_up"]),
            "arrival_waited_for_restart": _summary(latency["arrival_waited"]),
            "run_seconds": round(time.monotonic() - run_started, 1),
            "cpu_seconds": cpu,
            "cpu_ms_per_message": round(1000 * sum(cpu.values()) / max(len(inbox), 1), 1),
            "cpu_count": os.cpu_count(),
            "load_average_at_start": load_at_start,
            "load_average_at_end": os.getloadavg(),
            "load_1min_samples_min_mean_max": [
                min(v for _, v in loads),
                round(statistics.mean(v for _, v in loads), 2),
                max(v for _, v in loads),
            ]
            if loads
            else [],
        }
        print(json.dumps(report, indent=2))
        if args.report:
            args.report.parent.mkdir(parents=True, exist_ok=True)
            args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        if lost or duplicates or stray or not_in_outbox:
            sys.exit(1)
    finally:
        sampling.set()
        if deliverer is not None:
            deliverer.terminate()
            deliverer.wait(timeout=30)
        for node in nodes.values():
            node.stop()
        if args.postgres:
            _postgres(args.pg_base, list(names.values()))


if __name__ == "__main__":
    main()
