"""Which model fields are encrypted, so that key rotation can find every ciphertext.

Storage convention: the logical field ``name`` keeps its ciphertext token in a TextField
``<name>_ciphertext``; its blind index, if it has one, in a CharField(64) whose name is
given at registration (by convention ``<name>_index``). The model label used in the
associated data is ``model._meta.label_lower`` (``model_label(Model)``); callers of
``encrypt_value``/``decrypt_value`` must pass the same string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models


@dataclass(frozen=True)
class EncryptedModel:
    model: type[models.Model]
    fields: Mapping[str, str | None]

    @property
    def label(self) -> str:
        return model_label(self.model)

    def columns(self) -> dict[str, str]:
        """Logical field name → its ciphertext column."""
        return {name: ciphertext_column(name) for name in self.fields}


_REGISTRY: dict[str, EncryptedModel] = {}


def model_label(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def ciphertext_column(name: str) -> str:
    return f"{name}_ciphertext"


def _require_column(model: type[models.Model], column: str) -> None:
    try:
        model._meta.get_field(column)
    except FieldDoesNotExist as exc:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no column {column!r} for an encrypted field."
        ) from exc


def register_encrypted_fields(model: type[models.Model], fields: dict[str, str | None]) -> None:
    """Declare ``model``'s encrypted fields: logical name → blind-index column or None.

    Registering the same model again replaces the earlier declaration, so module reloads
    and ``AppConfig.ready()`` running twice are harmless.
    """
    if not fields:
        raise ImproperlyConfigured(f"{model._meta.label}: no encrypted fields given.")
    for name, index_column in fields.items():
        _require_column(model, ciphertext_column(name))
        if index_column:
            _require_column(model, index_column)
    for required in ("uuid", "state_id"):
        if not any(f.attname == required for f in model._meta.concrete_fields):
            raise ImproperlyConfigured(f"{model._meta.label} needs a {required!r} column to be encrypted.")
    _REGISTRY[model_label(model)] = EncryptedModel(model=model, fields=dict(fields))


def registered_models() -> list[EncryptedModel]:
    return list(_REGISTRY.values())
