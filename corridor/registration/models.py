"""Consular registration: a citizen abroad, or about to leave, registered with their consulate.

A registration is owned by the person's own state (the consulate's state): the owner is
the origin, so no protection block applies. Passport number and contacts are encrypted
under the owner state's key; the passport number, email and phone are searchable only
through their blind indexes. Consent is a record per purpose that can be revoked; the
flag ``shares_with_destination`` mirrors the active sharing consent so that row filters
(and the database policies of a later version) can test it on the registration row itself.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel
from corridor.registration.choices import (
    Channel,
    ConsentPurpose,
    Purpose,
    Sex,
    Status,
    VerificationChannel,
)

# Logical encrypted fields → blind-index column (None: encrypted, never searched).
ENCRYPTED_FIELDS: dict[str, str | None] = {
    "passport_number": "passport_number_index",
    "email": "email_index",
    "phone": "phone_index",
    "address_home": None,
    "address_abroad": None,
    "emergency_contact": None,
}


def _ciphertext() -> models.TextField:
    return models.TextField(blank=True, editable=False)


def _index() -> models.CharField:
    return models.CharField(max_length=64, blank=True, db_index=True, editable=False)


class Registration(StateOwnedModel):
    reference = models.CharField(_("reference number"), max_length=20, blank=True)
    consulate = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("consulate"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    # Identity: names as written in the national script, and as printed in the passport.
    family_name = models.CharField(_("family name"), max_length=120)
    given_name = models.CharField(_("given name"), max_length=120)
    patronymic = models.CharField(_("patronymic"), max_length=120, blank=True)
    passport_family_name = models.CharField(_("family name in the passport"), max_length=120, blank=True)
    passport_given_name = models.CharField(_("given name in the passport"), max_length=120, blank=True)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    # Journey.
    destination_country = models.ForeignKey(
        "reference.Country", verbose_name=_("destination country"), on_delete=models.PROTECT, related_name="+"
    )
    destination_city = models.CharField(_("destination city"), max_length=100, blank=True)
    purpose = models.CharField(_("purpose of stay"), max_length=10, choices=Purpose.choices)
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        "reference.Occupation",
        verbose_name=_("occupation (ISCO-08)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_departure = models.DateField(_("planned departure"), null=True, blank=True)
    planned_arrival = models.DateField(_("planned arrival"), null=True, blank=True)
    planned_return = models.DateField(_("planned return"), null=True, blank=True)
    actual_departure = models.DateField(_("departed on"), null=True, blank=True)
    actual_arrival = models.DateField(_("arrived on"), null=True, blank=True)
    actual_return = models.DateField(_("returned on"), null=True, blank=True)
    # Encrypted columns (see ENCRYPTED_FIELDS and apps.py).
    passport_number_ciphertext = _ciphertext()
    passport_number_index = _index()
    email_ciphertext = _ciphertext()
    email_index = _index()
    phone_ciphertext = _ciphertext()
    phone_index = _index()
    address_home_ciphertext = _ciphertext()
    address_abroad_ciphertext = _ciphertext()
    emergency_contact_ciphertext = _ciphertext()
    # Keyed hash of the cross-script name skeleton and birth date: finds the same person
    # registered twice without keeping a searchable plain-text key.
    name_birth_index = _index()
    shares_with_destination = models.BooleanField(default=False, editable=False)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_duplicates"
    )
    # Bumped to invalidate every come-back link sent before.
    link_version = models.PositiveIntegerField(default=1, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    view_permission = perms.VIEW_REGISTRATION
    sensitive = True

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("consular registration")
        verbose_name_plural = _("consular registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "reference"],
                condition=~models.Q(reference=""),
                name="registration_unique_reference_per_state",
            )
        ]

    def __str__(self) -> str:
        return self.reference or str(self.uuid)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("registration:detail", kwargs={"uuid": self.uuid})

    @classmethod
    def audit_entity(cls) -> str:
        return "registration"


class Consent(StateOwnedModel):
    """One consent for one purpose (and, for sharing, one recipient state); revoked, never deleted."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    recipient = models.ForeignKey(
        "reference.Country",
        verbose_name=_("recipient state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)

    view_permission = perms.VIEW_REGISTRATION
    sensitive = True

    class Meta:
        ordering = ["purpose", "-granted_at", "id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.purpose} ({'revoked' if self.revoked_at else 'active'})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class VerificationChallenge(StateOwnedModel):
    """A one-time code sent to the person's email or phone before a self-registration counts."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="challenges")
    channel = models.CharField(_("channel"), max_length=5, choices=VerificationChannel.choices)
    code_hash = models.CharField(max_length=64, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)

    view_permission = perms.VIEW_REGISTRATION
    sensitive = True

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verification challenge")
        verbose_name_plural = _("verification challenges")

    def __str__(self) -> str:
        return f"{self.channel} challenge {self.uuid}"

    @classmethod
    def audit_entity(cls) -> str:
        return "registration_challenge"
