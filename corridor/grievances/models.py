"""Complaints about agencies, employers and job ads, with triage and escalation.

Status changes go through the case kernel (``workflow.COMPLAINT``); the time limits run as
kernel clocks (``cases.Clock`` rows from ``cases.TimeLimit``), not as columns here."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel


class Subject(models.TextChoices):
    AGENCY = "agency", _("a recruitment agency")
    EMPLOYER = "employer", _("an employer")
    VACANCY = "vacancy", _("a job ad")


class Category(models.TextChoices):
    FEES_CHARGED = "fees_charged", _("I was charged recruitment fees")
    CONTRACT_SUBSTITUTION = "contract_substitution", _("my contract was replaced or changed")
    WAGES_UNPAID = "wages_unpaid", _("wages not paid")
    DOCUMENT_RETENTION = "document_retention", _("my passport or documents were taken")
    FAKE_VACANCY = "fake_vacancy", _("the job ad is fake")
    ABUSE_VIOLENCE = "abuse_violence", _("abuse, threats or violence")
    OTHER = "other", _("something else")


class Severity(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")
    CRITICAL = "critical", _("critical")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    TRIAGED = "triaged", _("triaged")
    ASSIGNED = "assigned", _("assigned")
    REOPENED = "reopened", _("reopened")
    RESOLVED = "resolved", _("resolved")
    REFERRED = "referred", _("referred")
    CLOSED = "closed", _("closed")


# Statuses on the SLA clock; the others are finished until reopened.
OPEN_STATUSES = frozenset({Status.RECEIVED, Status.TRIAGED, Status.ASSIGNED, Status.REOPENED})


class Complaint(StateOwnedModel):
    """One complaint. Owned by the agency's state, or the destination state for an employer or
    job ad; ``concerned_state`` (the other state involved) is told by exchange messages and
    keeps its own copy: it never reads this row."""

    reference = models.CharField(_("reference number"), max_length=16, unique=True, editable=False)
    subject = models.CharField(_("about"), max_length=10, choices=Subject.choices)
    agency = models.ForeignKey(
        "recruitment.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vacancy = models.ForeignKey(
        "recruitment.Vacancy", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    employer_country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    concerned_state = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    category = models.CharField(_("what happened"), max_length=30, choices=Category.choices)
    description = models.TextField(_("description"))
    language = models.CharField(_("language"), max_length=8)
    # Personal data of a named complainant, encrypted under the owner state's key.
    reporter_name_ciphertext = models.TextField(blank=True, editable=False)
    contact_ciphertext = models.TextField(blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    assigned_to = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The last public explanation (resolution, referral, closing or reopening reason).
    public_note = models.TextField(blank=True)

    view_permission: ClassVar[str] = perms.HANDLE_GRIEVANCES

    class Meta:
        ordering = ["id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["state", "status"]),
            models.Index(fields=["concerned_state", "status"]),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("grievances:office-detail", args=[self.uuid])

    @property
    def is_named(self) -> bool:
        return bool(self.reporter_name_ciphertext or self.contact_ciphertext)


# How each history step reads on the pages (the complainant sees the public ones).
ACTION_LABELS = {
    "filed": _("Complaint received"),
    "triaged": _("Checked and given a severity"),
    "assigned": _("Passed to the responsible organisation"),
    "escalated": _("Escalated: the time limit was passed"),
    "told_concerned_state": _("The state concerned was sent a notice"),
    "resolved": _("Resolved"),
    "referred": _("Referred to another body"),
    "closed": _("Closed"),
    "reopened": _("Reopened"),
}


class ComplaintEvent(models.Model):
    """One step in a complaint's history. ``public`` steps are shown to the complainant."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    note = models.TextField(blank=True)
    public = models.BooleanField(default=False)
    actor_username = models.CharField(max_length=150, blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.action}"

    @property
    def label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


class ComplaintFigure(models.Model):
    """What the public may know of one complaint: which agency or job ad, filed and resolved when.

    Complaints themselves are state-owned and hidden by row-level security from anonymous
    requests; the scorecard and the job-ad warning are public, so they read these rows, which
    hold no text and no person. The services keep one row per complaint in step, in the same
    transaction as the complaint's own change.
    """

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(
        "recruitment.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vacancy = models.ForeignKey(
        "recruitment.Vacancy", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fake_vacancy = models.BooleanField(default=False)
    # Open or referred: a fake-vacancy report still flags its job ad.
    pending = models.BooleanField(default=True)
    filed_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["vacancy", "fake_vacancy", "pending"])]

    def __str__(self) -> str:
        return f"figure of complaint {self.complaint_id}"
