"""Ethical recruitment: the agency register, licences, job orders and worker-reported fees."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel
from corridor.cases.refs import Check, ReferenceScheme

# Short public ids a worker can type or read out: JOB-7K3M-9QX for a job ad, AGY-7K3M-9QX for an
# agency (the last character checks the others, so a typing error is told apart from a fake id).
JOB_AD_CODE = ReferenceScheme(prefix="JOB", groups=(4, 3))
AGENCY_CODE = ReferenceScheme(prefix="AGY", groups=(4, 3))


# A long id anywhere in a text: what a QR code's address carries.
UUID_IN_TEXT = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def new_job_ad_code() -> str:
    return JOB_AD_CODE.new()


def new_agency_code() -> str:
    return AGENCY_CODE.new()


class LicenceStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    UNDER_REVIEW = "under_review", _("under review")
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    RENEWAL_DUE = "renewal_due", _("renewal due")
    EXPIRED = "expired", _("expired")
    CANCELLED = "cancelled", _("cancelled")
    REVOKED = "revoked", _("revoked")
    BANNED = "banned", _("banned")


class Agency(StateOwnedModel):
    """A private recruitment agency licensed by ``state``; ``uuid`` is its public id (QR)."""

    name = models.CharField(_("name"), max_length=200)
    licence_number = models.CharField(_("licence number"), max_length=60)
    address = models.CharField(_("address"), max_length=300, blank=True)
    branches = models.TextField(_("branches"), blank=True, help_text=_("One branch address a line."))
    public_code = models.CharField(
        _("public id"), max_length=16, unique=True, default=new_agency_code, editable=False
    )

    view_permission: ClassVar[str] = perms.MANAGE_AGENCIES

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("recruitment agency")
        verbose_name_plural = _("recruitment agencies")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "licence_number"], name="recruitment_agency_licence_per_state"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("recruitment:agency-detail", args=[self.uuid])

    def get_public_url(self) -> str:
        return reverse("recruitment:public-agency", args=[self.uuid])

    @classmethod
    def by_public_ref(cls, text: str) -> Agency | None:
        """The agency with this short public id (AGY-…) or long (QR) id, whatever its state:
        the register is public. None for anything else."""
        raw = str(text or "").strip()[:300]
        found = UUID_IN_TEXT.search(raw)
        if found:
            return cls.objects.unscoped().filter(uuid=found.group(0)).first()
        parsed = AGENCY_CODE.parse(raw)
        if parsed.check is not Check.VALID:
            return None
        return cls.objects.unscoped().filter(public_code=parsed.reference).first()


class Licence(StateOwnedModel):
    """The one licence of an agency; renewal extends ``valid_to`` rather than adding a row."""

    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="licence")
    status = models.CharField(
        _("status"), max_length=20, choices=LicenceStatus.choices, default=LicenceStatus.DRAFT
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # The reason of the last decision that narrowed rights; published on the register.
    status_reason = models.TextField(_("reason"), blank=True)

    view_permission: ClassVar[str] = perms.MANAGE_AGENCIES

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    def __str__(self) -> str:
        return f"{self.agency.licence_number} ({self.get_status_display()})"


class LifecycleStep(models.Model):
    """One step of a lifecycle (licence, certification): public by design, like the sanctions."""

    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    from_status: models.CharField[str, str]
    to_status: models.CharField[str, str]

    class Meta:
        abstract = True
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class LicenceDecision(LifecycleStep):
    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="decisions")
    from_status = models.CharField(max_length=20, choices=LicenceStatus.choices)
    to_status = models.CharField(max_length=20, choices=LicenceStatus.choices)

    class Meta(LifecycleStep.Meta):
        pass


class VacancyStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for verification")
    REJECTED = "rejected", _("rejected")
    VERIFIED = "verified", _("verified")
    PUBLISHED = "published", _("published")
    FILLED = "filled", _("filled")
    CLOSED = "closed", _("closed")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


class Accommodation(models.TextChoices):
    FREE = "free", _("provided free of charge")
    PAID = "paid", _("provided, paid by the worker")
    NONE = "none", _("not provided")


class CostPayer(models.TextChoices):
    EMPLOYER = "employer", _("the employer")
    WORKER = "worker", _("the worker")
    SHARED = "shared", _("shared by employer and worker")


class Employer(StateOwnedModel):
    """A domestic or foreign employer, registered by ``state``; named on the job orders it offers.

    ``organisation`` links the employer's own account (an organisation of kind employer), so
    that it can post job orders itself. The registry id is unique per country when given.
    """

    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        "reference.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    registry_id = models.CharField(_("tax or registry number"), max_length=60, blank=True)
    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("employer account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employer_record",
    )

    view_permission: ClassVar[str] = perms.MANAGE_RECRUITMENT

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "registry_id"],
                condition=~models.Q(registry_id=""),
                name="recruitment_employer_registry_per_country",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Vacancy(StateOwnedModel):
    """A job order: owned by the posting agency's (or employer's) state, verified by the destination.

    ``employer_name`` is the employer's name when the order was posted: what the ad showed.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="vacancies", null=True, blank=True
    )
    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="vacancies"
    )
    title = models.CharField(_("job title"), max_length=200)
    employer_name = models.CharField(_("employer"), max_length=200)
    occupation = models.ForeignKey(
        "reference.Occupation", verbose_name=_("occupation (ISCO-08)"), on_delete=models.PROTECT
    )
    destination = models.ForeignKey(
        "reference.Country", verbose_name=_("destination country"), on_delete=models.PROTECT, related_name="+"
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    wage_amount = models.DecimalField(_("monthly wage"), max_digits=12, decimal_places=2)
    wage_currency = models.CharField(_("currency"), max_length=3)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"))
    contract_months = models.PositiveSmallIntegerField(_("contract length in months"))
    contract_terms = models.TextField(_("contract terms"), blank=True)
    accommodation = models.CharField(_("accommodation"), max_length=10, choices=Accommodation.choices)
    costs_paid_by = models.CharField(_("recruitment costs paid by"), max_length=10, choices=CostPayer.choices)
    workers_needed = models.PositiveIntegerField(_("number of workers"))
    languages = models.JSONField(_("language requirements"), default=list, blank=True)
    refugees_may_apply = models.BooleanField(_("refugees and asylum seekers may apply"), default=False)
    valid_until = models.DateField(_("advertised until"))
    status = models.CharField(
        _("status"), max_length=20, choices=VacancyStatus.choices, default=VacancyStatus.SUBMITTED
    )
    status_reason = models.TextField(_("reason"), blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    public_code = models.CharField(
        _("public id"), max_length=16, unique=True, default=new_job_ad_code, editable=False
    )

    view_permission: ClassVar[str] = perms.MANAGE_RECRUITMENT

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [
            # The public search: published ads, newest first, with the filters beside it.
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(status="published"),
                name="recruitment_vacancy_public",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recruitment:vacancy-detail", args=[self.uuid])

    def get_public_url(self) -> str:
        return reverse("recruitment:public-vacancy", args=[self.uuid])


class Payee(models.TextChoices):
    AGENCY = "agency", _("a recruitment agency")
    BROKER = "broker", _("a broker or sub-agent")
    EMPLOYER = "employer", _("the employer")
    UNKNOWN = "unknown", _("someone else or I do not know")


class FeeCategory(models.TextChoices):
    PLACEMENT = "placement", _("placement")
    VISA = "visa", _("visa or permit")
    MEDICAL = "medical", _("medical check")
    TRAINING = "training", _("training")
    TRAVEL = "travel", _("travel")
    DOCUMENTS = "documents", _("documents")
    INFORMAL = "informal", _("informal payment")


class FeeReport(models.Model):
    """What a worker says they paid. Anonymous: no person, no address is kept."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="fee_reports"
    )
    payee = models.CharField(_("paid to"), max_length=10, choices=Payee.choices)
    category = models.CharField(_("paid for"), max_length=10, choices=FeeCategory.choices)
    amount = models.DecimalField(_("amount paid"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    monthly_earnings = models.DecimalField(_("monthly earnings abroad"), max_digits=12, decimal_places=2)
    destination = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country of work"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


# --- ethical-recruitment certification (modelled on IOM's IRIS) ------------------------------


class Principle(models.TextChoices):
    NO_FEES = "no_fees", _("No fees or related costs charged to workers")
    FREEDOM_OF_MOVEMENT = "freedom_of_movement", _("Freedom of movement: workers keep their documents")
    TRANSPARENCY = "transparency", _("Transparent terms and conditions of employment")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality and data protection")
    REMEDY = "remedy", _("Access to remedy")


class CertificationStatus(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("self-assessment")
    APPLIED = "applied", _("applied")
    DESK_REVIEW = "desk_review", _("desk review")
    ONSITE_REVIEW = "onsite_review", _("on-site review")
    CERTIFIED = "certified", _("certified")
    SURVEILLANCE = "surveillance", _("under surveillance")
    SUSPENDED = "suspended", _("suspended")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("expired")


class Certification(StateOwnedModel):
    """An agency's ethical-recruitment certification; the licensing state is the certifying body.

    ``answers`` holds the self-assessment: ``{principle: {"met": bool, "evidence": str}}``.
    """

    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="certification")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CertificationStatus.choices,
        default=CertificationStatus.SELF_ASSESSMENT,
    )
    answers = models.JSONField(_("self-assessment"), default=dict, blank=True)
    interviews_count = models.PositiveIntegerField(_("workers interviewed"), default=0)
    interview_summary = models.TextField(_("summary of the worker interviews"), blank=True)
    certified_on = models.DateField(_("certified on"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    surveillance_due = models.DateField(_("surveillance due"), null=True, blank=True)
    status_reason = models.TextField(_("reason"), blank=True)

    view_permission: ClassVar[str] = perms.MANAGE_AGENCIES

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_status_display()})"


class CertificationDecision(LifecycleStep):
    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="decisions")
    from_status = models.CharField(max_length=20, choices=CertificationStatus.choices)
    to_status = models.CharField(max_length=20, choices=CertificationStatus.choices)

    class Meta(LifecycleStep.Meta):
        pass


# --- inspections, findings, corrective actions, sanctions ----------------------------------


class Severity(models.TextChoices):
    MINOR = "minor", _("minor")
    MAJOR = "major", _("major")
    CRITICAL = "critical", _("critical")


class Inspection(StateOwnedModel):
    """A visit by the licensing state's labour inspectors; its findings are on the scorecard."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="inspections")
    inspected_on = models.DateField(_("inspection date"))
    summary = models.TextField(_("summary"), blank=True)

    view_permission: ClassVar[str] = perms.MANAGE_AGENCIES

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.agency} {self.inspected_on}"


class Finding(StateOwnedModel):
    """What an inspection found, and the corrective action the agency owes by ``due_on``."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="findings")
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    description = models.TextField(_("finding"))
    corrective_action = models.TextField(_("corrective action"))
    due_on = models.DateField(_("corrective action due"))
    done_on = models.DateField(_("corrective action done"), null=True, blank=True)

    view_permission: ClassVar[str] = perms.MANAGE_AGENCIES

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.get_severity_display()}: {self.description[:40]}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.done_on is None and self.due_on < today


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("warning")
    FINE = "fine", _("fine")
    DELISTING = "delisting", _("delisted from the register of recommended agencies")


class Sanction(StateOwnedModel):
    """A sanction beyond licence decisions; published on the scorecard with date and reason."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="sanctions")
    kind = models.CharField(_("sanction"), max_length=10, choices=SanctionKind.choices)
    reason = models.TextField(_("reason"))
    amount = models.DecimalField(_("fine amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    imposed_on = models.DateField(_("date"))

    view_permission: ClassVar[str] = perms.MANAGE_AGENCIES

    class Meta:
        ordering = ["-imposed_on", "-id"]
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.imposed_on}"
