"""Errors of the crypto module.

None of them carries key material or plaintext in its message: they may end up in logs.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured


class CryptoError(Exception):
    """Base class for everything this module raises on purpose."""


class DecryptionError(CryptoError):
    """A token is malformed, its key is unknown or destroyed, or it fails authentication.

    Authentication failure includes a ciphertext moved to another record, field, model or
    state: the associated data no longer matches.
    """


class KeysDestroyed(CryptoError):
    """The state's keys were crypto-shredded; they are not recreated behind anyone's back."""


class KeyConfigurationError(ImproperlyConfigured):
    """The master key settings are missing, malformed or contradictory."""
