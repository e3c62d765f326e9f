"""Release of an accepted vintage: disclosure control, then the public flags.

Kept out of ``services`` so that the rules stay testable without the workflow around them.
"""

from __future__ import annotations

from corridor.statistics import disclosure
from corridor.statistics.models import Observation, Submission
from corridor.statistics.structure import flow_structure

NOT_FOR_PUBLICATION = {"C", "N"}


def release(submission: Submission) -> int:
    flow = submission.dataflow
    structure = flow_structure(flow.pk)
    rows = list(
        Observation.objects.filter(submission=submission).only(
            "id", "time_period", "key", "value", "conf_status"
        )
    )
    cells = {(o.time_period, tuple(o.key.split("."))): o.value for o in rows}
    if submission.source_public:
        outcome = {cell: (value, disclosure.FREE) for cell, value in cells.items()}
    else:
        rules = disclosure.Rules.for_flow(structure, flow.disclosure_tier, flow.rounding_base)
        flagged = {
            (o.time_period, tuple(o.key.split("."))) for o in rows if o.conf_status in NOT_FOR_PUBLICATION
        }
        outcome = disclosure.protect(cells, structure, rules, flagged)
    for o in rows:
        o.published_value, o.conf_status = outcome[(o.time_period, tuple(o.key.split(".")))]
        o.is_released = True
        o.is_public = True
    periods = {o.time_period for o in rows}
    Observation.objects.filter(
        dataflow_id=flow.pk, state_id=submission.state_id, is_public=True, time_period__in=periods
    ).exclude(submission=submission).update(is_public=False)
    Observation.objects.bulk_update(
        rows, ["published_value", "conf_status", "is_released", "is_public"], batch_size=5000
    )
    return len(rows)
