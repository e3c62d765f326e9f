"""What other modules register into recruitment (in their ``AppConfig.ready``).

Recruitment never imports them. **Complaint figures**: the grievances module registers how to
read the public complaint figures of an agency and which job ads an open fake-vacancy report
flags; the scorecards and the job-ad check show them (``recruitment.complaints``). Without a
registration they show no complaint figures and no flag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ComplaintFigures:
    """``summary_for_agency(agency_id)`` → count, resolved, median_days_to_resolve;
    ``open_vacancy_flags(vacancy_ids)`` → the ids among them under review."""

    summary_for_agency: Callable[[int], dict[str, Any]]
    open_vacancy_flags: Callable[[Iterable[int]], set[int]]


_complaint_figures: list[ComplaintFigures] = []


def register_complaint_figures(figures: ComplaintFigures) -> None:
    if _complaint_figures and _complaint_figures[0] != figures:
        raise ValueError("complaint figures are already registered")
    _complaint_figures[:] = [figures]


def unregister_complaint_figures() -> None:
    """Tests only."""
    _complaint_figures.clear()


def complaint_figures() -> ComplaintFigures | None:
    return _complaint_figures[0] if _complaint_figures else None
