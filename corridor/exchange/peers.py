"""Where states live: on this node, or at a peer node reached over HTTPS. Settings only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from corridor.crypto import signing

_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
_KEYS_TTL = 300


class KeySetUnavailable(Exception):
    """The peer's key set could not be fetched now (network): try again later, refuse nothing."""


@dataclass(frozen=True)
class Peer:
    state: str
    url: str
    keys_url: str
    pinned_keys: dict[str, Any] | None


def is_local(state: str) -> bool:
    """Is ``state`` served by this node (always, on a shared instance)?"""
    served = settings.CORRIDOR_NODE_STATES
    return not served or state in served


def peer_for(state: str) -> Peer | None:
    entry = (settings.CORRIDOR_EXCHANGE_PEERS or {}).get(state)
    if not entry or is_local(state):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
        raise ImproperlyConfigured(f"CORRIDOR_EXCHANGE_PEERS[{state}] needs a url.")
    url = entry["url"].rstrip("/")
    parts = urlsplit(url)
    # Plain HTTP only on loopback (tests, a TLS-terminating proxy on the same machine).
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        raise ImproperlyConfigured(f"CORRIDOR_EXCHANGE_PEERS[{state}] must use https.")
    pinned = entry.get("keys")
    return Peer(
        state=state,
        url=url,
        keys_url=str(entry.get("keys_url") or f"{url}/.well-known/jwks.json"),
        pinned_keys=pinned if isinstance(pinned, dict) else None,
    )


def has_route(state: str) -> bool:
    return is_local(state) or peer_for(state) is not None


def key_set_for(state: str, *, refresh: bool = False) -> dict[str, Any] | None:
    """The key set that signs for ``state``: ours if we serve it, else its peer's.

    A peer's published set is cached for five minutes; ``refresh`` refetches it (after an
    unknown ``kid``: the peer may have rotated). None when no peer serves ``state``;
    ``KeySetUnavailable`` when the peer's set cannot be fetched now.
    """
    if is_local(state):
        return signing.node_key_set()
    peer = peer_for(state)
    if peer is None:
        return None
    if peer.pinned_keys is not None:
        return peer.pinned_keys
    cache_key = f"exchange:keys:{peer.keys_url}"
    if not refresh:
        cached = cache.get(cache_key)
        if cached is not None:
            return dict(cached)
    try:
        response = httpx.get(peer.keys_url, timeout=settings.CORRIDOR_EXCHANGE_TIMEOUT)
        response.raise_for_status()
        data = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise KeySetUnavailable(f"{type(exc).__name__} fetching {peer.keys_url}") from exc
    if not isinstance(data, dict):
        raise KeySetUnavailable(f"no key set at {peer.keys_url}")
    cache.set(cache_key, data, _KEYS_TTL)
    return data
