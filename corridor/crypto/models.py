"""The key inventory: one row per state data key, stored wrapped under a master key."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.crypto.choices import KeyPurpose, KeyStatus, NodeKeyStatus


class StateDataKey(models.Model):
    """A state's data-encryption or blind-index key, wrapped by the master KEK.

    The master key itself is never stored here; ``wrapped_key`` is useless without it and
    becomes empty when the key is destroyed.
    """

    state = models.ForeignKey(
        "reference.Country", verbose_name=_("state"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=5, choices=KeyPurpose.choices)
    version = models.PositiveIntegerField(_("version"))
    wrapped_key = models.TextField(_("wrapped key"), blank=True, editable=False)
    kek_id = models.CharField(_("master key id"), max_length=64)
    status = models.CharField(_("status"), max_length=9, choices=KeyStatus.choices, default=KeyStatus.ACTIVE)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["state_id", "purpose", "version"]
        verbose_name = _("state data key")
        verbose_name_plural = _("state data keys")
        constraints = [
            models.UniqueConstraint(fields=["state", "purpose", "version"], name="crypto_key_unique_version"),
            models.UniqueConstraint(
                fields=["state", "purpose"],
                condition=Q(status=KeyStatus.ACTIVE),
                name="crypto_key_one_active",
            ),
            # Destroyed exactly when the material is gone: no half-shredded rows.
            models.CheckConstraint(
                condition=(Q(status=KeyStatus.DESTROYED) & Q(wrapped_key=""))
                | (~Q(status=KeyStatus.DESTROYED) & ~Q(wrapped_key="")),
                name="crypto_key_destroyed_iff_empty",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="crypto_key_version_positive"),
        ]

    def __str__(self) -> str:
        # Never the wrapped key: this string ends up in logs and admin pages.
        return f"{self.state_id}/{self.purpose}/v{self.version} ({self.status})"


class NodeSigningKey(models.Model):
    """An Ed25519 key with which this node signs (exchange messages, audit checkpoints).

    The private half is stored wrapped under the master KEK like the state data keys; the
    public half is published in the node's key set until the key is revoked.
    """

    kid = models.CharField(_("key id"), max_length=64, unique=True)
    public_jwk = models.JSONField(_("public key (JWK)"), editable=False)
    wrapped_private_key = models.TextField(_("wrapped private key"), blank=True, editable=False)
    kek_id = models.CharField(_("master key id"), max_length=64)
    status = models.CharField(
        _("status"), max_length=8, choices=NodeKeyStatus.choices, default=NodeKeyStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("node signing key")
        verbose_name_plural = _("node signing keys")
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status=NodeKeyStatus.ACTIVE), name="crypto_one_active_node_key"
            ),
            # A revoked key keeps no private material: nothing can sign with it again.
            models.CheckConstraint(
                condition=~Q(status=NodeKeyStatus.REVOKED) | Q(wrapped_private_key=""),
                name="crypto_node_key_revoked_is_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kid} ({self.status})"
