"""Reads of the exchange: the actor's state's inbox and outbox, one message, its thread."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from corridor.access import policy
from corridor.access.actor import Actor
from corridor.exchange.addressing import addressed_to, may_see
from corridor.exchange.choices import Box, Kind, Status
from corridor.exchange.models import Message


def _officer_view(actor: Actor) -> QuerySet[Message]:
    # Status notices keep the two copies in step; officers see their effect, not them.
    rows = Message.objects.visible_to(actor).filter(state_id=actor.state).exclude(kind=Kind.STATUS)
    return rows.filter(addressed_to(actor))


def inbox_list(*, actor: Actor, status: str = "", purpose: str = "") -> QuerySet[Message]:
    rows = _officer_view(actor).filter(box=Box.INBOX)
    if status in Status.values:
        rows = rows.filter(status=status)
    if purpose:
        rows = rows.filter(purpose=purpose[:100])
    return rows.select_related("sender_state", "recipient_state")


def outbox_list(*, actor: Actor, status: str = "", purpose: str = "") -> QuerySet[Message]:
    rows = _officer_view(actor).filter(box=Box.OUTBOX)
    if status in Status.values:
        rows = rows.filter(status=status)
    if purpose:
        rows = rows.filter(purpose=purpose[:100])
    return rows.select_related("sender_state", "recipient_state")


def message_get(*, actor: Actor, uuid: str) -> Message:
    """One copy of our state's, or 404 (another state's copy, or one addressed to another
    organisation of our state, is never found)."""
    message = policy.get_visible_or_404(Message, actor, uuid)
    if message.state_id != actor.state or message.kind == Kind.STATUS or not may_see(actor, message):
        raise Http404
    return message


def message_thread(*, actor: Actor, message: Message) -> list[Message]:
    """The message it answers and the replies to it, among our state's own copies."""
    ids = [message.message_id] + ([message.in_reply_to] if message.in_reply_to else [])
    related = _officer_view(actor).filter(message_id__in=ids) | _officer_view(actor).filter(
        in_reply_to=message.message_id
    )
    return list(related.exclude(pk=message.pk).order_by("created_at", "id"))
