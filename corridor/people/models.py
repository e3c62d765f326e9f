"""The shared person-record kernel: a person as recorded by one state.

Registration, protection and matching modules point at these records. Document numbers
are special-category data: encrypted under the owner state's key, searchable only by
their blind index.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    UNKNOWN = "", _("Not stated")


class ProtectionReason(models.TextChoices):
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    REFUGEE = "refugee", _("Refugee")
    TRAFFICKING_VICTIM = "trafficking_victim", _("Victim of trafficking")
    UNACCOMPANIED_CHILD = "unaccompanied_child", _("Unaccompanied or separated child")
    MEDICAL = "medical", _("Medical condition")
    APPEAL_PENDING = "appeal_pending", _("Asylum appeal pending")
    REFOULEMENT_RISK = "refoulement_risk", _("Risk of refoulement")


class PersonRecord(StateOwnedModel):
    family_name = models.CharField(_("family name"), max_length=120)
    given_name = models.CharField(_("given name"), max_length=120)
    patronymic = models.CharField(_("patronymic"), max_length=120, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    citizenship = models.ForeignKey(
        "reference.Country",
        verbose_name=_("citizenship"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    protection_reasons = models.JSONField(_("protection flags"), default=list, blank=True)
    is_protected = models.BooleanField(_("protected"), default=False, db_index=True)
    document_number_ciphertext = models.TextField(blank=True, editable=False)
    document_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    view_permission = perms.VIEW_PERSON
    protected_permission = perms.VIEW_PROTECTED
    origin_state_field = "citizenship"
    protected_field = "is_protected"
    sensitive = True

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        verbose_name = _("person record")
        verbose_name_plural = _("person records")

    def __str__(self) -> str:
        return f"{self.family_name} {self.given_name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:detail", kwargs={"uuid": self.uuid})

    @classmethod
    def audit_entity(cls) -> str:
        return "person_record"
