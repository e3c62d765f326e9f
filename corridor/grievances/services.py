"""Writes: filing a complaint (public), triage, assignment, decisions, escalation on a breached
clock, and the notices that tell the concerned state (exchange messages: its own copy)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access.actor import Actor
from corridor.access.db import set_db_state
from corridor.accounts.models import Organisation, OrganisationKind
from corridor.audit.services import audit_record
from corridor.cases.clocks import clock_start, clock_stop, clocks_sweep, compute_deadline
from corridor.cases.models import Clock
from corridor.cases.selectors import clocks_for
from corridor.cases.services import ActionOption, allowed_actions, history_note, step
from corridor.core.errors import ApplicationError, Forbidden
from corridor.crypto.fields import set_encrypted
from corridor.exchange import services as exchange
from corridor.grievances.db import set_db_reference
from corridor.grievances.filing import resolve_subject
from corridor.grievances.models import (
    OPEN_STATUSES,
    Category,
    Complaint,
    ComplaintEvent,
    ComplaintFigure,
    Severity,
    Status,
)
from corridor.grievances.refs import new_reference
from corridor.grievances.workflow import COMPLAINT, DECISIONS, MAX_ESCALATION, TRIAGE_CLOCK, clock_for
from corridor.recruitment.services import fees as fee_services

S = Status
ASSIGNABLE_KINDS = (
    OrganisationKind.LABOUR_MINISTRY,
    OrganisationKind.MIGRATION_SERVICE,
    OrganisationKind.CONSULATE,
    OrganisationKind.SERVICE_PROVIDER,
)
# The purpose of the messages that tell the concerned state about a complaint (its own copy).
NOTICE_PURPOSE = "grievances.complaint"


# --- public filing ------------------------------------------------------------------------


def too_many_message() -> str:
    return _("Too many complaints were sent from this connection. Please wait ten minutes and try again.")


def filing_rate_limited(*, client: str) -> bool:
    """The fee-report limiter with its own bucket: 5 complaints per 10 minutes per client."""
    return fee_services.rate_limited(client=f"complaints:{client}")


def _check_text(data: dict[str, Any]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    if data.get("category") not in Category.values:
        fields["category"] = [_("Choose what happened.")]
    if len(str(data.get("description", "")).strip()) < 10:
        fields["description"] = [_("Describe what happened in at least a few words.")]
    if data.get("language") not in dict(settings.LANGUAGES):
        fields["language"] = [_("Choose a language from the list.")]
    return fields


@transaction.atomic
def complaint_file(*, data: dict[str, Any]) -> Complaint:
    """Store a complaint from the public. Nothing is stored when any field is refused.

    The triage clock starts at once. Filing has no logged-in actor: the kernel's rows (the
    clock, the history) are written as the owner state's system, like a sweep.
    """
    fields = _check_text(data)
    owner: dict[str, Any] = {}
    try:
        owner = resolve_subject(data)
    except ApplicationError as exc:
        fields |= exc.fields
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    now = timezone.now()
    complaint = Complaint(
        category=data["category"],
        description=str(data["description"]).strip(),
        language=data["language"],
        **owner,
    )
    set_encrypted(complaint, "reporter_name", str(data.get("reporter_name", "")).strip())
    set_encrypted(complaint, "contact", str(data.get("contact", "")).strip())
    _insert_with_fresh_reference(complaint)
    set_db_state(complaint.state_id)
    try:
        clock_start(record=complaint, code=TRIAGE_CLOCK, now=now)
        history_note(workflow=COMPLAINT, record=complaint, action="filed", actor=None, public=True, now=now)
    finally:
        set_db_state(None)
    _event(complaint, "filed", "", S.RECEIVED, public=True, at=now)
    audit_record(
        actor=None,
        action="complaint.filed",
        target=complaint,
        data={"subject": complaint.subject, "category": complaint.category, "named": complaint.is_named},
    )
    return complaint


def _insert_with_fresh_reference(complaint: Complaint, attempts: int = 3) -> None:
    """Another complaint may hold the same reference (about one chance in 10^6 at a million
    complaints); the unique index tells, since the public cannot look: draw again."""
    for attempt in range(attempts):
        complaint.reference = new_reference()
        set_db_reference(complaint.reference)
        try:
            with transaction.atomic():
                complaint.save(force_insert=True)
            return
        except IntegrityError:
            if attempt == attempts - 1:
                raise


def _event(
    complaint: Complaint,
    action: str,
    from_status: str,
    to_status: str,
    *,
    public: bool,
    at: dt.datetime,
    note: str = "",
    actor: Actor | None = None,
) -> None:
    """The complainant's timeline (public steps), which the follow page reads by reference.

    The case history (``cases.CaseHistory``, written by ``step``) is the officers' record;
    these rows are what a complainant may read without an account (row-level security lets
    a request holding the reference read them, which the kernel's table cannot).
    """
    user = actor.user if actor is not None else None
    _publish_figure(complaint)
    ComplaintEvent.objects.create(
        complaint=complaint,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        public=public,
        actor_username=user.get_username() if user is not None else "",
        occurred_at=at,
    )


def _publish_figure(complaint: Complaint) -> None:
    """Keep the complaint's public figure (scorecard, fake-ad flag) in step with it."""
    ComplaintFigure.objects.update_or_create(
        complaint=complaint,
        defaults={
            "agency_id": complaint.agency_id,
            "vacancy_id": complaint.vacancy_id,
            "fake_vacancy": complaint.category == Category.FAKE_VACANCY,
            "pending": complaint.status in OPEN_STATUSES | {S.REFERRED},
            "filed_at": complaint.created_at,
            "resolved_at": complaint.resolved_at if complaint.status == S.RESOLVED else None,
        },
    )


# --- back office: every change is a kernel step ------------------------------------------


def complaint_actions(*, actor: Actor, complaint: Complaint) -> list[ActionOption]:
    """What this actor may do with the complaint now (the kernel's answer, never a copy)."""
    return allowed_actions(workflow=COMPLAINT, record=complaint, actor=actor)


def _step(
    actor: Actor,
    complaint: Complaint,
    action: str,
    *,
    note: str = "",
    changes: dict[str, Any] | None = None,
    audit_data: dict[str, Any] | None = None,
    event_note: str = "",
) -> Complaint:
    before = complaint.status
    moved: Complaint = step(
        workflow=COMPLAINT,
        record=complaint,
        action=action,
        actor=actor,
        note=note,
        changes=changes,
        public=True,
        audit_data=audit_data,
    )
    transition = COMPLAINT.get(action)
    assert transition is not None
    _event(
        moved,
        transition.verb,
        before,
        moved.status,
        public=True,
        at=timezone.now(),
        note=event_note or note.strip(),
        actor=actor,
    )
    return moved


def _period_start(complaint: Complaint) -> dt.datetime | None:
    """When the complaint's current period began (its earliest clock not stopped: the triage, not
    a later escalation period)."""
    first = clocks_for(record=complaint).filter(stopped_at__isnull=True).order_by("started_at", "id").first()
    return first.started_at if first is not None else None


@transaction.atomic
def complaint_triage(*, actor: Actor, complaint: Complaint, severity: str, category: str) -> Complaint:
    """Confirm the category and set the severity; the clock for that severity starts here.

    A correction (the complaint is already triaged) keeps the start of the running clock.
    """
    fields: dict[str, list[str]] = {}
    if severity not in Severity.values:
        fields["severity"] = [_("Choose a severity.")]
    if category not in Category.values:
        fields["category"] = [_("Choose what happened.")]
    action = "correct" if complaint.status == S.TRIAGED else "triage"
    if fields:
        # A refusal of the step itself (a stranger, a closed complaint) comes first.
        problem = refusal_of(actor=actor, complaint=complaint, action=action)
        raise problem or ApplicationError(_("Some fields are not valid."), fields=fields)
    if action == "correct":
        started = _period_start(complaint) or timezone.now()
        moved = _step(
            actor,
            complaint,
            "correct",
            changes={"severity": severity, "category": category},
            audit_data={"severity": severity, "category": category},
        )
        now = timezone.now()
        clock_stop(record=moved, now=now)
        clock_start(record=moved, code=clock_for(moved), now=started)
    else:
        moved = _step(
            actor,
            complaint,
            "triage",
            changes={"severity": severity, "category": category, "escalation_level": 0, "escalated_at": None},
            audit_data={"severity": severity, "category": category},
        )
        _notify_concerned_state(actor, moved)
    return moved


def refusal_of(*, actor: Actor, complaint: Complaint, action: str) -> ApplicationError | None:
    from corridor.cases.services import refusal

    return refusal(workflow=COMPLAINT, record=complaint, action=action, actor=actor)


def assignable_organisations(complaint: Complaint) -> list[Organisation]:
    """Active bodies of the owner or the concerned state that can take a complaint."""
    states = [s for s in (complaint.state_id, complaint.concerned_state_id) if s]
    rows = Organisation.objects.filter(is_active=True, state_id__in=states, kind__in=ASSIGNABLE_KINDS)
    return list(rows.order_by("state_id", "name"))


@transaction.atomic
def complaint_assign(*, actor: Actor, complaint: Complaint, organisation: Any) -> Complaint:
    """Give the complaint to a responsible organisation (by its public id).

    A body of the concerned state does not see the owner state's complaint: it receives a
    referral message addressed to it (only its own users see that copy) and answers there.
    """
    problem = refusal_of(actor=actor, complaint=complaint, action="assign")
    if isinstance(problem, Forbidden):  # a stranger learns nothing about the organisations
        raise problem
    chosen = next((o for o in assignable_organisations(complaint) if str(o.uuid) == str(organisation)), None)
    if chosen is None:
        message = _("Choose an organisation of a state concerned by this complaint.")
        raise ApplicationError(message, fields={"organisation": [message]})
    moved = _step(
        actor,
        complaint,
        "assign",
        changes={"assigned_to": chosen},
        audit_data={"organisation": str(chosen.uuid)},
        event_note=chosen.name,
    )
    if chosen.state_id != moved.state_id:
        _notify_concerned_state(actor, moved, organisation=chosen)
    return moved


@transaction.atomic
def complaint_decide(*, actor: Actor, complaint: Complaint, action: str, reason: str) -> Complaint:
    """Resolve, refer, close or reopen; the reason is shown to the complainant."""
    if action not in DECISIONS:
        message = _("Unknown decision: {action}.").format(action=action)
        raise ApplicationError(_("Some fields are not valid."), fields={"action": [message]})
    text = reason.strip()
    changes: dict[str, Any] = {"public_note": text}
    if action == "resolve":
        changes["resolved_at"] = timezone.now()
    if action == "reopen":
        changes |= {"escalation_level": 0, "escalated_at": None}
    if not text:
        problem = refusal_of(actor=actor, complaint=complaint, action=action)
        raise problem or ApplicationError(
            _("Give the reason: the complainant reads it when following the complaint."),
            fields={"reason": [_("A reason is required for this decision.")]},
        )
    moved = _step(actor, complaint, action, note=text, changes=changes)
    _notify_concerned_state(actor, moved)
    return moved


# --- the concerned state: a message, never a read of our rows ------------------------------


def notice_payload(complaint: Complaint) -> dict[str, Any]:
    """The minimal field set of ``grievances.complaint``: what the concerned state needs to act
    on its side (which body, what kind of problem, how serious, where it stands), and nothing
    of the complainant: no name, no contact, no description."""
    payload: dict[str, Any] = {
        "reference": complaint.reference,
        "subject": complaint.subject,
        "category": complaint.category,
        "status": complaint.status,
    }
    if complaint.severity:
        payload["severity"] = complaint.severity
    if complaint.agency_id:
        payload["agency_licence"] = complaint.agency.licence_number if complaint.agency else ""
    if complaint.vacancy_id and complaint.vacancy is not None:
        payload["vacancy"] = str(complaint.vacancy.uuid)
    if complaint.employer_name:
        payload["employer_name"] = complaint.employer_name
    return {key: value for key, value in payload.items() if value != ""}


def _notify_concerned_state(
    actor: Actor, complaint: Complaint, *, organisation: Organisation | None = None
) -> None:
    """Tell the concerned state about a public step: a notice to the state, or, when one of its
    bodies was made responsible, a referral addressed to that body. Its node keeps its own
    copy; it reads, acknowledges and answers there, and never reads or writes our complaint."""
    recipient = organisation.state_id if organisation is not None else complaint.concerned_state_id
    if not recipient or recipient == complaint.state_id:
        return
    message = exchange.message_send(
        actor=actor,
        kind="referral" if organisation is not None else "notice",
        recipient_state=recipient,
        purpose=NOTICE_PURPOSE,
        payload=notice_payload(complaint),
        subject_ref=complaint.reference,
        recipient_org=str(organisation.uuid) if organisation is not None else "",
    )
    history_note(
        workflow=COMPLAINT,
        record=complaint,
        action="told_concerned_state",
        actor=actor,
        note=f"{recipient} {message.message_id}",
    )


# --- escalation: the kernel's sweep breaches the clock, this handler raises the level -------


def escalate_breached(*, clocks: list[Clock], now: dt.datetime) -> None:
    """Breach handler for ``grievances.complaint`` / ``escalate`` (registered in ``apps.py``).

    One level per period overdue, counted from the breached clock's deadline, up to
    ``MAX_ESCALATION``; below the top a new clock of the same limit runs from where the last
    period ended, so the next sweep finds the next breach. Runs inside the sweep's
    transaction, as the system.
    """
    for clock in clocks:
        complaint = (
            Complaint.objects.for_state(clock.state_id)
            .select_for_update()
            .filter(uuid=clock.object_uuid)
            .first()
        )
        if complaint is None or complaint.status not in OPEN_STATUSES:
            continue
        before = complaint.escalation_level
        level, start = min(before + 1, MAX_ESCALATION), clock.deadline_at
        limit = clock.time_limit
        while level < MAX_ESCALATION:
            end = compute_deadline(limit=limit, state=complaint.state_id, start=start)
            if end > now:
                break
            level, start = level + 1, end
        if level < MAX_ESCALATION:
            clock_start(record=complaint, code=clock.name, now=start)
        if level == before:
            continue
        complaint.escalation_level, complaint.escalated_at = level, now
        complaint.save(update_fields=["escalation_level", "escalated_at", "updated_at"])
        note = _("Escalation level {level}").format(level=level)
        history_note(workflow=COMPLAINT, record=complaint, action="escalated", actor=None, note=note, now=now)
        audit_record(
            actor=None, action="complaint.escalated", target=complaint, data={"from": before, "to": level}
        )


def complaints_escalate(*, now: dt.datetime | None = None) -> int:
    """Run the kernel's clock sweep (``corridor cases sweep``); how many complaints it escalated.

    For tests and the demo: production runs the kernel's sweep on its schedule.
    """
    report = clocks_sweep(now=now)
    return report.handled.get(f"{Complaint._meta.label_lower}:escalate", 0)
