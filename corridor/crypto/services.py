"""Field encryption: envelope AES-256-GCM with per-state data keys.

Each state has a data key (encrypts field values) and an index key (computes blind
indexes). Both are random 32-byte keys stored in ``StateDataKey`` wrapped under the master
key-encryption key, which lives outside the database (see ``keyring``).

A value is stored as the token ``c1.<version>.<base64url(nonce | ciphertext+tag)>``. The
associated data ``state|model_label|field|record_id|version`` binds it to its place, so a
ciphertext copied to another record, field, model or state fails authentication. Pass
``registry.model_label(Model)`` (``app_label.modelname``) as ``model_label``.

Unwrapped keys are cached per process. Key metadata is read from the database on every
call, so a key destroyed or rotated by another process takes effect at once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import secrets
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access.db import set_db_state
from corridor.audit.services import audit_record
from corridor.core.context import request_memo, request_memo_forget
from corridor.crypto import keyring, registry
from corridor.crypto.choices import KeyPurpose, KeyStatus
from corridor.crypto.errors import CryptoError, DecryptionError, KeysDestroyed
from corridor.crypto.models import StateDataKey
from corridor.reference.models import Country

__all__ = [
    "CryptoError",
    "DecryptionError",
    "KeysDestroyed",
    "blind_index",
    "clear_key_cache",
    "decrypt_bytes",
    "decrypt_value",
    "destroy_state_keys",
    "encrypt_bytes",
    "encrypt_value",
    "ensure_state_keys",
    "normalise",
    "rewrap_keys",
    "rotate_data_key",
]

_FORMAT_TAG = "c1"
_TOKEN = re.compile(r"c1\.([1-9][0-9]{0,8})\.([A-Za-z0-9_-]+)")
_STATE = re.compile(r"[A-Z]{3}")
# Spaces, hyphens and the dashes that look like them, dots, slashes and backslashes.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212./\\]+")
_MIN_BLOB = keyring.NONCE_BYTES + 16  # nonce and GCM tag
_AUDIT_TARGET = "crypto.statedatakey"
_ROTATION_BATCH = 500

# (state, purpose, version, kek_id) → (wrapped_key, key). The wrapped key is kept next to
# the material so that a row re-created after a rollback is never served a stale key.
_KEY_CACHE: dict[tuple[str, str, int, str], tuple[str, bytes]] = {}
_MEMO = "crypto.keys"  # the per-request memo of key rows (core.context.request_memo)


def clear_key_cache() -> None:
    """Forget every unwrapped key held by this process (state keys and node signing keys)
    and the current request's key rows."""
    from corridor.crypto.signing import clear_signing_cache

    _KEY_CACHE.clear()
    clear_signing_cache()
    request_memo_forget(_MEMO)


# --- Arguments ---------------------------------------------------------------------------


def _check_state(state: str) -> None:
    if not isinstance(state, str) or not _STATE.fullmatch(state):
        raise ValueError(_("{state} is not a state code (three capital letters).").format(state=state))


def _check_part(value: str) -> None:
    # "|" separates the parts of the associated data; forbidding it keeps the encoding unambiguous.
    if not value or "|" in value or "\x00" in value:
        raise ValueError(_("Model labels and field names must be non-empty and contain no '|'."))


def _record_key(record_id: uuid.UUID | str) -> str:
    """One spelling per record id: UUIDs in canonical lower-case hyphenated form."""
    if isinstance(record_id, uuid.UUID):
        return str(record_id)
    try:
        return str(uuid.UUID(str(record_id)))
    except ValueError:
        return str(record_id)


def _value_aad(state: str, model_label: str, field: str, record_id: uuid.UUID | str, version: int) -> bytes:
    _check_state(state)
    _check_part(model_label)
    _check_part(field)
    return f"{state}|{model_label}|{field}|{_record_key(record_id)}|{version}".encode()


# --- Keys --------------------------------------------------------------------------------


def _key_material(row: StateDataKey) -> bytes:
    if row.status == KeyStatus.DESTROYED or not row.wrapped_key:
        raise DecryptionError(_("The key needed for this value was destroyed."))
    cache_key = (row.state_id, row.purpose, row.version, row.kek_id)
    cached = _KEY_CACHE.get(cache_key)
    if cached is not None and hmac.compare_digest(cached[0], row.wrapped_key):
        return cached[1]
    material = keyring.unwrap_dek(
        kek=keyring.kek_by_id(row.kek_id),
        wrapped=row.wrapped_key,
        state=row.state_id,
        purpose=row.purpose,
        version=row.version,
    )
    _KEY_CACHE[cache_key] = (row.wrapped_key, material)
    return material


def _create_key(*, state: str, purpose: str, version: int) -> StateDataKey:
    kek_id, kek = keyring.current_kek()
    material = secrets.token_bytes(keyring.KEY_BYTES)
    wrapped = keyring.wrap_dek(kek=kek, dek=material, state=state, purpose=purpose, version=version)
    return StateDataKey.objects.create(
        state_id=state, purpose=purpose, version=version, wrapped_key=wrapped, kek_id=kek_id
    )


def _next_version(state: str, purpose: str) -> int:
    current = StateDataKey.objects.filter(state_id=state, purpose=purpose).aggregate(top=Max("version"))
    return (current["top"] or 0) + 1


def _ensure_key(*, state: str, purpose: str) -> None:
    keys = StateDataKey.objects.filter(state_id=state, purpose=purpose)
    if keys.filter(status=KeyStatus.ACTIVE).exists():
        return
    if keys.filter(status=KeyStatus.DESTROYED).exists():
        # Crypto-shredding is final: quietly minting fresh keys would undo an operator's decision.
        raise KeysDestroyed(_("The keys of {state} were destroyed.").format(state=state))
    if not Country.objects.filter(iso3=state).exists():
        raise ValueError(_("Unknown state {state}.").format(state=state))
    version = _next_version(state, purpose)
    try:
        with transaction.atomic():
            _create_key(state=state, purpose=purpose, version=version)
            audit_record(
                actor=None,
                action="state_key.created",
                target_type=_AUDIT_TARGET,
                target_state=state,
                data={"purpose": purpose, "version": version},
            )
    except IntegrityError:
        # Another process created the key first; its key is as good as ours.
        if not keys.filter(status=KeyStatus.ACTIVE).exists():
            raise


def ensure_state_keys(*, state: str) -> None:
    """Create the state's data and index keys if it has none yet."""
    _check_state(state)
    for purpose in (KeyPurpose.DATA, KeyPurpose.INDEX):
        _ensure_key(state=state, purpose=purpose)


def _active_key(state: str, purpose: str) -> tuple[int, bytes]:
    def fetch() -> StateDataKey:
        rows = StateDataKey.objects.filter(state_id=state, purpose=purpose, status=KeyStatus.ACTIVE)
        row = rows.first()
        if row is None:
            ensure_state_keys(state=state)
            row = rows.get()
        return row

    # Key rows are read once per request (a page of records decrypts many values); a key
    # rotated or destroyed by another process takes effect from the next request.
    row = request_memo((_MEMO, "active", state, purpose), fetch)
    return row.version, _key_material(row)


def _data_key(state: str, version: int) -> bytes:
    row = request_memo(
        (_MEMO, "data", state, version),
        lambda: StateDataKey.objects.filter(state_id=state, purpose=KeyPurpose.DATA, version=version).first(),
    )
    if row is None:
        raise DecryptionError(
            _("{state} has no data key version {version}.").format(state=state, version=version)
        )
    return _key_material(row)


# --- Values ------------------------------------------------------------------------------


def _seal(*, key: bytes, version: int, aad: bytes, plaintext: str) -> str:
    nonce = os.urandom(keyring.NONCE_BYTES)
    blob = nonce + AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), aad)
    return f"{_FORMAT_TAG}.{version}.{base64.urlsafe_b64encode(blob).decode('ascii').rstrip('=')}"


def _parse_token(token: str) -> tuple[int, bytes]:
    match = _TOKEN.fullmatch(token) if isinstance(token, str) else None
    if match is None:
        raise DecryptionError(_("The encrypted value is malformed."))
    encoded = match.group(2)
    try:
        blob = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError) as exc:
        raise DecryptionError(_("The encrypted value is malformed.")) from exc
    if len(blob) < _MIN_BLOB:
        raise DecryptionError(_("The encrypted value is malformed."))
    return int(match.group(1)), blob


def _open(*, key: bytes, blob: bytes, aad: bytes) -> str:
    nonce, sealed = blob[: keyring.NONCE_BYTES], blob[keyring.NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, sealed, aad).decode("utf-8")
    except (InvalidTag, UnicodeDecodeError) as exc:
        # Wrong record, field, model or state, or a modified token: the same answer for all.
        raise DecryptionError(_("The encrypted value failed authentication.")) from exc


def encrypt_value(
    *, state: str, model_label: str, field: str, record_id: uuid.UUID | str, plaintext: str
) -> str:
    """Encrypt under the state's active data key; "" for an empty value (nothing stored)."""
    if not plaintext:
        return ""
    _value_aad(state, model_label, field, record_id, 1)  # validate before touching keys
    version, key = _active_key(state, KeyPurpose.DATA)
    aad = _value_aad(state, model_label, field, record_id, version)
    return _seal(key=key, version=version, aad=aad, plaintext=plaintext)


def decrypt_value(*, state: str, model_label: str, field: str, record_id: uuid.UUID | str, token: str) -> str:
    """The plaintext of ``token``; raises DecryptionError if it cannot be trusted."""
    if token == "":
        return ""
    version, blob = _parse_token(token)
    aad = _value_aad(state, model_label, field, record_id, version)
    return _open(key=_data_key(state, version), blob=blob, aad=aad)


# --- Files (attachments) ----------------------------------------------------------------

_BLOB_MAGIC = b"CRB1"  # format tag of an encrypted file: magic | version (4 bytes) | nonce | sealed


def encrypt_bytes(
    *, state: str, model_label: str, field: str, record_id: uuid.UUID | str, data: bytes
) -> bytes:
    """Encrypt a file's bytes under the state's active data key, bound to its record like a value."""
    _value_aad(state, model_label, field, record_id, 1)  # validate before touching keys
    version, key = _active_key(state, KeyPurpose.DATA)
    aad = _value_aad(state, model_label, field, record_id, version)
    nonce = os.urandom(keyring.NONCE_BYTES)
    return _BLOB_MAGIC + version.to_bytes(4, "big") + nonce + AESGCM(key).encrypt(nonce, data, aad)


def decrypt_bytes(
    *, state: str, model_label: str, field: str, record_id: uuid.UUID | str, blob: bytes
) -> bytes:
    """The plaintext bytes; DecryptionError if the blob is malformed, moved or altered."""
    head = len(_BLOB_MAGIC) + 4 + keyring.NONCE_BYTES
    if not blob.startswith(_BLOB_MAGIC) or len(blob) < head + 16:
        raise DecryptionError(_("The encrypted value is malformed."))
    version = int.from_bytes(blob[len(_BLOB_MAGIC) : len(_BLOB_MAGIC) + 4], "big")
    nonce, sealed = blob[len(_BLOB_MAGIC) + 4 : head], blob[head:]
    aad = _value_aad(state, model_label, field, record_id, version)
    try:
        return AESGCM(_data_key(state, version)).decrypt(nonce, sealed, aad)
    except InvalidTag as exc:
        raise DecryptionError(_("The encrypted value failed authentication.")) from exc


def normalise(value: str) -> str:
    """Fold the spellings of one identifier together: NFKC, casefold, no separators.

    NFKC is applied again after casefolding and NFC after removing separators, because
    both steps can leave strings that are not normalised ("A\u00b4" becomes "a" plus a
    combining accent); without that, two spellings of one letter would index differently.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).casefold())
    return unicodedata.normalize("NFC", _SEPARATORS.sub("", folded))


def blind_index(*, state: str, field: str, value: str) -> str:
    """Hex HMAC-SHA256 of ``field NUL normalise(value)`` under the state's index key."""
    if not value:
        return ""
    _check_state(state)
    _check_part(field)
    folded = normalise(value)
    if not folded:
        return ""
    _version, key = _active_key(state, KeyPurpose.INDEX)
    return hmac.new(key, f"{field}\x00{folded}".encode(), hashlib.sha256).hexdigest()


# --- Rotation, rewrapping, destruction ---------------------------------------------------


@contextmanager
def _db_state(state: str) -> Iterator[None]:
    """Let row-level security show this state's rows, then restore the caller's scope."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('app.state', true)")
        previous = cursor.fetchone()[0]
    set_db_state(state)
    try:
        yield
    finally:
        set_db_state(previous or None)


def _state_rows(model: type[models.Model], state: str) -> Any:
    manager = getattr(model, "objects", None)
    if callable(getattr(manager, "for_state", None)):
        return manager.for_state(state)  # type: ignore[union-attr]
    return model._base_manager.filter(state_id=state)


def _reencrypt_row(
    entry: registry.EncryptedModel, state: str, record_id: Any, tokens: dict[str, str], new: tuple[int, bytes]
) -> dict[str, str]:
    version, key = new
    changes: dict[str, str] = {}
    for name, token in tokens.items():
        if not token:
            continue
        try:
            plaintext = decrypt_value(
                state=state, model_label=entry.label, field=name, record_id=record_id, token=token
            )
        except DecryptionError as exc:
            # Ids only, never values: this message may be logged.
            raise DecryptionError(
                _("Cannot re-encrypt {field} of {label} {record}: {reason}").format(
                    field=name, label=entry.label, record=record_id, reason=exc
                )
            ) from exc
        aad = _value_aad(state, entry.label, name, record_id, version)
        changes[registry.ciphertext_column(name)] = _seal(
            key=key, version=version, aad=aad, plaintext=plaintext
        )
    return changes


def _reencrypt_model(entry: registry.EncryptedModel, state: str, new: tuple[int, bytes]) -> int:
    """Re-encrypt one model's rows of ``state`` in primary-key batches; returns values changed."""
    columns = entry.columns()
    rows = _state_rows(entry.model, state)
    changed, last_pk = 0, None
    while True:
        batch_qs = rows.order_by("pk") if last_pk is None else rows.filter(pk__gt=last_pk).order_by("pk")
        batch = list(batch_qs.values_list("pk", "uuid", *columns.values())[:_ROTATION_BATCH])
        if not batch:
            return changed
        for pk, record_id, *values in batch:
            tokens = dict(zip(columns.keys(), values, strict=True))
            changes = _reencrypt_row(entry, state, record_id, tokens, new)
            if changes:
                rows.filter(pk=pk).update(**changes)
                changed += len(changes)
        last_pk = batch[-1][0]


@transaction.atomic
def rotate_data_key(*, state: str) -> int:
    """New data-key version for ``state``; re-encrypts every registered field; returns it."""
    _check_state(state)
    request_memo_forget(_MEMO)
    ensure_state_keys(state=state)
    old = StateDataKey.objects.select_for_update().get(
        state_id=state, purpose=KeyPurpose.DATA, status=KeyStatus.ACTIVE
    )
    old.status, old.retired_at = KeyStatus.RETIRED, timezone.now()
    old.save(update_fields=["status", "retired_at"])
    new_row = _create_key(state=state, purpose=KeyPurpose.DATA, version=_next_version(state, KeyPurpose.DATA))
    new = (new_row.version, _key_material(new_row))
    with _db_state(state):
        changed = sum(_reencrypt_model(entry, state, new) for entry in registry.registered_models())
    audit_record(
        actor=None,
        action="state_key.rotated",
        target_type=_AUDIT_TARGET,
        target_state=state,
        data={"purpose": KeyPurpose.DATA.value, "version": new_row.version, "values": changed},
    )
    request_memo_forget(_MEMO)
    return new_row.version


@transaction.atomic
def rewrap_keys() -> int:
    """Wrap every live key not yet under the current master key with it; returns how many."""
    request_memo_forget(_MEMO)
    kek_id, kek = keyring.current_kek()
    rows = (
        StateDataKey.objects.select_for_update()
        .exclude(status=KeyStatus.DESTROYED)
        .exclude(kek_id=kek_id)
        .order_by("pk")
    )
    count = 0
    for row in rows:
        material = _key_material(row)
        row.wrapped_key = keyring.wrap_dek(
            kek=kek, dek=material, state=row.state_id, purpose=row.purpose, version=row.version
        )
        row.kek_id = kek_id
        row.save(update_fields=["wrapped_key", "kek_id"])
        count += 1
    audit_record(
        actor=None,
        action="state_key.rewrapped",
        target_type=_AUDIT_TARGET,
        data={"kek_id": kek_id, "keys": count},
    )
    # Drop material unwrapped under the old master key once the new wrapping is durable.
    transaction.on_commit(clear_key_cache)
    return count


@transaction.atomic
def destroy_state_keys(*, state: str) -> int:
    """Crypto-shred ``state``: overwrite its wrapped keys; every value becomes unreadable."""
    _check_state(state)
    request_memo_forget(_MEMO)
    now = timezone.now()
    rows = StateDataKey.objects.select_for_update().filter(state_id=state).exclude(status=KeyStatus.DESTROYED)
    count = 0
    for row in rows:
        row.wrapped_key, row.status = "", KeyStatus.DESTROYED
        row.retired_at = row.retired_at or now
        row.save(update_fields=["wrapped_key", "status", "retired_at"])
        count += 1
    for cache_key in [key for key in _KEY_CACHE if key[0] == state]:
        _KEY_CACHE.pop(cache_key, None)
    audit_record(
        actor=None,
        action="state_key.destroyed",
        target_type=_AUDIT_TARGET,
        target_state=state,
        data={"keys": count},
    )
    return count
