"""Ethical-recruitment certification modelled on IRIS; the licensing state is the certifying body.

Self-assessment against the five principles → application → desk review → on-site review with
worker interviews → certified (valid three years, surveillance every year) → surveillance →
confirmed or recertified, suspended or withdrawn; expired when the validity ends.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.cases.services import ActionOption, allowed_actions, refusal, step
from corridor.cases.workflow import Transition, Workflow
from corridor.core.errors import ApplicationError, Conflict
from corridor.recruitment.models import Agency, Certification, Principle
from corridor.recruitment.models import CertificationStatus as C

CERTIFICATION_YEARS = 3
SURVEILLANCE_MONTHS = 12
REVIEWED = frozenset({C.APPLIED, C.DESK_REVIEW, C.ONSITE_REVIEW})
HELD = frozenset({C.CERTIFIED, C.SURVEILLANCE})


def _row(
    action: str,
    sources: set[str] | frozenset[str],
    target: str,
    verb: str,
    label: object,
    narrows: bool = False,
) -> Transition:
    # Narrowing decisions need a reason: it is published on the scorecard.
    return Transition(
        action, sources, target, permission=perms.MANAGE_AGENCIES, label=label, verb=verb, needs_note=narrows
    )


# The certification lifecycle as a case-kernel table (README: "Certification").
CERTIFICATION = Workflow(
    name="certification",
    note_field="reason",
    wrong_status=gettext_lazy("A certification that is {status} cannot be changed this way."),
    transitions=(
        _row("apply", {C.SELF_ASSESSMENT}, C.APPLIED, "applied", gettext_lazy("apply for certification")),
        _row(
            "start_desk_review",
            {C.APPLIED},
            C.DESK_REVIEW,
            "desk_review_started",
            gettext_lazy("start the desk review"),
        ),
        _row(
            "start_onsite_review",
            {C.DESK_REVIEW},
            C.ONSITE_REVIEW,
            "onsite_review_started",
            gettext_lazy("start the on-site review"),
        ),
        _row(
            "refuse",
            REVIEWED,
            C.SELF_ASSESSMENT,
            "refused",
            gettext_lazy("refuse (back to self-assessment)"),
            True,
        ),
        _row("certify", {C.ONSITE_REVIEW}, C.CERTIFIED, "certified", gettext_lazy("certify")),
        _row(
            "start_surveillance",
            {C.CERTIFIED},
            C.SURVEILLANCE,
            "surveillance_started",
            gettext_lazy("start surveillance"),
        ),
        _row(
            "confirm", {C.SURVEILLANCE}, C.CERTIFIED, "confirmed", gettext_lazy("confirm after surveillance")
        ),
        _row("recertify", {C.SURVEILLANCE}, C.CERTIFIED, "recertified", gettext_lazy("recertify")),
        _row("suspend", HELD, C.SUSPENDED, "suspended", gettext_lazy("suspend"), True),
        _row("reinstate", {C.SUSPENDED}, C.CERTIFIED, "reinstated", gettext_lazy("reinstate")),
        _row("withdraw", HELD | {C.SUSPENDED}, C.WITHDRAWN, "withdrawn", gettext_lazy("withdraw"), True),
        _row("expire", HELD | {C.SUSPENDED}, C.EXPIRED, "expired", gettext_lazy("let expire"), True),
        _row(
            "restart",
            {C.WITHDRAWN, C.EXPIRED},
            C.SELF_ASSESSMENT,
            "restarted",
            gettext_lazy("restart with a new self-assessment"),
        ),
    ),
)
# Read-only views of the table for existing callers (tests, forms, the sweep).
TRANSITIONS = {t.action: t for t in CERTIFICATION.transitions}
AUDIT_VERB = {t.action: t.verb for t in CERTIFICATION.transitions}
# Certifying needs the on-site review's worker interviews.
NEEDS_INTERVIEWS = {"certify", "recertify"}


def certification_allowed_actions(*, actor: Actor, certification: Certification) -> list[ActionOption]:
    """What this officer may decide on the certification now (pages offer only these)."""
    return allowed_actions(workflow=CERTIFICATION, record=certification, actor=actor)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


@transaction.atomic
def certification_start(*, actor: Actor, agency: Agency) -> Certification:
    """Open the agency's self-assessment (once; a withdrawn or expired one is restarted instead)."""
    policy.require(actor, perms.MANAGE_AGENCIES, state=agency.state_id)
    if Certification.objects.unscoped().filter(agency=agency).exists():
        raise Conflict(_("This agency already has a certification file."))
    certification = Certification.objects.unscoped().create(state_id=agency.state_id, agency=agency)
    audit_record(actor=actor, action="certification.started", target=certification)
    return certification


def _clean_answers(answers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    unknown = set(answers) - set(Principle.values)
    if unknown:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"answers": [_("Unknown principle: {name}.").format(name=", ".join(sorted(unknown)))]},
        )
    return {
        key: {"met": bool(value.get("met")), "evidence": str(value.get("evidence", "")).strip()[:2000]}
        for key, value in answers.items()
    }


@transaction.atomic
def certification_self_assess(*, actor: Actor, agency: Agency, answers: dict[str, Any]) -> Certification:
    """Record the agency's answers and evidence notes; only while the self-assessment is open."""
    policy.require(actor, perms.MANAGE_AGENCIES, state=agency.state_id)
    certification = _locked(agency)
    if certification.status != C.SELF_ASSESSMENT:
        raise Conflict(_("The self-assessment can only be changed before the application."))
    certification.answers = {**certification.answers, **_clean_answers(answers)}
    certification.save(update_fields=["answers", "updated_at"])
    audit_record(actor=actor, action="certification.self_assessed", target=certification)
    return certification


def _locked(agency: Agency) -> Certification:
    certification = Certification.objects.unscoped().select_for_update().filter(agency=agency).first()
    if certification is None:
        raise Conflict(_("This agency has no certification file yet."))
    return certification


def _check_application(certification: Certification) -> None:
    """Every principle answered, met, with evidence: IRIS certifies no agency that charges workers."""
    problems = []
    for principle in Principle:
        answer = certification.answers.get(principle.value) or {}
        if not answer.get("met") or not answer.get("evidence"):
            problems.append(
                _("Principle not shown to be met, with evidence: {principle}.").format(
                    principle=principle.label
                )
            )
    if problems:
        raise ApplicationError(_("The self-assessment is not complete."), fields={"answers": problems})


def _check_inputs(action: str, transition: Transition, reason: str, interviews: int, summary: str) -> None:
    fields: dict[str, list[str]] = {}
    if transition.needs_note and not reason.strip():
        fields["reason"] = [_("A reason is required for this decision.")]
    if action in NEEDS_INTERVIEWS:
        if interviews < 1:
            fields["interviews_count"] = [_("Certification needs interviews with at least one worker.")]
        if not summary.strip():
            fields["interview_summary"] = [_("Summarise what the interviewed workers said.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)


def _dates(action: str, today: dt.date) -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    if action in NEEDS_INTERVIEWS:
        dates["certified_on"] = today
        dates["valid_to"] = _add_months(today, 12 * CERTIFICATION_YEARS)
    if action in NEEDS_INTERVIEWS | {"confirm"}:
        dates["surveillance_due"] = _add_months(today, SURVEILLANCE_MONTHS)
    return dates


def _changes(transition: Transition, reason: str) -> dict[str, str]:
    """The published reason: kept on a narrowing decision, cleared once certified again."""
    if transition.needs_note:
        return {"status_reason": reason.strip()}
    if transition.target == C.CERTIFIED:
        return {"status_reason": ""}
    return {}


def _move(
    certification: Certification, action: str, reason: str, actor: Actor | None, changes: dict[str, Any]
) -> Certification:
    transition = TRANSITIONS[action]
    before = certification.status
    moved = step(
        workflow=CERTIFICATION,
        record=certification,
        action=action,
        actor=actor,
        note=reason,
        changes={**changes, **_changes(transition, reason)},
        public=True,
        audit_data={"agency": str(certification.agency.uuid)},
    )
    moved.decisions.create(from_status=before, to_status=moved.status, reason=reason.strip())
    return moved


@transaction.atomic
def certification_transition(
    *,
    actor: Actor,
    agency: Agency,
    action: str,
    reason: str = "",
    interviews_count: int = 0,
    interview_summary: str = "",
) -> Certification:
    """Move the certification one step; only labour officers of the licensing state decide."""
    policy.require(actor, perms.MANAGE_AGENCIES, state=agency.state_id)
    if action not in TRANSITIONS:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"action": [_("Unknown decision: {action}.").format(action=action)]},
        )
    certification = _locked(agency)
    problem = refusal(workflow=CERTIFICATION, record=certification, action=action, actor=actor)
    if problem is not None:
        raise problem
    transition = TRANSITIONS[action]
    _check_inputs(action, transition, reason, interviews_count, interview_summary)
    if action == "apply":
        _check_application(certification)
    changes: dict[str, Any] = {}
    if action in NEEDS_INTERVIEWS:
        changes = {"interviews_count": interviews_count, "interview_summary": interview_summary.strip()}
    changes |= _dates(action, timezone.localdate())
    return _move(certification, action, reason, actor, changes)


def certification_system_transition(*, certification: Certification, action: str, reason: str = "") -> None:
    """The scheduled sweep's moves (surveillance due, validity ended); audited without an actor."""
    if certification.status in TRANSITIONS[action].sources:
        _move(certification, action, reason, None, {})
