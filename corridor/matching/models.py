"""Matching jobs, their ranked candidate pairs and the reviewers' decisions.

All three are owned by the state whose records the job read; candidates are drawn only from
that state's own visible records. The matcher proposes; two different officers decide.
Nothing here links or merges records.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel


class JobKind(models.TextChoices):
    REGISTRATION_DEDUPE = "registration_dedupe", _("Duplicate consular registrations")


class Parameters(models.TextChoices):
    FIXED = "fixed", _("fixed parameters (small registry)")
    TRAINED = "trained", _("trained on this job's records")


class Decision(models.TextChoices):
    CONFIRM = "confirm", _("Same person")
    EXCLUDE = "exclude", _("Different people")


class Outcome(models.TextChoices):
    OPEN = "open", _("Not reviewed")
    AWAITING_SECOND = "awaiting_second", _("Awaiting a second reviewer")
    CONFIRMED = "confirmed", _("Confirmed: same person")
    EXCLUDED = "excluded", _("Excluded: different people")
    DISAGREEMENT = "disagreement", _("Reviewers disagree")


class MatchJob(StateOwnedModel):
    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    records_count = models.PositiveIntegerField(_("records read"), default=0)
    pairs_compared = models.PositiveIntegerField(_("pairs compared"), default=0)
    parameters = models.CharField(_("model parameters"), max_length=10, choices=Parameters.choices)
    threshold = models.FloatField(_("threshold"))

    view_permission = perms.REVIEW_MATCHES
    sensitive = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("matching job")
        verbose_name_plural = _("matching jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("matching:job_detail", kwargs={"uuid": self.uuid})

    @classmethod
    def audit_entity(cls) -> str:
        return "match_job"


class MatchCandidate(StateOwnedModel):
    job = models.ForeignKey(MatchJob, on_delete=models.CASCADE, related_name="candidates")
    rank = models.PositiveIntegerField(_("rank"))
    left_uuid = models.UUIDField(_("first record"))
    right_uuid = models.UUIDField(_("second record"))
    probability = models.FloatField(_("match probability"))
    match_weight = models.FloatField(_("match weight"))
    # [{"field": "birth_date", "level": "exact", "weight": 9.56}, …] — Splink's per-comparison
    # level labels and log2 Bayes factors; translated for display, stored as produced.
    explanation = models.JSONField(default=list)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.OPEN)

    view_permission = perms.REVIEW_MATCHES
    sensitive = True

    class Meta:
        ordering = ["job", "rank"]
        verbose_name = _("match candidate")
        verbose_name_plural = _("match candidates")
        constraints = [
            models.UniqueConstraint(fields=["job", "left_uuid", "right_uuid"], name="matching_unique_pair")
        ]

    def __str__(self) -> str:
        return f"#{self.rank} {self.left_uuid} ~ {self.right_uuid}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("matching:candidate_detail", kwargs={"uuid": self.uuid})

    @classmethod
    def audit_entity(cls) -> str:
        return "match_candidate"


class MatchDecision(StateOwnedModel):
    """One reviewer's decision; a later one by the same reviewer replaces it (kept, not current)."""

    candidate = models.ForeignKey(MatchCandidate, on_delete=models.CASCADE, related_name="decisions")
    reviewer = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    current = models.BooleanField(default=True)

    view_permission = perms.REVIEW_MATCHES
    sensitive = True

    class Meta:
        ordering = ["candidate", "-created_at", "-id"]
        verbose_name = _("match decision")
        verbose_name_plural = _("match decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "reviewer"],
                condition=models.Q(current=True),
                name="matching_one_current_decision_per_reviewer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision} by {self.reviewer_id}"

    @classmethod
    def audit_entity(cls) -> str:
        return "match_decision"
