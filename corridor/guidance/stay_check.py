"""The stay check: a corridor rule applied to a person's own dates (used by page and API).

The arithmetic is in ``calculator``; this module finds the rule, refuses what it cannot
answer (no rule, a stay set by a visa, a date before the rule) and explains each result
with the rule's words and source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from corridor.core.errors import ApplicationError
from corridor.guidance import calculator
from corridor.guidance.calculator import Limits, Stay
from corridor.guidance.models import CorridorRule, DayKind, StayBasis
from corridor.reference.models import Country


@dataclass(frozen=True)
class Deadline:
    kind: str
    date: dt.date
    rule: str
    source: str
    passed: bool


@dataclass(frozen=True)
class StayResult:
    rule: CorridorRule
    assessment: calculator.Assessment
    explanation: str
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def visa_required(self) -> bool | None:
        return self.rule.visa_required


def limits_of(rule: CorridorRule) -> Limits:
    return Limits(
        rolling_days=rule.rolling_days,
        rolling_window=rule.rolling_window,
        year_days=rule.year_days,
        entry_days=rule.entry_days,
    )


def describe_limit(rule: CorridorRule, kind: str | None) -> str:
    if kind == calculator.ROLLING:
        return _("{days} days in any {window} days").format(
            days=rule.rolling_days, window=rule.rolling_window
        )
    if kind == calculator.CALENDAR_YEAR:
        return _("{days} days per calendar year").format(days=rule.year_days)
    if kind == calculator.PER_ENTRY:
        return _("{days} days per entry").format(days=rule.entry_days)
    return _("no day limit")


def describe_limits(rule: CorridorRule) -> list[str]:
    return [describe_limit(rule, kind) for kind in limits_of(rule).kinds()]


def _rule_for(citizenship: str, destination: str, on: dt.date) -> CorridorRule:
    fields: dict[str, list[str]] = {}
    known = set(Country.objects.filter(iso3__in=[citizenship, destination]).values_list("iso3", flat=True))
    for name, code in (("citizenship", citizenship), ("destination", destination)):
        if code not in known:
            fields[name] = [_("Unknown country code: {code}.").format(code=code)]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    rule = CorridorRule.objects.filter(
        citizenship_id=citizenship, destination_id=destination, is_current=True
    ).first()
    if rule is None:
        raise ApplicationError(
            _("There is no rule for this corridor in Corridor. Check with the consulate."),
            fields={"destination": [_("No rule for this corridor.")]},
        )
    return rule


def _refuse_uncomputable(rule: CorridorRule, on: dt.date) -> None:
    if rule.stay_basis == StayBasis.VISA:
        message = _("A visa is needed for this corridor: your visa or permit sets how long you may stay.")
        raise ApplicationError(message, fields={"destination": [message]})
    if rule.stay_basis == StayBasis.UNKNOWN or not limits_of(rule).kinds():
        message = _("The stay rule for this corridor is not known. Check with the consulate.")
        raise ApplicationError(message, fields={"destination": [message]})
    if rule.effective_from and on < rule.effective_from:
        message = _("The rule on record applies from {date}; it cannot answer for an earlier date.").format(
            date=rule.effective_from.isoformat()
        )
        raise ApplicationError(message, fields={"on": [message]})
    if rule.effective_to and on > rule.effective_to:
        message = _("The rule on record ended on {date}.").format(date=rule.effective_to.isoformat())
        raise ApplicationError(message, fields={"on": [message]})


def _days_phrase(count: int, kind: str) -> str:
    if kind == DayKind.WORKING:
        return ngettext("%(count)d working day", "%(count)d working days", count) % {"count": count}
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def _deadlines(
    rule: CorridorRule, result: calculator.Assessment, on: dt.date, permit_expires: dt.date | None
) -> list[Deadline]:
    source = rule.legal_source
    found: list[Deadline] = []

    def add(kind: str, date: dt.date, text: str) -> None:
        found.append(Deadline(kind=kind, date=date, rule=text, source=source, passed=date < on))

    if rule.registration_days is not None:
        working = rule.registration_day_kind == DayKind.WORKING
        text = _("Register within {days} after entry.").format(
            days=_days_phrase(rule.registration_days, rule.registration_day_kind)
        )
        if working:
            text += " " + _("Public holidays are not counted here: check the exact date locally.")
        add("registration", calculator.add_days(result.entry, rule.registration_days, working=working), text)
    if rule.permit_apply_days is not None:
        text = _("Apply for the work permit or patent within {days} after entry.").format(
            days=_days_phrase(rule.permit_apply_days, DayKind.CALENDAR)
        )
        add("permit_application", result.entry + dt.timedelta(days=rule.permit_apply_days), text)
    if result.last_lawful_day is not None:
        text = _(
            "Last day of lawful stay under {limit}: leave, or hold a residence permit, by this day."
        ).format(limit=describe_limit(rule, result.binding))
        add("stay_ends", result.last_lawful_day, text)
    if permit_expires is not None and rule.permit_renewal_days is not None:
        text = _("The renewal window opens {days} before the permit expires.").format(
            days=_days_phrase(rule.permit_renewal_days, DayKind.CALENDAR)
        )
        add("renewal_window_opens", permit_expires - dt.timedelta(days=rule.permit_renewal_days), text)
        add("permit_expires", permit_expires, _("Your permit expires."))
    return sorted(found, key=lambda deadline: (deadline.date, deadline.kind))


def stay_check(
    *,
    citizenship: str,
    destination: str,
    stays: list[Stay],
    on: dt.date,
    permit_expires: dt.date | None = None,
) -> StayResult:
    """Apply the corridor's current rule to the stays; ApplicationError for what it cannot answer."""
    rule = _rule_for(citizenship.upper(), destination.upper(), on)
    _refuse_uncomputable(rule, on)
    try:
        assessment = calculator.assess(limits_of(rule), stays, on)
    except calculator.StayInputError as exc:
        raise ApplicationError(_("Some fields are not valid."), fields=exc.fields) from exc
    explanation = _("Counted under the rule “{limit}” ({source}).").format(
        limit=describe_limit(rule, assessment.binding), source=rule.legal_source
    )
    return StayResult(rule, assessment, explanation, _deadlines(rule, assessment, on, permit_expires))


def as_dict(result: StayResult) -> dict[str, Any]:
    rule, assessment = result.rule, result.assessment
    return {
        "days_used": assessment.days_used,
        "days_remaining": assessment.days_remaining,
        "last_lawful_day": assessment.last_lawful_day,
        "overstay_days": assessment.overstay_days,
        "in_country": assessment.present,
        "visa_required": rule.visa_required,
        "binding_limit": describe_limit(rule, assessment.binding),
        "explanation": result.explanation,
        "deadlines": [deadline.__dict__ for deadline in result.deadlines],
        "rule": {
            "citizenship": rule.citizenship_id,
            "destination": rule.destination_id,
            "version": rule.version,
            "limits": describe_limits(rule),
            "legal_source": rule.legal_source,
            "source_url": rule.source_url,
            "effective_from": rule.effective_from,
            "last_verified_on": rule.last_verified_on,
            "confidence": rule.confidence,
            "verified": rule.is_verified,
        },
    }
