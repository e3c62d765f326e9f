"""Every status × action × role, on both copies, against an oracle written out by hand."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from corridor.cases.consent import consent_give
from corridor.cases.testing import walk_table
from corridor.people.models import PersonRecord
from corridor.readmission.models import Agreement, EvidenceItem, ReadmissionCase
from corridor.readmission.workflow import READMISSION, SIDE_OF

_numbers = itertools.count(1)

REQUESTING_ALLOWED = {
    ("draft", "screen"),
    ("screened", "submit"),
    ("info_requested", "provide_info"),
    ("extension_requested", "grant_extension"),
    ("extension_requested", "decline_extension"),
    ("accepted", "request_travel_doc"),
    ("deemed_accepted", "request_travel_doc"),
    ("travel_doc_issued", "schedule_transfer"),
    ("transfer_scheduled", "transfer"),
    ("on_hold", "resume_verification"),  # held while under verification (the fixture)
    ("wrongfully_readmitted", "take_back"),
} | {
    (status, "withdraw")
    for status in (
        "draft",
        "screened",
        "submitted",
        "acknowledged",
        "under_verification",
        "info_requested",
        "interview_scheduled",
        "extension_requested",
        "accepted",
        "deemed_accepted",
        "travel_doc_requested",
        "travel_doc_issued",
        "transfer_scheduled",
        "on_hold",
    )
}
REQUESTED_ALLOWED = {
    ("submitted", "acknowledge"),
    ("submitted", "verify"),
    ("acknowledged", "verify"),
    ("under_verification", "request_info"),
    ("under_verification", "schedule_interview"),
    ("under_verification", "request_extension"),
    ("interview_scheduled", "interview_held"),
    ("travel_doc_requested", "issue_travel_doc"),
    ("transferred", "hand_over"),
    ("transferred", "report_wrongful"),
    ("handed_over", "report_wrongful"),
    ("handed_over", "close"),
    ("handed_over", "refer_reintegration"),
} | {
    (status, action)
    for status in ("submitted", "acknowledged", "under_verification")
    for action in ("accept", "reject")
}


def _maker(side: str, person: PersonRecord) -> Any:
    agreement = Agreement.objects.get(code="tur-kgz")
    owner = "TUR" if side == "requesting" else "KGZ"

    def make(status: str) -> ReadmissionCase:
        case = ReadmissionCase.objects.unscoped().create(
            state_id=owner,
            reference=f"TUR-RA-T{next(_numbers):07d}",
            side=side,
            agreement=agreement,
            requesting_state_id="TUR",
            requested_state_id="KGZ",
            category="own_national",
            status=status,
            person=person,
            family_name="Asanov",
            given_name="Aibek",
            birth_date=dt.date(1990, 5, 17),
            known_since=timezone.localdate(),
            screened_at=timezone.now() if side == "requesting" else None,
            held_from="under_verification",
            travel_document_number="KGZ2345678",
            transfer_date=timezone.localdate(),
            crossing_point="Manas",
        )
        if side == "requesting":
            EvidenceItem.objects.unscoped().create(
                state_id=owner, case=case, evidence_type="passport_copy", strength="presumption"
            )
        return case

    return make


@pytest.mark.parametrize("side", ["requesting", "requested"])
def test_every_status_action_and_role(
    side, tur_officer, kgz_officer, uzb_officer, tur_statistician, kgz_consul
):
    owner_state = "TUR" if side == "requesting" else "KGZ"
    owner = tur_officer if side == "requesting" else kgz_officer
    other = kgz_officer if side == "requesting" else tur_officer
    person = PersonRecord.objects.unscoped().create(
        state_id=owner_state, family_name="Asanov", given_name="Aibek", citizenship_id="KGZ"
    )
    if side == "requested":
        consent_give(actor=kgz_consul, person=person, purpose="services")
    allowed = REQUESTING_ALLOWED if side == "requesting" else REQUESTED_ALLOWED
    report = walk_table(
        workflow=READMISSION,
        make_record=_maker(side, person),
        actors={
            "owner": owner,
            "other_state": other,
            "outsider": uzb_officer,
            "statistician": tur_statistician,
        },
        expected=lambda status, action, who: who == "owner" and (status, action) in allowed,
    )
    assert len(report.allowed) == len(allowed)
    assert report.total == len(READMISSION.states) * len(READMISSION.actions) * 4


def test_every_action_has_a_side_or_is_the_systems():
    system = {t.action for t in READMISSION.transitions if t.system_only}
    assert system == {"deem_accept", "hold"}
    assert set(SIDE_OF) == set(READMISSION.actions) - system
