"""Encrypted personal fields of applications and contracts (under the owner state's key)."""

from __future__ import annotations

import secrets

from corridor.access.scoping import StateOwnedModel
from corridor.crypto import services as crypto

_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def set_encrypted(record: StateOwnedModel, field: str, value: str) -> None:
    token = ""
    if value:
        token = crypto.encrypt_value(
            state=record.state_id,
            model_label=record.record_type(),
            field=field,
            record_id=record.uuid,
            plaintext=value,
        )
    setattr(record, f"{field}_ciphertext", token)


def read_encrypted(record: StateOwnedModel, field: str) -> str:
    token = getattr(record, f"{field}_ciphertext")
    if not token:
        return ""
    return crypto.decrypt_value(
        state=record.state_id,
        model_label=record.record_type(),
        field=field,
        record_id=record.uuid,
        token=token,
    )


def new_reference(state: str, kind: str) -> str:
    """``KGZ-A-7K3M9Q2X``: the state code first, so a public lookup knows whose rows to read."""
    code = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"{state}-{kind}-{code}"


def reference_state(reference: str, kind: str) -> str | None:
    """The owner state named by a reference of this kind, or None when it is malformed."""
    parts = reference.strip().upper().split("-")
    if len(parts) != 3 or parts[1] != kind or len(parts[0]) != 3 or not parts[0].isalpha():
        return None
    if len(parts[2]) != 8 or any(c not in _REFERENCE_ALPHABET for c in parts[2]):
        return None
    return parts[0]
