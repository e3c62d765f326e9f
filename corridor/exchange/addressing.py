"""Organisation-level addressing: who in the recipient state may see and act on a copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from corridor.exchange.choices import Box

if TYPE_CHECKING:
    from corridor.access.actor import Actor
    from corridor.exchange.models import Message


def addressed_to(actor: Actor) -> Q:
    """A received copy that names an organisation is for that organisation's users only; the
    rest of the state's copies (and every copy we sent) are for every holder in the state."""
    mine = Q(box=Box.OUTBOX) | Q(recipient_org="")
    if actor.organisation is not None:
        mine |= Q(recipient_org=str(actor.organisation.uuid))
    return mine


def may_see(actor: Actor, message: Message) -> bool:
    if message.box == Box.OUTBOX or not message.recipient_org:
        return True
    return actor.organisation is not None and message.recipient_org == str(actor.organisation.uuid)
