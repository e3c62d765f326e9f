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

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict
from corridor.recruitment.models import Agency, Certification, Principle
from corridor.recruitment.models import CertificationStatus as C
from corridor.recruitment.services.lifecycle import Transition, move

CERTIFICATION_YEARS = 3
SURVEILLANCE_MONTHS = 12
REVIEWED = frozenset({C.APPLIED, C.DESK_REVIEW, C.ONSITE_REVIEW})
HELD = frozenset({C.CERTIFIED, C.SURVEILLANCE})

TRANSITIONS: dict[str, Transition] = {
    "apply": Transition(frozenset({C.SELF_ASSESSMENT}), C.APPLIED, False),
    "start_desk_review": Transition(frozenset({C.APPLIED}), C.DESK_REVIEW, False),
    "start_onsite_review": Transition(frozenset({C.DESK_REVIEW}), C.ONSITE_REVIEW, False),
    "refuse": Transition(REVIEWED, C.SELF_ASSESSMENT, True),
    "certify": Transition(frozenset({C.ONSITE_REVIEW}), C.CERTIFIED, False),
    "start_surveillance": Transition(frozenset({C.CERTIFIED}), C.SURVEILLANCE, False),
    "confirm": Transition(frozenset({C.SURVEILLANCE}), C.CERTIFIED, False),
    "recertify": Transition(frozenset({C.SURVEILLANCE}), C.CERTIFIED, False),
    "suspend": Transition(HELD, C.SUSPENDED, True),
    "reinstate": Transition(frozenset({C.SUSPENDED}), C.CERTIFIED, False),
    "withdraw": Transition(HELD | {C.SUSPENDED}, C.WITHDRAWN, True),
    "expire": Transition(HELD | {C.SUSPENDED}, C.EXPIRED, True),
    "restart": Transition(frozenset({C.WITHDRAWN, C.EXPIRED}), C.SELF_ASSESSMENT, False),
}

AUDIT_VERB = {
    "apply": "applied",
    "start_desk_review": "desk_review_started",
    "start_onsite_review": "onsite_review_started",
    "refuse": "refused",
    "certify": "certified",
    "start_surveillance": "surveillance_started",
    "confirm": "confirmed",
    "recertify": "recertified",
    "suspend": "suspended",
    "reinstate": "reinstated",
    "withdraw": "withdrawn",
    "expire": "expired",
    "restart": "restarted",
}
# Certifying needs the on-site review's worker interviews.
NEEDS_INTERVIEWS = {"certify", "recertify"}


def allowed_actions(status: str) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if status in t.sources]


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
    if transition.narrows and not reason.strip():
        fields["reason"] = [_("A reason is required for this decision.")]
    if action in NEEDS_INTERVIEWS:
        if interviews < 1:
            fields["interviews_count"] = [_("Certification needs interviews with at least one worker.")]
        if not summary.strip():
            fields["interview_summary"] = [_("Summarise what the interviewed workers said.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)


def _apply_dates(certification: Certification, action: str, today: dt.date) -> None:
    if action in NEEDS_INTERVIEWS:
        certification.certified_on = today
        certification.valid_to = _add_months(today, 12 * CERTIFICATION_YEARS)
    if action in NEEDS_INTERVIEWS | {"confirm"}:
        certification.surveillance_due = _add_months(today, SURVEILLANCE_MONTHS)


def _move(certification: Certification, action: str, reason: str, actor: Actor | None) -> Certification:
    event = f"certification.{AUDIT_VERB[action]}"
    transition = TRANSITIONS[action]
    return move(
        certification, transition=transition, event=event, reason=reason, actor=actor, restores=C.CERTIFIED
    )


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
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"action": [_("Unknown decision: {action}.").format(action=action)]},
        )
    certification = _locked(agency)
    if certification.status not in transition.sources:
        raise Conflict(
            _("A certification that is {status} cannot be changed this way.").format(
                status=certification.get_status_display()
            )
        )
    _check_inputs(action, transition, reason, interviews_count, interview_summary)
    if action == "apply":
        _check_application(certification)
    if action in NEEDS_INTERVIEWS:
        certification.interviews_count = interviews_count
        certification.interview_summary = interview_summary.strip()
    _apply_dates(certification, action, timezone.localdate())
    return _move(certification, action, reason, actor)


def certification_system_transition(*, certification: Certification, action: str, reason: str = "") -> None:
    """The scheduled sweep's moves (surveillance due, validity ended); audited without an actor."""
    if certification.status in TRANSITIONS[action].sources:
        _move(certification, action, reason, None)
