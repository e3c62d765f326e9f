"""Clocks: deadlines computed from ``TimeLimit`` rows and the state's holiday calendar.

Started and stopped by ``step`` (the transition names them) or directly by a module; one
sweep marks every clock past its deadline as breached exactly once and hands it to the
handler its module registered for the limit's breach action.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access.db import set_db_state
from corridor.audit.services import audit_record
from corridor.cases import registry, workdays
from corridor.cases.models import Clock, PublicHoliday, TimeLimit, TimeUnit, WorkWeek
from corridor.core.errors import Conflict

if TYPE_CHECKING:
    from corridor.cases.workflow import ClockName, Transition

log = logging.getLogger(__name__)

SWEEP_BATCH = 5000
DEFAULT_WEEKEND = (6, 7)


class NoTimeLimit(Conflict):
    code = "no_time_limit"


def time_limit_for(*, code: str, state: str, on: dt.date) -> TimeLimit:
    """The row in force on ``on`` for ``state`` (its own row first, else the default row)."""
    rows = TimeLimit.objects.filter(code=code, effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )
    own = rows.filter(state_id=state).order_by("-effective_from").first()
    limit = own or rows.filter(state__isnull=True).order_by("-effective_from").first()
    if limit is None:
        raise NoTimeLimit(
            _("No time limit {code} is in force on {date}.").format(code=code, date=on.isoformat())
        )
    return limit


def weekend_of(state: str) -> tuple[int, ...]:
    row = WorkWeek.objects.filter(state_id=state).first()
    return tuple(row.weekend) if row is not None else DEFAULT_WEEKEND


def holidays_of(state: str, start: dt.date, end: dt.date) -> set[dt.date]:
    rows = PublicHoliday.objects.filter(state_id=state, date__gte=start, date__lte=end)
    return set(rows.values_list("date", flat=True))


def compute_deadline(
    *, limit: TimeLimit, state: str, start: dt.datetime, amount: int | None = None
) -> dt.datetime:
    """The deadline of ``amount`` (default: the limit's) units of ``limit`` from ``start``."""
    units = limit.amount if amount is None else amount
    if limit.unit != TimeUnit.WORKING_DAYS:
        return workdays.deadline(start, units, limit.unit)
    weekend = weekend_of(state)
    # Enough calendar days to hold ``units`` working days even with long holiday runs.
    horizon = start.date() + dt.timedelta(days=units * 2 + 60)
    holidays = holidays_of(state, start.date(), horizon)
    return workdays.deadline(start, units, limit.unit, weekend=weekend, holidays=holidays)


def _case_filter(record: Any) -> dict[str, Any]:
    return {"content_type": ContentType.objects.get_for_model(type(record)), "object_uuid": record.uuid}


def running_clocks(record: Any) -> list[Clock]:
    return list(
        Clock.objects.for_state(record.state_id).filter(
            stopped_at__isnull=True, breached_at__isnull=True, **_case_filter(record)
        )
    )


@transaction.atomic
def clock_start(*, record: Any, code: str, now: dt.datetime | None = None) -> Clock:
    """Start clock ``code`` on ``record`` (a running clock of that name is stopped first; a
    breached one stays open until ``clock_stop``, so the case still shows it was overdue)."""
    moment = now or timezone.now()
    limit = time_limit_for(code=code, state=record.state_id, on=timezone.localdate(moment))
    _stop(record, code, moment, breached_too=False)  # a breached one stays open: see clock_stop
    due = compute_deadline(limit=limit, state=record.state_id, start=moment)
    return Clock.objects.unscoped().create(
        state_id=record.state_id,
        time_limit=limit,
        name=code,
        started_at=moment,
        due_at=due,
        deadline_at=due,
        **_case_filter(record),
    )


@transaction.atomic
def clock_stop(*, record: Any, code: str = "*", now: dt.datetime | None = None) -> int:
    """Stop the clock ``code`` of ``record`` (``"*"``: all of them); how many were running.

    A breached clock that is still open (the case stayed overdue) is closed too, so that
    "not stopped" always means "still counts for the case"; the sweep never looks at it
    again either way. The count is of running clocks only.
    """
    moment = now or timezone.now()
    running = _stop(record, code, moment, breached_too=False)
    _stop(record, code, moment, breached_too=True)  # the breached ones left
    return running


def _stop(record: Any, code: str, moment: dt.datetime, *, breached_too: bool) -> int:
    rows = Clock.objects.for_state(record.state_id).filter(stopped_at__isnull=True, **_case_filter(record))
    if not breached_too:
        rows = rows.filter(breached_at__isnull=True)
    if code != "*":
        rows = rows.filter(name=code)
    return rows.update(stopped_at=moment)


@transaction.atomic
def clock_extend(*, record: Any, code: str, now: dt.datetime | None = None) -> Clock:
    """Extend the running clock ``code`` by its limit's extension; refused past the maximum."""
    clock = (
        Clock.objects.for_state(record.state_id)
        .select_for_update()
        .filter(name=code, stopped_at__isnull=True, breached_at__isnull=True, **_case_filter(record))
        .select_related("time_limit")
        .first()
    )
    if clock is None:
        raise Conflict(_("There is no running deadline to extend."))
    limit = clock.time_limit
    if clock.extensions >= limit.max_extensions or limit.extension_amount == 0:
        raise Conflict(
            _("This deadline cannot be extended again (at most {n} extensions).").format(
                n=limit.max_extensions
            )
        )
    total = limit.amount + limit.extension_amount * (clock.extensions + 1)
    clock.extended_to = compute_deadline(
        limit=limit, state=record.state_id, start=clock.started_at, amount=total
    )
    clock.deadline_at = clock.extended_to
    clock.extensions += 1
    clock.save(update_fields=["extended_to", "deadline_at", "extensions", "updated_at"])
    audit_record(
        actor=None,
        action="clock.extended",
        target=clock,
        data={"clock": code, "to": clock.deadline_at.isoformat(), "extensions": clock.extensions},
    )
    return clock


def _name(name: ClockName, record: Any) -> str:
    return name(record) if callable(name) else name


def apply_transition_clocks(*, record: Any, transition: Transition, moment: dt.datetime) -> None:
    """Stop, then start, the clocks a transition names (called by ``step``)."""
    for name in transition.stop_clocks:
        clock_stop(record=record, code=_name(name, record), now=moment)
    for name in transition.start_clocks:
        clock_start(record=record, code=_name(name, record), now=moment)


# --- the sweep ----------------------------------------------------------------------------


@dataclass
class SweepReport:
    breached: int = 0
    handled: dict[str, int] = field(default_factory=dict)  # "<record type>:<action>" -> clocks


def sweep_moment(today: dt.date | None) -> dt.datetime:
    """Sweeping "as of day D" means at the end of D: everything due by then is breached."""
    if today is None:
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0, 0)))


def _sweep_states(now: dt.datetime) -> list[str]:
    if connection.vendor != "postgresql":  # no row-level security: find the states directly
        rows = Clock.objects.unscoped().filter(
            stopped_at__isnull=True, breached_at__isnull=True, deadline_at__lte=now
        )
        return sorted(set(rows.values_list("state_id", flat=True)))
    # Under row-level security a state's rows are visible only with app.state set to it.
    from corridor.reference.models import Country

    return list(Country.objects.order_by("iso3").values_list("iso3", flat=True))


def clocks_sweep(*, now: dt.datetime | None = None, batch: int = SWEEP_BATCH) -> SweepReport:
    """Mark every open clock past its deadline as breached, once, and act on it once.

    Set-based: per state, batches by deadline (the partial index on open clocks). On
    PostgreSQL one statement claims a batch (``UPDATE … FROM (SELECT … FOR UPDATE SKIP
    LOCKED) RETURNING``), so two sweeps running at once never take the same clock; then one
    handler call per record type and breach action. Each batch is one transaction with its
    handler calls and one audit event.
    """
    moment = now or timezone.now()
    report = SweepReport()
    limits = TimeLimit.objects.in_bulk()  # reference data: a few hundred rows at most
    try:
        for state in _sweep_states(moment):
            while _sweep_batch(state, moment, batch, report, limits):
                pass
    finally:
        set_db_state(None)
    return report


# One statement per batch on PostgreSQL: pick the due clocks by the partial index, skip
# those another sweep holds, mark them and return what the handlers need.
_CLAIM_SQL = """
    UPDATE {table} AS c SET breached_at = %(now)s
    FROM (
        SELECT id FROM {table}
        WHERE state_id = %(state)s AND stopped_at IS NULL AND breached_at IS NULL AND deadline_at <= %(now)s
        ORDER BY deadline_at
        LIMIT %(batch)s
        FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE c.id = due.id
    RETURNING c.id, c.content_type_id, c.time_limit_id
"""


def _claim(state: str, moment: dt.datetime, batch: int) -> list[tuple[int, int, int]]:
    """Mark up to ``batch`` due clocks of ``state`` breached; (id, content type, time limit) each."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _CLAIM_SQL.format(table=connection.ops.quote_name(Clock._meta.db_table)),
                {"now": moment, "state": state, "batch": batch},
            )
            return [(int(a), int(b), int(c)) for a, b, c in cursor.fetchall()]
    due = Clock.objects.for_state(state).filter(
        stopped_at__isnull=True, breached_at__isnull=True, deadline_at__lte=moment
    )
    rows = list(due.order_by("deadline_at").values_list("id", "content_type_id", "time_limit_id")[:batch])
    Clock.objects.for_state(state).filter(id__in=[row[0] for row in rows]).update(breached_at=moment)
    return rows


@transaction.atomic
def _sweep_batch(
    state: str, moment: dt.datetime, batch: int, report: SweepReport, limits: dict[int, TimeLimit]
) -> bool:
    set_db_state(state)
    claimed = _claim(state, moment, batch)
    if not claimed:
        return False
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for clock_id, content_type_id, limit_id in claimed:
        if limit_id not in limits:  # a row added since the sweep began
            limits[limit_id] = TimeLimit.objects.get(pk=limit_id)
        groups[(content_type_id, limits[limit_id].breach_action)].append(clock_id)
    counts: dict[str, int] = {}
    for (content_type_id, action), clock_ids in sorted(groups.items()):
        record_type = ContentType.objects.get_for_id(content_type_id)
        label = f"{record_type.app_label}.{record_type.model}"
        key = f"{label}:{action}"
        counts[key] = len(clock_ids)
        handler = registry.breach_handler(label, action)
        if handler is not None:
            rows = Clock.objects.for_state(state).filter(id__in=clock_ids)
            clocks = list(rows.order_by("deadline_at", "id"))
            for clock in clocks:
                clock.time_limit = limits[clock.time_limit_id]
            handler(clocks=clocks, now=moment)
        report.handled[key] = report.handled.get(key, 0) + len(clock_ids)
    report.breached += len(claimed)
    audit_record(
        actor=None,
        action="clock.breached",
        target_state=state,
        data={"count": len(claimed), "by_type": counts},
    )
    return True
