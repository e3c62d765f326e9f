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


# The pair of record sources each kind of job compares: the key of its stored model.
JOB_SOURCES: dict[str, tuple[str, str]] = {"registration_dedupe": ("registration", "registration")}


class Parameters(models.TextChoices):
    FIXED = "fixed", _("fixed parameters (small registry)")
    TRAINED = "trained", _("trained on this job's records")
    STORED = "stored", _("trained earlier on the same pair of sources")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Failure(models.TextChoices):
    """Why a job failed; stored as a code and translated when shown."""

    ENGINE = (
        "engine",
        _("The matching engine stopped with an error. Try again; if it fails again, report it."),
    )
    STALE = "stale", _("The job stopped answering and was abandoned. Run it again.")
    REFUSED = "refused", _("The officer who submitted the job may no longer run it, so it did not start.")


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class Decision(models.TextChoices):
    CONFIRM = "confirm", _("Same person")
    EXCLUDE = "exclude", _("Different people")


class Outcome(models.TextChoices):
    OPEN = "open", _("Not reviewed")
    AWAITING_SECOND = "awaiting_second", _("Awaiting a second reviewer")
    CONFIRMED = "confirmed", _("Confirmed: same person")
    EXCLUDED = "excluded", _("Excluded: different people")
    DISAGREEMENT = "disagreement", _("Reviewers disagree")
    AUTO_LINKED = "auto_linked", _("Linked automatically (above the calibrated threshold)")


class MatchJob(StateOwnedModel):
    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    records_count = models.PositiveIntegerField(_("records read"), default=0)
    pairs_compared = models.PositiveIntegerField(_("pairs compared"), default=0)
    parameters = models.CharField(
        _("model parameters"), max_length=10, choices=Parameters.choices, blank=True
    )
    threshold = models.FloatField(_("threshold"))
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    failure = models.CharField(_("failure"), max_length=10, choices=Failure.choices, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    carried_over = models.PositiveIntegerField(_("pairs with earlier decisions"), default=0)
    auto_linked = models.PositiveIntegerField(_("pairs linked automatically"), default=0)
    # {"labelled", "matches", "target", "threshold" (null: no auto-linking), "precision", "recall",
    # "reason"} — see jobs/calibration.py; empty until the job is done.
    calibration = models.JSONField(default=dict, blank=True)
    # what training could not estimate and what it used instead (fallback.Note.as_dict() each)
    training_notes = models.JSONField(default=list, blank=True)

    view_permission = perms.REVIEW_MATCHES
    sensitive = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("matching job")
        verbose_name_plural = _("matching jobs")
        constraints = [
            # One queued or running job per state: a second one would score the same registry twice.
            models.UniqueConstraint(
                fields=["state"],
                condition=models.Q(status__in=["queued", "running"]),
                name="matching_one_active_job_per_state",
            )
        ]

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
    """One reviewer's decision; a later one by the same reviewer replaces it (kept, not current).

    ``by_system``: an automatic link above the calibrated threshold (no reviewer); any
    reviewer's decision on the pair retires it. ``carried_from``: the decision of an earlier
    job on the same pair that this one repeats.
    """

    candidate = models.ForeignKey(MatchCandidate, on_delete=models.CASCADE, related_name="decisions")
    reviewer = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True)
    by_system = models.BooleanField(_("decided by the system"), default=False)
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, related_name="+")
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
            ),
            models.CheckConstraint(
                condition=models.Q(by_system=True, reviewer__isnull=True)
                | models.Q(by_system=False, reviewer__isnull=False),
                name="matching_decision_by_reviewer_or_system",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} by {'system' if self.by_system else self.reviewer_id}"

    @classmethod
    def audit_entity(cls) -> str:
        return "match_decision"


class SourcePairModel(StateOwnedModel):
    """The model last trained by one state on one pair of record sources.

    Error profiles differ between sources (a consular registry against itself, a hospital's
    Latin records against Cyrillic passports), so m and u are kept per pair. A job too small
    to train uses its pair's stored model instead of the fixed parameters. ``settings`` is
    Splink's model (comparisons, m and u per level, the prior): parameters only, no record
    and no name. A model of another ``engine_version`` compares other columns and is ignored.
    """

    left_source = models.CharField(_("first source"), max_length=40)
    right_source = models.CharField(_("second source"), max_length=40)
    settings = models.JSONField(_("trained model"))
    engine_version = models.CharField(_("engine version"), max_length=20)
    records_count = models.PositiveIntegerField(_("records trained on"))
    labels_count = models.PositiveIntegerField(_("reviewers' labels used"), default=0)
    trained_by = models.ForeignKey(MatchJob, on_delete=models.SET_NULL, null=True, related_name="+")

    view_permission = perms.REVIEW_MATCHES

    class Meta:
        ordering = ["left_source", "right_source"]
        verbose_name = _("model of a pair of sources")
        verbose_name_plural = _("models of pairs of sources")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "left_source", "right_source"], name="matching_one_model_per_source_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(left_source__lte=models.F("right_source")),
                name="matching_source_pair_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.left_source} ~ {self.right_source}"

    @classmethod
    def audit_entity(cls) -> str:
        return "matching_model"
