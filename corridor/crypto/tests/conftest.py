"""Fixtures for the crypto tests: states, a throwaway encrypted model, a clean key cache."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, models
from django.test.utils import isolate_apps

from corridor.crypto import registry, services
from corridor.reference.models import Country

STATES = {
    "KGZ": {
        "iso2": "KG",
        "numeric": "417",
        "name_en": "Kyrgyzstan",
        "name_ru": "Киргизия",
        "name_tr": "Kırgızistan",
    },
    "TUR": {"iso2": "TR", "numeric": "792", "name_en": "Türkiye", "name_ru": "Турция", "name_tr": "Türkiye"},
    "UZB": {
        "iso2": "UZ",
        "numeric": "860",
        "name_en": "Uzbekistan",
        "name_ru": "Узбекистан",
        "name_tr": "Özbekistan",
    },
}

# A fixed master key, so that tests can look for it in the database.
MASTER_KEY = "q2Zl9O3iYv6m1Yb0Wn4pQ7cT8rS5uV2xA1bC3dE4fG8"


@pytest.fixture(autouse=True)
def master_key(settings: Any) -> str:
    settings.CORRIDOR_MASTER_KEY = MASTER_KEY
    settings.CORRIDOR_MASTER_KEY_ID = "k1"
    settings.CORRIDOR_RETIRED_MASTER_KEYS = []
    return MASTER_KEY


@pytest.fixture(autouse=True)
def _fresh_key_cache() -> Iterator[None]:
    services.clear_key_cache()
    yield
    services.clear_key_cache()


@pytest.fixture
def states(db: None) -> dict[str, Country]:
    return {iso3: Country.objects.get_or_create(iso3=iso3, defaults=data)[0] for iso3, data in STATES.items()}


class _RefusingManager(models.Manager):
    """Like the project's state-owned managers: no query without saying whose rows."""

    def __init__(self) -> None:
        super().__init__()
        self.scoped_to: list[str] = []

    def get_queryset(self) -> models.QuerySet:
        raise AssertionError("unscoped query on a state-owned model")

    def for_state(self, state: str) -> models.QuerySet:
        self.scoped_to.append(state)
        return super().get_queryset().filter(state_id=state)


def _create_table(model: type[models.Model]) -> None:
    # DDL inside the test transaction: rolled back with everything else at the end.
    sql, params = connection.schema_editor().table_sql(model)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture(params=["for_state", "base_manager"])
def sealed_model(
    request: pytest.FixtureRequest, states: dict[str, Country], monkeypatch: Any
) -> type[models.Model]:
    """A real model with two encrypted fields, registered in an emptied registry.

    Parametrised: once with a fail-closed manager offering ``for_state`` (as the lead's
    state-owned models do) and once without it (rotation falls back to ``_base_manager``).
    """
    with isolate_apps("corridor.crypto"):
        attrs: dict[str, Any] = {
            "__module__": __name__,
            "uuid": models.UUIDField(default=uuid.uuid4),
            "state_id": models.CharField(max_length=3),
            "document_number_ciphertext": models.TextField(blank=True),
            "document_number_index": models.CharField(max_length=64, blank=True),
            "health_note_ciphertext": models.TextField(blank=True),
            "Meta": type(
                "Meta", (), {"app_label": "crypto", "db_table": f"crypto_test_sealed_{request.param}"}
            ),
        }
        if request.param == "for_state":
            attrs["objects"] = _RefusingManager()
        model = type(f"Sealed{request.param.title().replace('_', '')}", (models.Model,), attrs)
    _create_table(model)
    monkeypatch.setattr(registry, "_REGISTRY", {})
    registry.register_encrypted_fields(
        model, {"document_number": "document_number_index", "health_note": None}
    )
    return model


def make_row(
    model: type[models.Model], *, state: str, document_number: str, health_note: str
) -> models.Model:
    """Store a row the way the people module does: ciphertext and blind index columns."""
    row = model(state_id=state)
    label = registry.model_label(model)
    row.document_number_ciphertext = services.encrypt_value(
        state=state, model_label=label, field="document_number", record_id=row.uuid, plaintext=document_number
    )
    row.document_number_index = services.blind_index(
        state=state, field="document_number", value=document_number
    )
    row.health_note_ciphertext = services.encrypt_value(
        state=state, model_label=label, field="health_note", record_id=row.uuid, plaintext=health_note
    )
    row.save()
    return row


def read_field(model: type[models.Model], row_pk: int, field: str) -> tuple[str, str]:
    """(token, plaintext) of one field as stored now."""
    stored = model._base_manager.get(pk=row_pk)
    token = getattr(stored, f"{field}_ciphertext")
    plaintext = services.decrypt_value(
        state=stored.state_id,
        model_label=registry.model_label(model),
        field=field,
        record_id=stored.uuid,
        token=token,
    )
    return token, plaintext
