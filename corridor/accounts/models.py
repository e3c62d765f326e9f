"""Users, organisations, memberships and API tokens."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.core.models import PublicIdModel


class OrganisationKind(models.TextChoices):
    LABOUR_MINISTRY = "labour_ministry", _("Labour ministry")
    MIGRATION_SERVICE = "migration_service", _("Migration service")
    CONSULATE = "consulate", _("Consulate or embassy")
    STATISTICS_OFFICE = "statistics_office", _("Statistics office")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    SERVICE_PROVIDER = "service_provider", _("Service provider or NGO")
    INTERNATIONAL = "international", _("International organisation")
    SECRETARIAT = "secretariat", _("Regional secretariat")
    EMPLOYER = "employer", _("Employer")


class UserKind(models.TextChoices):
    PERSON = "person", _("Person")
    MACHINE = "machine", _("Machine client (national system)")


class User(AbstractUser):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=UserKind.choices, default=UserKind.PERSON)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_username()


class Organisation(PublicIdModel):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    # The state the organisation acts for; empty for regional and international bodies
    # acting for no single state (the secretariat).
    state = models.ForeignKey(
        "reference.Country",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["state_id", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["state", "name"], name="organisation_unique_name_per_state")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(PublicIdModel):
    """A user acts for one organisation with roles; a user may hold several memberships."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    roles = models.JSONField(_("roles"), default=list)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({', '.join(self.roles)})"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        usable = self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )
        if not settings.DEMO_MODE:
            # A database carried over from a demo must not keep its demo tokens working.
            usable = usable.filter(issued_in_demo=False)
        return usable


class ApiToken(PublicIdModel):
    """A bearer token; only its SHA-256 is stored, the value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    issued_in_demo = models.BooleanField(_("issued in demo mode"), default=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
