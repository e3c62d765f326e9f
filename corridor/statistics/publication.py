"""Release of an accepted vintage: disclosure control, then the public flags.

Kept out of ``services`` so that the rules stay testable without the workflow around them.
Most cells are published as they are, so one UPDATE releases the whole vintage and only the
cells that differ (suppressed, rounded, pooled) are written one by one.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import F

from corridor.statistics import disclosure, tier3
from corridor.statistics.models import Observation, Submission
from corridor.statistics.structure import FlowStructure, flow_structure

NOT_FOR_PUBLICATION = {"C", "N"}
BATCH = 5000
Cell = tuple[str, tuple[str, ...]]


def _tier3(
    submission: Submission, structure: FlowStructure, cells: dict[Cell, int | None], rows: list[Observation]
) -> set[Cell]:
    """Apply the tier-3 rules to ``cells`` (in place); returns the withheld cells."""
    withheld = {cell for cell in cells if tier3.too_detailed(cell[1])}
    added, pooled = tier3.pool(cells, structure, tier3.small_citizenships(submission, structure))
    withheld |= pooled
    existing = {(o.time_period, tuple(o.key.split("."))) for o in rows}
    new = [cell for cell in added if cell not in existing]
    cit = structure.dimensions.index("CITIZENSHIP") if new else 0
    created = Observation.objects.bulk_create(
        Observation(
            submission_id=submission.pk,
            dataflow_id=submission.dataflow_id,
            state_id=submission.state_id,
            time_period=period,
            key=".".join(key),
            citizenship=tier3.OTHER,
            rest_key=".".join(key[:cit] + key[cit + 1 :]),
            value=None,
            is_current=True,
            comment="pooled",
        )
        for period, key in new
    )
    rows.extend(created)
    for cell, amount in added.items():
        cells[cell] = (cells.get(cell) or 0) + amount
    for cell in withheld:
        cells.pop(cell, None)
    return withheld


def _outcome(submission: Submission, rows: list[Observation]) -> dict[Cell, tuple[int | None, str]]:
    flow = submission.dataflow
    structure = flow_structure(flow.pk)
    cells: dict[Cell, int | None] = {(o.time_period, tuple(o.key.split("."))): o.value for o in rows}
    if submission.source_public:
        return {cell: (value, disclosure.FREE) for cell, value in cells.items()}
    withheld: set[Cell] = set()
    if flow.disclosure_tier == tier3.TIER:
        withheld = _tier3(submission, structure, cells, rows)
    rules = disclosure.Rules.for_flow(structure, flow.disclosure_tier, flow.rounding_base)
    flagged = {(o.time_period, tuple(o.key.split("."))) for o in rows if o.conf_status in NOT_FOR_PUBLICATION}
    outcome = disclosure.protect(cells, structure, rules, flagged & cells.keys())
    outcome.update({cell: (None, disclosure.PRIMARY) for cell in withheld})
    return outcome


def release(submission: Submission) -> int:
    rows = list(
        Observation.objects.filter(submission=submission).only(
            "id", "time_period", "key", "value", "conf_status"
        )
    )
    outcome = _outcome(submission, rows)
    periods = {o.time_period for o in rows}
    Observation.objects.filter(
        dataflow_id=submission.dataflow_id,
        state_id=submission.state_id,
        is_public=True,
        time_period__in=periods,
    ).exclude(submission=submission).update(is_public=False)
    # One statement for the cells published as sent, then the few that differ.
    Observation.objects.filter(submission=submission).update(
        published_value=F("value"), conf_status=disclosure.FREE, is_released=True, is_public=True
    )
    changed = []
    for o in rows:
        published, status = outcome[(o.time_period, tuple(o.key.split(".")))]
        if published != o.value or status != disclosure.FREE:
            o.published_value, o.conf_status = published, status
            changed.append(o)
    _write_changed(changed)
    return len(rows)


def _write_changed(changed: list[Observation]) -> None:
    """UPDATE … FROM a VALUES list joined on id: linear, unlike ``bulk_update``'s CASE WHEN per
    batch, which was minutes for a few hundred thousand suppressed cells."""
    table = Observation._meta.db_table
    for start in range(0, len(changed), BATCH):
        batch = changed[start : start + BATCH]
        values = ", ".join(["(%s, CAST(%s AS BIGINT), %s)"] * len(batch))
        params: list[int | str | None] = []
        for o in batch:
            params += [o.pk, o.published_value, o.conf_status]
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH v(id, published_value, conf_status) AS (VALUES {values}) "  # noqa: S608 - no user text
                f"UPDATE {table} SET published_value = v.published_value, conf_status = v.conf_status "
                f"FROM v WHERE {table}.id = v.id",
                params,
            )
