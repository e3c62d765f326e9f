"""Messages between states. Each copy belongs to one state: the sender's outbox copy and the
recipient's inbox copy are two rows, possibly in two databases, never shared."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access.scoping import StateOwnedModel
from corridor.exchange.choices import Box, Kind, Status


class Message(StateOwnedModel):
    """One copy of a message. ``state`` owns the copy: the sender for the outbox copy, the
    recipient for the inbox copy. ``message_id`` is the idempotency id both copies share."""

    box = models.CharField(_("box"), max_length=6, choices=Box.choices)
    message_id = models.UUIDField(_("message id"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sender_state = models.ForeignKey(
        "reference.Country", verbose_name=_("sender state"), on_delete=models.PROTECT, related_name="+"
    )
    sender_org_id = models.CharField(_("sender organisation id"), max_length=64, blank=True)
    sender_org_name = models.CharField(_("sender organisation"), max_length=200, blank=True)
    recipient_state = models.ForeignKey(
        "reference.Country", verbose_name=_("recipient state"), on_delete=models.PROTECT, related_name="+"
    )
    recipient_org = models.CharField(_("recipient organisation"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=100)
    subject_ref = models.CharField(_("subject reference"), max_length=64, blank=True)
    payload = models.JSONField(_("payload"), default=dict)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    in_reply_to = models.UUIDField(_("in reply to"), null=True, blank=True)
    consent_ref = models.CharField(_("consent reference"), max_length=64, blank=True)
    # The signed message exactly as sent or received, and the key that signed it.
    jws = models.TextField(_("signed message"), editable=False)
    kid = models.CharField(_("signing key"), max_length=64)
    # Outbox: the recipient node's signed receipt and, when refused, why.
    receipt_jws = models.TextField(_("signed receipt"), blank=True, editable=False)
    refusal_code = models.CharField(_("refusal code"), max_length=32, blank=True)
    refusal_reason = models.CharField(_("refusal reason"), max_length=300, blank=True)
    attempts = models.PositiveIntegerField(_("delivery attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last delivery error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("first sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    view_permission: ClassVar[str] = perms.VIEW_MESSAGES

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            # Arrives once: one copy per box and idempotency id in each state.
            models.UniqueConstraint(fields=["state", "box", "message_id"], name="exchange_message_once"),
            models.CheckConstraint(
                condition=(Q(box=Box.OUTBOX) & Q(state=models.F("sender_state")))
                | (Q(box=Box.INBOX) & Q(state=models.F("recipient_state"))),
                name="exchange_message_owner_is_its_end",
            ),
        ]
        indexes = [
            models.Index(fields=["box", "status", "next_attempt_at"], name="exchange_due_idx"),
            models.Index(fields=["state", "box", "kind", "created_at"], name="exchange_list_idx"),
            models.Index(fields=["consent_ref"], name="exchange_consent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sender_state_id}→{self.recipient_state_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("exchange:detail", kwargs={"uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        return self.status in (Status.QUEUED, Status.SENT, Status.DELIVERED, Status.ACKNOWLEDGED)
