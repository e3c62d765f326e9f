"""Issue 11's "done when": two live Corridor nodes, one for Türkiye and one for Kyrgyzstan,
each with its own database, exchanging signed messages over HTTP on loopback.

Both servers are the same code started as subprocesses (``corridor serve``) and configured
by environment variables only: this node's state, its peer's URL. The databases are two
SQLite files, or two PostgreSQL databases of their own when the suite runs on PostgreSQL.
One migrated database is copied for both nodes to keep the test within about a minute.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings as django_settings

from corridor.exchange.tests.helpers import claims_of, with_claims

REPO = Path(__file__).resolve().parents[3]
CORRIDOR = str(Path(sys.executable).with_name("corridor"))
BOUND = 60.0  # seconds any single wait may take before the test fails
MIGRATE_BOUND = 600.0
START_BOUND = 180.0  # starting gunicorn and Django on a busy two-core machine
# 25 days, as a readmission reply limit; whole seconds in UTC, as the API prints them.
DEADLINE = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=25)).strftime(
    "%Y-%m-%dT%H:%M:%SZ"
)  # migrating a fresh database on a busy two-core machine

SETUP = """
import django; django.setup()
from corridor.accounts.models import Membership, Organisation, OrganisationKind, User
from corridor.accounts.services import token_issue
org = Organisation.objects.create(name="{name}", kind=OrganisationKind.MIGRATION_SERVICE, state_id="{state}")
user = User.objects.create_user(username="officer-{state}")
Membership.objects.create(user=user, organisation=org, roles=["migration_officer"])
print(token_issue(user=user, name="two-node test").raw)
"""

JWS_OF = """
import django; django.setup()
from corridor.exchange.models import Message
print(Message.objects.unscoped().get(uuid="{uuid}").jws)
"""

SIGN = """
import django, json, sys; django.setup()
from corridor.exchange import envelope
print(envelope.sign_message(json.loads(sys.stdin.read())))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(predicate: Any, what: str, timeout: float = BOUND) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


class Node:
    def __init__(self, *, state: str, var: Path, port: int, database_url: str, peer: tuple[str, int]) -> None:
        self.state, self.var, self.port = state, var, port
        self.url = f"http://127.0.0.1:{port}"
        peer_state, peer_port = peer
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("CORRIDOR_", "DATABASE_URL", "PYTEST"))
            },
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CORRIDOR_DEMO": "1",
            "CORRIDOR_VAR_DIR": str(var),
            "CORRIDOR_NODE_ID": f"{state.lower()}-node",
            "CORRIDOR_NODE_STATES": state,
            "CORRIDOR_EXCHANGE_PEERS": json.dumps({peer_state: {"url": f"http://127.0.0.1:{peer_port}"}}),
            "CORRIDOR_EXCHANGE_RETRY_BASE": "1",
            "CORRIDOR_EXCHANGE_TIMEOUT": "5",
            "CORRIDOR_MFA_REQUIRED": "0",
            "LOG_LEVEL": "WARNING",
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.process: subprocess.Popen[bytes] | None = None
        self.token = ""
        self.workers = 1

    def python(self, code: str, stdin: str = "") -> str:
        done = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code],
            cwd=REPO,
            env=self.env,
            input=stdin.encode(),
            capture_output=True,
            timeout=BOUND,
            check=True,
        )
        return done.stdout.decode().strip().splitlines()[-1]

    def command(self, *args: str, timeout: float = BOUND) -> str:
        done = subprocess.run(  # noqa: S603 - our own command
            [CORRIDOR, *args], cwd=REPO, env=self.env, capture_output=True, timeout=timeout, check=False
        )
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        return done.stdout.decode()

    def start(self) -> None:
        log = (self.var / "server.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [CORRIDOR, "serve", "--port", str(self.port), "--workers", str(self.workers)],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() takes the workers with it
        )

        def up() -> bool:
            try:
                return httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        try:
            _wait(up, f"the {self.state} node to start", timeout=START_BOUND)
        except AssertionError as exc:
            log_tail = (self.var / "server.log").read_text(errors="replace")[-3000:]
            raise AssertionError(f"{exc}; exit code {self.process.poll()}; log:\n{log_tail}") from None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def kill(self) -> None:
        """Crash the node: SIGKILL to the server and its workers, requests cut mid-way."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def api(self, method: str, path: str, body: Any = None) -> httpx.Response:
        return httpx.request(
            method,
            f"{self.url}/api/v1/exchange/{path}",
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )

    def messages(self, box: str) -> list[dict[str, Any]]:
        response = self.api("GET", f"messages/?box={box}&page_size=100")
        assert response.status_code == 200, response.text
        return list(response.json()["results"])


def _postgres_urls(names: list[str]) -> list[str]:
    """Fresh PostgreSQL databases of this test's own, on the server the suite uses."""
    import psycopg

    db = django_settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    base = f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{names[0]}"')  # the others are copied from it once migrated
    return [f"{base}/{name}" for name in names]


def _drop_postgres(urls: list[str]) -> None:
    import psycopg

    base = urls[0].rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        for url in urls:
            conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Node]]:
    root = tmp_path_factory.mktemp("two-nodes")
    ports = {"TUR": _free_port(), "KGZ": _free_port()}
    on_postgres = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    urls = {"TUR": "", "KGZ": ""}
    if on_postgres:
        suffix = os.getpid()
        made = _postgres_urls([f"exchange_twonode_tur_{suffix}", f"exchange_twonode_kgz_{suffix}"])
        urls = {"TUR": made[0], "KGZ": made[1]}
    pair = {}
    for state, other in (("TUR", "KGZ"), ("KGZ", "TUR")):
        var = root / state.lower()
        var.mkdir()
        pair[state] = Node(
            state=state, var=var, port=ports[state], database_url=urls[state], peer=(other, ports[other])
        )
    try:
        if on_postgres:
            import psycopg

            pair["TUR"].command("migrate", "-v0", timeout=MIGRATE_BOUND)
            base = urls["TUR"].rsplit("/", 1)[0]
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(
                    f'CREATE DATABASE "{urls["KGZ"].rsplit("/", 1)[1]}" TEMPLATE "{urls["TUR"].rsplit("/", 1)[1]}"'
                )
        else:
            pair["TUR"].command("migrate", "-v0", timeout=MIGRATE_BOUND)
            shutil.copy(pair["TUR"].var / "corridor.sqlite3", pair["KGZ"].var / "corridor.sqlite3")
        for state, node in pair.items():
            node.token = node.python(SETUP.format(state=state, name=f"Migration service of {state}"))
            node.start()
        yield pair
    finally:
        for node in pair.values():
            node.stop()
        if on_postgres:
            _drop_postgres(list(urls.values()))


def _send(node: Node, text: str) -> dict[str, Any]:
    response = node.api(
        "POST",
        "messages/",
        {
            "kind": "request",
            "recipient_state": "KGZ",
            "purpose": "exchange.enquiry",
            "subject_ref": "RA-7K2M-Q",
            "payload": {"text": text},
            "deadline": DEADLINE,
        },
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def _status(node: Node, uuid: str) -> str:
    return str(node.api("GET", f"messages/{uuid}/").json()["status"])


@pytest.mark.django_db
def test_two_national_nodes_exchange_signed_messages_and_survive_a_restart(nodes: dict[str, Node]) -> None:
    tur, kgz = nodes["TUR"], nodes["KGZ"]

    # A Turkish officer sends a signed request to Kyrgyzstan; it is delivered after the commit.
    sent = _send(tur, "Please verify the nationality of the person in case RA-7K2M-Q.")
    _wait(lambda: _status(tur, sent["uuid"]) == "delivered", "delivery to Kyrgyzstan")

    # The Kyrgyz node has its own copy; its officer sees the deadline and replies.
    inbox = kgz.messages("inbox")
    assert [(m["message_id"], m["sender_state"], m["deadline"]) for m in inbox] == [
        (sent["message_id"], "TUR", DEADLINE)
    ]
    reply = kgz.api(
        "POST", f"messages/{inbox[0]['uuid']}/reply/", {"payload": {"text": "Verified: citizen."}}
    )
    assert reply.status_code == 201, reply.text

    # The reply arrives in Türkiye; both originals are answered, each on its own node.
    _wait(lambda: _status(tur, sent["uuid"]) == "answered", "the reply to reach Türkiye")
    assert [m["payload"] for m in tur.messages("inbox")] == [{"text": "Verified: citizen."}]
    assert _status(kgz, inbox[0]["uuid"]) == "answered"

    # A tampered copy and a replay are refused by the Kyrgyz node and nothing is kept twice.
    token = tur.python(JWS_OF.format(uuid=sent["uuid"]))
    tampered = httpx.post(
        f"{kgz.url}/node/v1/messages",
        content=with_claims(token, payload={"text": "Deport at once."}),
        headers={"Content-Type": "application/jose"},
        timeout=30,
    )
    replayed = httpx.post(
        f"{kgz.url}/node/v1/messages", content=token, headers={"Content-Type": "application/jose"}, timeout=30
    )
    reused_id = tur.python(SIGN, stdin=json.dumps({**claims_of(token), "payload": {"text": "Other."}}))
    reused = httpx.post(
        f"{kgz.url}/node/v1/messages",
        content=reused_id,
        headers={"Content-Type": "application/jose"},
        timeout=30,
    )
    assert tampered.status_code == 422 and claims_of(tampered.text)["code"] == "bad_signature"
    assert replayed.status_code == 200 and claims_of(replayed.text)["outcome"] == "duplicate"
    assert reused.status_code == 422 and claims_of(reused.text)["code"] == "replayed_id"
    assert [m["payload"] for m in kgz.messages("inbox")] == [sent["payload"]]

    # The Kyrgyz node goes down; messages sent meanwhile wait in Türkiye's outbox.
    kgz.stop()
    waiting = [_send(tur, f"Request {n} while Kyrgyzstan is down.") for n in range(3)]
    for message in waiting:
        detail = tur.api("GET", f"messages/{message['uuid']}/").json()
        assert detail["status"] == "sent" and detail["attempts"] == 1

    # It comes back; the outbox is delivered (the command a node runs on a schedule) exactly once.
    kgz.start()
    time.sleep(1.2)  # the first retry is due a second after the failed attempt
    tur.command("exchange", "deliver")
    tur.command("exchange", "deliver")
    for message in waiting:
        assert _status(tur, message["uuid"]) == "delivered"
    received = kgz.messages("inbox")
    assert sorted(m["message_id"] for m in received) == sorted(
        [sent["message_id"], *(m["message_id"] for m in waiting)]
    )
    assert len({m["message_id"] for m in received}) == len(received) == 4
