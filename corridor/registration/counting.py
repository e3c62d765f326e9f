"""Counting registrations for statistics: shared by the selectors, the feed and aggregates.

Kept apart from ``selectors`` so that the feed service (``services.feeds``) may use it
without a service importing a selector (the layers contract). System work for the owner
state: no actor, only people whose consent to statistics is active.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Q, QuerySet

from corridor.registration.choices import Channel, ConsentPurpose, Status
from corridor.registration.models import Consent, Registration

AgeBands = tuple[tuple[int, int], ...]
AGE_GROUPS: AgeBands = ((0, 14), (15, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 200))


# A self-registration is vouched for by nobody but its author until a consular officer
# records the person's journey; anyone can file verified ones with known attributes and
# difference the aggregates before and after (issue 20). Until then it does not count.
OFFICER_RECORDED = [Status.DEPARTED, Status.ARRIVED, Status.RETURNED]


def statistics_counted(state: str) -> QuerySet[Registration]:
    """The owner state's live, officer-vouched registrations with active statistics consent.

    System work. Officer-vouched: registered by a consular officer, or self-registered and
    since marked departed, arrived or returned by one.
    """
    counted = Consent.objects.for_state(state).filter(
        purpose=ConsentPurpose.STATISTICS, revoked_at__isnull=True
    )
    vouched = Q(channel=Channel.OFFICER) | Q(status__in=OFFICER_RECORDED)
    return (
        Registration.objects.for_state(state)
        .filter(vouched, pk__in=counted.values("registration_id"))
        .exclude(status__in=[Status.PENDING, Status.MERGED])
    )


def age_group(birth_date: dt.date, on: dt.date, bands: AgeBands = AGE_GROUPS) -> str:
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    for low, high in bands:
        if low <= age <= high:
            return f"{low}+" if high >= 200 else f"{low}-{high}"
    return "unknown"


def monthly_counts(
    *, state: str, year: int, month: int, bands: AgeBands = AGE_GROUPS
) -> list[dict[str, Any]]:
    """Registrations submitted in one month, counted by destination, sex, age group and purpose.

    Plain rows for the data centre: ``{"destination", "sex", "age_group", "purpose", "count"}``.
    System work for the owner state (no actor). Only people whose consent to statistics is
    active are counted. Small cells are NOT suppressed here: disclosure control (minimum
    cell size) is applied by the statistics module before anything leaves the state.
    ``bands`` are the (low, high) age bands; the data-centre feed passes its codelist's bands.
    """
    submitted = (
        statistics_counted(state)
        .filter(submitted_at__year=year, submitted_at__month=month)
        .values_list("destination_country_id", "sex", "birth_date", "purpose", "submitted_at")
    )
    counter: Counter[tuple[str, str, str, str]] = Counter()
    for destination, sex, birth_date, purpose, submitted_at in submitted:
        if submitted_at is None:  # excluded by the filter; keeps the type checker honest
            continue
        counter[(destination, sex, age_group(birth_date, submitted_at.date(), bands), purpose)] += 1
    return [
        {"destination": d, "sex": s, "age_group": a, "purpose": p, "count": n}
        for (d, s, a, p), n in sorted(counter.items())
    ]
