"""Data-sharing agreements and break-glass grants: access decisions kept as data."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.core.models import PublicIdModel


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    EXPIRED = "expired", _("Expired")


class AgreementScope(models.TextChoices):
    RECORDS = "records", _("Records (named record types and fields)")
    AGGREGATES = "aggregates", _("Aggregates only")


class AgreementPurpose(models.TextChoices):
    CONSULAR_PROTECTION = "consular_protection", _("Consular protection of nationals")
    READMISSION = "readmission", _("Readmission")
    TRACING = "tracing", _("Tracing of missing migrants")
    TRAFFICKING = "trafficking", _("Counter-trafficking cooperation")
    LABOUR_MOBILITY = "labour_mobility", _("Labour mobility")
    STATISTICS = "statistics", _("Migration statistics")
    REINTEGRATION = "reintegration", _("Reintegration")


class AgreementQuerySet(models.QuerySet["DataSharingAgreement"]):
    def in_force(self, on: dt.date | None = None) -> AgreementQuerySet:
        day = on or timezone.localdate()
        return self.filter(status=AgreementStatus.ACTIVE, valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )

    def involving(self, state: str) -> AgreementQuerySet:
        return self.filter(models.Q(grantor_id=state) | models.Q(grantees__iso3=state)).distinct()


class DataSharingAgreement(PublicIdModel):
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    grantor = models.ForeignKey(
        "reference.Country", verbose_name=_("grantor state"), on_delete=models.PROTECT, related_name="+"
    )
    grantees = models.ManyToManyField("reference.Country", verbose_name=_("grantee states"), related_name="+")
    purpose = models.CharField(_("purpose"), max_length=30, choices=AgreementPurpose.choices)
    legal_basis = models.TextField(_("legal basis"))
    scope_kind = models.CharField(_("scope"), max_length=12, choices=AgreementScope.choices)
    # Record-level scope: the record types (model labels) and, per type, the fields shared.
    record_types = models.JSONField(_("record types"), default=list, blank=True)
    fields = models.JSONField(_("fields per record type"), default=dict, blank=True)
    # Consular-style agreements: only records about the grantee state's own nationals.
    nationals_only = models.BooleanField(_("only records of the grantee's nationals"), default=True)
    # Aggregates scope: no cell below this count is shown to the grantee.
    min_cell_size = models.PositiveIntegerField(_("minimum cell size"), default=5)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "reference"]
        verbose_name = _("data-sharing agreement")
        verbose_name_plural = _("data-sharing agreements")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def is_in_force(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return (
            self.status == AgreementStatus.ACTIVE
            and self.valid_from <= day
            and (self.valid_to is None or self.valid_to >= day)
        )


class BreakGlassOutcome(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    UNJUSTIFIED = "unjustified", _("Not justified")


class BreakGlassQuerySet(models.QuerySet["BreakGlassGrant"]):
    def active(self) -> BreakGlassQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def awaiting_review(self) -> BreakGlassQuerySet:
        return self.filter(reviewed_at__isnull=True)


class BreakGlassGrant(PublicIdModel):
    """Emergency elevation of one permission for one user inside their own state."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    state = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+")
    permission = models.CharField(_("permission"), max_length=60)
    reason = models.TextField(_("reason"))
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("ended early"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_outcome = models.CharField(
        _("review outcome"), max_length=12, choices=BreakGlassOutcome.choices, blank=True
    )
    review_note = models.TextField(_("review note"), blank=True)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("break-glass grant")
        verbose_name_plural = _("break-glass grants")

    def __str__(self) -> str:
        return f"{self.user} {self.permission} until {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def review_due(self) -> dt.datetime:
        return self.created_at + dt.timedelta(hours=72)
