"""The case kernel's records: the generic history of every transition.

A case of any module (a licence, a complaint, a readmission case) names itself by content
type and public id; the kernel never holds a foreign key into a domain module.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel
from corridor.core.models import TimeStampedModel


class CaseHistory(StateOwnedModel):
    """One row per step of one case: from, to, action, who, when, and the note given.

    Owned by the case's owner state (row-level security as every state-owned table). Read it
    through ``cases.selectors.history_for(record)`` once the record itself was fetched for
    the actor; the history has no view permission of its own.
    """

    workflow = models.CharField(_("workflow"), max_length=60)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_uuid = models.UUIDField(_("case"))
    action = models.CharField(_("action"), max_length=60)
    from_status = models.CharField(_("from"), max_length=40, blank=True)
    to_status = models.CharField(_("to"), max_length=40)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_username = models.CharField(_("by"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)
    public = models.BooleanField(_("shown to the person concerned"), default=False)
    occurred_at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("case history step")
        verbose_name_plural = _("case history")
        indexes = [
            models.Index(fields=["content_type", "object_uuid", "occurred_at"], name="cases_history_case")
        ]

    def __str__(self) -> str:
        return f"{self.workflow} {self.object_uuid}: {self.from_status} → {self.to_status}"


class GateOverride(StateOwnedModel):
    """A protection-gate crossing despite open flags: who asked, who approved, why.

    Monitoring bodies count these; the reason is kept here (the audit event holds ids only).
    """

    workflow = models.CharField(_("workflow"), max_length=60)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_uuid = models.UUIDField(_("case"))
    action = models.CharField(_("action"), max_length=60)
    flags = models.JSONField(_("open protection flags"), default=list)
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(_("time"))

    view_permission = perms.OVERRIDE_PROTECTION_GATE

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("protection gate override")
        verbose_name_plural = _("protection gate overrides")

    def __str__(self) -> str:
        return f"{self.workflow} {self.object_uuid} {self.action}"


class TimeUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    WORKING_DAYS = "working_days", _("working days")
    HOURS = "hours", _("hours")


class BreachAction(models.TextChoices):
    NOTIFY = "notify", _("Notify")
    ESCALATE = "escalate", _("Escalate")
    DEEM_ACCEPTED = "deem_accepted", _("Deem accepted")
    EXPIRE = "expire", _("Expire")


class TimeLimit(TimeStampedModel):
    """A time limit as the law or an agreement sets it: a row with its source and dates.

    ``code`` names the limit for the modules (``grievances.handle.critical``,
    ``readmission.reply``); ``state`` is the state whose rule it is (``None``: the default
    wherever no state has its own row). Extensions add ``extension_amount`` units each, at
    most ``max_extensions`` times.
    """

    code = models.CharField(_("code"), max_length=80)
    state = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=20, choices=TimeUnit.choices)
    legal_source = models.TextField(_("legal source"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    extension_amount = models.PositiveIntegerField(_("extension"), default=0)
    max_extensions = models.PositiveSmallIntegerField(_("extensions allowed"), default=0)
    breach_action = models.CharField(_("on breach"), max_length=20, choices=BreachAction.choices)

    class Meta:
        ordering = ["code", "state_id", "-effective_from"]
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "state", "effective_from"], name="cases_timelimit_code_state_from"
            ),
            models.UniqueConstraint(
                fields=["code", "effective_from"],
                condition=models.Q(state__isnull=True),
                name="cases_timelimit_code_default_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.state_id or '*'}): {self.amount} {self.unit}"


class Clock(StateOwnedModel):
    """One running deadline of one case, started from a ``TimeLimit`` row.

    ``deadline_at`` is the deadline in force (``extended_to`` when extended, else
    ``due_at``); the sweep marks ``breached_at`` once and acts on it once.
    """

    # No single-column indexes on the owner state and the record type: every read goes by
    # the case (content type, uuid) or by the sweep's partial index, and breaching a clock
    # rewrites every index of its row (the sweep of a million clocks pays for each one).
    state = models.ForeignKey(
        "reference.Country",
        verbose_name=_("owner state"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    object_uuid = models.UUIDField(_("case"))
    time_limit = models.ForeignKey(TimeLimit, on_delete=models.PROTECT, related_name="clocks")
    name = models.CharField(_("clock"), max_length=80)
    started_at = models.DateTimeField(_("started"))
    due_at = models.DateTimeField(_("due"))
    extended_to = models.DateTimeField(_("extended to"), null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    deadline_at = models.DateTimeField(_("deadline"))
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)
    breached_at = models.DateTimeField(_("breached"), null=True, blank=True)

    view_permission = ""  # read through the case: cases.selectors.clocks_for(record)

    class Meta:
        ordering = ["deadline_at", "id"]
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")
        indexes = [
            models.Index(fields=["content_type", "object_uuid"], name="cases_clock_case"),
            # The sweep's only query: open clocks of one state by deadline.
            models.Index(
                fields=["state", "deadline_at"],
                name="cases_clock_open_deadline",
                condition=models.Q(stopped_at__isnull=True, breached_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.object_uuid} due {self.deadline_at:%Y-%m-%d %H:%M}"

    @property
    def is_running(self) -> bool:
        return self.stopped_at is None and self.breached_at is None


class PublicHoliday(models.Model):
    """A day off in one state, with where it comes from.

    ``movable`` days (the Islamic feasts, Orthodox Easter) are announced each year;
    ``verified`` is False until someone checked the date against the state's own announcement.
    """

    state = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)
    movable = models.BooleanField(_("announced yearly"), default=False)
    verified = models.BooleanField(_("verified"), default=False)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["state_id", "date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        constraints = [models.UniqueConstraint(fields=["state", "date", "name"], name="cases_holiday_unique")]

    def __str__(self) -> str:
        return f"{self.state_id} {self.date}: {self.name}"


class WorkWeek(models.Model):
    """Which days of the week are not working days in a state (ISO: 1 = Monday … 7 = Sunday)."""

    state = models.OneToOneField(
        "reference.Country", on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    weekend = models.JSONField(_("weekend days"), default=list)
    source = models.CharField(_("source"), max_length=300)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        verbose_name = _("work week")
        verbose_name_plural = _("work weeks")

    def __str__(self) -> str:
        return f"{self.state_id}: weekend {self.weekend}"


class ConsentPurpose(models.TextChoices):
    """Separate consent per purpose (as Primero's consent fields); services never depend on sharing."""

    SERVICES = "services", _("Receiving services")
    DISCLOSURE_ORGANISATIONS = "disclosure_organisations", _("Disclosure to other organisations")
    TRACING = "tracing", _("Tracing and matching")
    STATISTICS = "statistics", _("Statistics")
    DISCLOSURE_ORIGIN = "disclosure_origin", _("Disclosure to the country of origin")
    DISCLOSURE_STATE = "disclosure_state", _("Disclosure to another state")


class ConsentGivenBy(models.TextChoices):
    PERSON = "person", _("The person")
    GUARDIAN = "guardian", _("Parent or guardian")
    REPRESENTATIVE = "representative", _("Legal representative")


class Consent(StateOwnedModel):
    """One consent of one person for one purpose and one recipient; revoked, never deleted.

    The recipient is an organisation or a country (or neither, for purposes inside the owner
    state such as services). Active while not revoked and not past ``expires_at``.
    """

    person = models.ForeignKey("people.PersonRecord", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=30, choices=ConsentPurpose.choices)
    recipient_country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("recipient country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("recipient organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    given_by = models.CharField(_("given by"), max_length=20, choices=ConsentGivenBy.choices)
    given_at = models.DateTimeField(_("given"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_note = models.TextField(_("why revoked"), blank=True)

    view_permission = perms.MANAGE_CONSENT
    sensitive = True

    class Meta:
        ordering = ["purpose", "-given_at", "id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["person", "purpose"], name="cases_consent_person_purpose")]

    def __str__(self) -> str:
        return f"{self.purpose} ({'revoked' if self.revoked_at else 'given'})"

    def is_active(self, at: dt.datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)


class DocumentKind(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence")
    CERTIFICATE = "certificate", _("Certificate")
    PHOTO = "photo", _("Photo")
    OTHER = "other", _("Other document")


class Document(StateOwnedModel):
    """An attachment of a case: its bytes encrypted under the owner state's key in storage.

    The row keeps what is needed to find and check the file (storage name, SHA-256 of the
    plaintext, size, the type sniffed from the bytes); the file name given by the uploader is
    encrypted too (names of people often appear in it).
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_uuid = models.UUIDField(_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    filename_ciphertext = models.TextField(blank=True, editable=False)
    media_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    storage_name = models.CharField(max_length=255, editable=False)
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    view_permission = ""  # read through the case: cases.documents.documents_for(record)
    sensitive = True

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["content_type", "object_uuid"], name="cases_document_case")]

    def __str__(self) -> str:
        return f"{self.kind} {self.media_type} {self.size} B"
