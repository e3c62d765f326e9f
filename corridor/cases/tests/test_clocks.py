"""Golden tests of the clocks: calendar and working days across the seeded holidays,
extensions, and a breach acted on exactly once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.audit.models import AuditEvent
from corridor.cases import registry, workdays
from corridor.cases.clocks import (
    NoTimeLimit,
    clock_extend,
    clock_start,
    clock_stop,
    clocks_sweep,
    time_limit_for,
)
from corridor.cases.models import Clock, PublicHoliday, TimeLimit, WorkWeek
from corridor.cases.selectors import clocks_for
from corridor.cases.services import step
from corridor.cases.workflow import Transition, Workflow
from corridor.core.errors import Conflict

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def at(y: int, m: int, d: int, h: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, h, 0, tzinfo=UTC)


def limit(code: str = "test.reply", amount: int = 2, unit: str = "working_days", **extra) -> TimeLimit:
    values = {
        "code": code,
        "amount": amount,
        "unit": unit,
        "legal_source": "Test agreement, art. 5",
        "effective_from": dt.date(2026, 1, 1),
        "breach_action": "notify",
        **extra,
    }
    return TimeLimit.objects.create(**values)


# --- the seeded calendars -----------------------------------------------------------------


def test_seed_covers_every_state_and_both_years_with_sources():
    states = {"AFG", "AZE", "KAZ", "KGZ", "TJK", "TUR", "TKM", "IRN", "PAK", "UZB", "RUS"}
    assert set(WorkWeek.objects.values_list("state_id", flat=True)) == states
    for state in states:
        years = {d.year for d in PublicHoliday.objects.filter(state_id=state).values_list("date", flat=True)}
        assert years == {2026, 2027}, state
    assert not PublicHoliday.objects.filter(source="").exists()
    # Weekends differ: Friday in Iran, Friday and Saturday in Afghanistan.
    assert WorkWeek.objects.get(state_id="IRN").weekend == [5]
    assert WorkWeek.objects.get(state_id="AFG").weekend == [5, 6]
    assert WorkWeek.objects.get(state_id="KGZ").weekend == [6, 7]


def test_seed_marks_lunar_feasts_unverified_and_statutory_days_verified():
    eid = PublicHoliday.objects.get(state_id="KGZ", date=dt.date(2026, 3, 20))
    assert eid.name == "Eid al-Fitr" and eid.movable and not eid.verified
    christmas = PublicHoliday.objects.get(state_id="RUS", date=dt.date(2026, 1, 7))
    assert christmas.verified and not christmas.movable
    nowruz = PublicHoliday.objects.filter(state_id="KAZ", date=dt.date(2026, 3, 21)).get()
    assert nowruz.verified


# --- deadline arithmetic ------------------------------------------------------------------


def test_pure_working_days_skip_weekend_and_holidays():
    # Thursday 19 March 2026 + 2 working days, Friday a holiday: Monday 23, Tuesday 24.
    assert workdays.nth_working_day(
        dt.date(2026, 3, 19), 2, weekend={6, 7}, holidays={dt.date(2026, 3, 20)}
    ) == (dt.date(2026, 3, 24))
    assert workdays.deadline(at(2026, 3, 19), 2, "working_days", weekend={6, 7}, holidays=set()) == at(
        2026, 3, 24, 0
    )
    with pytest.raises(ValueError):
        workdays.nth_working_day(dt.date(2026, 3, 19), 1, weekend=set(range(1, 8)), holidays=set())
    with pytest.raises(ValueError):
        workdays.deadline(dt.datetime(2026, 3, 19), 1, "hours")  # naive


@pytest.mark.parametrize(
    ("state", "start", "amount", "due"),
    [
        # Kyrgyzstan: Eid al-Fitr Fri 20 March, weekend Sat–Sun: Mon 23 and Tue 24 count.
        ("KGZ", at(2026, 3, 19), 2, at(2026, 3, 25, 0)),
        # Iran: Friday weekend and Oil Day, then Nowruz and Eid 21–24 March: Wed 25 is the first.
        ("IRN", at(2026, 3, 19), 1, at(2026, 3, 26, 0)),
        # Afghanistan: Friday and Saturday off, so Thursday + 1 is Sunday.
        ("AFG", at(2026, 4, 23), 1, at(2026, 4, 27, 0)),
        # The same Thursday in Kyrgyzstan: Friday.
        ("KGZ", at(2026, 4, 23), 1, at(2026, 4, 25, 0)),
        # Russia: New Year holidays 1–8 January 2027 (Christmas on 7th), weekend 9–10.
        ("RUS", at(2026, 12, 31), 1, at(2027, 1, 12, 0)),
    ],
)
def test_working_days_follow_the_state_calendar(make_licence, state, start, amount, due):
    limit(amount=amount)
    clock = clock_start(record=make_licence(state=state), code="test.reply", now=start)
    assert (clock.started_at, clock.due_at, clock.deadline_at) == (start, due, due)


def test_calendar_days_end_at_the_end_of_the_last_day_and_hours_are_exact(make_licence):
    limit(code="test.days", amount=25, unit="calendar_days")
    limit(code="test.hours", amount=24, unit="hours")
    record = make_licence()
    assert clock_start(record=record, code="test.days", now=at(2026, 3, 19)).due_at == at(2026, 4, 14, 0)
    assert clock_start(record=record, code="test.hours", now=at(2026, 3, 19)).due_at == at(2026, 3, 20, 10)


def test_time_limit_rows_choose_own_state_then_default_and_respect_dates(make_licence):
    default = limit(amount=5)
    own = limit(amount=9, state_id="TUR", effective_to=dt.date(2026, 12, 31))
    assert time_limit_for(code="test.reply", state="TUR", on=dt.date(2026, 6, 1)) == own
    assert time_limit_for(code="test.reply", state="TUR", on=dt.date(2027, 1, 1)) == default
    assert time_limit_for(code="test.reply", state="KGZ", on=dt.date(2026, 6, 1)) == default
    with pytest.raises(NoTimeLimit) as caught:
        time_limit_for(code="test.reply", state="KGZ", on=dt.date(2025, 6, 1))
    assert str(caught.value.message) == "No time limit test.reply is in force on 2025-06-01."


def test_extension_up_to_the_maximum(make_licence):
    # "reply within 25 days, extendable to 60": 25 + 35, once.
    limit(code="test.reply25", amount=25, unit="calendar_days", extension_amount=35, max_extensions=1)
    record = make_licence()
    clock_start(record=record, code="test.reply25", now=at(2026, 3, 1))
    clock = clock_extend(record=record, code="test.reply25", now=at(2026, 3, 10))
    assert clock.due_at == at(2026, 3, 27, 0)
    assert clock.extended_to == clock.deadline_at == at(2026, 5, 1, 0)
    assert clock.extensions == 1
    with pytest.raises(Conflict) as caught:
        clock_extend(record=record, code="test.reply25")
    assert str(caught.value.message) == "This deadline cannot be extended again (at most 1 extensions)."
    assert AuditEvent.objects.filter(action="clock.extended").count() == 1


def test_starting_a_running_clock_again_restarts_it(make_licence):
    limit(code="test.hours", amount=24, unit="hours")
    record = make_licence()
    clock_start(record=record, code="test.hours", now=at(2026, 3, 1))
    clock_start(record=record, code="test.hours", now=at(2026, 3, 2))
    running = list(clocks_for(record=record, running_only=True))
    assert [c.due_at for c in running] == [at(2026, 3, 3)]
    assert Clock.objects.unscoped().count() == 2


# --- the sweep ----------------------------------------------------------------------------


@pytest.fixture
def handled():
    calls: list[list[int]] = []

    def handler(*, clocks, now):
        calls.append(sorted(c.pk for c in clocks))

    registry.register_breach_handler("recruitment.licence", "notify", handler)
    yield calls
    registry.unregister_breach_handler("recruitment.licence", "notify")


def test_breach_is_acted_on_exactly_once(make_licence, handled):
    limit(code="test.hours", amount=24, unit="hours")
    due, stopped, later = make_licence(), make_licence(), make_licence()
    with time_machine.travel(at(2026, 3, 1), tick=False):
        first = clock_start(record=due, code="test.hours")
        clock_start(record=stopped, code="test.hours")
        clock_stop(record=stopped)
    clock_start(record=later, code="test.hours", now=at(2026, 3, 5))
    with time_machine.travel(at(2026, 3, 3), tick=False):
        report = clocks_sweep()
        again = clocks_sweep()
    assert report.breached == 1 and report.handled == {"recruitment.licence:notify": 1}
    assert again.breached == 0
    assert handled == [[first.pk]]
    first.refresh_from_db()
    assert first.breached_at == at(2026, 3, 3)
    assert AuditEvent.objects.filter(action="clock.breached").count() == 1


def test_failing_handler_leaves_the_clock_for_the_next_sweep(make_licence):
    limit(code="test.hours", amount=1, unit="hours")
    clock = clock_start(record=make_licence(), code="test.hours", now=at(2026, 3, 1))

    def broken(*, clocks, now):
        raise RuntimeError("mail server down")

    registry.register_breach_handler("recruitment.licence", "notify", broken)
    try:
        with pytest.raises(RuntimeError):
            clocks_sweep(now=at(2026, 3, 2))
    finally:
        registry.unregister_breach_handler("recruitment.licence", "notify")
    clock.refresh_from_db()
    assert clock.breached_at is None
    assert clocks_sweep(now=at(2026, 3, 2)).breached == 1


def test_sweep_command_as_of_a_day(make_licence, handled, capsys):
    limit(code="test.days", amount=3, unit="calendar_days")
    clock_start(record=make_licence(), code="test.days", now=at(2026, 3, 1))  # due 5 March 00:00
    call_command("cases", "sweep", "--today", "2026-03-03")
    call_command("cases", "sweep", "--today", "2026-03-04")
    call_command("cases", "sweep", "--today", "2026-03-05")
    out = capsys.readouterr().out
    assert out.count("breached: 0") == 2 and "breached: 1" in out and len(handled) == 1


def test_sweep_task_runs_the_sweep(make_licence, handled):
    from corridor.cases.tasks import clocks_sweep_task

    limit(code="test.days", amount=1, unit="calendar_days")
    clock_start(record=make_licence(), code="test.days", now=at(2026, 3, 1))
    result = clocks_sweep_task.enqueue(today="2026-03-02")
    assert result.return_value == 1 and len(handled) == 1


def test_step_starts_and_stops_the_clocks_the_transition_names(make_licence, kgz_labour):
    limit(code="test.hours", amount=48, unit="hours")
    table = Workflow(
        name="clocked",
        transitions=(
            Transition(
                "send", {"draft"}, "submitted", permission=perms.MANAGE_AGENCIES, label=_("Send"),
                start_clocks=["test.hours"],
            ),
            Transition(
                "answer", {"submitted"}, "active", permission=perms.MANAGE_AGENCIES, label=_("Answer"),
                stop_clocks=["*"],
            ),
        ),
    )  # fmt: skip
    record = step(workflow=table, record=make_licence(), action="send", actor=kgz_labour, now=at(2026, 3, 1))
    [clock] = clocks_for(record=record, running_only=True)
    assert (clock.name, clock.due_at) == ("test.hours", at(2026, 3, 3))
    step(workflow=table, record=record, action="answer", actor=kgz_labour, now=at(2026, 3, 2))
    clock.refresh_from_db()
    assert clock.stopped_at == at(2026, 3, 2) and not clocks_for(record=record, running_only=True).exists()
    assert clocks_sweep(now=at(2026, 3, 10)).breached == 0


def test_step_refuses_when_the_named_time_limit_is_missing(make_licence, kgz_labour):
    table = Workflow(
        name="clocked",
        transitions=(
            Transition(
                "send", {"draft"}, "submitted", permission=perms.MANAGE_AGENCIES, label=_("Send"),
                start_clocks=["missing.limit"],
            ),
        ),
    )  # fmt: skip
    record = make_licence()
    with pytest.raises(NoTimeLimit):
        step(workflow=table, record=record, action="send", actor=kgz_labour)
    record.refresh_from_db()
    assert record.status == "draft"
