from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access import roles
from corridor.audit.models import AuditEvent
from corridor.cases.gate import GateOverride, ProtectionBlocked
from corridor.cases.models import CaseHistory
from corridor.cases.models import GateOverride as GateOverrideRow
from corridor.cases.selectors import history_for
from corridor.cases.services import allowed_actions, refusal, step
from corridor.cases.testing import walk_table
from corridor.cases.tests.conftest import TABLE
from corridor.cases.workflow import Transition, Workflow
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.people.models import ProtectionReason

pytestmark = pytest.mark.django_db


def test_step_moves_writes_history_and_audit_in_one_go(make_licence, kgz_labour):
    # given
    licence = make_licence("draft")
    # when
    moved = step(workflow=TABLE, record=licence, action="submit", actor=kgz_labour, note="  ready  ")
    # then
    assert moved.status == "submitted"
    [row] = history_for(record=moved)
    assert (row.workflow, row.action, row.from_status, row.to_status) == (
        "testcase",
        "submit",
        "draft",
        "submitted",
    )
    assert row.actor_id == kgz_labour.user.pk and row.note == "ready" and row.state_id == "KGZ"
    event = AuditEvent.objects.get(action="testcase.submit")
    assert event.target_uuid == licence.uuid and event.data == {"from": "draft", "to": "submitted"}


def test_allowed_actions_offers_only_what_step_accepts_with_labels(make_licence, kgz_labour):
    licence = make_licence("draft")
    options = allowed_actions(workflow=TABLE, record=licence, actor=kgz_labour)
    assert [(o.action, o.label, o.needs_note) for o in options] == [
        ("submit", "Submit", False),
        ("cancel", "Cancel", True),
    ]


def test_outsider_is_offered_nothing_and_refused_without_a_write(make_licence, tur_labour):
    licence = make_licence("draft")
    assert allowed_actions(workflow=TABLE, record=licence, actor=tur_labour) == []
    with pytest.raises(Forbidden):
        step(workflow=TABLE, record=licence, action="submit", actor=tur_labour)
    licence.refresh_from_db()
    assert licence.status == "draft"
    assert not CaseHistory.objects.unscoped().exists()
    assert not AuditEvent.objects.filter(action__startswith="testcase.").exists()


def test_wrong_status_is_a_translated_conflict(make_licence, kgz_labour):
    licence = make_licence("submitted")
    with pytest.raises(Conflict) as caught:
        step(workflow=TABLE, record=licence, action="submit", actor=kgz_labour)
    assert str(caught.value.message) == "This cannot be done while the record is submitted."


def test_guard_refuses_with_its_reason_and_passes_with_changes(make_licence, kgz_labour):
    licence = make_licence("submitted")
    problem = refusal(workflow=TABLE, record=licence, action="approve", actor=kgz_labour)
    assert isinstance(problem, Conflict) and str(problem.message) == "Give the end date first."
    end = dt.date(2031, 1, 1)
    moved = step(
        workflow=TABLE, record=licence, action="approve", actor=kgz_labour, changes={"valid_to": end}
    )
    assert moved.status == "active" and moved.valid_to == end


def test_note_required_refuses_blank_reason(make_licence, kgz_labour):
    licence = make_licence("draft")
    with pytest.raises(ApplicationError) as caught:
        step(workflow=TABLE, record=licence, action="cancel", actor=kgz_labour, note="   ")
    assert caught.value.fields == {"note": ["A reason is required for this decision."]}
    assert not CaseHistory.objects.unscoped().exists()


def test_unknown_action_is_a_field_error(make_licence, kgz_labour):
    with pytest.raises(ApplicationError) as caught:
        step(workflow=TABLE, record=make_licence(), action="teleport", actor=kgz_labour)
    assert caught.value.fields == {"action": ["Unknown action: teleport."]}


def test_system_only_action_is_never_offered_but_the_system_takes_it(make_licence, kgz_labour):
    licence = make_licence("active")
    assert "expire" not in {
        o.action for o in allowed_actions(workflow=TABLE, record=licence, actor=kgz_labour)
    }
    with pytest.raises(Forbidden):
        step(workflow=TABLE, record=licence, action="expire", actor=kgz_labour)
    moved = step(workflow=TABLE, record=licence, action="expire", actor=None)
    assert moved.status == "expired"
    assert history_for(record=moved).get().actor_id is None


def test_refusal_is_translated(make_licence, tur_labour):
    from django.utils import translation

    with translation.override("ru"):
        problem = refusal(workflow=TABLE, record=make_licence(), action="submit", actor=tur_labour)
        assert problem is not None and str(problem.message) != "You are not allowed to do this."


def test_table_rejects_duplicate_actions_and_gate_without_person():
    row = Transition("a", {"x"}, "y", permission=perms.MANAGE_AGENCIES, label=_("A"))
    with pytest.raises(ValueError, match="appears twice"):
        Workflow(name="bad", transitions=(row, row))
    gated = Transition("g", {"x"}, "y", permission=perms.MANAGE_AGENCIES, label=_("G"), gate=True)
    with pytest.raises(ValueError, match="person_of"):
        Workflow(name="bad", transitions=(gated,))


def test_history_is_public_only_when_asked(make_licence, kgz_labour):
    licence = step(workflow=TABLE, record=make_licence(), action="submit", actor=kgz_labour, public=True)
    step(workflow=TABLE, record=licence, action="cancel", actor=kgz_labour, note="internal")
    assert [r.action for r in history_for(record=licence, public_only=True)] == ["submit"]
    assert [r.action for r in history_for(record=licence)] == ["submit", "cancel"]


def test_exhaustive_walk_of_the_test_table(make_licence, make_person, kgz_labour, tur_labour, actor_factory):
    # An oracle written out here, not read from the table.
    allowed = {
        ("draft", "submit"),
        ("draft", "cancel"),
        ("submitted", "cancel"),
        ("active", "transfer"),
        ("active", "cancel"),
    }
    statistician = actor_factory("KGZ", roles.STATISTICIAN)
    person = make_person()

    def expected(status: str, action: str, who: str) -> bool:
        return who == "owner" and (status, action) in allowed

    report = walk_table(
        workflow=TABLE,
        make_record=lambda status: make_licence(status, person=person),
        actors={"owner": kgz_labour, "outsider": tur_labour, "statistician": statistician},
        expected=expected,
    )
    assert report.total == len(TABLE.states) * len(TABLE.actions) * 3
    assert len(report.allowed) == len(allowed)


# --- the protection gate ------------------------------------------------------------------


def test_gate_blocks_open_flag_with_reason_and_hides_the_action(make_licence, make_person, kgz_labour):
    person = make_person(flags=[ProtectionReason.TRAFFICKING_VICTIM])
    licence = make_licence("active", person=person)
    assert "transfer" not in {
        o.action for o in allowed_actions(workflow=TABLE, record=licence, actor=kgz_labour)
    }
    with pytest.raises(ProtectionBlocked) as caught:
        step(workflow=TABLE, record=licence, action="transfer", actor=kgz_labour)
    assert str(caught.value.message) == "Blocked by the protection gate: Victim of trafficking."
    assert not CaseHistory.objects.unscoped().exists()


def test_gate_without_a_person_refuses(make_licence, kgz_labour):
    licence = make_licence("active")
    with pytest.raises(ProtectionBlocked):
        step(workflow=TABLE, record=licence, action="transfer", actor=kgz_labour)


@pytest.mark.parametrize("flag", sorted(ProtectionReason.values))
def test_every_protection_flag_blocks(make_licence, make_person, kgz_labour, flag):
    licence = make_licence("active", person=make_person(flags=[flag]))
    assert isinstance(
        refusal(workflow=TABLE, record=licence, action="transfer", actor=kgz_labour), ProtectionBlocked
    )


def test_gate_open_for_a_person_without_flags(make_licence, make_person, kgz_labour):
    licence = make_licence("active", person=make_person())
    assert step(workflow=TABLE, record=licence, action="transfer", actor=kgz_labour).status == "suspended"


def test_override_needs_reason_second_person_and_permission(
    make_licence, make_person, kgz_labour, kgz_colleague, kgz_admin, tur_admin, actor_factory
):
    licence = make_licence("active", person=make_person(flags=[ProtectionReason.MEDICAL]))
    reason = "Court order 12/2026 lifted the medical hold."
    bad = [
        GateOverride(reason="too short", approver=kgz_admin),  # reason
        GateOverride(reason=reason, approver=kgz_colleague),  # no override permission
        GateOverride(reason=reason, approver=tur_admin),  # another state
    ]
    for override in bad:
        with pytest.raises(ProtectionBlocked):
            step(workflow=TABLE, record=licence, action="transfer", actor=kgz_labour, override=override)
    assert not GateOverrideRow.objects.unscoped().exists()
    # the second person cannot be the one who acts, even holding both permissions
    both = actor_factory("KGZ", roles.LABOUR_OFFICER, roles.NATIONAL_ADMIN)
    with pytest.raises(ProtectionBlocked) as caught:
        step(
            workflow=TABLE,
            record=licence,
            action="transfer",
            actor=both,
            override=GateOverride(reason=reason, approver=both),
        )
    assert str(caught.value.message).endswith("needs a second person, not the one who acts.")


def test_override_crosses_and_is_kept_and_audited(make_licence, make_person, kgz_labour, kgz_admin):
    licence = make_licence("active", person=make_person(flags=[ProtectionReason.MEDICAL]))
    override = GateOverride(reason="Court order 12/2026 lifted the medical hold.", approver=kgz_admin)
    moved = step(
        workflow=TABLE,
        record=licence,
        action="transfer",
        actor=kgz_labour,
        override=override,
        now=timezone.now(),
    )
    assert moved.status == "suspended"
    row = GateOverrideRow.objects.unscoped().get()
    assert (row.flags, row.approved_by_id, row.requested_by_id, row.action) == (
        ["medical"],
        kgz_admin.user.pk,
        kgz_labour.user.pk,
        "transfer",
    )
    event = AuditEvent.objects.get(action="testcase.transferred")
    assert event.data["gate_override"] == str(row.uuid)
