"""Rotating data keys, rewrapping under a new master key, and what the database holds."""

from __future__ import annotations

import base64
import binascii

import pytest
from django.db import connection

from corridor.audit.models import AuditEvent
from corridor.crypto import keyring, registry
from corridor.crypto.choices import KeyPurpose, KeyStatus
from corridor.crypto.models import StateDataKey
from corridor.crypto.services import DecryptionError, clear_key_cache, rewrap_keys, rotate_data_key
from corridor.crypto.tests.conftest import MASTER_KEY, make_row, read_field

NEW_MASTER_KEY = "Zx8yW7vU6tS5rQ4pO3nM2lK1jI0hG9fE8dC7bA6zY5w"


def _fill(model):
    return {
        "kgz_1": make_row(model, state="KGZ", document_number="AB 123-456", health_note="diabetes"),
        "kgz_2": make_row(model, state="KGZ", document_number="CD 999", health_note=""),
        "tur_1": make_row(model, state="TUR", document_number="TR 555", health_note="asthma"),
    }


def test_rotation_reencrypts_the_states_rows_under_the_new_version(sealed_model):
    # given
    rows = _fill(sealed_model)
    old_token, _ = read_field(sealed_model, rows["kgz_1"].pk, "document_number")
    tur_before = read_field(sealed_model, rows["tur_1"].pk, "health_note")[0]
    # when
    version = rotate_data_key(state="KGZ")
    # then
    assert version == 2
    new_token, plaintext = read_field(sealed_model, rows["kgz_1"].pk, "document_number")
    assert (new_token[:5], plaintext) == ("c1.2.", "AB 123-456")
    assert read_field(sealed_model, rows["kgz_1"].pk, "health_note")[1] == "diabetes"
    assert read_field(sealed_model, rows["kgz_2"].pk, "document_number")[1] == "CD 999"
    assert read_field(sealed_model, rows["kgz_2"].pk, "health_note") == ("", "")
    assert read_field(sealed_model, rows["tur_1"].pk, "health_note")[0] == tur_before
    assert old_token.startswith("c1.1.")


def test_rotation_reads_rows_through_for_state_when_the_manager_has_it(sealed_model):
    _fill(sealed_model)

    rotate_data_key(state="KGZ")

    manager = getattr(sealed_model, "objects", None)
    expected = ["KGZ"] if hasattr(manager, "for_state") else []
    assert getattr(manager, "scoped_to", []) == expected


def test_rotation_leaves_nothing_under_the_retired_version(sealed_model):
    _fill(sealed_model)

    rotate_data_key(state="KGZ")

    kgz_tokens = [
        token
        for pair in sealed_model._base_manager.filter(state_id="KGZ").values_list(
            "document_number_ciphertext", "health_note_ciphertext"
        )
        for token in pair
        if token
    ]
    assert len(kgz_tokens) == 3
    assert all(token.startswith("c1.2.") for token in kgz_tokens)


def test_old_tokens_still_decrypt_after_rotation(sealed_model):
    # given: a token captured before rotation (for example in a backup)
    rows = _fill(sealed_model)
    old_token, _ = read_field(sealed_model, rows["kgz_1"].pk, "document_number")
    # when
    rotate_data_key(state="KGZ")
    clear_key_cache()
    # then
    from corridor.crypto.services import decrypt_value

    assert (
        decrypt_value(
            state="KGZ",
            model_label=registry.model_label(sealed_model),
            field="document_number",
            record_id=rows["kgz_1"].uuid,
            token=old_token,
        )
        == "AB 123-456"
    )
    keys = StateDataKey.objects.filter(state_id="KGZ", purpose=KeyPurpose.DATA).order_by("version")
    assert [(k.version, k.status, k.retired_at is not None) for k in keys] == [
        (1, KeyStatus.RETIRED, True),
        (2, KeyStatus.ACTIVE, False),
    ]


def test_rotation_keeps_blind_index_columns_valid(sealed_model):
    rows = _fill(sealed_model)
    index_before = sealed_model._base_manager.get(pk=rows["kgz_1"].pk).document_number_index

    rotate_data_key(state="KGZ")

    assert sealed_model._base_manager.get(pk=rows["kgz_1"].pk).document_number_index == index_before


def test_rotation_is_recorded_in_the_audit_trail(sealed_model):
    _fill(sealed_model)

    rotate_data_key(state="KGZ")

    event = AuditEvent.objects.filter(action="state_key.rotated").get()
    assert (event.target_state, event.data) == ("KGZ", {"purpose": "data", "version": 2, "values": 3})


def test_rotation_aborts_and_changes_nothing_when_a_value_is_corrupt(sealed_model):
    # given: a ciphertext moved into another row
    rows = _fill(sealed_model)
    moved = sealed_model._base_manager.get(pk=rows["kgz_1"].pk).document_number_ciphertext
    sealed_model._base_manager.filter(pk=rows["kgz_2"].pk).update(document_number_ciphertext=moved)
    # when
    with pytest.raises(DecryptionError, match="Cannot re-encrypt document_number"):
        rotate_data_key(state="KGZ")
    # then
    assert (
        StateDataKey.objects.get(state_id="KGZ", purpose=KeyPurpose.DATA, status=KeyStatus.ACTIVE).version
        == 1
    )
    assert read_field(sealed_model, rows["kgz_1"].pk, "health_note")[0].startswith("c1.1.")


def test_rewrap_after_master_key_change_keeps_everything_readable(sealed_model, settings):
    # given
    rows = _fill(sealed_model)
    settings.CORRIDOR_MASTER_KEY = NEW_MASTER_KEY
    settings.CORRIDOR_MASTER_KEY_ID = "k2"
    settings.CORRIDOR_RETIRED_MASTER_KEYS = [f"k1:{MASTER_KEY}"]
    # when
    rewrapped = rewrap_keys()
    # then
    assert rewrapped == 4  # data and index keys of KGZ and TUR
    assert set(StateDataKey.objects.values_list("kek_id", flat=True)) == {"k2"}
    assert rewrap_keys() == 0
    # and the old master key is no longer needed
    settings.CORRIDOR_RETIRED_MASTER_KEYS = []
    assert read_field(sealed_model, rows["kgz_1"].pk, "document_number")[1] == "AB 123-456"
    assert read_field(sealed_model, rows["tur_1"].pk, "health_note")[1] == "asthma"


def test_new_master_key_without_the_old_one_listed_cannot_read(sealed_model, settings):
    rows = _fill(sealed_model)
    settings.CORRIDOR_MASTER_KEY = NEW_MASTER_KEY
    settings.CORRIDOR_MASTER_KEY_ID = "k2"

    with pytest.raises(DecryptionError, match="k1"):
        read_field(sealed_model, rows["kgz_1"].pk, "document_number")
    with pytest.raises(DecryptionError):
        rewrap_keys()


def test_destroyed_state_cannot_be_rotated_or_read(sealed_model):
    from corridor.crypto.services import KeysDestroyed, destroy_state_keys

    rows = _fill(sealed_model)
    destroy_state_keys(state="KGZ")

    with pytest.raises(DecryptionError):
        read_field(sealed_model, rows["kgz_1"].pk, "document_number")
    with pytest.raises(KeysDestroyed):
        rotate_data_key(state="KGZ")
    assert read_field(sealed_model, rows["tur_1"].pk, "document_number")[1] == "TR 555"


def _forms_of(secret: bytes) -> set[str]:
    return {
        base64.b64encode(secret).decode().rstrip("="),
        base64.urlsafe_b64encode(secret).decode().rstrip("="),
        binascii.hexlify(secret).decode(),
    }


def test_master_key_never_reaches_the_database(sealed_model):
    # given
    _fill(sealed_model)
    rotate_data_key(state="KGZ")
    kek = keyring.derive_kek(MASTER_KEY)
    needles = {MASTER_KEY, *_forms_of(kek)}
    # when: every column of every row of the key table and the encrypted table
    tables = [StateDataKey._meta.db_table, sealed_model._meta.db_table]
    cells = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            cells.extend(str(cell) for row in cursor.fetchall() for cell in row)
    # then
    assert cells
    assert not [cell for cell in cells for needle in needles if needle.lower() in cell.lower()]
    assert not [cell for cell in cells if "diabetes" in cell or "AB 123-456" in cell]
