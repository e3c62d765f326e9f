"""Complaint reference numbers: the case kernel's scheme ``GRV-XXXX-XXXC`` (check character last).

References issued before the check character (``GRV-XXXX-XXXX`` without one) keep working:
``normalise`` accepts the shape, and the lookup decides.
"""

from __future__ import annotations

from corridor.cases.refs import ALPHABET, ReferenceScheme

__all__ = ["ALPHABET", "COMPLAINT", "PREFIX", "new_reference", "normalise"]

PREFIX = "GRV"
COMPLAINT = ReferenceScheme(prefix=PREFIX, groups=(4, 4))


def new_reference() -> str:
    """``GRV-XXXX-XXXC``: 31^7 ≈ 2.8 × 10^10 values from the system CSPRNG, and a check character."""
    return COMPLAINT.new()


def normalise(text: str) -> str:
    """The reference in canonical form from what people type (any case, spaces, with or without
    hyphens or the prefix); '' when it cannot be a reference."""
    return COMPLAINT.normalise(text)
