"""Transports: how a signed message reaches the recipient's node. One interface, two kinds.

- ``LocalTransport``: the recipient state is served by this node (a shared instance, or a
  message between two states of one node). The message goes through the same
  ``message_receive`` as one arriving over the network, signature check included.
- ``HttpsTransport``: the recipient state lives at a peer node
  (``settings.CORRIDOR_EXCHANGE_PEERS``). ``POST <peer>/node/v1/messages`` with the compact
  JWS as body (``application/jose``); the answer is the peer's signed receipt.

Either returns a verified ``Receipt`` or raises ``TransportUnavailable``: then the outbox
keeps the message and tries again later.
"""

from __future__ import annotations

import os
import threading
from typing import Protocol

import httpx
from django.conf import settings

from corridor.crypto import signing
from corridor.exchange import envelope, peers, receiving

NODE_PATH = "/node/v1/messages"
CONTENT_TYPE = "application/jose"


class TransportUnavailable(Exception):
    """The recipient's node could not be reached or did not answer with a valid receipt."""


class Transport(Protocol):
    name: str

    def deliver(self, *, recipient_state: str, token: str) -> envelope.Receipt: ...


def _read_receipt(token: str, recipient_state: str) -> envelope.Receipt:
    try:
        return _read_receipt_with_keys(token, recipient_state)
    except peers.KeySetUnavailable as exc:
        raise TransportUnavailable(str(exc)) from exc


def _read_receipt_with_keys(token: str, recipient_state: str) -> envelope.Receipt:
    key_set = peers.key_set_for(recipient_state)
    if key_set is None:
        raise TransportUnavailable("no key set for the recipient node")
    try:
        return envelope.read_receipt(token, key_set=key_set)
    except signing.UnknownKey:
        fresh = peers.key_set_for(recipient_state, refresh=True)
        if fresh is None:
            raise TransportUnavailable("receipt signed with an unknown key") from None
        try:
            return envelope.read_receipt(token, key_set=fresh)
        except (signing.UnknownKey, signing.SignatureInvalid, envelope.Malformed) as exc:
            raise TransportUnavailable(f"receipt does not verify: {type(exc).__name__}") from exc
    except (signing.SignatureInvalid, envelope.Malformed) as exc:
        raise TransportUnavailable(f"receipt does not verify: {type(exc).__name__}") from exc


class LocalTransport:
    name = "local"

    def deliver(self, *, recipient_state: str, token: str) -> envelope.Receipt:
        try:
            received = receiving.message_receive(token=token)
        except receiving.ReceiveUnavailable as exc:
            raise TransportUnavailable(str(exc)) from exc
        return _read_receipt(received.receipt, recipient_state)


_clients: dict[int, httpx.Client] = {}
_clients_lock = threading.Lock()


def _client() -> httpx.Client:
    """One pooled client per process (httpx clients are thread-safe): connections to a peer
    are kept alive between messages instead of a new TCP (and TLS) handshake for each."""
    with _clients_lock:
        client = _clients.get(os.getpid())
        if client is None:  # a forked worker gets its own pool, never its parent's sockets
            client = _clients[os.getpid()] = httpx.Client(
                limits=httpx.Limits(max_connections=20, max_keepalive_connections=10)
            )
        return client


class HttpsTransport:
    name = "https"

    def __init__(self, peer: peers.Peer) -> None:
        self.peer = peer

    def deliver(self, *, recipient_state: str, token: str) -> envelope.Receipt:
        try:
            response = _client().post(
                self.peer.url + NODE_PATH,
                content=token.encode("ascii"),
                headers={"Content-Type": CONTENT_TYPE, "Accept": CONTENT_TYPE},
                timeout=settings.CORRIDOR_EXCHANGE_TIMEOUT,
            )
        except httpx.HTTPError as exc:
            raise TransportUnavailable(f"{type(exc).__name__} from {self.peer.url}") from exc
        # 200 accepted or duplicate, 422 refused: both carry a signed receipt. Anything
        # else (a proxy's error page, a 5xx) says nothing about the message: try later.
        if response.status_code not in (200, 422):
            raise TransportUnavailable(f"HTTP {response.status_code} from {self.peer.url}")
        return _read_receipt(response.text.strip(), recipient_state)


def transport_for(state: str) -> Transport | None:
    if peers.is_local(state):
        return LocalTransport()
    peer = peers.peer_for(state)
    return HttpsTransport(peer) if peer is not None else None
