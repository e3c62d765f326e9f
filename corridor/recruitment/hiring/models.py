"""Applications to published job ads and the contracts generated for selected workers.

Both are owned by the vacancy's agency state (row-level security). A worker's personal data
is encrypted under that state's key (``crypto``); the public follows an application, and
verifies a contract, by a reference that carries the state code, never by personal data.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel

# Logical encrypted fields of an application (no blind index: never searched).
APPLICATION_ENCRYPTED: dict[str, str | None] = {
    "full_name": None,
    "phone": None,
    "email": None,
    "birth_date": None,
    "note": None,
}
CONTRACT_ENCRYPTED: dict[str, str | None] = {"canonical_text": None}


def _ciphertext() -> models.TextField:
    return models.TextField(blank=True, editable=False)


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("received")
    SHORTLISTED = "shortlisted", _("shortlisted")
    SELECTED = "selected", _("selected")
    REJECTED = "rejected", _("not selected")


class Application(StateOwnedModel):
    """A worker's application to one vacancy, owned by the vacancy's agency state."""

    vacancy = models.ForeignKey(
        "recruitment.Vacancy", verbose_name=_("vacancy"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("reference number"), max_length=24, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    status_reason = models.TextField(_("reason"), blank=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The consular registration the worker named, checked when applying (reference + birth date).
    registration_reference = models.CharField(_("consular registration reference"), max_length=20, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    full_name_ciphertext = _ciphertext()
    phone_ciphertext = _ciphertext()
    email_ciphertext = _ciphertext()
    birth_date_ciphertext = _ciphertext()
    note_ciphertext = _ciphertext()

    view_permission: ClassVar[str] = perms.MANAGE_RECRUITMENT

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "registration_reference"],
                condition=~models.Q(registration_reference=""),
                name="hiring_one_application_per_registration",
            ),
            models.UniqueConstraint(
                fields=["vacancy", "applicant"],
                condition=models.Q(applicant__isnull=False),
                name="hiring_one_application_per_account",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("hiring:application-detail", args=[self.uuid])


class SignedSource(models.TextChoices):
    PDF = "pdf", _("signed PDF file")
    TEXT = "text", _("canonical text")


class Contract(StateOwnedModel):
    """The standard contract of a selected application; its signed form's hash is recorded here."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="contract")
    reference = models.CharField(_("contract reference"), max_length=24, unique=True)
    origin = models.ForeignKey(
        "reference.Country", verbose_name=_("origin country"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.ForeignKey(
        "reference.Country", verbose_name=_("destination country"), on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10)
    # SHA-256 of the canonical text's UTF-8 bytes, as generated.
    text_sha256 = models.CharField(max_length=64)
    signed_sha256 = models.CharField(_("SHA-256 of the signed contract"), max_length=64, blank=True)
    signed_source = models.CharField(max_length=4, choices=SignedSource.choices, blank=True)
    signed_size = models.PositiveIntegerField(null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at origin"), null=True, blank=True)
    canonical_text_ciphertext = _ciphertext()

    view_permission: ClassVar[str] = perms.MANAGE_RECRUITMENT

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("hiring:contract", args=[self.uuid])
