"""Submitted data: submissions (state-owned vintages), their observations and approvals.

Observations are the volume table (tens of millions of rows): one narrow row per cell with
integer foreign keys, the period, a compact key string of the other dimension codes, the
value and two publication columns. There is no UUID per observation on purpose.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    APPROVED_NATIONAL = "approved_national", _("Approved nationally")
    ACCEPTED_REGIONAL = "accepted_regional", _("Accepted regionally (locked)")
    PUBLISHED = "published", _("Published")


class SubmissionFormat(models.TextChoices):
    SDMX_CSV = "sdmx-csv", _("SDMX-CSV 2.0")
    SDMX_ML = "sdmx-ml", _("SDMX-ML 2.1 structure-specific")
    EXCEL = "xlsx", _("Excel template")
    FEED = "feed", _("Operational feed")
    SOURCE = "source", _("Published source document")


class Submission(StateOwnedModel):
    """One vintage of one provider state's data for one dataflow."""

    dataflow = models.ForeignKey("statistics.Dataflow", on_delete=models.PROTECT, related_name="submissions")
    vintage = models.PositiveIntegerField(_("vintage"))
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    file_format = models.CharField(_("format"), max_length=10, choices=SubmissionFormat.choices)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size_bytes = models.PositiveBigIntegerField(default=0)
    observation_count = models.PositiveIntegerField(default=0)
    first_period = models.CharField(max_length=10, blank=True)
    last_period = models.CharField(max_length=10, blank=True)
    report = models.JSONField(_("validation report"), default=dict, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    flag_count = models.PositiveIntegerField(default=0)
    is_synthetic = models.BooleanField(_("synthetic (demo) data"), default=False)
    # The figures are already public at their source (a published report), so disclosure
    # control has nothing left to protect; the citation is shown wherever they appear.
    source_public = models.BooleanField(_("source already public"), default=False)
    source_citation = models.TextField(_("source"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Published but not shown to the public or other states before this moment (the
    # provision agreement's embargo, or a release time chosen at publication).
    embargo_until = models.DateTimeField(_("embargoed until"), null=True, blank=True)

    view_permission: ClassVar[str] = perms.VIEW_STATISTICS_UNPUBLISHED

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "dataflow", "vintage"], name="statistics_submission_vintage_unique"
            )
        ]
        indexes = [models.Index(fields=["status", "dataflow"], name="statistics_sub_status_idx")]

    def __str__(self) -> str:
        return f"{self.state_id} {self.dataflow.flow_id} v{self.vintage}"

    def get_absolute_url(self) -> str:
        return reverse("statistics:submission-detail", args=[self.uuid])

    def flagged_cells(self) -> list[tuple[str, str]]:
        """(period, key) of every outlier flag of the report; each needs its own comment."""
        report = self.report or {}
        flags = report.get("flags")
        if flags is None:  # reports stored before flags were kept apart
            flags = [item for item in report.get("issues", []) if item.get("level") == "flag"]
        cells = [(f["params"].get("period", ""), f["params"].get("key", "")) for f in flags]
        return list(dict.fromkeys(cells))

    @property
    def is_embargoed(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def is_locked(self) -> bool:
        return self.status in {SubmissionStatus.ACCEPTED_REGIONAL, SubmissionStatus.PUBLISHED}


class ApprovalEvent(models.Model):
    """One step of a submission's approval: the visible history (the audit chain has it too)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=SubmissionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=SubmissionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Observation(models.Model):
    """One cell. ``key`` holds the codes of the dimensions other than REF_AREA and
    TIME_PERIOD, dot-separated in DSD order (SDMX series-key style)."""

    id = models.BigAutoField(primary_key=True)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+", db_index=False)
    dataflow = models.ForeignKey(
        "statistics.Dataflow", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # REF_AREA: always the provider state (the provision agreement pins it).
    state = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+", db_index=False)
    time_period = models.CharField(max_length=10)
    key = models.CharField(max_length=200)
    # Denormalised for the top-N question: the CITIZENSHIP code, and the key without it
    # (so "top citizenships of the headline series" is one indexed range scan).
    citizenship = models.CharField(max_length=12, blank=True, default="")
    rest_key = models.CharField(max_length=200, blank=True, default="")
    value = models.BigIntegerField(null=True)
    obs_status = models.CharField(max_length=1, blank=True, default="")
    # The provider's confidentiality flag (C/N are never published) until publication;
    # then "D" marks secondary suppression and "C" primary.
    conf_status = models.CharField(max_length=1, blank=True, default="")
    comment = models.TextField(blank=True, default="")
    is_current = models.BooleanField(default=False)
    is_released = models.BooleanField(default=False)
    is_public = models.BooleanField(default=False)
    published_value = models.BigIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["submission", "time_period"], name="statistics_obs_sub_idx"),
            models.Index(
                fields=["dataflow", "state", "time_period", "key"],
                name="statistics_obs_current_idx",
                condition=models.Q(is_current=True),
            ),
            models.Index(
                # One state's published cells of one period (the data page's table and
                # breakdowns): published rows are not always current ones, so the
                # current-cube index above cannot serve it.
                fields=["dataflow", "state", "time_period", "key"],
                name="statistics_obs_public_idx",
                condition=models.Q(is_public=True),
            ),
            models.Index(
                # published_value is a key column (not INCLUDE) so SQLite builds the same index.
                fields=["dataflow", "rest_key", "time_period", "state", "citizenship", "published_value"],
                name="statistics_obs_topn_idx",
                condition=models.Q(is_public=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id}.{self.key}.{self.time_period}={self.value}"
