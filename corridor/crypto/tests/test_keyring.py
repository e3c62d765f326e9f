"""Where the master key comes from and how state keys are wrapped."""

from __future__ import annotations

import base64
import secrets

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from corridor.crypto import keyring
from corridor.crypto.errors import DecryptionError, KeyConfigurationError


def test_base64url_key_of_32_bytes_is_used_as_is():
    raw = secrets.token_bytes(32)

    assert keyring.derive_kek(base64.urlsafe_b64encode(raw).decode().rstrip("=")) == raw
    assert keyring.derive_kek(base64.urlsafe_b64encode(raw).decode()) == raw


@pytest.mark.parametrize("raw", ["correct horse battery staple", "c2hvcnQ", "ab" * 32])
def test_other_key_strings_go_through_hkdf(raw):
    expected = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"corridor-kek").derive(
        raw.encode()
    )

    assert keyring.derive_kek(raw) == expected


def test_empty_master_key_is_a_configuration_error():
    with pytest.raises(KeyConfigurationError):
        keyring.derive_kek("  ")


def test_current_key_comes_first_and_retired_keys_are_available(settings):
    settings.CORRIDOR_MASTER_KEY_ID = "k2"
    settings.CORRIDOR_MASTER_KEY = "new passphrase"
    settings.CORRIDOR_RETIRED_MASTER_KEYS = ["k1:old passphrase"]

    keys = keyring.load_master_keys()

    assert list(keys) == ["k2", "k1"]
    assert keys["k1"] == keyring.derive_kek("old passphrase")


@pytest.mark.parametrize("entry", ["no-colon-s3cret", ":s3cret", "k1:", "bad id:s3cret"])
def test_malformed_retired_key_entries_are_refused_without_echoing_them(settings, entry):
    settings.CORRIDOR_RETIRED_MASTER_KEYS = [entry]

    with pytest.raises(KeyConfigurationError, match="entries must look like id:key") as caught:
        keyring.load_master_keys()
    assert entry not in str(caught.value)


def test_one_id_with_two_different_keys_is_refused(settings):
    settings.CORRIDOR_MASTER_KEY_ID = "k1"
    settings.CORRIDOR_RETIRED_MASTER_KEYS = ["k1:some other key"]

    with pytest.raises(KeyConfigurationError):
        keyring.load_master_keys()


def test_unknown_master_key_id_is_a_decryption_error(settings):
    with pytest.raises(DecryptionError, match="k9"):
        keyring.kek_by_id("k9")


def test_wrapped_key_is_bound_to_state_purpose_and_version():
    kek, dek = secrets.token_bytes(32), secrets.token_bytes(32)
    wrapped = keyring.wrap_dek(kek=kek, dek=dek, state="KGZ", purpose="data", version=1)

    assert keyring.unwrap_dek(kek=kek, wrapped=wrapped, state="KGZ", purpose="data", version=1) == dek
    for state, purpose, version in [("TUR", "data", 1), ("KGZ", "index", 1), ("KGZ", "data", 2)]:
        with pytest.raises(DecryptionError):
            keyring.unwrap_dek(kek=kek, wrapped=wrapped, state=state, purpose=purpose, version=version)
    with pytest.raises(DecryptionError):
        keyring.unwrap_dek(
            kek=secrets.token_bytes(32), wrapped=wrapped, state="KGZ", purpose="data", version=1
        )
