"""Inspections with findings and corrective actions, and sanctions beyond licence decisions.

All decided by labour officers of the licensing state; all published on the agency's scorecard.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict
from corridor.recruitment.models import Agency, Finding, Inspection, Sanction, SanctionKind, Severity

_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _finding_errors(index: int, finding: dict[str, Any], inspected_on: dt.date) -> list[str]:
    number = index + 1
    errors = []
    if finding.get("severity") not in Severity.values:
        errors.append(_("Finding {number}: choose a severity.").format(number=number))
    if not str(finding.get("description", "")).strip():
        errors.append(_("Finding {number}: describe what was found.").format(number=number))
    if not str(finding.get("corrective_action", "")).strip():
        errors.append(_("Finding {number}: name the corrective action.").format(number=number))
    due = finding.get("due_on")
    if not isinstance(due, dt.date) or due < inspected_on:
        errors.append(
            _("Finding {number}: the corrective action is due on or after the inspection.").format(
                number=number
            )
        )
    return errors


def _check_inspection(inspected_on: dt.date, findings: list[dict[str, Any]]) -> None:
    fields: dict[str, list[str]] = {}
    if inspected_on > timezone.localdate():
        fields["inspected_on"] = [_("The inspection date cannot be in the future.")]
    errors = [e for i, f in enumerate(findings) for e in _finding_errors(i, f, inspected_on)]
    if errors:
        fields["findings"] = errors
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)


@transaction.atomic
def inspection_record(
    *, actor: Actor, agency: Agency, inspected_on: dt.date, summary: str = "", findings: list[dict[str, Any]]
) -> Inspection:
    """Record an inspection and its findings at once: all of it is stored, or none of it."""
    policy.require(actor, perms.MANAGE_AGENCIES, state=agency.state_id)
    _check_inspection(inspected_on, findings)
    inspection = Inspection.objects.unscoped().create(
        state_id=agency.state_id, agency=agency, inspected_on=inspected_on, summary=summary.strip()
    )
    for finding in findings:
        Finding.objects.unscoped().create(
            state_id=agency.state_id,
            inspection=inspection,
            severity=finding["severity"],
            description=str(finding["description"]).strip(),
            corrective_action=str(finding["corrective_action"]).strip(),
            due_on=finding["due_on"],
        )
    audit_record(
        actor=actor,
        action="inspection.recorded",
        target=inspection,
        data={"agency": str(agency.uuid), "findings": len(findings)},
    )
    return inspection


@transaction.atomic
def finding_resolve(*, actor: Actor, finding: Finding, done_on: dt.date | None = None) -> Finding:
    """The corrective action was carried out (checked by the licensing state)."""
    policy.require(actor, perms.MANAGE_AGENCIES, state=finding.state_id)
    locked = Finding.objects.unscoped().select_for_update().get(pk=finding.pk)
    if locked.done_on is not None:
        raise Conflict(_("This corrective action is already marked done."))
    day = done_on or timezone.localdate()
    if day > timezone.localdate() or day < locked.inspection.inspected_on:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"done_on": [_("The date must lie between the inspection and today.")]},
        )
    locked.done_on = day
    locked.save(update_fields=["done_on", "updated_at"])
    audit_record(actor=actor, action="finding.resolved", target=locked)
    return locked


def _fine(kind: str, amount: Any, currency: str) -> tuple[Decimal | None, str]:
    if kind != SanctionKind.FINE:
        return None, ""
    fields: dict[str, list[str]] = {}
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        value = Decimal(0)
    if not value.is_finite() or value <= 0:
        fields["amount"] = [_("A fine needs an amount above zero.")]
    if not _CURRENCY.match(currency):
        fields["currency"] = [_("Use a three-letter currency code such as TRY or USD.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    return value, currency


@transaction.atomic
def sanction_impose(
    *, actor: Actor, agency: Agency, kind: str, reason: str, amount: Any = None, currency: str = ""
) -> Sanction:
    """A warning, a fine or delisting; published on the scorecard with its date and reason."""
    policy.require(actor, perms.MANAGE_AGENCIES, state=agency.state_id)
    if kind not in SanctionKind.values:
        raise ApplicationError(_("Some fields are not valid."), fields={"kind": [_("Choose a sanction.")]})
    if not reason.strip():
        raise ApplicationError(
            _("Give the reason: it is published on the register."),
            fields={"reason": [_("A reason is required for this decision.")]},
        )
    value, code = _fine(kind, amount, currency.strip().upper())
    sanction = Sanction.objects.unscoped().create(
        state_id=agency.state_id,
        agency=agency,
        kind=kind,
        reason=reason.strip(),
        amount=value,
        currency=code,
        imposed_on=timezone.localdate(),
    )
    audit_record(actor=actor, action="sanction.imposed", target=sanction, data={"kind": kind})
    return sanction
