"""Training that never fails on valid input: per-level fallbacks and bounded weights.

EM estimates a level's m from the pairs of one blocked session. In a small or lopsided job (a
few hundred reports against a few thousand records, documents rare, dates partial) a level may
be seen only among non-matches of a small block: EM drives its m towards zero (Splink 5 then
refuses the value, 2e-315, and the job stopped with a traceback), or leaves it at −100 bits,
a silent veto. Here, after training:

- an EM session that fails is skipped and named (the others still count);
- a level whose m no session could estimate — not observed, or driven below :data:`M_FLOOR` —
  takes m from the **stored model of the pair of sources** when the caller has one, otherwise
  from the **fixed parameters** (:mod:`corridor.matching.parameters`); the same for a u that
  the random sample did not observe, and for every u when the sample was too small to mean
  anything (fewer than :data:`U_MIN_PAIRS` pairs);
- the prior falls back to ``1 / size of the larger input`` when the near-certain rules cannot
  estimate it (no pair, or every pair);
- every level's weight log2(m/u) is held inside [:data:`WEIGHT_MIN`, :data:`WEIGHT_MAX`] bits by
  moving m (u is what the data showed).

Each fallback and each clamp is a :class:`Note`, which the command line prints and a job stores
and shows on its page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from statistics import median
from typing import Any, Literal

from splink import Linker

from corridor.matching.parameters import LEVELS

# Bounds of one level's weight (log2 m/u, before term-frequency adjustment). The strongest
# evidence the model has — an exact document number, an exact rare name — is 10–17 bits when
# trained on 100k records (an exact rare name in a set of millions comes near 23); the strongest
# disagreement (a different date or name) −7 bits. A single field beyond −10 bits would outvote
# an exact name and an exact date together.
WEIGHT_MIN = -10.0
WEIGHT_MAX = 25.0
# An EM estimate of m below this is a level seen only among non-matches of its session, not a
# measurement (the smallest m trained on 100k records is about 0.001).
M_FLOOR = 1e-4
# A random sample with fewer pairs cannot estimate u (1 × 1, 1 × N, tiny files).
U_MIN_PAIRS = 1000

Source = Literal["stored", "fixed", "none"]
LevelTable = Mapping[str, Mapping[str, tuple[float, float]]]


@dataclass(frozen=True, slots=True)
class Note:
    """One thing training could not do and what was done instead."""

    kind: Literal["m", "u", "prior", "session", "clamped"]
    field: str = ""  # comparison output column ("" for prior and sessions)
    level: str = ""  # the level's chart label
    source: Source = "none"  # where the replacement came from (m, u)
    reason: str = ""  # not_observed | driven_to_zero | small_sample | failed: … | …
    value: float | None = None  # the value or weight used

    def text(self) -> str:
        """One line in English for the command line (the job page translates its own)."""
        where = f"{self.field} / {self.level}" if self.field else ""
        if self.kind in ("m", "u"):
            origin = {"stored": "the stored model of this pair of sources", "fixed": "the fixed parameters"}
            return (
                f"{where}: {self.kind} not estimated ({self.reason.replace('_', ' ')}); "
                f"taken from {origin.get(self.source, 'nowhere: weight 0')}"
            )
        if self.kind == "clamped":
            bound = f"{WEIGHT_MIN:+.0f} to {WEIGHT_MAX:+.0f}"
            return f"{where}: weight held at {self.value:+.1f} bits (bound {bound})"
        if self.kind == "prior":
            return f"prior not estimated ({self.reason}); 1 / larger input = {self.value:.3g} used"
        return f"training session: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class TrainingReport:
    notes: list[Note] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)  # EM sessions that ran
    u_pairs: int = 0  # random pairs behind the u estimates

    def lines(self) -> list[str]:
        return [note.text() for note in self.notes]


def levels_of(settings: Mapping[str, Any]) -> dict[str, dict[str, tuple[float, float]]]:
    """(m, u) per comparison and level label from a Splink settings dict (a stored model)."""
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for comparison in settings.get("comparisons", []):
        levels = out.setdefault(comparison["output_column_name"], {})
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if isinstance(m, int | float) and isinstance(u, int | float) and m > 0 and u > 0:
                levels[level["label_for_charts"]] = (float(m), float(u))
    return out


def _numbers(values: list[dict[str, Any]]) -> list[float]:
    return [v["probability"] for v in values if isinstance(v["probability"], int | float)]


def settle(
    linker: Linker,
    report: TrainingReport,
    *,
    stored: LevelTable | None = None,
    small_u_sample: bool = False,
) -> None:
    """Replace what training could not estimate, level by level, then bound every weight."""
    for comparison in linker._settings_obj.comparisons:
        name = comparison.output_column_name
        for level in comparison._comparison_levels_excluding_null:
            label = level.label_for_charts
            replacement, source = _replacement(name, label, stored)
            # u first (the m clamp below is relative to it)
            u_values = [v for v in _numbers(level._trained_u_probabilities) if v > 0]
            if small_u_sample or not u_values:
                reason = "small_sample" if small_u_sample else "not_observed"
                if replacement is not None:
                    level.u_probability = replacement[1]
                    report.notes.append(Note("u", name, label, source, reason, replacement[1]))
            else:
                level.u_probability = median(u_values)
            m_values = _numbers(level._trained_m_probabilities)
            kept = [v for v in m_values if v >= M_FLOOR]
            if kept:
                level.m_probability = median(kept)
            else:
                reason = "driven_to_zero" if m_values else "not_observed"
                if replacement is not None:
                    level.m_probability = replacement[0]
                    report.notes.append(Note("m", name, label, source, reason, replacement[0]))
                elif level.u_probability is not None:
                    level.m_probability = level.u_probability  # weight 0: no evidence either way
                    report.notes.append(Note("m", name, label, "none", reason, level.u_probability))
            _clamp(level, name, label, report)


def _replacement(
    name: str, label: str, stored: LevelTable | None
) -> tuple[tuple[float, float] | None, Source]:
    if stored and label in stored.get(name, {}):
        return stored[name][label], "stored"
    if label in LEVELS.get(name, {}):
        return LEVELS[name][label], "fixed"
    return None, "none"


def _clamp(level: Any, name: str, label: str, report: TrainingReport) -> None:
    m, u = level.m_probability, level.u_probability
    if not isinstance(m, int | float) or not isinstance(u, int | float) or u <= 0:
        return
    weight = math.log2(max(m, 1e-300) / u)
    bounded = min(max(weight, WEIGHT_MIN), WEIGHT_MAX)
    if bounded != weight:
        new_m = min(1.0, u * 2.0**bounded)
        level.m_probability = new_m
        report.notes.append(Note("clamped", name, label, "none", f"{weight:+.1f} bits", bounded))


def fallback_prior(sizes: list[int]) -> float:
    """About one match per record of the larger input (each report has at most a few records)."""
    return 1.0 / max(*sizes, 2)
