"""Choices of the exchange: kinds, boxes, statuses and the reasons a message is refused."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REQUEST = "request", _("Request")
    REPLY = "reply", _("Reply")
    REFERRAL = "referral", _("Referral")
    TRANSFER = "transfer", _("Transfer")
    NOTICE = "notice", _("Notice")
    DATA_SHARE_REQUEST = "data_share_request", _("Data-share request")
    # Carries a change of status (acknowledged, withdrawn) of another message between the
    # two copies; never shown in the officers' lists.
    STATUS = "status", _("Status notice")


class Box(models.TextChoices):
    OUTBOX = "outbox", _("Outbox")
    INBOX = "inbox", _("Inbox")


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    # Tried at least once; waiting for the recipient's node (retried with backoff).
    SENT = "sent", _("Sent, waiting for the recipient")
    DELIVERED = "delivered", _("Delivered")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


OPEN_STATUSES = (Status.QUEUED, Status.SENT, Status.DELIVERED, Status.ACKNOWLEDGED)
FINAL_STATUSES = (Status.ANSWERED, Status.REFUSED, Status.WITHDRAWN, Status.EXPIRED)


class Refusal(models.TextChoices):
    """Why a receiving node refused a message; the code travels in its signed receipt."""

    MALFORMED = "malformed", _("The message is not a well-formed Corridor message.")
    UNKNOWN_SENDER = "unknown_sender", _("The receiving node has no route or keys for the sending state.")
    UNKNOWN_KEY = "unknown_key", _("The message was signed with a key the receiving node does not know.")
    BAD_SIGNATURE = "bad_signature", _("The signature of the message does not verify.")
    NOT_FOR_THIS_NODE = "not_for_this_node", _("The recipient state is not served by the receiving node.")
    UNKNOWN_ORGANISATION = (
        "unknown_organisation",
        _("The message is addressed to an organisation that the recipient state does not have."),
    )
    REPLAYED_ID = "replayed_id", _("A different message with the same idempotency id was received before.")
    DEADLINE_PASSED = "deadline_passed", _("The deadline of the message had passed when it arrived.")
    UNKNOWN_PURPOSE = "unknown_purpose", _("The receiving node does not know the purpose of the message.")
    FIELDS_NOT_ALLOWED = "fields_not_allowed", _("The message carries fields beyond its purpose's set.")
    UNKNOWN_ORIGINAL = "unknown_original", _("The message answers a message the receiving node never sent.")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DUPLICATE = "duplicate", _("Already received")
    REFUSED = "refused", _("Refused")
