"""Encrypted personal fields of applications and contracts (under the owner state's key)."""

from __future__ import annotations

from corridor.cases.refs import ReferenceScheme
from corridor.crypto.fields import read_encrypted, set_encrypted  # noqa: F401 (the module's helpers)

# ``KGZ-A-XXXXXXXC`` (applications) and ``KGZ-C-XXXXXXXC`` (contracts): the case kernel's
# scheme; references issued before the check character keep working.
SCHEMES = {kind: ReferenceScheme(prefix=kind, with_state=True) for kind in ("A", "C")}


def new_reference(state: str, kind: str) -> str:
    """``KGZ-A-7K3M9Q2C``: the state code first, so a public lookup knows whose rows to read."""
    return SCHEMES[kind].new(state=state)


def reference_state(reference: str, kind: str) -> str | None:
    """The owner state named by a reference of this kind, or None when it is malformed."""
    scheme = SCHEMES.get(kind)
    return scheme.parse(reference).state if scheme is not None else None
