"""Reads of person records. Every read starts from what the actor may see."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.crypto import services as crypto
from corridor.crypto.fields import read_encrypted
from corridor.people.models import PersonRecord

EXPORT_ROW_CAP = 1000

# Fields an agreement may name; the owner state sees them all.
SHAREABLE_FIELDS = (
    "family_name",
    "given_name",
    "patronymic",
    "birth_date",
    "sex",
    "citizenship",
    "is_protected",
    "protection_reasons",
    "document_number",
)


def _document_indexes(actor: Actor, value: str) -> list[str]:
    """The blind index is keyed per state: compute it under every state the actor may read."""
    states = {actor.state} if actor.state else set()
    states |= {a.grantor_id for a in policy.granting_agreements(actor, PersonRecord.record_type())}
    return [crypto.blind_index(state=s, field="document_number", value=value) for s in sorted(states)]


def person_list(*, actor: Actor, q: str = "", document_number: str = "") -> QuerySet[PersonRecord]:
    """Search only fields the actor may read in each row (``policy.readable_field_q``)."""
    records = PersonRecord.objects.visible_to(actor).select_related("citizenship", "state")

    def on(field: str, condition: Q) -> Q:
        return policy.readable_field_q(actor, PersonRecord, field, condition)

    if q:
        for term in q.split()[:5]:
            records = records.filter(
                on("family_name", Q(family_name__icontains=term))
                | on("given_name", Q(given_name__icontains=term))
                | on("patronymic", Q(patronymic__icontains=term))
            )
    if document_number:
        indexes = _document_indexes(actor, document_number)
        records = records.filter(on("document_number", Q(document_number_index__in=indexes)))
    return records


def _audit_read(actor: Actor, person: PersonRecord, action: str) -> None:
    agreement = policy.agreement_for(actor, person)
    lent = actor.break_glass.get(perms.VIEW_PROTECTED) if person.is_protected else None
    audit_record(
        actor=actor,
        action=action,
        target=person,
        agreement_uuid=agreement.uuid if agreement else None,
        break_glass_uuid=lent,
        purpose=agreement.purpose if agreement else "",
    )


def person_get(*, actor: Actor, uuid: UUID | str) -> PersonRecord:
    """Fetch a record the actor may see (404 otherwise) and audit the read."""
    person = policy.get_visible_or_404(PersonRecord, actor, uuid)
    _audit_read(actor, person, "person_record.viewed")
    return person


def person_as_dict(*, actor: Actor, person: PersonRecord) -> dict[str, Any]:
    """The record as this actor may read it: foreign records carry only the agreed fields."""
    allowed = policy.shared_fields(actor, person)
    values: dict[str, Any] = {
        "family_name": person.family_name,
        "given_name": person.given_name,
        "patronymic": person.patronymic,
        "birth_date": person.birth_date,
        "sex": person.sex,
        "citizenship": person.citizenship_id,
        "is_protected": person.is_protected,
        "protection_reasons": list(person.protection_reasons),
    }
    if allowed is None or "document_number" in allowed:
        values["document_number"] = read_encrypted(person, "document_number")
    if allowed is not None:
        values = {key: value for key, value in values.items() if key in allowed}
    agreement = policy.agreement_for(actor, person)
    return {
        "uuid": str(person.uuid),
        "state": person.state_id,
        "agreement": str(agreement.uuid) if agreement else None,
        **values,
    }


def person_list_audit(*, actor: Actor, shown: list[PersonRecord], query: str = "") -> None:
    """A page of search results shows names: record which records were shown, by id only."""
    if not shown:
        return
    audit_record(
        actor=actor,
        action="person_record.searched",
        target_type=PersonRecord.record_type(),
        target_state=actor.state or "",
        data={"uuids": [str(p.uuid) for p in shown], "query": query[:100]},
    )


def person_export(*, actor: Actor, q: str = "") -> list[dict[str, Any]]:
    """At most EXPORT_ROW_CAP rows of the actor's own state; audited with every id."""
    policy.require(actor, perms.EXPORT_PERSON)
    records = list(person_list(actor=actor, q=q).filter(state_id=actor.state)[:EXPORT_ROW_CAP])
    rows = [person_as_dict(actor=actor, person=person) for person in records]
    audit_record(
        actor=actor,
        action="person_record.exported",
        target_type=PersonRecord.record_type(),
        target_state=actor.state or "",
        data={"count": len(rows), "uuids": [row["uuid"] for row in rows], "query": q[:100]},
    )
    return rows
