"""The complaint clocks (kernel Clock rows from TimeLimit rows), red / amber / green and the
escalation that the kernel's sweep hands to grievances' breach handler, with frozen time."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from corridor.audit.models import AuditEvent
from corridor.cases.models import CaseHistory, Clock, TimeLimit
from corridor.cases.tasks import clocks_sweep_task
from corridor.grievances import selectors
from corridor.grievances.models import Complaint, Status
from corridor.grievances.services import complaints_escalate
from corridor.grievances.tests.factories import act, bring_to, file_about
from corridor.grievances.workflow import MAX_ESCALATION

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _at(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def _clocked(complaint: Complaint) -> Complaint:
    """The complaint as the queue reads it: its current clock's start and deadline annotated."""
    return selectors.with_clock(Complaint.objects.for_state(complaint.state_id)).get(pk=complaint.pk)


def _rag(complaint: Complaint, now: dt.datetime) -> str:
    return selectors.rag(_clocked(complaint), now)


@pytest.fixture
def critical(kgz_labour, agency):
    """Filed and triaged critical at T0: 24 hours to handle it."""
    with time_machine.travel(T0, tick=False):
        return act(kgz_labour, file_about(agency), "triage", severity="critical")


@pytest.mark.parametrize(
    ("severity", "hours"), [("critical", 24), ("high", 72), ("medium", 168), ("low", 336)]
)
def test_sla_period_by_severity(kgz_labour, agency, severity, hours):
    with time_machine.travel(T0, tick=False):
        triaged = act(kgz_labour, file_about(agency), "triage", severity=severity)
    assert _clocked(triaged).sla_due_at == _at(hours)


@pytest.mark.parametrize(
    ("hours", "colour"),
    [(0, "green"), (11.9, "green"), (12, "amber"), (23.9, "amber"), (24, "red"), (100, "red")],
)
def test_rag_boundaries(critical, hours, colour):
    assert _rag(critical, _at(hours)) == colour


def test_an_untriaged_complaint_has_two_days(agency):
    with time_machine.travel(T0, tick=False):
        complaint = file_about(agency)
    assert [_rag(complaint, _at(h)) for h in (23, 24, 48)] == ["green", "amber", "red"]


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.REFERRED, Status.CLOSED])
def test_finished_complaints_have_no_colour(kgz_labour, critical, status):
    with time_machine.travel(_at(1), tick=False):
        done = (
            bring_to(kgz_labour, critical, status)
            if status != Status.RESOLVED
            else _resolve(kgz_labour, critical)
        )
    assert _rag(done, _at(500)) == ""


def _resolve(actor, complaint):
    return act(actor, act(actor, complaint, "assign"), "resolve")


def test_sweep_escalates_only_red_complaints_once_per_period(kgz_labour, agency, critical):
    # given: a low-severity complaint triaged at the same time stays green
    with time_machine.travel(T0, tick=False):
        calm = act(kgz_labour, file_about(agency), "triage", severity="low")
    # when / then: amber is not escalated
    assert complaints_escalate(now=_at(23)) == 0
    # red: level 1, and running again at the same time changes nothing
    assert complaints_escalate(now=_at(24)) == 1
    assert complaints_escalate(now=_at(30)) == 0
    # one more full period overdue: level 2; then capped at 3
    assert complaints_escalate(now=_at(48)) == 1
    assert complaints_escalate(now=_at(24 * 10)) == 1
    assert complaints_escalate(now=_at(24 * 13)) == 0  # the low one is due after 14 days
    critical.refresh_from_db()
    calm.refresh_from_db()
    assert (critical.escalation_level, calm.escalation_level) == (MAX_ESCALATION, 0)
    assert critical.escalated_at == _at(24 * 10)
    audit = AuditEvent.objects.filter(action="complaint.escalated").order_by("seq")
    assert [(e.data["from"], e.data["to"]) for e in audit] == [(0, 1), (1, 2), (2, 3)]
    assert all(e.actor_user is None and e.target_uuid == critical.uuid for e in audit)
    steps = CaseHistory.objects.unscoped().filter(action="escalated")
    assert [(e.public, e.note) for e in steps] == [(False, f"Escalation level {n}") for n in (1, 2, 3)]
    # the clocks are the kernel's rows: each period breached once, and none runs past the top
    periods = (
        Clock.objects.for_state("KGZ")
        .filter(object_uuid=critical.uuid, name="grievances.handle.critical")
        .order_by("started_at")
    )
    assert [(c.started_at, c.deadline_at, c.breached_at) for c in periods] == [
        (_at(0), _at(24), _at(24)),
        (_at(24), _at(48), _at(48)),
        (_at(48), _at(72), _at(240)),
    ]


def test_a_sweep_after_a_long_gap_raises_one_level_per_period_missed(critical):
    # nobody swept for 60 hours: two periods and a half overdue -> level 3 at once, no cascade
    assert complaints_escalate(now=_at(24 + 60)) == 1
    critical.refresh_from_db()
    assert critical.escalation_level == 3
    assert (
        not Clock.objects.for_state("KGZ")
        .filter(object_uuid=critical.uuid, stopped_at__isnull=True, breached_at__isnull=True)
        .exists()
    )


def test_the_periods_are_rows_a_state_may_set_for_itself(kgz_labour, agency):
    # given: Kyrgyzstan handles critical complaints within 12 hours from 2026 (its own row)
    TimeLimit.objects.create(
        code="grievances.handle.critical", state_id="KGZ", amount=12, unit="hours",
        legal_source="Test order", effective_from=dt.date(2026, 1, 1), breach_action="escalate",
    )  # fmt: skip
    # when
    with time_machine.travel(T0, tick=False):
        triaged = act(kgz_labour, file_about(agency), "triage", severity="critical")
    # then
    assert _clocked(triaged).sla_due_at == _at(12)


def test_sweep_leaves_finished_complaints_alone(kgz_labour, critical):
    with time_machine.travel(_at(1), tick=False):
        _resolve(kgz_labour, critical)
    assert complaints_escalate(now=_at(100)) == 0


def test_sweep_reaches_every_owner_state(kgz_labour, tur_labour, agency, critical):
    # given: a job-ad complaint owned by TUR, also critical at T0
    from corridor.grievances.services import complaint_file
    from corridor.grievances.tests.factories import complaint_data
    from corridor.recruitment.tests.factories import make_vacancy

    vacancy = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    with time_machine.travel(T0, tick=False):
        other = complaint_file(data=complaint_data(subject="vacancy", vacancy=str(vacancy.uuid)))
        act(tur_labour, other, "triage", severity="critical")
    # when
    assert complaints_escalate(now=_at(25)) == 2
    # then
    levels = dict(Complaint.objects.unscoped().values_list("state_id", "escalation_level"))
    assert levels == {"KGZ": 1, "TUR": 1}


def test_the_queue_shows_escalated_first(kgz_labour, agency, critical):
    from corridor.grievances.selectors import QueueFilters, complaint_queue

    with time_machine.travel(T0, tick=False):
        later = act(kgz_labour, file_about(agency), "triage", severity="critical")
    complaints_escalate(now=_at(25))
    Complaint.objects.unscoped().filter(pk=later.pk).update(escalation_level=0)
    rows = list(complaint_queue(actor=kgz_labour, filters=QueueFilters(escalated=True), now=_at(25)))
    assert rows == [critical]


def test_the_kernel_command_and_task_run_the_escalation(critical):
    from io import StringIO

    out = StringIO()
    with time_machine.travel(_at(25), tick=False):
        call_command("cases", "sweep", stdout=out)
        clocks_sweep_task.enqueue()  # the immediate backend runs it at once: nothing new
    critical.refresh_from_db()
    assert critical.escalation_level == 1
    assert AuditEvent.objects.filter(action="complaint.escalated").count() == 1
