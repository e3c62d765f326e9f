"""What operational modules register into the data centre (in their ``AppConfig.ready``).

Statistics never imports an operational module. A module that can compute an indicator from
what it records itself (recruitment: SDG 10.7.1 from the workers' fee reports) registers a
function here, and the indicator page shows every registered one. Monthly counts go the other
way, through ``statistics.services.feed_publish``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class OperationalIndicator:
    """An indicator computed from what the platform itself records, not from submissions."""

    code: str
    number: int
    name: Any
    formula: str
    definition: Any
    overall: Decimal | None
    for_state: Decimal | None


# ``compute(state=...)``: the indicator overall and for the reports about ``state`` ("" = none).
OperationalIndicatorSource = Callable[..., OperationalIndicator]

_operational: dict[str, OperationalIndicatorSource] = {}


def register_operational_indicator(code: str, compute: OperationalIndicatorSource) -> None:
    existing = _operational.get(code)
    if existing is not None and existing is not compute:
        raise ValueError(f"an operational indicator {code!r} is already registered")
    _operational[code] = compute


def unregister_operational_indicator(code: str) -> None:
    """Tests only."""
    _operational.pop(code, None)


def operational_indicators(*, state: str) -> list[OperationalIndicator]:
    """Every registered operational indicator for ``state``, in catalogue order."""
    computed = [compute(state=state) for compute in _operational.values()]
    return sorted(computed, key=lambda indicator: indicator.number)
