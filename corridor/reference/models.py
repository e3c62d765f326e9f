"""Reference data: countries, languages, occupations. Loaded by data migrations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class APStatus(models.TextChoices):
    MEMBER = "member", _("Member state")
    OBSERVER = "observer", _("Observer state")
    NONE = "", _("Not a participant")


def _localised(obj: models.Model, prefix: str) -> str:
    """Pick the title in the active language, falling back to English."""
    language = (get_language() or "en").split("-")[0]
    value = getattr(obj, f"{prefix}_{language}", None)
    if not value:
        value = (getattr(obj, "names", None) or {}).get(language)
    return str(value or getattr(obj, f"{prefix}_en"))


class Country(models.Model):
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, primary_key=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    numeric = models.CharField(_("ISO 3166 numeric"), max_length=3, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_tr = models.CharField(_("name (Turkish)"), max_length=120)
    # Names in further languages (kk, ky, uz, tg, tk, az, fa, ps …) keyed by language code.
    names = models.JSONField(_("other names"), default=dict, blank=True)
    ap_status = models.CharField(
        _("Almaty Process status"), max_length=10, choices=APStatus.choices, default="", blank=True
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")

    @property
    def is_participant(self) -> bool:
        return self.ap_status in {APStatus.MEMBER, APStatus.OBSERVER}


class Language(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_ru = models.CharField(_("name (Russian)"), max_length=80, blank=True)
    name_tr = models.CharField(_("name (Turkish)"), max_length=80, blank=True)
    name_local = models.CharField(_("name in the language itself"), max_length=80, blank=True)
    names = models.JSONField(_("other names"), default=dict, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")


class OccupationLevel(models.IntegerChoices):
    MAJOR = 1, _("Major group")
    SUB_MAJOR = 2, _("Sub-major group")
    MINOR = 3, _("Minor group")
    UNIT = 4, _("Unit group")


class Occupation(models.Model):
    """An ISCO-08 group; the code's length is its level."""

    code = models.CharField(_("ISCO-08 code"), max_length=4, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=OccupationLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    names = models.JSONField(_("other titles"), default=dict, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation group")
        verbose_name_plural = _("occupation groups")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return _localised(self, "title")
