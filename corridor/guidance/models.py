"""Guidance records: corridor rules, pre-departure guides, country practice profiles.

All three are public reference material, not state-owned rows: everyone reads them, and
only the responsible state's officers write them (checked in services). Each is versioned
by keeping every saved version as its own row; nothing is updated in place except the
"current"/"published" pointers.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from corridor.core.models import PublicIdModel


class Confidence(models.TextChoices):
    VERIFIED = "V", _("Verified: official source seen")
    SECONDARY = "S", _("Unverified: one secondary source")
    UNCERTAIN = "?", _("Unverified: uncertain or conflicting sources")
    NOT_GRADED = "-", _("Unverified: not graded")


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


class StayBasis(models.TextChoices):
    """What sets the length of a stay when it is not a day count the calculator can apply."""

    DAY_LIMITS = "limits", _("Day limits (visa-free stay)")
    VISA = "visa", _("Set by the visa or permit")
    UNKNOWN = "unknown", _("Not known: check with the consulate")


class WorkAuthorisation(models.TextChoices):
    NOT_NEEDED = "not_needed", _("No work permit needed")
    WORK_PERMIT = "work_permit", _("Work permit")
    PATENT = "patent", _("Patent")
    UNKNOWN = "unknown", _("Not known: check with the consulate")


class Tristate(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    CONDITIONAL = "conditional", _("Under conditions")
    UNKNOWN = "unknown", _("Not known")


class CorridorRule(PublicIdModel):
    """One version of the rules for citizens of one state going to another."""

    citizenship = models.ForeignKey(
        "reference.Country", verbose_name=_("citizenship"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.ForeignKey(
        "reference.Country", verbose_name=_("destination"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)

    visa_required = models.BooleanField(_("visa required"), null=True, blank=True)
    visa_note = models.TextField(_("visa note"), blank=True)
    stay_basis = models.CharField(
        _("stay basis"), max_length=10, choices=StayBasis.choices, default=StayBasis.DAY_LIMITS
    )
    rolling_days = models.PositiveSmallIntegerField(
        _("days allowed in a rolling window"), null=True, blank=True
    )
    rolling_window = models.PositiveSmallIntegerField(_("rolling window (days)"), null=True, blank=True)
    year_days = models.PositiveSmallIntegerField(_("days allowed per calendar year"), null=True, blank=True)
    entry_days = models.PositiveSmallIntegerField(_("days allowed per entry"), null=True, blank=True)
    stay_note = models.TextField(_("stay note"), blank=True)

    registration_days = models.PositiveSmallIntegerField(
        _("registration deadline after entry (days)"), null=True, blank=True
    )
    registration_day_kind = models.CharField(
        _("registration days are"), max_length=10, choices=DayKind.choices, default=DayKind.CALENDAR
    )
    registration_note = models.TextField(_("registration note"), blank=True)

    work_authorisation = models.CharField(
        _("work authorisation"), max_length=12, choices=WorkAuthorisation.choices, default="unknown"
    )
    permit_apply_days = models.PositiveSmallIntegerField(
        _("apply for the work permit or patent within (days after entry)"), null=True, blank=True
    )
    permit_renewal_days = models.PositiveSmallIntegerField(
        _("renewal window opens (days before expiry)"), null=True, blank=True
    )
    work_note = models.TextField(_("work note"), blank=True)

    passport_validity_days = models.PositiveSmallIntegerField(
        _("passport valid beyond the stay (days)"), null=True, blank=True
    )
    refugees_may_work = models.CharField(
        _("refugees and asylum seekers may work"), max_length=12, choices=Tristate.choices, default="unknown"
    )
    refugees_note = models.TextField(_("note on refugees and asylum seekers"), blank=True)

    legal_source = models.TextField(_("legal source"))
    source_url = models.URLField(_("source address"), blank=True)
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    last_verified_on = models.DateField(_("last verified on"))
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices)

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    change_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)

    class Meta:
        ordering = ["citizenship_id", "destination_id", "-version"]
        verbose_name = _("corridor rule")
        verbose_name_plural = _("corridor rules")
        constraints = [
            models.UniqueConstraint(
                fields=["citizenship", "destination", "version"], name="corridor_rule_unique_version"
            ),
            models.UniqueConstraint(
                fields=["citizenship", "destination"],
                condition=Q(is_current=True),
                name="corridor_rule_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citizenship_id}→{self.destination_id} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("guidance:corridor", kwargs={"corridor": self.corridor_code})

    @property
    def corridor_code(self) -> str:
        return f"{self.citizenship_id}-{self.destination_id}"

    @property
    def is_verified(self) -> bool:
        return self.confidence == Confidence.VERIFIED


# The free-text notes of a corridor rule, shown under its facts; translated per language.
NOTE_FIELDS = ("visa_note", "stay_note", "registration_note", "work_note", "refugees_note")


def source_digest(text: str) -> str:
    """Short fingerprint of an English note: a translation applies only to the text it was made from."""
    return hashlib.sha256(" ".join(str(text).split()).encode("utf-8")).hexdigest()[:16]


class RuleNoteTranslation(models.Model):
    """A note of a corridor's rules in another language, tied to the English text it translates.

    Keyed by corridor and field (not by rule version), so a new version whose note did not change
    keeps its translations; when the English note changes, ``source_digest`` no longer matches
    and the page shows the English text with a note saying so, until the translation is redone.
    """

    corridor = models.CharField(_("corridor"), max_length=7)  # KGZ-TUR
    field = models.CharField(_("field"), max_length=20)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    source_digest = models.CharField(_("fingerprint of the English text"), max_length=16)
    text = models.TextField(_("text"))
    status = models.CharField(_("translation status"), max_length=10, default="draft")

    class Meta:
        verbose_name = _("translated rule note")
        verbose_name_plural = _("translated rule notes")
        constraints = [
            models.UniqueConstraint(
                fields=["corridor", "field", "language"], name="guidance_rule_note_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.corridor} {self.field} [{self.language}]"


class TranslationStatus(models.TextChoices):
    ORIGINAL = "original", _("Original text")
    TRANSLATED = "translated", _("Translated and checked")
    MACHINE = "draft", _("Draft translation, not yet checked")
    OUTDATED = "outdated", _("Translation behind the original")


GUIDE_SECTIONS: tuple[tuple[str, Any], ...] = (
    ("before_departure", _("Before departure")),
    ("on_arrival", _("On arrival")),
    ("working_legally", _("Working legally")),
    ("your_rights", _("Your rights")),
    ("where_to_get_help", _("Where to get help")),
)


class Guide(PublicIdModel):
    """A pre-departure guide for one corridor in one language; its text lives in versions."""

    citizenship = models.ForeignKey(
        "reference.Country", verbose_name=_("citizenship"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.ForeignKey(
        "reference.Country", verbose_name=_("destination"), on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    translation_status = models.CharField(
        _("translation status"), max_length=10, choices=TranslationStatus.choices, default="original"
    )
    published = models.ForeignKey(
        "GuideVersion",
        verbose_name=_("published version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["citizenship_id", "destination_id", "language"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        constraints = [
            models.UniqueConstraint(
                fields=["citizenship", "destination", "language"], name="guide_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.citizenship_id}→{self.destination_id} ({self.language})"


class GuideVersion(PublicIdModel):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    before_departure = models.TextField(_("Before departure"), blank=True)
    on_arrival = models.TextField(_("On arrival"), blank=True)
    working_legally = models.TextField(_("Working legally"), blank=True)
    your_rights = models.TextField(_("Your rights"), blank=True)
    where_to_get_help = models.TextField(_("Where to get help"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["guide_id", "-number"]
        verbose_name = _("guide version")
        verbose_name_plural = _("guide versions")
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="guide_version_unique")]

    def __str__(self) -> str:
        return f"{self.guide} v{self.number}"


PROFILE_SECTIONS: tuple[tuple[str, Any], ...] = (
    ("visa_regimes", _("Visa regimes")),
    ("permit_types", _("Residence and work permit types")),
    ("procedures", _("Procedures")),
    ("recruitment_rules", _("Recruitment rules")),
    ("priorities", _("Policy priorities")),
)


class CountryProfile(PublicIdModel):
    """A member state's own description of its labour-migration, residence and visa policy."""

    state = models.OneToOneField(
        "reference.Country", verbose_name=_("state"), on_delete=models.PROTECT, related_name="+"
    )
    current = models.ForeignKey(
        "CountryProfileVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["state_id"]
        verbose_name = _("country practice profile")
        verbose_name_plural = _("country practice profiles")

    def __str__(self) -> str:
        return str(self.state_id)


class CountryProfileVersion(PublicIdModel):
    profile = models.ForeignKey(CountryProfile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    visa_regimes = models.TextField(_("Visa regimes"), blank=True)
    permit_types = models.TextField(_("Residence and work permit types"), blank=True)
    procedures = models.TextField(_("Procedures"), blank=True)
    recruitment_rules = models.TextField(_("Recruitment rules"), blank=True)
    priorities = models.TextField(_("Policy priorities"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    last_verified = models.DateField(_("last verified on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["profile_id", "-number"]
        verbose_name = _("country profile version")
        verbose_name_plural = _("country profile versions")
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="country_profile_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.profile} v{self.number}"
