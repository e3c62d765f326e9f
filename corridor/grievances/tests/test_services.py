"""Filing, triage, assignment, decisions: every status × action × role on the kernel, who may
act, what is audited, what the concerned state is told."""

from __future__ import annotations

import pytest

from corridor.access import roles
from corridor.accounts.models import OrganisationKind
from corridor.audit.models import AuditEvent
from corridor.cases.models import CaseHistory
from corridor.cases.selectors import clocks_for
from corridor.cases.testing import walk_table
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.crypto import services as crypto
from corridor.exchange.models import Message
from corridor.grievances import refs, services
from corridor.grievances.models import Complaint, ComplaintEvent, Status
from corridor.grievances.selectors import complainant_identity
from corridor.grievances.tests.factories import (
    DESCRIPTION,
    act,
    bring_to,
    complaint_data,
    file_about,
    organisation,
)
from corridor.grievances.workflow import COMPLAINT, DECISIONS
from corridor.recruitment.tests.factories import make_agency, make_vacancy

pytestmark = pytest.mark.django_db


def _complaints() -> int:
    return Complaint.objects.unscoped().count()


def _period(complaint: Complaint) -> tuple[str, float]:
    """The running clock's name and length in hours (the kernel's row)."""
    (clock,) = clocks_for(record=complaint, running_only=True)
    return clock.name, (clock.deadline_at - clock.started_at).total_seconds() / 3600


# --- filing -------------------------------------------------------------------------------


def test_agency_complaint_is_owned_by_the_agency_state_and_concerns_the_country_of_work(agency):
    # when
    complaint = file_about(agency, work_country="TUR")
    # then
    assert (complaint.state_id, complaint.concerned_state_id) == ("KGZ", "TUR")
    assert complaint.status == Status.RECEIVED
    assert complaint.agency == agency
    assert refs.normalise(complaint.reference) == complaint.reference
    assert _period(complaint) == ("grievances.triage", 48)
    assert list(ComplaintEvent.objects.filter(complaint=complaint).values_list("action", "public")) == [
        ("filed", True)
    ]
    event = AuditEvent.objects.get(action="complaint.filed")
    assert (event.target_uuid, event.target_state, event.actor_user) == (complaint.uuid, "KGZ", None)
    assert event.data == {"subject": "agency", "category": "fees_charged", "named": False}


def test_job_ad_complaint_is_owned_by_the_destination_and_concerns_the_agency_state(kgz_labour, tur_labour):
    # given
    agency = make_agency(kgz_labour)
    vacancy = make_vacancy(kgz_labour, agency, tur_labour, publish=True)
    # when
    complaint = services.complaint_file(
        data=complaint_data(subject="vacancy", vacancy=str(vacancy.uuid), category="fake_vacancy")
    )
    # then
    assert (complaint.state_id, complaint.concerned_state_id) == ("TUR", "KGZ")
    assert (complaint.vacancy, complaint.agency) == (vacancy, agency)


def test_employer_complaint_is_owned_by_the_employer_country_and_concerns_the_citizenship(db):
    complaint = services.complaint_file(
        data=complaint_data(
            subject="employer", employer_name=" Bursa Tekstil ", employer_country="TUR", citizenship="UZB"
        )
    )
    assert (complaint.state_id, complaint.concerned_state_id) == ("TUR", "UZB")
    assert complaint.employer_name == "Bursa Tekstil"


def test_named_complaint_keeps_name_and_contact_encrypted(agency):
    # when
    complaint = file_about(agency, reporter_name="Aibek Asanov", contact="+996 555 123 456")
    # then
    assert "Aibek" not in complaint.reporter_name_ciphertext
    assert complaint.contact_ciphertext.startswith("c1.")
    assert complainant_identity(complaint=complaint) == {
        "name": "Aibek Asanov",
        "contact": "+996 555 123 456",
    }
    assert complaint.is_named is True
    assert AuditEvent.objects.get(action="complaint.filed").data["named"] is True


def test_anonymous_complaint_stores_no_personal_data(complaint):
    assert (complaint.reporter_name_ciphertext, complaint.contact_ciphertext) == ("", "")
    assert complaint.is_named is False


def test_ciphertext_is_bound_to_its_complaint(agency):
    # given
    one = file_about(agency, contact="one@example.org")
    other = file_about(agency)
    # when / then: a token copied to another record does not decrypt
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_value(
            state="KGZ", model_label="grievances.complaint", field="contact",
            record_id=other.uuid, token=one.contact_ciphertext,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"agency": "not-a-uuid"}, "agency"),
        ({"agency": "7f1c1d3e-0000-4000-8000-000000000000"}, "agency"),
        ({"subject": "vacancy", "vacancy": "7f1c1d3e-0000-4000-8000-000000000000"}, "vacancy"),
        ({"subject": "employer", "employer_name": "", "employer_country": "TUR"}, "employer_name"),
        ({"subject": "employer", "employer_name": "X", "employer_country": ""}, "employer_country"),
        ({"subject": "employer", "employer_name": "X", "employer_country": "USA"}, "employer_country"),
        (
            {"subject": "employer", "employer_name": "X", "employer_country": "TUR", "citizenship": "ZZZ"},
            "citizenship",
        ),
        ({"subject": "nobody"}, "subject"),
        ({"category": "gossip"}, "category"),
        ({"description": "bad"}, "description"),
        ({"language": "xx"}, "language"),
        ({"work_country": "QQQ"}, "work_country"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_nothing_is_stored(agency, overrides, field):
    # given
    data = complaint_data(agency=str(agency.uuid)) | overrides
    # when
    with pytest.raises(ApplicationError) as refused:
        services.complaint_file(data=data)
    # then
    assert field in refused.value.fields
    assert _complaints() == 0
    assert not AuditEvent.objects.filter(action="complaint.filed").exists()


def test_a_draft_agency_is_not_on_the_register_so_it_cannot_be_named(kgz_labour):
    draft = make_agency(kgz_labour, status="draft")
    with pytest.raises(ApplicationError) as refused:
        file_about(draft)
    assert list(refused.value.fields) == ["agency"]


def test_an_unverified_job_ad_cannot_be_named(kgz_labour):
    pending = make_vacancy(kgz_labour, make_agency(kgz_labour))
    with pytest.raises(ApplicationError) as refused:
        services.complaint_file(data=complaint_data(subject="vacancy", vacancy=str(pending.uuid)))
    assert list(refused.value.fields) == ["vacancy"]


# --- the transition table -----------------------------------------------------------------

ALL_STATUSES = list(Status)
ALL_ACTIONS = ["triage", "assign", *DECISIONS]  # what the services take ("correct" is triage again)

# The oracle, written out by hand (not read from the table): status -> actions an owner-state
# handler may take. "correct" is triage of a complaint already triaged.
OWNER_MAY = {
    Status.RECEIVED: {"triage", "close"},
    Status.TRIAGED: {"correct", "assign", "refer", "close"},
    Status.ASSIGNED: {"assign", "resolve", "refer", "close"},
    Status.REOPENED: {"triage", "assign", "refer", "close"},
    Status.RESOLVED: {"close", "reopen"},
    Status.REFERRED: {"close", "reopen"},
    Status.CLOSED: {"reopen"},
}
PROVIDER_MAY = {Status.ASSIGNED: {"resolve", "refer"}}


@pytest.fixture
def roles_at_the_table(actor_factory, user_factory, kgz_labour, tur_labour, kaz_labour):
    from corridor.access.actor import actor_for

    provider = actor_for(user_factory("KGZ", roles.SERVICE_PROVIDER))
    provider.organisation.kind = OrganisationKind.SERVICE_PROVIDER
    provider.organisation.save(update_fields=["kind"])
    return {
        "owner": kgz_labour,
        "consular": actor_factory("KGZ", roles.CONSULAR_OFFICER),
        "provider": provider,
        "concerned": tur_labour,
        "outsider": kaz_labour,
        "statistician": actor_factory("KGZ", roles.STATISTICIAN),
    }


def test_the_table_exhaustively(kgz_labour, agency, roles_at_the_table):
    """Every status × action × role: offered exactly when step succeeds, and as the oracle says."""
    provider = roles_at_the_table["provider"]

    def make(status: str) -> Complaint:
        complaint = bring_to(kgz_labour, file_about(agency, work_country="TUR"), status)
        if status == Status.ASSIGNED:  # assigned to the provider, so its rule can be walked
            Complaint.objects.for_state("KGZ").filter(pk=complaint.pk).update(
                assigned_to=provider.organisation
            )
            complaint.refresh_from_db()
        return complaint

    def expected(status: str, action: str, who: str) -> bool:
        if who in ("owner", "consular"):
            return action in OWNER_MAY[Status(status)]
        if who == "provider":
            return action in PROVIDER_MAY.get(Status(status), set())
        return False

    report = walk_table(
        workflow=COMPLAINT,
        make_record=make,
        actors=roles_at_the_table,
        expected=expected,
        states=tuple(Status),
    )
    assert report.total == len(Status) * len(COMPLAINT.actions) * len(roles_at_the_table)
    assert {(s, a) for s, a, who in report.allowed if who == "owner"} == {
        (s, a) for s, actions in OWNER_MAY.items() for a in actions
    }


@pytest.mark.parametrize("status", ALL_STATUSES)
@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_every_status_and_action_through_the_services(kgz_labour, complaint, status, action):
    # given
    complaint = bring_to(kgz_labour, complaint, status)
    kernel_action = "correct" if (action, status) == ("triage", Status.TRIAGED) else action
    transition = COMPLAINT.get(kernel_action)
    events, history = ComplaintEvent.objects.count(), CaseHistory.objects.unscoped().count()
    # when / then
    if status in transition.sources:
        changed = act(kgz_labour, complaint, action)
        assert changed.status == transition.target
        assert ComplaintEvent.objects.count() == events + 1
        assert CaseHistory.objects.unscoped().count() == history + 1
    else:
        with pytest.raises(Conflict):
            act(kgz_labour, complaint, action)
        complaint.refresh_from_db()
        assert complaint.status == status
        assert ComplaintEvent.objects.count() == events
        assert CaseHistory.objects.unscoped().count() == history


def test_the_kernel_offers_what_the_table_allows(kgz_labour, complaint):
    def offered(c):
        return [o.action for o in services.complaint_actions(actor=kgz_labour, complaint=c)]

    assert offered(complaint) == ["triage", "close"]
    assert offered(bring_to(kgz_labour, complaint, Status.ASSIGNED)) == [
        "assign",
        "resolve",
        "refer",
        "close",
    ]
    assert offered(bring_to(kgz_labour, file_about(complaint.agency), Status.CLOSED)) == ["reopen"]


def test_triage_starts_the_clock_from_the_severity(kgz_labour, complaint):
    # when
    changed = act(kgz_labour, complaint, "triage", severity="critical", category="document_retention")
    # then
    assert (changed.severity, changed.category) == ("critical", "document_retention")
    assert _period(changed) == ("grievances.handle.critical", 24)
    event = AuditEvent.objects.get(action="complaint.triaged")
    assert event.data == {
        "from": "received",
        "to": "triaged",
        "severity": "critical",
        "category": "document_retention",
    }
    assert event.actor_user == kgz_labour.user


def test_correcting_the_severity_keeps_the_start_of_the_clock(kgz_labour, complaint):
    first = act(kgz_labour, complaint, "triage", severity="low")
    (started,) = clocks_for(record=first, running_only=True).values_list("started_at", flat=True)
    second = act(kgz_labour, first, "triage", severity="high")
    (clock,) = clocks_for(record=second, running_only=True)
    assert clock.started_at == started
    assert _period(second) == ("grievances.handle.high", 72)


def test_triage_refuses_an_unknown_severity(kgz_labour, complaint):
    with pytest.raises(ApplicationError) as refused:
        act(kgz_labour, complaint, "triage", severity="urgent")
    assert list(refused.value.fields) == ["severity"]
    complaint.refresh_from_db()
    assert (complaint.status, complaint.severity) == (Status.RECEIVED, "")


def test_assign_to_a_body_of_the_concerned_state(kgz_labour, agency):
    # given
    complaint = act(kgz_labour, file_about(agency, work_country="TUR"), "triage")
    consulate = organisation("KGZ", OrganisationKind.CONSULATE, name="Consulate of KGZ in Istanbul")
    tur_ministry = organisation("TUR")
    # when
    first = services.complaint_assign(actor=kgz_labour, complaint=complaint, organisation=consulate.uuid)
    second = services.complaint_assign(actor=kgz_labour, complaint=first, organisation=str(tur_ministry.uuid))
    # then
    assert second.assigned_to == tur_ministry
    assert [e.data["organisation"] for e in AuditEvent.objects.filter(action="complaint.assigned")] == [
        str(consulate.uuid),
        str(tur_ministry.uuid),
    ]
    assert ComplaintEvent.objects.filter(action="assigned").first().note == "Consulate of KGZ in Istanbul"
    # the Turkish ministry is told by a referral addressed to it (its own copy), nothing more
    referral = Message.objects.for_state("KGZ").get(box="outbox", kind="referral")
    assert (referral.recipient_state_id, referral.recipient_org) == ("TUR", str(tur_ministry.uuid))
    assert referral.payload == {
        "reference": complaint.reference,
        "subject": "agency",
        "category": "fees_charged",
        "status": "assigned",
        "severity": "high",
        "agency_licence": complaint.agency.licence_number,
    }


@pytest.mark.parametrize(
    ("state", "kind"),
    [("KAZ", OrganisationKind.LABOUR_MINISTRY), ("KGZ", OrganisationKind.STATISTICS_OFFICE)],
)
def test_assign_refuses_an_unrelated_state_or_kind(kgz_labour, complaint, state, kind):
    complaint = act(kgz_labour, complaint, "triage")
    other = organisation(state, kind)
    with pytest.raises(ApplicationError) as refused:
        services.complaint_assign(actor=kgz_labour, complaint=complaint, organisation=other.uuid)
    assert list(refused.value.fields) == ["organisation"]
    complaint.refresh_from_db()
    assert (complaint.status, complaint.assigned_to) == (Status.TRIAGED, None)


def test_reopened_complaint_without_severity_must_be_triaged_before_assignment(kgz_labour, complaint):
    reopened = act(kgz_labour, act(kgz_labour, complaint, "close"), "reopen")
    with pytest.raises(Conflict):
        act(kgz_labour, reopened, "assign")
    reopened.refresh_from_db()
    assert reopened.status == Status.REOPENED


@pytest.mark.parametrize("action", DECISIONS)
def test_decisions_need_a_reason(kgz_labour, complaint, action):
    complaint = bring_to(kgz_labour, complaint, Status.CLOSED if action == "reopen" else Status.ASSIGNED)
    before = complaint.status
    with pytest.raises(ApplicationError) as refused:
        services.complaint_decide(actor=kgz_labour, complaint=complaint, action=action, reason="  ")
    assert list(refused.value.fields) == ["reason"]
    complaint.refresh_from_db()
    assert complaint.status == before


def test_unknown_decision_is_refused(kgz_labour, complaint):
    with pytest.raises(ApplicationError) as refused:
        services.complaint_decide(actor=kgz_labour, complaint=complaint, action="archive", reason="x")
    assert list(refused.value.fields) == ["action"]


def test_resolution_is_public_and_audited(kgz_labour, complaint):
    # when
    resolved = bring_to(kgz_labour, complaint, Status.RESOLVED)
    # then
    assert resolved.public_note == "Reason to resolve."
    assert resolved.resolved_at is not None
    event = AuditEvent.objects.get(action="complaint.resolved")
    assert event.data == {"from": "assigned", "to": "resolved"}
    assert ComplaintEvent.objects.get(action="resolved").public is True


def test_reopening_restarts_the_clock_and_the_escalation(kgz_labour, complaint):
    resolved = bring_to(kgz_labour, complaint, Status.RESOLVED)
    assert not clocks_for(record=resolved, running_only=True).exists()  # resolving stopped it
    Complaint.objects.unscoped().filter(pk=resolved.pk).update(escalation_level=2)
    reopened = act(kgz_labour, resolved, "reopen")
    assert reopened.escalation_level == 0
    assert _period(reopened) == ("grievances.handle.high", 72)


# --- who may act --------------------------------------------------------------------------


def test_a_colleague_of_the_owner_state_may_act(kgz_colleague, complaint):
    assert act(kgz_colleague, complaint, "triage").status == Status.TRIAGED


@pytest.mark.parametrize("persona", ["kaz_labour", "tur_labour"])
@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_other_states_may_not_act_even_when_concerned(request, agency, persona, action):
    # given: TUR is the concerned state of this complaint, KAZ is unrelated
    complaint = file_about(agency, work_country="TUR")
    actor = request.getfixturevalue(persona)
    # when / then
    with pytest.raises(Forbidden):
        act(actor, complaint, action, organisation=organisation("KGZ").uuid)
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED
    assert (
        not AuditEvent.objects.filter(action__startswith="complaint.")
        .exclude(action="complaint.filed")
        .exists()
    )


def test_an_officer_without_the_grievance_permission_may_not_act(actor_factory, complaint):
    statistician = actor_factory("KGZ", roles.STATISTICIAN)
    with pytest.raises(Forbidden):
        act(statistician, complaint, "triage")


def test_a_service_provider_resolves_only_what_was_assigned_to_it(user_factory, kgz_labour, complaint):
    # given
    from corridor.access.actor import actor_for

    provider = actor_for(user_factory("KGZ", roles.SERVICE_PROVIDER))
    provider.organisation.kind = OrganisationKind.SERVICE_PROVIDER
    provider.organisation.save(update_fields=["kind"])
    triaged = act(kgz_labour, complaint, "triage")
    # when / then: not assigned to it yet, and triage is not its work
    with pytest.raises(Forbidden):
        act(provider, triaged, "triage")
    assigned = act(kgz_labour, triaged, "assign", organisation=provider.organisation.uuid)
    with pytest.raises(Forbidden):
        act(provider, assigned, "close")
    assert act(provider, assigned, "resolve").status == Status.RESOLVED


def test_description_is_kept_in_the_language_it_was_written(agency):
    complaint = file_about(agency, description="Ajans benden 800 dolar istedi.", language="tr")
    assert (complaint.description, complaint.language) == ("Ajans benden 800 dolar istedi.", "tr")
    assert DESCRIPTION != complaint.description


def test_key_rotation_reencrypts_the_complainant_identity(agency):
    # given
    complaint = file_about(agency, reporter_name="Aibek Asanov", contact="+996 555 123 456")
    before = complaint.contact_ciphertext
    # when
    crypto.rotate_data_key(state="KGZ")
    # then
    complaint.refresh_from_db()
    assert complaint.contact_ciphertext != before
    assert complainant_identity(complaint=complaint) == {
        "name": "Aibek Asanov",
        "contact": "+996 555 123 456",
    }


def test_a_reference_drawn_twice_is_drawn_again(agency, monkeypatch):
    # given: the generator repeats the first complaint's reference once
    first = file_about(agency)
    draws = iter([first.reference, "GRV-2345-6789"])
    monkeypatch.setattr(services, "new_reference", lambda: next(draws))
    # when
    second = file_about(agency)
    # then
    assert second.reference == "GRV-2345-6789"
    assert _complaints() == 2
