"""Reads of consular registrations. Every read starts from ``visible_to(actor)``.

Sharing rule on top of the policy module: a registration is owned by the person's own
state; another state reads it only when BOTH (1) a record-level agreement in force names
``registration.registration`` (``visible_to`` checks this) AND (2) the reader is the
registration's destination state and the person's consent to share with that state is
active (``shares_with_destination``, kept in step with the consent records by the consent
services). Revoking the consent therefore ends the agreement-based access at once.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.access.db import set_db_state
from corridor.audit.services import audit_record
from corridor.crypto import services as crypto
from corridor.registration.choices import JOURNEY, Status
from corridor.registration.counting import (  # noqa: F401 (the public read API)
    AGE_GROUPS,
    AgeBands,
    age_group,
    monthly_counts,
    statistics_counted,
)
from corridor.registration.domain import REFERENCE, duplicates_of, read_encrypted
from corridor.registration.models import ENCRYPTED_FIELDS, Consent, Registration

EXPORT_ROW_CAP = 1000
LIST_FIELDS = (
    "reference",
    "status",
    "family_name",
    "given_name",
    "patronymic",
    "passport_family_name",
    "passport_given_name",
    "birth_date",
    "sex",
    "destination_country",
    "destination_city",
    "purpose",
    "employer_name",
    "occupation",
    "planned_departure",
    "planned_arrival",
    "planned_return",
    "actual_departure",
    "actual_arrival",
    "actual_return",
)
# Export: what an officer needs for follow-up, without passport numbers or contacts (minimal).
EXPORT_FIELDS = ("uuid", *LIST_FIELDS, "consents")


def visible_registrations(actor: Actor) -> QuerySet[Registration]:
    """Own state's live registrations, plus foreign ones shared by agreement AND consent."""
    own = Q(state_id=actor.state)
    consented = Q(destination_country_id=actor.state, shares_with_destination=True)
    return (
        Registration.objects.visible_to(actor)
        .filter(own | consented)
        .exclude(status=Status.PENDING)
        .select_related("destination_country", "consulate", "occupation")
    )


def _indexes(actor: Actor, field: str, value: str) -> list[str]:
    """Blind indexes are keyed per state: compute under every state the actor may read."""
    states = {actor.state} if actor.state else set()
    states |= {a.grantor_id for a in policy.granting_agreements(actor, Registration.record_type())}
    return [crypto.blind_index(state=s, field=field, value=value) for s in sorted(states)]


def registration_list(
    *, actor: Actor, q: str = "", passport_number: str = "", status: str = ""
) -> QuerySet[Registration]:
    """Search only fields the actor may read in each row (``policy.readable_field_q``)."""
    records = visible_registrations(actor)

    def on(field: str, condition: Q) -> Q:
        return policy.readable_field_q(actor, Registration, field, condition)

    if status:
        records = records.filter(on("status", Q(status=status)))
    else:
        records = records.exclude(status=Status.MERGED)

    for term in q.split()[:5]:
        records = records.filter(
            on("family_name", Q(family_name__icontains=term))
            | on("given_name", Q(given_name__icontains=term))
            | on("passport_family_name", Q(passport_family_name__icontains=term))
            | on("passport_given_name", Q(passport_given_name__icontains=term))
            | on("reference", Q(reference__iexact=term))
        )
    if passport_number:
        indexes = _indexes(actor, "passport_number", passport_number)
        records = records.filter(on("passport_number", Q(passport_number_index__in=indexes)))
    return records


def registration_list_audit(*, actor: Actor, shown: list[Registration], query: str = "") -> None:
    """A page of results shows names: record which registrations were shown, by id only."""
    if shown:
        audit_record(
            actor=actor,
            action="registration.searched",
            target_type=Registration.record_type(),
            target_state=actor.state or "",
            data={"uuids": [str(r.uuid) for r in shown], "query": query[:100]},
        )


def registration_get(*, actor: Actor, uuid: UUID | str, audit: bool = True) -> Registration:
    """Fetch a registration the actor may see (404 otherwise); the read is audited."""
    try:
        registration = visible_registrations(actor).get(uuid=uuid)
    except (Registration.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc
    if audit:
        registration_read_audit(actor=actor, registration=registration)
    return registration


def registration_read_audit(*, actor: Actor, registration: Registration, form: str = "") -> None:
    """Record that the actor was shown this registration (the detail page, or a form of it)."""
    agreement = policy.agreement_for(actor, registration)
    audit_record(
        actor=actor,
        action="registration.viewed",
        target=registration,
        agreement_uuid=agreement.uuid if agreement else None,
        purpose=agreement.purpose if agreement else "",
        data={"form": form} if form else None,
    )


def consents_of(registration: Registration) -> list[Consent]:
    return list(
        Consent.objects.for_state(registration.state_id)
        .filter(registration=registration)
        .select_related("recipient")
        .order_by("purpose", "-granted_at", "id")
    )


def _values(registration: Registration) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(registration, name) for name in LIST_FIELDS}
    values["destination_country"] = registration.destination_country_id
    values["occupation"] = registration.occupation_id
    return values


def registration_as_dict(*, actor: Actor, registration: Registration) -> dict[str, Any]:
    """The registration as this actor may read it: a foreign reader gets only the agreed fields."""
    allowed = policy.shared_fields(actor, registration)
    values = _values(registration)
    for name in ENCRYPTED_FIELDS:
        if allowed is None or name in allowed:
            values[name] = read_encrypted(registration, name)
    if allowed is None:
        values["consents"] = [
            {"purpose": c.purpose, "recipient": c.recipient_id, "active": c.is_active}
            for c in consents_of(registration)
        ]
        values["consulate"] = str(registration.consulate.uuid)
        values["merged_into"] = str(registration.merged_into.uuid) if registration.merged_into else None
    else:
        values = {key: value for key, value in values.items() if key in allowed}
    agreement = policy.agreement_for(actor, registration)
    return {
        "uuid": str(registration.uuid),
        "state": registration.state_id,
        "agreement": str(agreement.uuid) if agreement else None,
        **values,
    }


def duplicate_pairs(*, actor: Actor, limit: int = 100) -> list[tuple[Registration, Registration]]:
    """Likely duplicates among the actor's own state's registrations (oldest first in each pair)."""
    policy.require(actor, perms.CHANGE_REGISTRATION)
    own = visible_registrations(actor).filter(state_id=actor.state).exclude(status=Status.MERGED)
    keys = Q(passport_number_index__in=_shared_keys(own, "passport_number_index")) | Q(
        name_birth_index__in=_shared_keys(own, "name_birth_index")
    )
    pairs: list[tuple[Registration, Registration]] = []
    seen: set[tuple[int, int]] = set()
    for registration in own.filter(keys).order_by("created_at", "id"):
        for other in duplicates_of(registration):
            pair = tuple(sorted((registration.pk, other.pk)))
            if pair not in seen:
                seen.add(pair)  # type: ignore[arg-type]
                pairs.append((registration, other) if registration.pk < other.pk else (other, registration))
        if len(pairs) >= limit:
            break
    pairs = pairs[:limit]
    if pairs:
        # The page shows both records of each pair side by side: a read of every one of them.
        audit_record(
            actor=actor,
            action="registration.duplicates_viewed",
            target_type=Registration.record_type(),
            target_state=actor.state or "",
            data={"uuids": sorted({str(r.uuid) for pair in pairs for r in pair})},
        )
    return pairs


def _shared_keys(records: QuerySet[Registration], column: str) -> list[str]:
    counts = Counter(value for value in records.exclude(**{column: ""}).values_list(column, flat=True))
    return [value for value, count in counts.items() if count > 1]


def registration_export(*, actor: Actor, q: str = "", status: str = "") -> list[dict[str, Any]]:
    """At most EXPORT_ROW_CAP rows of the actor's own state; audited with every id."""
    policy.require(actor, perms.EXPORT_REGISTRATION)
    records = registration_list(actor=actor, q=q, status=status).filter(state_id=actor.state)
    rows = []
    for registration in records.order_by("created_at", "id")[:EXPORT_ROW_CAP]:
        row = {"uuid": str(registration.uuid), **_values(registration)}
        row["consents"] = sorted(c.purpose for c in consents_of(registration) if c.is_active)
        rows.append(row)
    audit_record(
        actor=actor,
        action="registration.exported",
        target_type=Registration.record_type(),
        target_state=actor.state or "",
        data={"count": len(rows), "uuids": [row["uuid"] for row in rows], "query": q[:100]},
    )
    return rows


def registration_confirmed(*, reference: str, birth_date: date) -> bool:
    """Does a confirmed, live registration carry this reference and birth date?

    Other modules use it to let a registered worker act without an account (applying for a
    job). Read as the owner state, whose code opens the reference; the answer is one bit.
    """
    parsed = REFERENCE.parse(reference)
    if parsed.state is None:
        return False
    state, reference = parsed.state, parsed.reference
    set_db_state(state)
    return (
        Registration.objects.for_state(state)
        .filter(reference=reference, birth_date=birth_date, status__in=JOURNEY)
        .exists()
    )


# --- Read by matching jobs (registered as the "registration" match source in apps.py) ---


def _own_live(actor: Actor) -> QuerySet[Registration]:
    """The actor's own state's live registrations (a duplicate already merged is not live)."""
    if actor.state is None:
        return visible_registrations(actor).none()
    return visible_registrations(actor).filter(state_id=actor.state).exclude(status=Status.MERGED)


def match_records(actor: Actor) -> list[dict[str, str]]:
    """Own live registrations in the matcher's record shape (record_id = registration uuid).

    Citizenship is left empty on purpose: every record has the same one, and "same
    citizenship" would add weight to every pair.
    """
    return [
        {
            "record_id": str(r.uuid),
            "family_name": r.family_name or r.passport_family_name,
            "given_name": r.given_name or r.passport_given_name,
            "patronymic": r.patronymic,
            "birth_date": r.birth_date.isoformat() if r.birth_date else "",
            "sex": r.sex,
            "citizenship": "",
            "birth_place": "",
            "document_number": read_encrypted(r, "passport_number"),
            "source": "registration",
        }
        for r in _own_live(actor).order_by("id")
    ]


def match_summaries(actor: Actor, uuids: list[str]) -> dict[str, dict[str, str]]:
    """Name, birth date, reference and page of the own live registrations among ``uuids``."""
    return {
        str(r.uuid): {
            "name": " ".join(part for part in (r.family_name, r.given_name, r.patronymic) if part),
            "birth_date": r.birth_date.isoformat() if r.birth_date else "",
            "reference": r.reference,
            "url": r.get_absolute_url(),
        }
        for r in _own_live(actor).filter(uuid__in=uuids)
    }
