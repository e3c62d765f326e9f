"""Node signing keys: Ed25519 keys with rotation, a published key set, JWS signing.

One node (one deployment: a shared instance or a state's national node) signs with one
active key. Rotation makes a new active key and keeps the previous one *retired*: it signs
nothing new but stays in the published key set, so signatures made with it still verify.
Revocation removes a key from the key set and destroys its private half.

Private keys are stored wrapped (AES-256-GCM) under the master key-encryption key, as the
state data keys are (``keyring``); they never leave this module unwrapped.

JWS are made and checked by joserfc with the fully specified algorithm ``Ed25519``
(RFC 9864; the older ``EdDSA`` name is not accepted). Every JWS carries ``kid``.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OKPKey

from corridor.audit.services import audit_record
from corridor.crypto import keyring
from corridor.crypto.choices import NodeKeyStatus
from corridor.crypto.errors import CryptoError
from corridor.crypto.models import NodeSigningKey

__all__ = [
    "ALGORITHM",
    "SignatureInvalid",
    "UnknownKey",
    "Verified",
    "clear_signing_cache",
    "key_set_from_json",
    "node_key_ensure",
    "node_key_revoke",
    "node_key_rotate",
    "node_key_set",
    "node_sign",
    "node_verify",
    "verify",
]

ALGORITHM = "Ed25519"
_AUDIT_TARGET = "crypto.nodesigningkey"
# kid -> (wrapped, key): unwrapped private keys of this process, checked against the row.
_PRIVATE_CACHE: dict[str, tuple[str, OKPKey]] = {}


class SignatureInvalid(CryptoError):
    """The JWS is malformed, uses another algorithm, or its signature does not verify."""


class UnknownKey(CryptoError):
    """The JWS names a key (``kid``) that is not in the key set it was checked against."""


@dataclass(frozen=True)
class Verified:
    header: dict[str, Any]
    payload: bytes

    def json(self) -> Any:
        return json.loads(self.payload)


def clear_signing_cache() -> None:
    """Forget the unwrapped private keys held by this process."""
    _PRIVATE_CACHE.clear()


# --- Keys --------------------------------------------------------------------------------


def _aad(kid: str) -> bytes:
    return f"corridor|node-sign|{kid}".encode()


def _wrap(*, kek: bytes, kid: str, private: bytes) -> str:
    nonce = os.urandom(keyring.NONCE_BYTES)
    return base64.b64encode(nonce + AESGCM(kek).encrypt(nonce, private, _aad(kid))).decode("ascii")


def _unwrap(row: NodeSigningKey) -> OKPKey:
    cached = _PRIVATE_CACHE.get(row.kid)
    if cached is not None and cached[0] == row.wrapped_private_key:
        return cached[1]
    try:
        blob = base64.b64decode(row.wrapped_private_key, validate=True)
        raw = AESGCM(keyring.kek_by_id(row.kek_id)).decrypt(
            blob[: keyring.NONCE_BYTES], blob[keyring.NONCE_BYTES :], _aad(row.kid)
        )
    except (binascii.Error, ValueError, InvalidTag) as exc:
        message = _("The node signing key {kid} could not be unwrapped.").format(kid=row.kid)
        raise CryptoError(message) from exc
    key = OKPKey.import_key(
        {**row.public_jwk, "d": base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")}
    )
    _PRIVATE_CACHE[row.kid] = (row.wrapped_private_key, key)
    return key


def _create_key() -> NodeSigningKey:
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    key = OKPKey.import_key(private)
    # The RFC 7638 thumbprint names the key; the node id makes key sets readable in logs.
    kid = f"{settings.CORRIDOR_NODE_ID}-{key.thumbprint()[:22]}"
    public = {**key.as_dict(private=False), "kid": kid, "alg": ALGORITHM, "use": "sig"}
    kek_id, kek = keyring.current_kek()
    return NodeSigningKey.objects.create(
        kid=kid, public_jwk=public, wrapped_private_key=_wrap(kek=kek, kid=kid, private=raw), kek_id=kek_id
    )


def node_key_ensure() -> NodeSigningKey:
    """The active node key, created (and audited) on first use."""
    row = NodeSigningKey.objects.filter(status=NodeKeyStatus.ACTIVE).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            row = _create_key()
            audit_record(
                actor=None, action="node_key.created", target_type=_AUDIT_TARGET, data={"kid": row.kid}
            )
    except IntegrityError:
        # Another process created it first; its key is as good as ours.
        return NodeSigningKey.objects.get(status=NodeKeyStatus.ACTIVE)
    return row


@transaction.atomic
def node_key_rotate() -> NodeSigningKey:
    """A new active key; the previous one is retired (still verifies, signs nothing new)."""
    previous = list(NodeSigningKey.objects.select_for_update().filter(status=NodeKeyStatus.ACTIVE))
    for row in previous:
        row.status = NodeKeyStatus.RETIRED
        row.retired_at = timezone.now()
        row.save(update_fields=["status", "retired_at"])
    row = _create_key()
    audit_record(
        actor=None,
        action="node_key.rotated",
        target_type=_AUDIT_TARGET,
        data={"kid": row.kid, "retired": [old.kid for old in previous]},
    )
    return row


@transaction.atomic
def node_key_revoke(*, kid: str) -> NodeSigningKey:
    """Withdraw a key from the key set and destroy its private half. Irreversible.

    Revoking the active key leaves the node without one; the next signature creates a new
    key. Signatures made with a revoked key no longer verify anywhere that refreshes the set.
    """
    row = NodeSigningKey.objects.select_for_update().filter(kid=kid).first()
    if row is None:
        raise ValueError(_("There is no node key {kid}.").format(kid=kid))
    if row.status != NodeKeyStatus.REVOKED:
        row.status = NodeKeyStatus.REVOKED
        row.revoked_at = timezone.now()
        row.wrapped_private_key = ""
        row.save(update_fields=["status", "revoked_at", "wrapped_private_key"])
        _PRIVATE_CACHE.pop(kid, None)
        audit_record(actor=None, action="node_key.revoked", target_type=_AUDIT_TARGET, data={"kid": kid})
    return row


def node_key_set() -> dict[str, Any]:
    """The published key set (JWKS): public halves of the active and retired keys."""
    node_key_ensure()
    rows = NodeSigningKey.objects.exclude(status=NodeKeyStatus.REVOKED).order_by("-created_at", "-id")
    return {"keys": [dict(row.public_jwk) for row in rows]}


# --- Signing and verifying -----------------------------------------------------------------


def node_sign(payload: dict[str, Any], *, typ: str) -> str:
    """A compact JWS of ``payload`` (canonical JSON) signed with the active node key."""
    row = node_key_ensure()
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    header = {"alg": ALGORITHM, "kid": row.kid, "typ": typ}
    return jws.serialize_compact(header, body, _unwrap(row), algorithms=[ALGORITHM])


def key_set_from_json(data: Any) -> KeySet:
    """A key set from its JSON form; keys of another type or curve are ignored."""
    keys: list[Any] = []
    for entry in (data or {}).get("keys", []) if isinstance(data, dict) else []:
        if not isinstance(entry, dict) or entry.get("kty") != "OKP" or entry.get("crv") != "Ed25519":
            continue
        if not isinstance(entry.get("kid"), str) or "d" in entry:
            continue
        try:
            keys.append(OKPKey.import_key(entry))
        except (JoseError, ValueError, TypeError):
            continue
    return KeySet(keys)


def _header(token: str) -> dict[str, Any]:
    try:
        encoded = token.split(".", 1)[0]
        header = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise SignatureInvalid(_("The message is not a JWS.")) from exc
    if not isinstance(header, dict):
        raise SignatureInvalid(_("The message is not a JWS."))
    return header


def verify(token: str, *, key_set: dict[str, Any] | KeySet) -> Verified:
    """Check a compact JWS against a key set. Raises ``UnknownKey`` or ``SignatureInvalid``."""
    if not isinstance(token, str) or token.count(".") != 2 or len(token) > 1_000_000:
        raise SignatureInvalid(_("The message is not a JWS."))
    header = _header(token)
    if header.get("alg") != ALGORITHM:
        raise SignatureInvalid(_("The message is not signed with Ed25519."))
    keys = key_set if isinstance(key_set, KeySet) else key_set_from_json(key_set)
    kid = header.get("kid")
    if not isinstance(kid, str) or not any(key.kid == kid for key in keys.keys):
        raise UnknownKey(_("The message is signed with a key this node does not know."))
    try:
        obj = jws.deserialize_compact(token, keys, algorithms=[ALGORITHM])
    except (JoseError, ValueError, TypeError) as exc:
        raise SignatureInvalid(_("The signature of the message does not verify.")) from exc
    return Verified(header=dict(obj.headers()), payload=bytes(obj.payload))


def node_verify(token: str) -> Verified:
    """Check a JWS against this node's own published key set."""
    return verify(token, key_set=node_key_set())
