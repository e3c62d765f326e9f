"""The readmission journey on services: both copies, the exchange between them, the gate,
the clocks from the agreement (time frozen) and bad input that writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from corridor.audit.models import AuditEvent
from corridor.cases.clocks import clocks_sweep
from corridor.cases.gate import GateOverride as Override
from corridor.cases.models import CaseHistory, Clock, GateOverride
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.exchange.models import Message
from corridor.people.models import PersonRecord
from corridor.people.services import person_create, person_set_protection
from corridor.readmission import selectors, services
from corridor.readmission.models import EvidenceItem, ReadmissionCase, TravelDocument
from corridor.readmission.tests.conftest import NO_FLAGS, copies, deliver

UTC = dt.UTC


def _counts() -> tuple[int, int, int, int]:
    return (
        ReadmissionCase.objects.unscoped().count(),
        CaseHistory.objects.unscoped().count(),
        Message.objects.unscoped().count(),
        EvidenceItem.objects.unscoped().count(),
    )


def test_the_whole_journey_on_both_copies(submitted, tur_officer, kgz_officer, kgz_consul):
    ours, theirs = submitted()
    assert ours.reference == theirs.reference and ours.state_id == "TUR" and theirs.state_id == "KGZ"
    assert (ours.status, theirs.status) == ("submitted", "submitted")
    assert theirs.person is None and theirs.name_cyrillic == "Асанов Айбек"
    assert [d.kind for d in selectors.deadlines(theirs) if d.state == "running"] == [
        "reply",
        "acknowledge",
    ] or {d.kind for d in selectors.deadlines(theirs)} == {"reply", "acknowledge"}
    # Kyrgyzstan verifies among its own records (written in Cyrillic) and decides.
    kgz_person = person_create(
        actor=kgz_officer,
        family_name="Асанов",
        given_name="Айбек",
        citizenship="KGZ",
        birth_date=dt.date(1990, 5, 17),
    )
    theirs = services.case_act(actor=kgz_officer, case=theirs, action="verify")
    services.nationality_verify(actor=kgz_officer, case=theirs, person=kgz_person)
    theirs = services.case_act(actor=kgz_officer, case=theirs, action="accept")
    deliver()
    ours, theirs = copies(ours.reference)
    assert (ours.status, theirs.status) == ("accepted", "accepted")
    ours = services.case_act(actor=tur_officer, case=ours, action="request_travel_doc")
    deliver()
    ours, theirs = copies(ours.reference)
    document = services.travel_document_issue(actor=kgz_officer, case=theirs)
    deliver()
    ours, theirs = copies(ours.reference)
    assert ours.status == theirs.status == "travel_doc_issued"
    assert ours.travel_document_number == document.number
    assert selectors.travel_document_check(state="KGZ", token=document.token).valid
    ours = services.case_act(
        actor=tur_officer,
        case=ours,
        action="schedule_transfer",
        fields={
            "transfer_date": timezone.localdate() + dt.timedelta(days=5),
            "crossing_point": "Manas airport",
        },
    )
    ours = services.case_act(actor=tur_officer, case=ours, action="transfer")
    deliver()
    ours, theirs = copies(ours.reference)
    theirs = services.case_act(actor=kgz_officer, case=theirs, action="hand_over")
    with pytest.raises(Conflict):  # no consent yet: the referral needs it
        services.case_act(actor=kgz_officer, case=theirs, action="refer_reintegration")
    services.reintegration_consent(actor=kgz_officer, case=theirs)
    theirs = services.case_act(actor=kgz_officer, case=theirs, action="refer_reintegration")
    deliver()
    ours, theirs = copies(ours.reference)
    assert (ours.status, theirs.status) == ("referred_reintegration", "referred_reintegration")
    assert ours.crossing_point == theirs.crossing_point == "Manas airport"


def test_asylum_pending_blocks_submission(draft, tur_officer):
    case = draft()
    answers = {**NO_FLAGS, "asylum_pending": True}
    case = services.case_act(actor=tur_officer, case=case, action="screen", fields={"answers": answers})
    assert "asylum_seeker" in PersonRecord.objects.unscoped().get(pk=case.person_id).protection_reasons
    before = _counts()
    with pytest.raises(ApplicationError) as refused:
        services.case_act(actor=tur_officer, case=case, action="submit")
    assert "protection gate" in str(refused.value.message)
    assert _counts() == before
    assert ReadmissionCase.objects.unscoped().get(pk=case.pk).status == "screened"


def test_submit_without_screen_or_evidence_or_in_time_is_refused(draft, tur_officer):
    case = draft()
    before = _counts()
    with pytest.raises(Conflict):
        services.case_act(actor=tur_officer, case=case, action="submit")  # not screened: wrong status
    bare = services.case_create(
        actor=tur_officer, requested_state="KGZ", category="own_national", family_name="Toktogulov"
    )
    bare = services.case_act(actor=tur_officer, case=bare, action="screen", fields={"answers": NO_FLAGS})
    with pytest.raises(Conflict) as no_evidence:
        services.case_act(actor=tur_officer, case=bare, action="submit")
    assert "evidence" in str(no_evidence.value.message)
    late = draft(known_since=timezone.localdate() - dt.timedelta(days=400))
    late = services.case_act(actor=tur_officer, case=late, action="screen", fields={"answers": NO_FLAGS})
    with pytest.raises(Conflict) as too_late:
        services.case_act(actor=tur_officer, case=late, action="submit")
    assert "time limit" in str(too_late.value.message)
    assert Message.objects.unscoped().count() == before[2]


def test_bad_input_is_refused_at_the_field_and_nothing_is_written(tur_officer, submitted, kgz_officer):
    before = _counts()
    with pytest.raises(ApplicationError) as bad:
        services.case_create(
            actor=tur_officer,
            requested_state="UZB",
            category="own_national",
            family_name="A\u202eB",
            birth_date=timezone.localdate() + dt.timedelta(days=1),
        )
    assert set(bad.value.fields) >= {"requested_state", "family_name", "birth_date"}
    assert _counts() == before
    ours, theirs = submitted()
    before = _counts()
    with pytest.raises(ApplicationError) as no_reason:
        services.case_act(actor=kgz_officer, case=theirs, action="reject", note="Not ours")
    assert "refusal_reason" in no_reason.value.fields
    with pytest.raises(ApplicationError) as no_note:
        services.case_act(
            actor=kgz_officer, case=theirs, action="reject", fields={"refusal_reason": "not_national"}
        )
    assert "note" in no_note.value.fields
    with pytest.raises(Conflict):  # a travel document for a case not accepted
        services.travel_document_issue(actor=kgz_officer, case=theirs)
    with pytest.raises(ApplicationError) as bad_type:
        services.evidence_add(actor=tur_officer, case=ours, evidence_type="horoscope")
    assert _counts() == before
    assert TravelDocument.objects.unscoped().count() == 0
    assert bad_type.value.message


def test_reject_with_reason_reaches_both_copies(submitted, kgz_officer):
    ours, theirs = submitted()
    services.case_act(
        actor=kgz_officer,
        case=theirs,
        action="reject",
        note="No record",
        fields={"refusal_reason": "not_national"},
    )
    deliver()
    ours, theirs = copies(ours.reference)
    assert (ours.status, ours.refusal_reason) == ("rejected", "not_national")
    assert theirs.status == "rejected"


def test_each_side_acts_only_on_its_own_copy(submitted, tur_officer, kgz_officer, uzb_officer):
    ours, _theirs = submitted()
    with pytest.raises(Forbidden):
        services.case_act(actor=tur_officer, case=ours, action="accept")
    with pytest.raises(Forbidden):
        services.case_act(actor=uzb_officer, case=ours, action="withdraw", note="not mine")
    with pytest.raises(Forbidden):
        services.case_act(actor=kgz_officer, case=ours, action="acknowledge")


def test_flag_raised_after_submission_puts_both_copies_on_hold(submitted, tur_officer, tur_admin):
    ours, theirs = submitted()
    person = PersonRecord.objects.unscoped().get(pk=ours.person_id)
    person_set_protection(actor=tur_officer, person=person, reasons=["appeal_pending"])
    deliver()
    ours, theirs = copies(ours.reference)
    assert (ours.status, theirs.status) == ("on_hold", "on_hold")
    assert ours.held_from == theirs.held_from == "submitted"
    assert (
        not Clock.objects.unscoped()
        .filter(object_uuid__in=[ours.uuid, theirs.uuid], stopped_at__isnull=True, breached_at__isnull=True)
        .exists()
    )
    # Releasing needs the gate open: refused while the flag stands, passes with a second person.
    with pytest.raises(ApplicationError):
        services.case_act(actor=tur_officer, case=ours, action="resume_verification", note="Appeal withdrawn")
    override = Override(reason="Appeal withdrawn in writing on 3 March, see file", approver=tur_admin)
    services.case_act(
        actor=tur_officer, case=ours, action="resume_verification", note="Released", override=override
    )
    deliver()
    ours, theirs = copies(ours.reference)
    assert (ours.status, theirs.status) == ("under_verification", "under_verification")
    assert GateOverride.objects.unscoped().filter(object_uuid=ours.uuid).count() == 1


@time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=UTC), tick=False)
def test_reply_deadline_from_the_agreement_and_deemed_acceptance_by_silence(submitted):
    ours, theirs = submitted()
    reply = {c.object_uuid: c for c in Clock.objects.unscoped().filter(name="readmission.tur-kgz.reply")}
    # 25 calendar days from the day after submission, to the end of the last day (UTC).
    assert reply[ours.uuid].deadline_at == dt.datetime(2026, 3, 28, 0, 0, tzinfo=UTC)
    assert reply[theirs.uuid].deadline_at == dt.datetime(2026, 3, 28, 0, 0, tzinfo=UTC)
    deadline = next(d for d in selectors.deadlines(theirs) if d.kind == "reply")
    assert "25" in deadline.rule and "Türkiye" in deadline.source
    clocks_sweep(now=dt.datetime(2026, 3, 27, 23, 59, tzinfo=UTC))
    assert copies(ours.reference)[0].status == "submitted"
    report = clocks_sweep(now=dt.datetime(2026, 3, 28, 0, 0, tzinfo=UTC))
    assert report.handled.get("readmission.readmissioncase:deem_accepted") == 2
    ours, theirs = copies(ours.reference)
    assert (ours.status, theirs.status) == ("deemed_accepted", "deemed_accepted")
    assert AuditEvent.objects.filter(action="readmission_case.deemed_accepted").count() == 2
    clocks_sweep(now=dt.datetime(2026, 4, 30, tzinfo=UTC))  # acted on once
    assert AuditEvent.objects.filter(action="readmission_case.deemed_accepted").count() == 2


@time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=UTC), tick=False)
def test_extension_moves_the_reply_deadline_on_both_copies(submitted, kgz_officer, tur_officer):
    ours, theirs = submitted()
    theirs = services.case_act(actor=kgz_officer, case=theirs, action="verify")
    services.case_act(actor=kgz_officer, case=theirs, action="request_extension", note="Archive search")
    deliver()
    ours, theirs = copies(ours.reference)
    services.case_act(actor=tur_officer, case=ours, action="grant_extension")
    deliver()
    ends = set(
        Clock.objects.unscoped()
        .filter(name="readmission.tur-kgz.reply", stopped_at__isnull=True)
        .values_list("deadline_at", flat=True)
    )
    assert ends == {dt.datetime(2026, 5, 2, 0, 0, tzinfo=UTC)}  # 25 + 35 = 60 days


@time_machine.travel(dt.datetime(2026, 4, 30, 10, 0, tzinfo=UTC), tick=False)
def test_accelerated_reply_counts_working_days_across_each_states_holidays(submitted):
    _ours, _theirs = submitted(accelerated=True)
    reply = {
        c.state_id: c for c in Clock.objects.unscoped().filter(name="readmission.tur-kgz.reply_accelerated")
    }
    # Kyrgyzstan: 1 May and the May holidays to the 9th, then the weekend: 11 and 12 May.
    assert reply["KGZ"].deadline_at == dt.datetime(2026, 5, 13, 0, 0, tzinfo=UTC)
    # Türkiye: 1 May is a holiday, then the weekend: 4 and 5 May.
    assert reply["TUR"].deadline_at == dt.datetime(2026, 5, 6, 0, 0, tzinfo=UTC)


def test_monitoring_counts_real_days_per_stage(submitted, kgz_officer):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=UTC), tick=False):
        _ours, theirs = submitted()
    with time_machine.travel(dt.datetime(2026, 3, 9, 10, 0, tzinfo=UTC), tick=False):
        services.case_act(
            actor=kgz_officer,
            case=theirs,
            action="reject",
            note="No",
            fields={"refusal_reason": "not_national"},
        )
        deliver()
    rows = selectors.monitoring(state="TUR")
    row = next(r for r in rows if r.agreement == "tur-kgz" and r.year == 2026)
    assert (row.requests, row.refusals) == (1, {"not_national": 1})
    assert row.stage_days["reply"] == (7.0, 7.0, 1)
