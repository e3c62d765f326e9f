"""Monthly counts of registrations flow into the regional data centre.

The counts come from ``counting.monthly_counts`` (also ``selectors.monthly_counts``) and go through
``corridor.statistics.services.feed_publish`` (the one service for operational feeds), so
they become an ordinary statistics submission: validated, then approved nationally,
accepted regionally and published with the data centre's disclosure control. Registration
never touches statistics models.

Target dataflow: DF_MIGR_POP (migration flows), FLOW_TYPE = EMI, citizenship and country of
previous residence = the reporting state, country of birth not recorded (``_U``). That
structure has no destination or purpose dimension, so the feed sends counts by sex and age
only (see the README).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.access.db import set_db_state
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError
from corridor.registration import counting
from corridor.registration.models import Registration
from corridor.statistics import services as statistics

FEED_DATAFLOW = "DF_MIGR_POP"
# CL_AGE bands (the codelist's leaves), so that the data centre's hierarchy checks hold.
FEED_AGE_BANDS: counting.AgeBands = (
    (0, 13),
    (14, 17),
    (18, 24),
    (25, 34),
    (35, 44),
    (45, 54),
    (55, 64),
    (65, 200),
)
AGE_CODES = {
    "0-13": "Y_LT14",
    "14-17": "Y14T17",
    "18-24": "Y18T24",
    "25-34": "Y25T34",
    "35-44": "Y35T44",
    "45-54": "Y45T54",
    "55-64": "Y55T64",
    "65+": "Y_GE65",
}
SEX_CODES = {"F": "F", "M": "M"}


@dataclass(frozen=True)
class Published:
    """What the data centre made of the feed (no statistics model crosses the boundary)."""

    submission: str
    vintage: int
    status: str
    period: str
    cells: int
    people: int


def feed_counts(*, state: str, year: int, month: int) -> dict[tuple[str, ...], int]:
    """The month's counts keyed by DF_MIGR_POP's dimensions after REF_AREA."""
    counts: Counter[tuple[str, ...]] = Counter()
    for row in counting.monthly_counts(state=state, year=year, month=month, bands=FEED_AGE_BANDS):
        sex = SEX_CODES.get(row["sex"], "_U")
        age = AGE_CODES.get(row["age_group"], "_U")
        counts[("EMI", state, "_U", state, sex, age)] += row["count"]
    return dict(counts)


def _check_period(year: int, month: int) -> str:
    errors: dict[str, list[str]] = {}
    if not 2000 <= year <= 2100:
        errors["year"] = [_("Enter a year between 2000 and 2100.")]
    if not 1 <= month <= 12:
        errors["month"] = [_("Enter a month between 1 and 12.")]
    if errors:
        raise ApplicationError(_("The period is not valid."), fields=errors)
    return f"{year:04d}-{month:02d}"


@transaction.atomic
def publish_monthly_counts(*, actor: Actor, year: int, month: int) -> Published:
    """Publish one month of the actor's state's registration counts as a feed submission.

    A second publication of the same month makes a new vintage (the data centre numbers
    vintages per provider and dataflow); the newest accepted vintage becomes current.
    """
    policy.require(actor, perms.SUBMIT_STATISTICS)
    period = _check_period(year, month)
    state = actor.state or ""
    set_db_state(state)  # commands run outside the request middleware
    counts = feed_counts(state=state, year=year, month=month)
    if not counts:
        raise ApplicationError(
            _("No registration with consent to statistics was submitted in %(period)s; nothing was sent.")
            % {"period": period}
        )
    submission = statistics.feed_publish(
        actor=actor, dataflow=FEED_DATAFLOW, period=period, counts=counts, source=f"registration-{period}"
    )
    result = Published(
        submission=str(submission.uuid),
        vintage=submission.vintage,
        status=str(submission.status),
        period=period,
        cells=len(counts),
        people=sum(counts.values()),
    )
    audit_record(
        actor=actor,
        action="registration.counts_published",
        target_type=Registration.record_type(),
        target_state=state,
        data={"period": period, "submission": result.submission, "vintage": result.vintage},
    )
    return result
