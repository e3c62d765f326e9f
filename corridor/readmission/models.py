"""Readmission between states: agreements as data, and each state's copy of a case.

A case exists twice: the **requesting** state's copy and the **requested** state's copy, each
owned by its state (row-level security), both under the same reference, kept in step by
exchange messages. Neither state ever writes the other's row.

Time limits are ``cases.TimeLimit`` rows (code ``readmission.<agreement>.<kind>``); an
agreement points at them through ``AgreementLimit`` rows, which add whether the number was
checked against the primary text.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel
from corridor.core.models import PublicIdModel


class Category(models.TextChoices):
    OWN_NATIONAL = "own_national", _("Own national of the requested state")
    THIRD_COUNTRY = "third_country", _("Third-country national")
    STATELESS = "stateless", _("Stateless person")
    TRANSIT = "transit", _("Transit")


class LimitKind(models.TextChoices):
    SUBMIT = "submit", _("Time to submit a request")
    ACKNOWLEDGE = "acknowledge", _("Time to acknowledge receipt")
    REPLY = "reply", _("Time to reply")
    REPLY_ACCELERATED = "reply_accelerated", _("Time to reply (accelerated procedure)")
    TRAVEL_DOCUMENT = "travel_document", _("Time to issue a travel document")
    TRANSFER = "transfer", _("Time to transfer after acceptance")


class Strength(models.TextChoices):
    PROOF = "proof", _("Proof")
    PRESUMPTION = "presumption", _("Presumption")


class Agreement(PublicIdModel):
    """A readmission agreement between parties, or a template of terms states may adopt.

    Public reference data (not state-owned): the terms of an agreement in force are public
    law. ``is_template`` marks the Almaty Process standard terms.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    is_template = models.BooleanField(_("standard terms template"), default=False)
    parties = models.ManyToManyField("reference.Country", verbose_name=_("parties"), blank=True)
    covers_own_nationals = models.BooleanField(_("own nationals"), default=True)
    covers_third_country = models.BooleanField(_("third-country nationals"), default=False)
    covers_stateless = models.BooleanField(_("stateless persons"), default=False)
    covers_transit = models.BooleanField(_("transit"), default=False)
    silence_is_acceptance = models.BooleanField(_("silence counts as acceptance"), default=False)
    has_accelerated_procedure = models.BooleanField(_("accelerated procedure"), default=False)
    languages = models.JSONField(_("languages of the procedure"), default=list, blank=True)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_source = models.TextField(_("legal source"))
    verified = models.BooleanField(_("checked against the primary text"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-is_template", "code"]
        verbose_name = _("readmission agreement")
        verbose_name_plural = _("readmission agreements")

    def __str__(self) -> str:
        return self.title

    def limit_code(self, kind: str) -> str:
        return f"readmission.{self.code}.{kind}"

    def party_codes(self) -> list[str]:
        return sorted(self.parties.values_list("iso3", flat=True))


class AgreementLimit(models.Model):
    """One time limit of an agreement: the ``TimeLimit`` row holds the numbers and source."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="limits")
    kind = models.CharField(_("limit"), max_length=30, choices=LimitKind.choices)
    time_limit = models.ForeignKey("cases.TimeLimit", on_delete=models.PROTECT, related_name="+")
    verified = models.BooleanField(_("checked against the primary text"), default=False)

    class Meta:
        ordering = ["agreement_id", "kind"]
        verbose_name = _("agreement time limit")
        verbose_name_plural = _("agreement time limits")
        constraints = [models.UniqueConstraint(fields=["agreement", "kind"], name="readmission_limit_unique")]

    def __str__(self) -> str:
        return f"{self.agreement.code} {self.kind}"


class EvidenceType(models.Model):
    """An entry of an agreement's evidence annex: a document that proves or presumes nationality."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="evidence_types")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("document"), max_length=200)
    strength = models.CharField(_("strength"), max_length=12, choices=Strength.choices)
    annex = models.CharField(_("annex"), max_length=40, blank=True)

    class Meta:
        ordering = ["agreement_id", "strength", "code"]
        verbose_name = _("evidence type")
        verbose_name_plural = _("evidence types")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="readmission_evidence_type_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Side(models.TextChoices):
    REQUESTING = "requesting", _("Requesting state")
    REQUESTED = "requested", _("Requested state")


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("readmission status", "Draft")
    SCREENED = "screened", pgettext_lazy("readmission status", "Protection screened")
    SUBMITTED = "submitted", pgettext_lazy("readmission status", "Submitted")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("readmission status", "Acknowledged")
    UNDER_VERIFICATION = "under_verification", pgettext_lazy("readmission status", "Under verification")
    INFO_REQUESTED = "info_requested", pgettext_lazy("readmission status", "Information requested")
    INTERVIEW_SCHEDULED = "interview_scheduled", pgettext_lazy("readmission status", "Interview scheduled")
    EXTENSION_REQUESTED = "extension_requested", pgettext_lazy("readmission status", "Extension requested")
    ACCEPTED = "accepted", pgettext_lazy("readmission status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("readmission status", "Rejected")
    DEEMED_ACCEPTED = (
        "deemed_accepted",
        pgettext_lazy("readmission status", "Deemed accepted (no reply in time)"),
    )
    TRAVEL_DOC_REQUESTED = (
        "travel_doc_requested",
        pgettext_lazy("readmission status", "Travel document requested"),
    )
    TRAVEL_DOC_ISSUED = "travel_doc_issued", pgettext_lazy("readmission status", "Travel document issued")
    TRANSFER_SCHEDULED = "transfer_scheduled", pgettext_lazy("readmission status", "Transfer scheduled")
    TRANSFERRED = "transferred", pgettext_lazy("readmission status", "Transferred")
    HANDED_OVER = "handed_over", pgettext_lazy("readmission status", "Handed over")
    CLOSED = "closed", pgettext_lazy("readmission status", "Closed")
    REFERRED = "referred_reintegration", pgettext_lazy("readmission status", "Referred to reintegration")
    ON_HOLD = "on_hold", pgettext_lazy("readmission status", "On hold (protection)")
    WITHDRAWN = "withdrawn", pgettext_lazy("readmission status", "Withdrawn")
    WRONGFUL = "wrongfully_readmitted", pgettext_lazy("readmission status", "Wrongfully readmitted")
    TAKEN_BACK = "taken_back", pgettext_lazy("readmission status", "Taken back")


class RefusalReason(models.TextChoices):
    NOT_NATIONAL = "not_national", _("Not a national of the requested state")
    IDENTITY_UNPROVEN = "identity_unproven", _("Identity not established")
    EVIDENCE_INSUFFICIENT = "evidence_insufficient", _("Evidence insufficient")
    OUT_OF_TIME = "out_of_time", _("Request submitted out of time")
    OUTSIDE_SCOPE = "outside_scope", _("Outside the agreement's scope")
    PROTECTION = "protection", _("Protection grounds")
    OTHER = "other", _("Other reason")


class ScreenItem(models.TextChoices):
    """What the protection screen asks; the first five open a blocking flag on the person."""

    ASYLUM_PENDING = "asylum_pending", _("Asylum application pending")
    APPEAL_PENDING = "appeal_pending", _("Appeal pending")
    TRAFFICKING = "trafficking", _("Trafficking indicators")
    CHILD = "child", _("Unaccompanied or separated child")
    MEDICAL = "medical", _("Medical condition preventing travel")
    RISK_ON_RETURN = "risk_on_return", _("Risk of serious harm on return")
    FAMILY_UNITY = "family_unity", _("Family members staying behind (family unity)")


def search_key(name: str) -> str:
    """The form a family name is searched by: trimmed and upper-cased."""
    return " ".join(str(name).split()).upper()[:120]


class ReadmissionCase(StateOwnedModel):
    """One state's copy of a readmission case (``side`` says which)."""

    reference = models.CharField(_("reference"), max_length=24)
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="cases")
    requesting_state = models.ForeignKey(
        "reference.Country", verbose_name=_("requesting state"), on_delete=models.PROTECT, related_name="+"
    )
    requested_state = models.ForeignKey(
        "reference.Country", verbose_name=_("requested state"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    accelerated = models.BooleanField(_("accelerated procedure"), default=False)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    # The person: the requesting side's own record; the requested side links its own record
    # once its officer has verified the nationality (a person decides, never a score).
    person = models.ForeignKey(
        "people.PersonRecord", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    family_name = models.CharField(_("family name (Latin)"), max_length=120)
    given_name = models.CharField(_("given name (Latin)"), max_length=120)
    # The family name upper-cased: a prefix search is a range on an index
    # (LIKE is not leakproof, so under row-level security it could not use one).
    search_name = models.CharField(max_length=120, blank=True, editable=False)
    name_original = models.CharField(_("name as written in the original script"), max_length=240, blank=True)
    name_cyrillic = models.CharField(_("name in Cyrillic"), max_length=240, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    citizenship = models.ForeignKey(
        "reference.Country",
        verbose_name=_("claimed citizenship"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    document_number_ciphertext = models.TextField(blank=True, editable=False)
    document_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    known_since = models.DateField(_("irregular stay known since"), null=True, blank=True)
    # The protection screen (requesting side): answers are special-category, encrypted.
    screen_ciphertext = models.TextField(blank=True, editable=False)
    screened_at = models.DateTimeField(_("protection screened"), null=True, blank=True)
    held_from = models.CharField(_("held while"), max_length=30, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=30, choices=RefusalReason.choices, blank=True
    )
    verified_at = models.DateTimeField(_("nationality verified"), null=True, blank=True)
    transfer_date = models.DateField(_("transfer date"), null=True, blank=True)
    crossing_point = models.CharField(_("crossing point or airport"), max_length=120, blank=True)
    flight = models.CharField(_("flight"), max_length=40, blank=True)
    escorts = models.PositiveSmallIntegerField(_("escorts"), null=True, blank=True)
    travel_document_number = models.CharField(_("travel document"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    view_permission = perms.VIEW_READMISSION
    sensitive = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("readmission case")
        verbose_name_plural = _("readmission cases")
        constraints = [
            models.UniqueConstraint(fields=["state", "reference"], name="readmission_case_state_reference"),
        ]
        indexes = [
            models.Index(fields=["state", "status", "created_at"], name="readmission_case_status"),
            models.Index(fields=["state", "family_name"], name="readmission_case_name"),
            models.Index(fields=["state", "search_name"], name="readmission_case_search"),
            models.Index(fields=["state", "-created_at"], name="readmission_case_newest"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = search_key(self.family_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "family_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("readmission:case", kwargs={"reference": self.reference})

    @property
    def counterpart_state_id(self) -> str:
        return self.requested_state_id if self.side == Side.REQUESTING else self.requesting_state_id

    @classmethod
    def audit_entity(cls) -> str:
        return "readmission_case"


class EvidenceItem(StateOwnedModel):
    """A piece of evidence of nationality, marked proof or presumption, with its attachment."""

    case = models.ForeignKey(ReadmissionCase, on_delete=models.CASCADE, related_name="evidence")
    evidence_type = models.CharField(_("document"), max_length=40)
    strength = models.CharField(_("strength"), max_length=12, choices=Strength.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    document = models.ForeignKey(
        "cases.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    view_permission = perms.VIEW_READMISSION
    sensitive = True

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")

    def __str__(self) -> str:
        return f"{self.evidence_type} ({self.strength})"


class TravelDocumentKind(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency travel document")
    LAISSEZ_PASSER = "laissez_passer", _("Laissez-passer")


class TravelDocument(StateOwnedModel):
    """A travel document issued by the requested state; verified publicly by its token.

    Holds only what the document prints (number, names in Latin letters, date of birth,
    validity), so the public check can show nothing beyond the paper.
    """

    case = models.ForeignKey(ReadmissionCase, on_delete=models.PROTECT, related_name="travel_documents")
    kind = models.CharField(_("kind"), max_length=20, choices=TravelDocumentKind.choices)
    number = models.CharField(_("number"), max_length=40)
    holder_name = models.CharField(_("holder"), max_length=240)
    holder_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    issued_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    view_permission = perms.VIEW_READMISSION

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("travel document")
        verbose_name_plural = _("travel documents")

    def __str__(self) -> str:
        return self.number
