"""Writes: filing a complaint (public), triage, assignment, decisions and the escalation sweep."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.access.db import set_db_state
from corridor.accounts.models import Organisation, OrganisationKind
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.crypto.fields import set_encrypted
from corridor.grievances import sla
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
from corridor.recruitment.services import fees as fee_services

S = Status
# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "triage": (frozenset({S.RECEIVED, S.TRIAGED, S.REOPENED}), S.TRIAGED),
    "assign": (frozenset({S.TRIAGED, S.ASSIGNED, S.REOPENED}), S.ASSIGNED),
    "resolve": (frozenset({S.ASSIGNED}), S.RESOLVED),
    "refer": (frozenset({S.TRIAGED, S.ASSIGNED, S.REOPENED}), S.REFERRED),
    "close": (frozenset({S.RECEIVED, S.TRIAGED, S.ASSIGNED, S.REOPENED, S.RESOLVED, S.REFERRED}), S.CLOSED),
    "reopen": (frozenset({S.RESOLVED, S.REFERRED, S.CLOSED}), S.REOPENED),
}
DECISIONS = ("resolve", "refer", "close", "reopen")  # each needs a reason, shown to the complainant
PAST = {"resolve": "resolved", "refer": "referred", "close": "closed", "reopen": "reopened"}
# A service provider works only on what was assigned to it, and only to finish it.
PROVIDER_ACTIONS = frozenset({"resolve", "refer"})
ASSIGNABLE_KINDS = (
    OrganisationKind.LABOUR_MINISTRY,
    OrganisationKind.MIGRATION_SERVICE,
    OrganisationKind.CONSULATE,
    OrganisationKind.SERVICE_PROVIDER,
)


def allowed_actions(status: str) -> list[str]:
    return [action for action, (sources, _target) in TRANSITIONS.items() if status in sources]


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
    """Store a complaint from the public. Nothing is stored when any field is refused."""
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
        sla_started_at=now,
        **owner,
    )
    complaint.sla_due_at = sla.due_at(state=complaint.state_id, severity="", start=now)
    set_encrypted(complaint, "reporter_name", str(data.get("reporter_name", "")).strip())
    set_encrypted(complaint, "contact", str(data.get("contact", "")).strip())
    _insert_with_fresh_reference(complaint)
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


# --- back office --------------------------------------------------------------------------


def _require(actor: Actor, complaint: Complaint, action: str) -> None:
    policy.require(actor, perms.HANDLE_GRIEVANCES, state=complaint.state_id)
    organisation = actor.organisation
    if organisation is not None and organisation.kind == OrganisationKind.SERVICE_PROVIDER:
        if action not in PROVIDER_ACTIONS or complaint.assigned_to_id != organisation.pk:
            raise Forbidden(_("You are not allowed to do this."))


def _locked(complaint: Complaint, action: str) -> Complaint:
    locked: Complaint = Complaint.objects.unscoped().select_for_update().get(pk=complaint.pk)
    sources, _target = TRANSITIONS[action]
    if locked.status not in sources:
        raise Conflict(
            _("A complaint that is {status} cannot be changed this way.").format(
                status=locked.get_status_display()
            )
        )
    return locked


def _restart_clock(complaint: Complaint, now: dt.datetime) -> None:
    complaint.sla_started_at = now
    complaint.sla_due_at = sla.due_at(state=complaint.state_id, severity=complaint.severity, start=now)
    complaint.escalation_level = 0
    complaint.escalated_at = None


@transaction.atomic
def complaint_triage(*, actor: Actor, complaint: Complaint, severity: str, category: str) -> Complaint:
    """Confirm the category and set the severity; the SLA clock starts from here."""
    _require(actor, complaint, "triage")
    fields: dict[str, list[str]] = {}
    if severity not in Severity.values:
        fields["severity"] = [_("Choose a severity.")]
    if category not in Category.values:
        fields["category"] = [_("Choose what happened.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    locked = _locked(complaint, "triage")
    now = timezone.now()
    before = locked.status
    locked.severity, locked.category, locked.status = severity, category, S.TRIAGED
    if before == S.TRIAGED:  # a corrected severity keeps the clock's start
        locked.sla_due_at = sla.due_at(state=locked.state_id, severity=severity, start=locked.sla_started_at)
    else:
        _restart_clock(locked, now)
    locked.save()
    _event(locked, "triaged", before, S.TRIAGED, public=True, at=now, actor=actor)
    audit_record(
        actor=actor,
        action="complaint.triaged",
        target=locked,
        data={"severity": severity, "category": category},
    )
    return locked


def assignable_organisations(complaint: Complaint) -> list[Organisation]:
    """Active bodies of the owner or the concerned state that can take a complaint."""
    states = [s for s in (complaint.state_id, complaint.concerned_state_id) if s]
    rows = Organisation.objects.filter(is_active=True, state_id__in=states, kind__in=ASSIGNABLE_KINDS)
    return list(rows.order_by("state_id", "name"))


@transaction.atomic
def complaint_assign(*, actor: Actor, complaint: Complaint, organisation: Any) -> Complaint:
    """Give the complaint to a responsible organisation (by its public id)."""
    _require(actor, complaint, "assign")
    chosen = next((o for o in assignable_organisations(complaint) if str(o.uuid) == str(organisation)), None)
    if chosen is None:
        message = _("Choose an organisation of a state concerned by this complaint.")
        raise ApplicationError(message, fields={"organisation": [message]})
    locked = _locked(complaint, "assign")
    if not locked.severity:
        raise Conflict(_("Triage the complaint first: it has no severity yet."))
    now = timezone.now()
    before = locked.status
    locked.assigned_to, locked.status = chosen, S.ASSIGNED
    if before == S.REOPENED:
        _restart_clock(locked, now)
    locked.save()
    _event(locked, "assigned", before, S.ASSIGNED, public=True, at=now, note=chosen.name, actor=actor)
    audit_record(
        actor=actor, action="complaint.assigned", target=locked, data={"organisation": str(chosen.uuid)}
    )
    return locked


@transaction.atomic
def complaint_decide(*, actor: Actor, complaint: Complaint, action: str, reason: str) -> Complaint:
    """Resolve, refer, close or reopen; the reason is shown to the complainant."""
    if action not in DECISIONS:
        message = _("Unknown decision: {action}.").format(action=action)
        raise ApplicationError(_("Some fields are not valid."), fields={"action": [message]})
    _require(actor, complaint, action)
    if not reason.strip():
        raise ApplicationError(
            _("Give the reason: the complainant reads it when following the complaint."),
            fields={"reason": [_("A reason is required for this decision.")]},
        )
    locked = _locked(complaint, action)
    now = timezone.now()
    before, target = locked.status, TRANSITIONS[action][1]
    locked.status, locked.public_note = target, reason.strip()
    locked.resolved_at = now if action == "resolve" else locked.resolved_at
    if action == "reopen":
        _restart_clock(locked, now)
    locked.save()
    _event(locked, PAST[action], before, target, public=True, at=now, note=reason.strip(), actor=actor)
    audit_record(
        actor=actor, action=f"complaint.{PAST[action]}", target=locked, data={"from": before, "to": target}
    )
    return locked


# --- the sweep ----------------------------------------------------------------------------


@transaction.atomic
def complaints_escalate(*, now: dt.datetime | None = None) -> int:
    """System sweep: raise the escalation level of red complaints; returns how many were raised.

    Idempotent for a given time: the level follows from how long the complaint is overdue.
    Row-level security sees one state at a time, so the sweep walks the owner states.
    """
    moment = now or timezone.now()
    raised = 0
    for state in _owner_states():
        set_db_state(state)
        overdue = Complaint.objects.for_state(state).filter(status__in=OPEN_STATUSES, sla_due_at__lte=moment)
        for complaint in overdue.select_for_update().order_by("id"):
            level = sla.escalation_due(complaint, moment)
            if level > complaint.escalation_level:
                _escalate(complaint, level, moment)
                raised += 1
    set_db_state(None)
    return raised


def _owner_states() -> list[str]:
    from corridor.reference.models import Country

    if connection.vendor != "postgresql":  # no row-level security: one pass over all rows
        return list(Complaint.objects.unscoped().values_list("state_id", flat=True).distinct().order_by())
    return list(Country.objects.values_list("iso3", flat=True))


def _escalate(complaint: Complaint, level: int, moment: dt.datetime) -> None:
    before = complaint.escalation_level
    complaint.escalation_level, complaint.escalated_at = level, moment
    complaint.save(update_fields=["escalation_level", "escalated_at", "updated_at"])
    note = _("Escalation level {level}").format(level=level)
    _event(complaint, "escalated", complaint.status, complaint.status, public=False, at=moment, note=note)
    audit_record(
        actor=None, action="complaint.escalated", target=complaint, data={"from": before, "to": level}
    )
