"""Public complaint figures on the recruitment pages, from what the grievances module registers.

Recruitment does not import grievances (grievances reads recruitment's selectors and fee
services; the way back would be a cycle): grievances registers its two public reads into
``recruitment.registry`` in its ``AppConfig.ready``. Kept out of ``selectors`` so that the
scorecard reads stay free of the hook.
"""

from __future__ import annotations

import dataclasses

from corridor.recruitment import registry
from corridor.recruitment.models import Vacancy
from corridor.recruitment.selectors import Scorecard


def with_complaints(card: Scorecard) -> Scorecard:
    """The scorecard with its complaint figures: count, resolved, median days to resolve."""
    figures = registry.complaint_figures()
    if figures is None:
        return card
    return dataclasses.replace(card, complaints=figures.summary_for_agency(card.agency.pk))


def vacancy_under_review(*, vacancy: Vacancy) -> bool:
    """Has a worker reported this job ad as fake, and is that report still open?"""
    figures = registry.complaint_figures()
    return figures is not None and vacancy.pk in figures.open_vacancy_flags([vacancy.pk])
