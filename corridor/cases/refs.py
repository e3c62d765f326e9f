"""Reference numbers: short, typeable on a phone, unguessable, with a check character.

One generator for every module. A scheme fixes the shape: an optional state code, an
optional module prefix, and a body of random characters from an alphabet without the
characters people confuse (no 0/O, 1/I/L), whose **last character is a check character**
(weighted sum mod 31 over the body), so a mistyped reference is recognised as a typing error before
any lookup. Schemes keep the shape each module already used, so references issued before the
check character existed stay valid ("legacy"): they are looked up, and only when the lookup
fails is the user told to check for a typing error.

```python
COMPLAINT = ReferenceScheme(prefix="GRV", groups=(4, 4))            # GRV-7K3M-9QXC
APPLICATION = ReferenceScheme(prefix="A", with_state=True)          # KGZ-A-7K3M9QXC
ref = APPLICATION.new(state="KGZ"); APPLICATION.parse(" kgz-a-7k3m 9qxc ")
```
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from enum import Enum

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 characters: no 0/O, 1/I/L
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
_N = len(ALPHABET)
# Characters older generators also drew (registration, hiring): accepted in legacy references.
LEGACY_ALPHABET = ALPHABET + "L"


def _weighted(text: str) -> int:
    return sum((position + 1) * _INDEX[ch] for position, ch in enumerate(text)) % _N


def check_character(payload: str) -> str:
    """The check character that makes the weighted sum of ``payload`` + it divisible by 31.

    Position ``i`` (from 1) weighs ``i``; 31 is prime and the weights are distinct and non-zero
    below 31 positions, so every single-character substitution and every transposition of two
    characters (adjacent or not) changes the sum: both are always detected (as ISBN-10 does
    with 11).
    """
    if len(payload) + 1 >= _N:
        raise ValueError("a checked body has at most 30 characters")
    weight = len(payload) + 1
    needed = (-_weighted(payload)) % _N
    return ALPHABET[(needed * pow(weight, -1, _N)) % _N]


def is_checked(body: str) -> bool:
    """Does the last character of ``body`` check the others?"""
    if not 2 <= len(body) < _N or any(ch not in _INDEX for ch in body):
        return False
    return _weighted(body) == 0


class Check(Enum):
    VALID = "valid"  # shape right and check character right
    LEGACY = "legacy"  # shape right, no valid check character: issued before, or mistyped
    MALFORMED = "malformed"  # cannot be a reference of this scheme


@dataclass(frozen=True)
class Parsed:
    reference: str  # canonical form ("" when malformed)
    check: Check
    state: str | None


@dataclass(frozen=True)
class ReferenceScheme:
    """``[STATE-][PREFIX-]BODY`` with the body split into ``groups`` for reading.

    ``groups=(8,)`` gives ``KGZ-A-7K3M9QXC``; ``(4, 4)`` gives ``GRV-7K3M-9QXC``. The body's
    last character is the check character. ``8`` characters: 31^7 ≈ 2.8 × 10^10 values.
    """

    prefix: str = ""
    with_state: bool = False
    groups: tuple[int, ...] = (8,)

    @property
    def body_length(self) -> int:
        return sum(self.groups)

    def _format(self, state: str | None, body: str) -> str:
        parts: list[str] = []
        if self.with_state:
            parts.append(str(state))
        if self.prefix:
            parts.append(self.prefix)
        start = 0
        for size in self.groups:
            parts.append(body[start : start + size])
            start += size
        return "-".join(parts)

    def new(self, *, state: str | None = None) -> str:
        """A fresh reference from the system's CSPRNG (the caller keeps it unique per table)."""
        if self.with_state and not (state and re.fullmatch(r"[A-Z]{3}", state)):
            raise ValueError("this scheme needs a three-letter state code")
        payload = "".join(secrets.choice(ALPHABET) for _ in range(self.body_length - 1))
        return self._format(state, payload + check_character(payload))

    def parse(self, text: str) -> Parsed:
        """The canonical reference from what people type: any case, spaces, with or without
        hyphens (and, without a state, with or without the prefix)."""
        compact = re.sub(r"[\s\-_.]", "", str(text).upper())
        state = None
        if self.with_state:
            state, compact = compact[:3], compact[3:]
            if not re.fullmatch(r"[A-Z]{3}", state):
                return Parsed("", Check.MALFORMED, None)
        if self.prefix:
            if compact.startswith(self.prefix):
                compact = compact[len(self.prefix) :]
            elif self.with_state:  # the kind letter is part of the shape there
                return Parsed("", Check.MALFORMED, None)
        body = compact
        if len(body) != self.body_length or any(ch not in LEGACY_ALPHABET for ch in body):
            return Parsed("", Check.MALFORMED, None)
        check = Check.VALID if is_checked(body) else Check.LEGACY
        return Parsed(self._format(state, body), check, state)

    def normalise(self, text: str) -> str:
        """The canonical form, or '' when ``text`` cannot be a reference of this scheme."""
        return self.parse(text).reference
