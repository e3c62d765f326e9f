"""Extra publication rules of tier 3 (trafficking victims), from the brief's disclosure table.

- At most two cross-classifying dimensions besides area and time: a cell whose key has more
  than two dimensions that are not a total (``_T``) or not applicable (``_Z``) is withheld.
  CITIZENSHIP counts as one of the two.
- Citizenships with fewer than 11 victims over five years are pooled as "Other" (``_O``):
  their cells are withheld and added into the ``_O`` cell of the same key and period. The
  five years end with the submission's last period and read the provider's current data
  (which includes the vintage being published: it was accepted before publication).
"""

from __future__ import annotations

from collections import defaultdict

from corridor.statistics.models import Observation, Submission
from corridor.statistics.structure import FlowStructure

Cell = tuple[str, tuple[str, ...]]
TIER = 3
MAX_CROSS = 2
POOL_BELOW = 11
POOL_YEARS = 5
NOT_CLASSIFYING = {"_T", "_Z"}
SPECIAL = {"_T", "_U", "_O", "_Z"}
OTHER = "_O"


def too_detailed(key: tuple[str, ...]) -> bool:
    return sum(code not in NOT_CLASSIFYING for code in key) > MAX_CROSS


def small_citizenships(submission: Submission, structure: FlowStructure) -> set[str]:
    """Citizenships whose headline total over the five years is under the pooling limit."""
    if "CITIZENSHIP" not in structure.dimensions or not submission.last_period:
        return set()
    last = int(submission.last_period[:4])
    rows = Observation.objects.filter(
        dataflow_id=submission.dataflow_id,
        state_id=submission.state_id,
        is_current=True,
        rest_key=structure.headline_rest_key(),
        time_period__gte=str(last - POOL_YEARS + 1),
        time_period__lt=str(last + 1),
    ).values_list("citizenship", "value")
    totals: dict[str, int] = defaultdict(int)
    for code, value in rows:
        if code not in SPECIAL:
            totals[code] += value or 0
    return {code for code, total in totals.items() if total < POOL_BELOW}


def pool(
    cells: dict[Cell, int | None], structure: FlowStructure, small: set[str]
) -> tuple[dict[Cell, int], set[Cell]]:
    """The ``_O`` cells to add the pooled values to (with the amounts) and the pooled cells."""
    if not small:
        return {}, set()
    index = structure.dimensions.index("CITIZENSHIP")
    added: dict[Cell, int] = defaultdict(int)
    pooled: set[Cell] = set()
    for (period, key), value in cells.items():
        if key[index] in small:
            pooled.add((period, key))
            other = (period, (*key[:index], OTHER, *key[index + 1 :]))
            added[other] += value or 0
    return dict(added), pooled
