"""Calibrate the automatic-linking threshold on reviewers' decisions (pure, no Django models).

Labels are pairs two reviewers settled: confirmed = match, excluded = non-match, each with the
probability the model gave it. The threshold is the lowest labelled probability at which the
precision of the labelled pairs at or above it reaches the target — and stays there for every
higher labelled probability, so one lucky cut cannot hide a worse region above it. With too
few labels, or too few of either kind, there is no threshold and nothing is linked
automatically; the reason is stored so the page can say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings

# A threshold below this is never used, whatever the labels say: below it the model itself
# says a pair is more likely two people than one.
FLOOR = 0.5


def precision_target() -> float:
    return float(getattr(settings, "MATCHING_AUTO_LINK_PRECISION", 0.99))


def min_labels() -> int:
    return int(getattr(settings, "MATCHING_AUTO_LINK_MIN_LABELS", 30))


def min_each() -> int:
    """Matches and non-matches each: precision means nothing without both."""
    return int(getattr(settings, "MATCHING_AUTO_LINK_MIN_EACH", 5))


@dataclass(frozen=True, slots=True)
class Calibration:
    labelled: int
    matches: int
    target: float
    threshold: float | None  # None: no automatic linking
    precision: float | None  # on the labelled pairs at or above the threshold
    recall: float | None  # share of labelled matches at or above the threshold
    reason: str  # "calibrated", "too_few_labels", "target_not_reached"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def calibrate(
    labels: Iterable[tuple[float, bool]],
    *,
    target: float | None = None,
    minimum: int | None = None,
    each: int | None = None,
) -> Calibration:
    """``labels``: (probability, is_match) per labelled pair."""
    target = precision_target() if target is None else target
    minimum = min_labels() if minimum is None else minimum
    each = min_each() if each is None else each
    ranked = sorted(labels, key=lambda label: -label[0])
    matches = sum(1 for _, is_match in ranked if is_match)
    if len(ranked) < minimum or matches < each or len(ranked) - matches < each:
        return Calibration(len(ranked), matches, target, None, None, None, "too_few_labels")
    best: tuple[float, float, float] | None = None
    seen = hits = 0
    for index, (probability, is_match) in enumerate(ranked):
        seen, hits = seen + 1, hits + int(is_match)
        tied_below = index + 1 < len(ranked) and ranked[index + 1][0] == probability
        if tied_below:
            continue  # a threshold cannot separate equal probabilities
        precision = hits / seen
        if precision < target:
            break  # every lower cut keeps these false links
        if probability >= FLOOR and hits:
            best = (probability, precision, hits / matches)
    if best is None:
        return Calibration(len(ranked), matches, target, None, None, None, "target_not_reached")
    threshold, precision, recall = best
    return Calibration(
        len(ranked), matches, target, threshold, round(precision, 4), round(recall, 4), "calibrated"
    )
