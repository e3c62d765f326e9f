"""Who sees which complaint; the queue filters; the figures for the scorecard and the job-ad check."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.http import Http404

from corridor.exchange import services as exchange
from corridor.exchange.selectors import inbox_list
from corridor.grievances import selectors
from corridor.grievances.models import Complaint
from corridor.grievances.selectors import QueueFilters, complaint_queue
from corridor.grievances.services import complaint_file
from corridor.grievances.tests.factories import act, bring_to, complaint_data, file_about
from corridor.recruitment.tests.factories import make_agency, make_vacancy

pytestmark = pytest.mark.django_db


def _visible(actor) -> list[Complaint]:
    return list(selectors.complaints_for_officer(actor=actor).order_by("id"))


def test_owner_and_colleague_see_it_outsider_sees_nothing(kgz_labour, kgz_colleague, kaz_labour, complaint):
    assert _visible(kgz_labour) == [complaint]
    assert _visible(kgz_colleague) == [complaint]
    assert _visible(kaz_labour) == []
    with pytest.raises(Http404):
        selectors.complaint_for_officer(actor=kaz_labour, uuid=complaint.uuid)


def test_the_concerned_state_gets_a_message_not_the_complaint(kgz_labour, tur_labour, kaz_labour, agency):
    # given
    concerning = file_about(agency, work_country="TUR", reporter_name="Aibek Asanov")
    file_about(agency)
    # when: the owner triages it, and the exchange delivers
    act(kgz_labour, concerning, "triage", severity="critical")
    exchange.messages_deliver_due()
    # then: the concerned state reads no complaint, only its own inbox copy, minimal fields
    assert _visible(tur_labour) == []
    with pytest.raises(Http404):
        selectors.complaint_for_officer(actor=tur_labour, uuid=concerning.uuid)
    (notice,) = inbox_list(actor=tur_labour)
    assert (notice.purpose, notice.kind, notice.subject_ref) == (
        "grievances.complaint",
        "notice",
        concerning.reference,
    )
    assert notice.payload == {
        "reference": concerning.reference,
        "subject": "agency",
        "category": "fees_charged",
        "status": "triaged",
        "severity": "critical",
        "agency_licence": agency.licence_number,
    }
    assert "Aibek" not in str(notice.payload) and "passport" not in str(notice.payload)
    assert list(inbox_list(actor=kaz_labour)) == []


def test_a_role_without_grievances_sees_nothing(actor_factory, complaint):
    from corridor.access import roles

    assert _visible(actor_factory("KGZ", roles.STATISTICIAN)) == []


def test_malformed_ids_are_not_found(kgz_labour, complaint):
    for wrong in ("nope", "", "00000000-0000-0000-0000-000000000000"):
        with pytest.raises(Http404):
            selectors.complaint_for_officer(actor=kgz_labour, uuid=wrong)


def test_queue_filters(kgz_labour, agency):
    # given: one red critical, one green low, one closed fake-ad report
    t0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(t0, tick=False):
        red = act(kgz_labour, file_about(agency), "triage", severity="critical")
        green = act(kgz_labour, file_about(agency, category="wages_unpaid"), "triage", severity="low")
        closed = bring_to(kgz_labour, file_about(agency, category="fake_vacancy"), "closed")
    now = t0 + dt.timedelta(hours=30)

    def ids(**filters) -> list[int]:
        return [c.pk for c in complaint_queue(actor=kgz_labour, filters=QueueFilters(**filters), now=now)]

    # then
    assert ids() == [red.pk, green.pk, closed.pk]
    assert ids(rag="red") == [red.pk]
    assert ids(rag="green") == [green.pk]
    assert ids(rag="amber") == []
    assert ids(status="closed") == [closed.pk]
    assert ids(category="wages_unpaid") == [green.pk]
    assert ids(severity="critical") == [red.pk]


def test_reference_lookup_accepts_what_people_type(complaint):
    typed = complaint.reference.lower().replace("-", " ")
    assert selectors.complaint_by_reference(reference=typed) == complaint
    assert selectors.complaint_by_reference(reference="GRV-2222-2222") is None
    assert selectors.complaint_by_reference(reference="drop table") is None


def test_public_history_hides_internal_steps(kgz_labour, complaint):
    from corridor.grievances.services import complaints_escalate

    triaged = act(kgz_labour, complaint, "triage", severity="critical")
    complaints_escalate(now=selectors.complaint_for_officer(actor=kgz_labour, uuid=triaged.uuid).sla_due_at)
    public = [e.action for e in selectors.complaint_history(complaint=complaint, public_only=True)]
    everything = [(s.action, s.public) for s in selectors.case_history(complaint=complaint)]
    assert public == ["filed", "triaged"]
    assert everything == [("filed", True), ("triaged", True), ("escalated", False)]


# --- figures for the recruitment module ---------------------------------------------------


def test_open_fake_vacancy_reports_flag_the_job_ad(kgz_labour, tur_labour, agency):
    # given
    flagged = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    clean = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    resolved = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    for vacancy, category in ((flagged, "fake_vacancy"), (clean, "wages_unpaid"), (resolved, "fake_vacancy")):
        complaint_file(data=complaint_data(subject="vacancy", vacancy=str(vacancy.uuid), category=category))
    done = Complaint.objects.unscoped().get(vacancy=resolved)
    bring_to(tur_labour, done, "resolved")
    # when
    flags = selectors.open_vacancy_flags([flagged.pk, clean.pk, resolved.pk])
    # then
    assert flags == {flagged.pk}
    assert selectors.open_vacancy_flags([]) == set()


def test_complaint_summary_for_agency(kgz_labour, tur_labour, agency):
    # given: three complaints about the agency (one through its job ad), two resolved after 2 and 5 days
    other = make_agency(kgz_labour)
    file_about(other)
    vacancy = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    t0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(t0, tick=False):
        first = file_about(agency)
        second = complaint_file(data=complaint_data(subject="vacancy", vacancy=str(vacancy.uuid)))
        file_about(agency)
    for complaint, actor, days in ((first, kgz_labour, 2), (second, tur_labour, 5)):
        with time_machine.travel(t0 + dt.timedelta(days=days), tick=False):
            bring_to(actor, complaint, "resolved")
    # when
    summary = selectors.complaint_summary_for_agency(agency.pk)
    # then
    assert summary == {"count": 3, "resolved": 2, "median_days_to_resolve": 3.5}
    assert selectors.complaint_summary_for_agency(other.pk) == {
        "count": 1,
        "resolved": 0,
        "median_days_to_resolve": None,
    }
