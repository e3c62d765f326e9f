"""The one encrypted-field helper: write and read a registered field of a state-owned record.

Every module that keeps a special-category field calls these two functions instead of
wrapping ``encrypt_value`` / ``decrypt_value`` itself. The record's model must be registered
(``registry.register_encrypted_fields``), which is also what key rotation relies on; the
associated data is always ``state | model label | field | record uuid | key version``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from corridor.crypto import registry, services


def _index_column(record: Any, field: str) -> str | None:
    label = registry.model_label(record)
    declared = {entry.label: entry for entry in registry.registered_models()}.get(label)
    if declared is None or field not in declared.fields:
        raise ImproperlyConfigured(f"{label}.{field} is not a registered encrypted field.")
    return declared.fields[field]


def set_encrypted(record: Any, field: str, value: str) -> None:
    """Put ``value`` (encrypted under the record's state key) into ``<field>_ciphertext`` and,
    when the field has one, its blind index into the index column. ``""`` stays ``""``.

    Sets attributes only: the caller saves (with ``update_fields`` naming both columns).
    """
    index_column = _index_column(record, field)
    token = services.encrypt_value(
        state=record.state_id,
        model_label=registry.model_label(record),
        field=field,
        record_id=record.uuid,
        plaintext=value,
    )
    setattr(record, registry.ciphertext_column(field), token)
    if index_column:
        setattr(record, index_column, services.blind_index(state=record.state_id, field=field, value=value))


def read_encrypted(record: Any, field: str) -> str:
    """The plaintext of a registered field; ``""`` when empty. ``DecryptionError`` if tampered."""
    _index_column(record, field)
    token = getattr(record, registry.ciphertext_column(field))
    if not token:
        return ""
    return services.decrypt_value(
        state=record.state_id,
        model_label=registry.model_label(record),
        field=field,
        record_id=record.uuid,
        token=token,
    )
