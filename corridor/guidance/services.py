"""Writes of guidance records: a new version per save, permission checked, audited in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Forbidden
from corridor.guidance.models import (
    GUIDE_SECTIONS,
    PROFILE_SECTIONS,
    CorridorRule,
    CountryProfile,
    CountryProfileVersion,
    Guide,
    GuideVersion,
    StayBasis,
    TranslationStatus,
)
from corridor.reference.models import Country

EDITABLE_RULE_FIELDS: tuple[str, ...] = (
    "visa_required",
    "visa_note",
    "stay_basis",
    "rolling_days",
    "rolling_window",
    "year_days",
    "entry_days",
    "stay_note",
    "registration_days",
    "registration_day_kind",
    "registration_note",
    "work_authorisation",
    "permit_apply_days",
    "permit_renewal_days",
    "work_note",
    "passport_validity_days",
    "refugees_may_work",
    "refugees_note",
    "legal_source",
    "source_url",
    "effective_from",
    "effective_to",
    "last_verified_on",
    "confidence",
)


def _check_rule(values: dict[str, Any]) -> None:
    fields: dict[str, list[str]] = {}
    if (values.get("rolling_days") is None) != (values.get("rolling_window") is None):
        fields["rolling_window"] = [_("Give both the days allowed and the length of the rolling window.")]
    elif values.get("rolling_days") and values["rolling_days"] > values["rolling_window"]:
        fields["rolling_days"] = [_("The days allowed cannot exceed the window.")]
    limits = [values.get(name) for name in ("rolling_days", "year_days", "entry_days")]
    if values.get("stay_basis") == StayBasis.DAY_LIMITS and all(limit is None for limit in limits):
        fields["stay_basis"] = [_("A stay limited by days needs at least one day limit.")]
    start, end = values.get("effective_from"), values.get("effective_to")
    if start and end and end < start:
        fields["effective_to"] = [_("The end date is before the start date.")]
    verified = values.get("last_verified_on")
    if verified and verified > dt.date.today():  # noqa: DTZ011 - a calendar date
        fields["last_verified_on"] = [_("The verification date cannot be in the future.")]
    if not str(values.get("legal_source") or "").strip():
        fields["legal_source"] = [_("Name the legal source.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)


@transaction.atomic
def rule_update(*, actor: Actor, rule: CorridorRule, changes: dict[str, Any], reason: str) -> CorridorRule:
    """Save a new version of a corridor rule; only the destination state's officers may."""
    policy.require(actor, perms.EDIT_CORRIDOR_RULES, state=rule.destination_id)
    unknown = sorted(set(changes) - set(EDITABLE_RULE_FIELDS))
    if unknown:
        raise ApplicationError(_("Some fields are not valid."), fields={unknown[0]: [_("Unknown field.")]})
    current = CorridorRule.objects.select_for_update().get(pk=rule.pk)
    if not current.is_current:
        raise ApplicationError(_("This is not the current version of the rule."))
    values = {name: getattr(current, name) for name in EDITABLE_RULE_FIELDS}
    values.update(changes)
    _check_rule(values)
    if not reason.strip():
        raise ApplicationError(
            _("Some fields are not valid."), fields={"reason": [_("Say why the rule changed.")]}
        )
    changed = sorted(name for name in EDITABLE_RULE_FIELDS if values[name] != getattr(current, name))
    current.is_current = False
    current.save(update_fields=["is_current", "updated_at"])
    new = CorridorRule.objects.create(
        citizenship_id=current.citizenship_id,
        destination_id=current.destination_id,
        version=current.version + 1,
        is_current=True,
        changed_by=actor.user,
        change_reason=reason.strip()[:300],
        **values,
    )
    audit_record(
        actor=actor,
        action="corridor_rule.updated",
        target=new,
        target_state=new.destination_id,
        data={"previous": str(current.uuid), "version": new.version, "fields": changed},
    )
    return new


def _may_edit_guide(actor: Actor, citizenship: str, destination: str) -> None:
    # Guides are written by the sending state's consuls or the receiving state's officers.
    policy.require(actor, perms.EDIT_GUIDES)
    if actor.state not in {citizenship, destination}:
        raise Forbidden()


@transaction.atomic
def guide_save(
    *,
    actor: Actor,
    citizenship: str,
    destination: str,
    language: str,
    title: str,
    sections: dict[str, str],
    sources: str = "",
    translation_status: str = TranslationStatus.ORIGINAL,
    publish: bool = False,
) -> GuideVersion:
    """Each save is a new version; ``publish`` makes it the one the public sees."""
    _may_edit_guide(actor, citizenship, destination)
    fields: dict[str, list[str]] = {}
    if not title.strip():
        fields["title"] = [_("Give the guide a title.")]
    if translation_status not in TranslationStatus.values:
        fields["translation_status"] = [_("Unknown translation status.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    guide, _created = Guide.objects.select_for_update().get_or_create(
        citizenship_id=citizenship, destination_id=destination, language=language
    )
    number = (guide.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = GuideVersion.objects.create(
        guide=guide,
        number=number,
        title=title.strip(),
        sources=sources.strip(),
        created_by=actor.user,
        **{key: sections.get(key, "").strip() for key, _label in GUIDE_SECTIONS},
    )
    guide.translation_status = translation_status
    if publish:
        guide.published = version
    guide.save(update_fields=["translation_status", "published", "updated_at"])
    data = {"guide": str(guide.uuid), "version": number, "language": language, "published": publish}
    audit_record(actor=actor, action="guide.version_saved", target=version, data=data)
    return version


@transaction.atomic
def guide_publish(*, actor: Actor, version: GuideVersion) -> Guide:
    guide = Guide.objects.select_for_update().get(pk=version.guide_id)
    _may_edit_guide(actor, guide.citizenship_id, guide.destination_id)
    guide.published = version
    guide.save(update_fields=["published", "updated_at"])
    audit_record(actor=actor, action="guide.published", target=guide, data={"version": version.number})
    return guide


@transaction.atomic
def profile_save(
    *,
    actor: Actor,
    state: str,
    sections: dict[str, str],
    sources: str = "",
    last_verified: dt.date | None = None,
) -> CountryProfileVersion:
    """A new version of a member state's practice profile; only that state's officials write it.

    `sources` (Markdown) says where the facts come from; `last_verified` is the day they were
    last checked against them.
    """
    policy.require(actor, perms.EDIT_COUNTRY_PROFILE, state=state)
    if not Country.objects.filter(iso3=state).exists():
        raise ApplicationError(_("Unknown country code: {code}.").format(code=state))
    profile, _created = CountryProfile.objects.select_for_update().get_or_create(state_id=state)
    number = (profile.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = CountryProfileVersion.objects.create(
        profile=profile,
        number=number,
        created_by=actor.user,
        sources=sources.strip(),
        last_verified=last_verified,
        **{key: sections.get(key, "").strip() for key, _label in PROFILE_SECTIONS},
    )
    profile.current = version
    profile.save(update_fields=["current", "updated_at"])
    audit_record(
        actor=actor,
        action="country_profile.updated",
        target=profile,
        target_state=state,
        data={"version": number},
    )
    return version
