"""The master key-encryption keys (KEKs) and the wrapping of state data keys.

The KEKs come from settings (environment or a file), never from the database. This module
is the single place that knows where they come from: moving to a KMS or HSM means
replacing ``load_master_keys`` and ``wrap_dek``/``unwrap_dek`` and nothing else.
"""

from __future__ import annotations

import base64
import binascii
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils.translation import gettext as _

from corridor.crypto.errors import DecryptionError, KeyConfigurationError

KEY_BYTES = 32
NONCE_BYTES = 12
_KEK_INFO = b"corridor-kek"
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")
_KEK_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def derive_kek(raw: str) -> bytes:
    """Turn the configured master key string into 32 key bytes.

    A base64url string of exactly 32 bytes (what ``secrets.token_urlsafe(32)`` produces) is
    used as it is. Anything else, such as a passphrase or a hex string, goes through
    HKDF-SHA256 with info ``corridor-kek``, so a wrongly formatted key still yields a
    full-strength key instead of being truncated or padded. HKDF adds no entropy: a weak
    passphrase stays weak.
    """
    raw = raw.strip()
    if not raw:
        raise KeyConfigurationError(_("The master key is empty."))
    if _BASE64URL.fullmatch(raw):
        try:
            decoded = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        except (binascii.Error, ValueError):
            decoded = b""
        if len(decoded) == KEY_BYTES:
            return decoded
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=_KEK_INFO)
    return hkdf.derive(raw.encode("utf-8"))


def _parse_retired(entry: str) -> tuple[str, str]:
    kek_id, sep, raw = entry.partition(":")
    kek_id = kek_id.strip()
    if not sep or not _KEK_ID.fullmatch(kek_id) or not raw.strip():
        # The entry itself is not echoed: it contains a key.
        raise KeyConfigurationError(_("CORRIDOR_RETIRED_MASTER_KEYS entries must look like id:key."))
    return kek_id, raw


def load_master_keys() -> dict[str, bytes]:
    """All usable KEKs by id; the current one first. The one function to swap for a KMS."""
    current_id = str(settings.CORRIDOR_MASTER_KEY_ID).strip()
    if not _KEK_ID.fullmatch(current_id):
        raise KeyConfigurationError(_("CORRIDOR_MASTER_KEY_ID must be a short identifier."))
    keys = {current_id: derive_kek(str(settings.CORRIDOR_MASTER_KEY))}
    for entry in getattr(settings, "CORRIDOR_RETIRED_MASTER_KEYS", []) or []:
        kek_id, raw = _parse_retired(str(entry))
        kek = derive_kek(raw)
        if kek_id in keys and keys[kek_id] != kek:
            # Two different keys under one id would make wrapped keys ambiguous.
            raise KeyConfigurationError(
                _("Master key id {kek_id} is configured twice with different keys.").format(kek_id=kek_id)
            )
        keys.setdefault(kek_id, kek)
    return keys


def current_kek() -> tuple[str, bytes]:
    kek_id, kek = next(iter(load_master_keys().items()))
    return kek_id, kek


def kek_by_id(kek_id: str) -> bytes:
    keys = load_master_keys()
    if kek_id not in keys:
        raise DecryptionError(
            _("Master key {kek_id} is not configured; list it in CORRIDOR_RETIRED_MASTER_KEYS.").format(
                kek_id=kek_id
            )
        )
    return keys[kek_id]


def _dek_aad(state: str, purpose: str, version: int) -> bytes:
    return f"corridor|dek|{state}|{purpose}|{version}".encode()


def wrap_dek(*, kek: bytes, dek: bytes, state: str, purpose: str, version: int) -> str:
    """base64(nonce | AES-256-GCM(kek, dek)), bound to the key's state, purpose and version."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(kek).encrypt(nonce, dek, _dek_aad(state, purpose, version))
    return base64.b64encode(nonce + sealed).decode("ascii")


def unwrap_dek(*, kek: bytes, wrapped: str, state: str, purpose: str, version: int) -> bytes:
    try:
        blob = base64.b64decode(wrapped, validate=True)
        dek = AESGCM(kek).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _dek_aad(state, purpose, version))
    except (binascii.Error, ValueError, InvalidTag) as exc:
        raise DecryptionError(
            _("The {purpose} key version {version} of {state} could not be unwrapped.").format(
                purpose=purpose, version=version, state=state
            )
        ) from exc
    if len(dek) != KEY_BYTES:
        raise DecryptionError(_("A wrapped key has the wrong length."))
    return dek
