"""Background work of the exchange: thin wrappers around the services."""

from __future__ import annotations

from django_tasks import task

from corridor.exchange import services


@task()
def deliver_message(message_uuid: str, state: str) -> str | None:
    return services.message_deliver(message_uuid=message_uuid, state=state)


@task()
def deliver_due_messages() -> dict[str, int]:
    """Periodic: retries that are due and deadlines that have passed."""
    counts = services.messages_deliver_due()
    counts["expired"] = services.messages_expire()
    return counts
