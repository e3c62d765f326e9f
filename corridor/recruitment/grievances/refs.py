"""Complaint reference numbers: short, typeable on a phone, and unguessable."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L: nothing a complainant can misread when copying it down.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX = "GRV"
_SHAPE = re.compile(rf"^{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def new_reference() -> str:
    """``GRV-XXXX-XXXX``: 31^8 ≈ 8.5 × 10^11 values (about 39 bits) from the system CSPRNG."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


def normalise(text: str) -> str:
    """The reference in canonical form from what people type (any case, spaces, with or without
    hyphens or the prefix); '' when it cannot be a reference."""
    compact = re.sub(r"[\s\-_.]", "", text.upper())
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != 8:
        return ""
    candidate = f"{PREFIX}-{compact[:4]}-{compact[4:]}"
    return candidate if _SHAPE.match(candidate) else ""
