"""The IRIS-modelled certification: every (status, decision) pair, inputs, who decides, audit."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from corridor.access import roles
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.recruitment.models import (
    Agency,
    Certification,
    CertificationDecision,
    CertificationStatus,
    Principle,
)
from corridor.recruitment.services import certification as service
from corridor.recruitment.services.certification import TRANSITIONS
from corridor.recruitment.tests.factories import make_agency

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("self_assessment", "apply"): "applied",
    ("applied", "start_desk_review"): "desk_review",
    ("applied", "refuse"): "self_assessment",
    ("desk_review", "start_onsite_review"): "onsite_review",
    ("desk_review", "refuse"): "self_assessment",
    ("onsite_review", "certify"): "certified",
    ("onsite_review", "refuse"): "self_assessment",
    ("certified", "start_surveillance"): "surveillance",
    ("certified", "suspend"): "suspended",
    ("certified", "withdraw"): "withdrawn",
    ("certified", "expire"): "expired",
    ("surveillance", "confirm"): "certified",
    ("surveillance", "recertify"): "certified",
    ("surveillance", "suspend"): "suspended",
    ("surveillance", "withdraw"): "withdrawn",
    ("surveillance", "expire"): "expired",
    ("suspended", "reinstate"): "certified",
    ("suspended", "withdraw"): "withdrawn",
    ("suspended", "expire"): "expired",
    ("withdrawn", "restart"): "self_assessment",
    ("expired", "restart"): "self_assessment",
}
CASES = [(status, action) for status in CertificationStatus.values for action in TRANSITIONS]
PATH = {
    "self_assessment": [],
    "applied": ["apply"],
    "desk_review": ["apply", "start_desk_review"],
    "onsite_review": ["apply", "start_desk_review", "start_onsite_review"],
    "certified": ["apply", "start_desk_review", "start_onsite_review", "certify"],
}
PATH["surveillance"] = [*PATH["certified"], "start_surveillance"]
PATH["suspended"] = [*PATH["certified"], "suspend"]
PATH["withdrawn"] = [*PATH["certified"], "withdraw"]
PATH["expired"] = [*PATH["certified"], "expire"]
ALL_MET = {p.value: {"met": True, "evidence": f"Policy document for {p.value}"} for p in Principle}
INTERVIEWS = {"interviews_count": 12, "interview_summary": "Nobody paid a fee; passports kept by workers."}


def certification_in(actor, status):
    agency = make_agency(actor, status="active")
    service.certification_start(actor=actor, agency=agency)
    service.certification_self_assess(actor=actor, agency=agency, answers=ALL_MET)
    for action in PATH[status]:
        service.certification_transition(
            actor=actor, agency=agency, action=action, reason="test", **INTERVIEWS
        )
    return Agency.objects.unscoped().get(pk=agency.pk)  # no cached certification


@pytest.mark.parametrize(("status", "action"), CASES)
def test_transition_table(kgz_labour, status, action):
    # given a certification in `status`
    agency = certification_in(kgz_labour, status)
    assert agency.certification.status == status
    before = CertificationDecision.objects.count()
    expected = EXPECTED.get((status, action))
    # when the certifying body takes `action`
    if expected is None:
        with pytest.raises(Conflict):
            service.certification_transition(
                actor=kgz_labour, agency=agency, action=action, reason="r", **INTERVIEWS
            )
        # then nothing changes
        assert Certification.objects.unscoped().get(agency=agency).status == status
        assert CertificationDecision.objects.count() == before
    else:
        done = service.certification_transition(
            actor=kgz_labour, agency=agency, action=action, reason="r", **INTERVIEWS
        )
        # then it moves, and the step is recorded and audited
        assert done.status == expected
        assert CertificationDecision.objects.count() == before + 1
        verb = service.AUDIT_VERB[action]
        assert AuditEvent.objects.filter(action=f"certification.{verb}", target_uuid=done.uuid).count() == 1


@pytest.mark.parametrize("action", [a for a, t in TRANSITIONS.items() if t.needs_note])
def test_narrowing_decisions_need_a_reason(kgz_labour, action):
    status = next(s for (s, a) in EXPECTED if a == action)
    agency = certification_in(kgz_labour, status)
    with pytest.raises(ApplicationError) as caught:
        service.certification_transition(actor=kgz_labour, agency=agency, action=action, reason=" ")
    assert caught.value.fields == {"reason": ["A reason is required for this decision."]}
    assert Certification.objects.unscoped().get(agency=agency).status == status


def test_application_needs_every_principle_met_with_evidence(kgz_labour):
    # given a self-assessment where the agency admits charging workers and gives no evidence of remedy
    agency = make_agency(kgz_labour, status="active")
    service.certification_start(actor=kgz_labour, agency=agency)
    answers = {**ALL_MET, "no_fees": {"met": False, "evidence": "We charge a visa fee"}}
    answers["remedy"] = {"met": True, "evidence": ""}
    service.certification_self_assess(actor=kgz_labour, agency=agency, answers=answers)
    # when it applies
    with pytest.raises(ApplicationError) as caught:
        service.certification_transition(actor=kgz_labour, agency=agency, action="apply")
    # then both principles are named and it stays in self-assessment
    assert caught.value.fields["answers"] == [
        "Principle not shown to be met, with evidence: No fees or related costs charged to workers.",
        "Principle not shown to be met, with evidence: Access to remedy.",
    ]
    assert Certification.objects.unscoped().get(agency=agency).status == "self_assessment"


def test_self_assessment_refuses_unknown_principles_and_closes_after_applying(kgz_labour):
    agency = certification_in(kgz_labour, "self_assessment")
    with pytest.raises(ApplicationError) as caught:
        service.certification_self_assess(actor=kgz_labour, agency=agency, answers={"bribes": {"met": True}})
    assert caught.value.fields == {"answers": ["Unknown principle: bribes."]}
    service.certification_transition(actor=kgz_labour, agency=agency, action="apply")
    with pytest.raises(Conflict):
        service.certification_self_assess(actor=kgz_labour, agency=agency, answers=ALL_MET)


@pytest.mark.parametrize(
    ("count", "summary", "fields"),
    [
        (0, "said", {"interviews_count"}),
        (3, " ", {"interview_summary"}),
        (0, "", {"interviews_count", "interview_summary"}),
    ],
)
def test_certifying_needs_worker_interviews(kgz_labour, count, summary, fields):
    agency = certification_in(kgz_labour, "onsite_review")
    with pytest.raises(ApplicationError) as caught:
        service.certification_transition(
            actor=kgz_labour,
            agency=agency,
            action="certify",
            interviews_count=count,
            interview_summary=summary,
        )
    assert set(caught.value.fields) == fields
    assert Certification.objects.unscoped().get(agency=agency).status == "onsite_review"


@time_machine.travel(dt.date(2026, 3, 15), tick=False)
def test_certification_is_valid_three_years_with_yearly_surveillance(kgz_labour):
    agency = certification_in(kgz_labour, "certified")
    certification = Certification.objects.unscoped().get(agency=agency)
    assert (certification.certified_on, certification.valid_to, certification.surveillance_due) == (
        dt.date(2026, 3, 15),
        dt.date(2029, 3, 15),
        dt.date(2027, 3, 15),
    )
    assert (certification.interviews_count, certification.interview_summary) == (
        12,
        INTERVIEWS["interview_summary"],
    )


def test_only_labour_officers_of_the_licensing_state_decide(kgz_labour, tur_labour, actor_factory):
    # given a KGZ agency with an application, a KGZ colleague without the right, a TUR outsider
    agency = certification_in(kgz_labour, "applied")
    colleague = actor_factory("KGZ", roles.CONSULAR_OFFICER)
    for actor in (colleague, tur_labour):
        # when they try to decide or to open a file
        with pytest.raises(Forbidden):
            service.certification_transition(actor=actor, agency=agency, action="start_desk_review")
        with pytest.raises(Forbidden):
            service.certification_self_assess(actor=actor, agency=agency, answers=ALL_MET)
    # then nothing changed
    assert Certification.objects.unscoped().get(agency=agency).status == "applied"


def test_a_file_is_opened_once_and_unknown_actions_are_refused(kgz_labour):
    agency = certification_in(kgz_labour, "self_assessment")
    with pytest.raises(Conflict):
        service.certification_start(actor=kgz_labour, agency=agency)
    with pytest.raises(ApplicationError) as caught:
        service.certification_transition(actor=kgz_labour, agency=agency, action="bribe")
    assert caught.value.fields == {"action": ["Unknown decision: bribe."]}
    other = make_agency(kgz_labour, status="active")
    with pytest.raises(Conflict):
        service.certification_transition(actor=kgz_labour, agency=other, action="apply")
