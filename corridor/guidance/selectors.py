"""Reads of guidance records. All of it is public reference material: no actor needed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import markdown
import nh3
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.accounts.models import Organisation, OrganisationKind
from corridor.core.errors import NotFound
from corridor.guidance.models import (
    GUIDE_SECTIONS,
    NOTE_FIELDS,
    PROFILE_SECTIONS,
    CorridorRule,
    CountryProfile,
    CountryProfileVersion,
    Guide,
    GuideVersion,
    RuleNoteTranslation,
    source_digest,
)
from corridor.reference.models import APStatus, Country

DESTINATIONS: tuple[str, ...] = ("TUR", "RUS", "KAZ")
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h3", "h4", "blockquote", "br", "table"}
_ALLOWED_TAGS |= {"thead", "tbody", "tr", "th", "td", "code"}


def render_markdown(text: str) -> SafeString:
    """Markdown written by officials, cleaned so that only harmless HTML reaches the page."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes={"a": {"href", "title"}}, link_rel="noopener")
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def participant_states() -> QuerySet[Country]:
    return Country.objects.filter(ap_status__in=[APStatus.MEMBER, APStatus.OBSERVER]).order_by("name_en")


def destination_states() -> list[Country]:
    by_code = {country.iso3: country for country in Country.objects.filter(iso3__in=DESTINATIONS)}
    return [by_code[code] for code in DESTINATIONS if code in by_code]


def rule_list() -> QuerySet[CorridorRule]:
    return CorridorRule.objects.filter(is_current=True).select_related("citizenship", "destination")


def rule_get(*, citizenship: str, destination: str) -> CorridorRule:
    rule = rule_list().filter(citizenship_id=citizenship.upper(), destination_id=destination.upper()).first()
    if rule is None:
        raise NotFound()
    return rule


def rule_history(*, citizenship: str, destination: str) -> QuerySet[CorridorRule]:
    return (
        CorridorRule.objects.filter(citizenship_id=citizenship, destination_id=destination)
        .select_related("changed_by")
        .order_by("-version")
    )


@dataclass(frozen=True)
class GuideView:
    guide: Guide
    version: GuideVersion
    sections: list[tuple[str, Any, SafeString]]
    is_fallback: bool


def guide_for(*, citizenship: str, destination: str, language: str | None = None) -> GuideView | None:
    """The published guide in the visitor's language, else in English, else in any language."""
    language = (language or get_language() or "en").split("-")[0]
    guides = Guide.objects.filter(
        citizenship_id=citizenship, destination_id=destination, published__isnull=False
    ).select_related("published")
    by_language = {guide.language: guide for guide in guides}
    guide = by_language.get(language) or by_language.get("en") or next(iter(by_language.values()), None)
    if guide is None or guide.published is None:
        return None
    version = guide.published
    sections = [(key, label, render_markdown(getattr(version, key))) for key, label in GUIDE_SECTIONS]
    return GuideView(guide, version, sections, is_fallback=guide.language != language)


def guide_languages(*, citizenship: str, destination: str) -> list[Guide]:
    return list(
        Guide.objects.filter(citizenship_id=citizenship, destination_id=destination, published__isnull=False)
    )


def guide_get(*, citizenship: str, destination: str, language: str) -> Guide | None:
    return Guide.objects.filter(
        citizenship_id=citizenship, destination_id=destination, language=language
    ).first()


def guide_version_list(*, guide: Guide) -> QuerySet[GuideVersion]:
    return guide.versions.select_related("created_by").order_by("-number")


def guide_list() -> QuerySet[Guide]:
    return Guide.objects.filter(published__isnull=False).select_related("citizenship", "destination")


def profile_get(*, state: str) -> CountryProfile | None:
    return CountryProfile.objects.filter(state_id=state).select_related("current", "state").first()


def profile_sections(
    version: CountryProfileVersion | None, *, with_sources: bool = True
) -> list[tuple[str, Any, SafeString]]:
    """The profile's sections as rendered Markdown; the compare page also gets its sources last."""
    keys = list(PROFILE_SECTIONS) + ([("sources", _("Sources"))] if with_sources else [])
    return [(key, label, render_markdown(getattr(version, key) if version else "")) for key, label in keys]


def profile_versions(*, profile: CountryProfile) -> QuerySet[CountryProfileVersion]:
    return profile.versions.select_related("created_by").order_by("-number")


def consulate_list(*, state: str | None = None) -> QuerySet[Organisation]:
    """Consulates and embassies (accounts.Organisation is shared reference data; read-only here)."""
    rows = Organisation.objects.filter(kind=OrganisationKind.CONSULATE, is_active=True).select_related(
        "state"
    )
    if state:
        rows = rows.filter(state_id=state)
    return rows.order_by("state_id", "city", "name")


@dataclass(frozen=True)
class ShownNote:
    """A rule note as a reader sees it: the text, the language it is in, and why if not theirs."""

    text: str
    language: str
    status: str = "original"  # "original" (the English source), "draft" or "reviewed"
    fallback: str = ""  # "" | "missing" (no translation yet) | "stale" (the English text changed since)


def rule_notes(*, rule: CorridorRule, language: str | None = None) -> dict[str, ShownNote]:
    """The rule's notes in ``language`` (the active one by default), English where not translated."""
    language = (language or get_language() or "en").split("-")[0]
    english = {field: str(getattr(rule, field) or "") for field in NOTE_FIELDS}
    shown = {field: ShownNote(text, "en") for field, text in english.items() if text}
    if language == "en" or not shown:
        return shown
    rows = RuleNoteTranslation.objects.filter(corridor=rule.corridor_code, language=language, field__in=shown)
    translated = {row.field: row for row in rows}
    for field, note in shown.items():
        row = translated.get(field)
        if row is None:
            shown[field] = ShownNote(note.text, "en", fallback="missing")
        elif row.source_digest != source_digest(note.text):
            shown[field] = ShownNote(note.text, "en", fallback="stale")
        else:
            shown[field] = ShownNote(row.text, language, status=row.status)
    return shown
