"""Public complaint figures on the recruitment pages, read from the grievances module.

Kept out of ``selectors``: grievances' services read recruitment's selectors, and the
layers contract forbids the loop back (services and selectors are independent layers).
"""

from __future__ import annotations

import dataclasses

from corridor.grievances import selectors as grievances
from corridor.recruitment.models import Vacancy
from corridor.recruitment.selectors import Scorecard


def with_complaints(card: Scorecard) -> Scorecard:
    """The scorecard with its complaint figures: count, resolved, median days to resolve."""
    return dataclasses.replace(card, complaints=grievances.complaint_summary_for_agency(card.agency.pk))


def vacancy_under_review(*, vacancy: Vacancy) -> bool:
    """Has a worker reported this job ad as fake, and is that report still open?"""
    return vacancy.pk in grievances.open_vacancy_flags([vacancy.pk])
