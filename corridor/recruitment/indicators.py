"""Indicators this module computes from its own records, registered into the data centre.

``apps.RecruitmentConfig.ready`` registers them with ``statistics.registry``; statistics shows
them on its indicator page without importing recruitment.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from corridor.recruitment import selectors
from corridor.statistics.registry import OperationalIndicator


def recruitment_cost(*, state: str) -> OperationalIndicator:
    """SDG 10.7.1 from the workers' fee reports (catalogue item 16).

    The median of the per-worker ratios (overall, and for the reports whose country of work is
    ``state``); the selectors do not yet give the mean or the number of reports.
    """
    return OperationalIndicator(
        "SDG_10_7_1",
        16,
        _("Recruitment cost borne by the worker (SDG 10.7.1)"),
        "median(worker-paid cost / monthly earnings in the country of work)",
        _(
            "Recruitment cost paid by each worker divided by the worker's monthly earnings in the country of "
            "work, from the workers' own fee reports on this platform; the median over reports."
        ),
        selectors.sdg_10_7_1_overall(),
        selectors.sdg_10_7_1_overall(destination=state) if state else None,
    )
