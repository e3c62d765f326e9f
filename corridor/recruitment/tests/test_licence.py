"""The licence lifecycle: every (status, decision) pair, who decides, reasons and audit."""

from __future__ import annotations

import pytest

from corridor.access import roles
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.recruitment.models import Agency, LicenceDecision, LicenceStatus
from corridor.recruitment.services import agencies
from corridor.recruitment.services.agencies import TRANSITIONS
from corridor.recruitment.tests.factories import make_agency

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("draft", "submit"): "submitted",
    ("draft", "cancel"): "cancelled",
    ("submitted", "start_review"): "under_review",
    ("submitted", "cancel"): "cancelled",
    ("under_review", "approve"): "active",
    ("under_review", "cancel"): "cancelled",
    ("active", "suspend"): "suspended",
    ("active", "mark_renewal_due"): "renewal_due",
    ("active", "cancel"): "cancelled",
    ("active", "revoke"): "revoked",
    ("active", "ban"): "banned",
    ("suspended", "reinstate"): "active",
    ("suspended", "cancel"): "cancelled",
    ("suspended", "revoke"): "revoked",
    ("suspended", "ban"): "banned",
    ("renewal_due", "renew"): "active",
    ("renewal_due", "expire"): "expired",
    ("renewal_due", "suspend"): "suspended",
    ("renewal_due", "cancel"): "cancelled",
    ("renewal_due", "revoke"): "revoked",
    ("renewal_due", "ban"): "banned",
    ("revoked", "ban"): "banned",
}
CASES = [(status, action) for status in LicenceStatus.values for action in TRANSITIONS]


@pytest.mark.parametrize(("status", "action"), CASES)
def test_transition_table(kgz_labour, status, action):
    # given an agency whose licence is in `status`
    agency = make_agency(kgz_labour, status=status)
    assert agency.licence.status == status
    before = LicenceDecision.objects.count()
    # when the licensing state's officer takes `action`
    expected = EXPECTED.get((status, action))
    if expected is None:
        with pytest.raises(Conflict):
            agencies.licence_transition(actor=kgz_labour, agency=agency, action=action, reason="r")
        # then nothing changes
        agency.licence.refresh_from_db()
        assert agency.licence.status == status
        assert LicenceDecision.objects.count() == before
    else:
        licence = agencies.licence_transition(actor=kgz_labour, agency=agency, action=action, reason="r")
        # then the licence moves and the decision is recorded and audited
        assert licence.status == expected
        assert LicenceDecision.objects.count() == before + 1
        verb = agencies.AUDIT_VERB[action]
        assert AuditEvent.objects.filter(action=f"licence.{verb}", target_uuid=licence.uuid).count() >= 1


@pytest.mark.parametrize("action", [a for a, t in TRANSITIONS.items() if t.needs_note])
def test_narrowing_decisions_need_a_reason(kgz_labour, action):
    status = next(s for (s, a) in EXPECTED if a == action)
    agency = make_agency(kgz_labour, status=status)
    with pytest.raises(ApplicationError) as caught:
        agencies.licence_transition(actor=kgz_labour, agency=agency, action=action, reason="  ")
    assert "reason" in caught.value.fields
    agency.licence.refresh_from_db()
    assert agency.licence.status == status


def test_only_labour_officers_of_the_licensing_state_decide(kgz_labour, tur_labour, actor_factory):
    agency = make_agency(kgz_labour, status="active")
    consul = actor_factory("KGZ", roles.CONSULAR_OFFICER)
    for actor in (tur_labour, consul):
        with pytest.raises(Forbidden):
            agencies.licence_transition(actor=actor, agency=agency, action="suspend", reason="x")
    agency.licence.refresh_from_db()
    assert agency.licence.status == "active"


def test_suspension_publishes_its_reason_and_reinstatement_clears_it(kgz_labour):
    agency = make_agency(kgz_labour, status="active")
    licence = agencies.licence_transition(
        actor=kgz_labour, agency=agency, action="suspend", reason="Charged workers placement fees"
    )
    assert (licence.status, licence.status_reason) == ("suspended", "Charged workers placement fees")
    licence = agencies.licence_transition(actor=kgz_labour, agency=agency, action="reinstate")
    assert (licence.status, licence.status_reason) == ("active", "")


def test_approval_sets_five_years_validity(kgz_labour):
    agency = make_agency(kgz_labour, status="under_review")
    licence = agencies.licence_transition(actor=kgz_labour, agency=agency, action="approve")
    assert licence.valid_from is not None and licence.valid_to is not None
    assert licence.valid_to.year - licence.valid_from.year == 5


def test_second_agency_with_the_same_licence_number_is_refused(kgz_labour, tur_labour):
    make_agency(kgz_labour, number="KG-1")
    with pytest.raises(ApplicationError) as caught:
        agencies.agency_create(actor=kgz_labour, name="Copy", licence_number="kg-1")
    assert caught.value.fields["licence_number"] == [
        "Another agency of this state already holds licence number kg-1."
    ]
    assert Agency.objects.for_state("KGZ").count() == 1
    # another state may use the same number
    make_agency(tur_labour, number="KG-1")
    assert Agency.objects.for_state("TUR").count() == 1


def test_licence_table_walked_for_every_role_on_the_kernel(kgz_labour, tur_labour, actor_factory):
    # every status × decision × (owner, colleague of another role, outsider): offered ⇔ accepted
    from corridor.cases.testing import walk_table

    consul = actor_factory("KGZ", roles.CONSULAR_OFFICER)
    report = walk_table(
        workflow=agencies.LICENCE,
        make_record=lambda status: make_agency(kgz_labour, status=status).licence,
        actors={"owner": kgz_labour, "consul": consul, "outsider": tur_labour},
        expected=lambda status, action, who: who == "owner" and (status, action) in EXPECTED,
        states=tuple(LicenceStatus.values),
    )
    assert len(report.allowed) == len(EXPECTED)
