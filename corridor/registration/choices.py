"""Codelists of consular registration, with translatable labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class Purpose(models.TextChoices):
    WORK = "work", _("Work")
    STUDY = "study", _("Study")
    FAMILY = "family", _("Family")
    BUSINESS = "business", _("Business trip")
    TOURISM = "tourism", _("Tourism or visit")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    REGISTERED = "registered", _("Registered")
    DEPARTED = "departed", _("Departed")
    ARRIVED = "arrived", _("Arrived")
    RETURNED = "returned", _("Returned")
    MERGED = "merged", _("Merged into another registration")


# The journey moves forward only; an officer may skip a step (arrival seen before departure).
JOURNEY = [Status.REGISTERED, Status.DEPARTED, Status.ARRIVED, Status.RETURNED]


class Channel(models.TextChoices):
    SELF = "self", _("Self-registration on the portal")
    OFFICER = "officer", _("Registered by a consular officer")


class ConsentPurpose(models.TextChoices):
    CONSULAR_CONTACT = "consular_contact", _("The consulate may contact me")
    STATISTICS = "statistics", _("My data may be counted in anonymous statistics")
    SHARE_DESTINATION = "share_destination", _("My registration may be shared with the destination state")


class VerificationChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
