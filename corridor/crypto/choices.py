"""Choices for the key inventory."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyPurpose(models.TextChoices):
    DATA = "data", _("Field encryption")
    INDEX = "index", _("Blind index")


class KeyStatus(models.TextChoices):
    # Encrypts new values (data) or computes the index (index).
    ACTIVE = "active", _("Active")
    # Decrypts old values only; kept until nothing refers to it any more.
    RETIRED = "retired", _("Retired")
    # Key material overwritten: whatever it protected is unreadable for good.
    DESTROYED = "destroyed", _("Destroyed")


class NodeKeyStatus(models.TextChoices):
    # Signs new messages and checkpoints; published in the key set.
    ACTIVE = "active", _("Active")
    # Signs nothing new; still published so that signatures made with it verify.
    RETIRED = "retired", _("Retired, still verifying")
    # Withdrawn from the key set: signatures made with it no longer verify.
    REVOKED = "revoked", _("Revoked")
