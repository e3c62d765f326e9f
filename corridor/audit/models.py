"""The append-only, hash-chained audit trail."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditImmutable(RuntimeError):
    """Audit events are never changed or deleted by the application."""


DENIED_ACTION = "request.denied"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutable("Audit events cannot be updated.")

    def delete(self) -> NoReturn:
        raise AuditImmutable("Audit events cannot be deleted.")

    def about(self, target_type: str, target_uuid: uuid.UUID | str) -> AuditEventQuerySet:
        return self.filter(target_type=target_type, target_uuid=target_uuid)

    def except_denials(self) -> AuditEventQuerySet:
        """Events other than refused requests (``request.denied``): what a refusal must not add."""
        return self.exclude(action=DENIED_ACTION)


class AuditEvent(models.Model):
    seq = models.BigIntegerField(_("sequence"), unique=True)
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(_("time (UTC)"), db_index=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_username = models.CharField(_("actor"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_state = models.CharField(_("actor's state"), max_length=3, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(_("record type"), max_length=80, blank=True)
    target_uuid = models.UUIDField(_("record"), null=True, blank=True)
    target_state = models.CharField(_("record's state"), max_length=3, blank=True, db_index=True)
    agreement_uuid = models.UUIDField(_("agreement cited"), null=True, blank=True)
    break_glass_uuid = models.UUIDField(_("break-glass grant"), null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=60, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    # Identifiers and small facts only; never the personal data itself.
    data = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_uuid"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutable("Audit events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutable("Audit events cannot be deleted.")

    def canonical(self) -> bytes:
        """The bytes the hash covers: every field but the hash itself, in a fixed form."""
        payload = {
            "seq": self.seq,
            "uuid": str(self.uuid),
            "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
            "actor_user": self.actor_user_id,
            "actor_username": self.actor_username,
            "organisation": self.organisation_id,
            "actor_state": self.actor_state,
            "action": self.action,
            "target_type": self.target_type,
            "target_uuid": str(self.target_uuid) if self.target_uuid else None,
            "target_state": self.target_state,
            "agreement_uuid": str(self.agreement_uuid) if self.agreement_uuid else None,
            "break_glass_uuid": str(self.break_glass_uuid) if self.break_glass_uuid else None,
            "purpose": self.purpose,
            "request_id": self.request_id,
            "data": self.data,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


GENESIS_HASH = "0" * 64
