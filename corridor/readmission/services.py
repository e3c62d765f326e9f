"""Writes of readmission: every status change through ``cases.services.step``, every
cross-state effect through an ``exchange`` message, each in one transaction.

The requesting state's officer creates, screens and submits; the submission is a signed
``readmission.request`` message from which the requested state's node makes its own copy
(same reference). Every later step on one copy sends a ``readmission.step`` notice; the
other node's system takes the same action on its copy. Nothing here writes the other
state's rows.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.cases import clocks
from corridor.cases.consent import consent_give
from corridor.cases.documents import document_attach
from corridor.cases.models import ConsentPurpose, DocumentKind
from corridor.cases.services import step
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.core.text import is_clean_name
from corridor.crypto.fields import read_encrypted, set_encrypted
from corridor.exchange import services as exchange
from corridor.exchange.choices import Kind
from corridor.people.models import PersonRecord, ProtectionReason
from corridor.people.services import person_create, person_set_protection
from corridor.readmission.models import (
    Agreement,
    Category,
    EvidenceItem,
    EvidenceType,
    LimitKind,
    ReadmissionCase,
    RefusalReason,
    ScreenItem,
    Side,
    Status,
    TravelDocument,
    TravelDocumentKind,
)
from corridor.readmission.workflow import HOLDABLE, LOCAL_ONLY, READMISSION, REFERENCES, SIDE_OF, clock
from corridor.reference.models import Country

log = logging.getLogger(__name__)

REQUEST_PURPOSE = "readmission.request"
STEP_PURPOSE = "readmission.step"

# The screen's answers that open a blocking flag on the person record (the gate reads them).
SCREEN_FLAGS: dict[str, str] = {
    ScreenItem.ASYLUM_PENDING: ProtectionReason.ASYLUM_SEEKER,
    ScreenItem.APPEAL_PENDING: ProtectionReason.APPEAL_PENDING,
    ScreenItem.TRAFFICKING: ProtectionReason.TRAFFICKING_VICTIM,
    ScreenItem.CHILD: ProtectionReason.UNACCOMPANIED_CHILD,
    ScreenItem.MEDICAL: ProtectionReason.MEDICAL,
    ScreenItem.RISK_ON_RETURN: ProtectionReason.REFOULEMENT_RISK,
}
# Fields an action may carry, copied to the case with the step and to the other copy, and
# which of them it requires (a refusal without its reason is refused at the field).
ACTION_FIELDS: dict[str, tuple[str, ...]] = {
    "reject": ("refusal_reason",),
    "schedule_transfer": ("transfer_date", "crossing_point", "flight", "escorts"),
}
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "reject": ("refusal_reason",),
    "schedule_transfer": ("transfer_date", "crossing_point"),
}
EDITABLE = frozenset({Status.DRAFT, Status.SCREENED, Status.INFO_REQUESTED})


def _invalid(fields: dict[str, list[str]]) -> ApplicationError:
    return ApplicationError(_("Some fields are not valid."), fields=fields)


def agreement_between(*, requesting: str, requested: str, on: dt.date | None = None) -> Agreement | None:
    """The agreement in force between the two states (templates never)."""
    day = on or timezone.localdate()
    rows = (
        Agreement.objects.filter(is_template=False, parties__iso3=requesting, valid_from__lte=day)
        .filter(parties__iso3=requested)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from")
    )
    return rows.first()


def _new_reference(state: str) -> str:
    for _attempt in range(5):
        reference = REFERENCES.new(state=state)
        if not ReadmissionCase.objects.unscoped().filter(reference=reference).exists():
            return reference
    raise Conflict(_("Could not draw a fresh reference; try again."))


def _check_agreement(
    fields: dict[str, list[str]], *, actor_state: str, requested_state: str, category: str, accelerated: bool
) -> Agreement | None:
    if requested_state == actor_state or not Country.objects.filter(iso3=requested_state).exists():
        fields["requested_state"] = [_("Choose another state as the requested state.")]
        return None
    agreement = agreement_between(requesting=actor_state, requested=requested_state)
    if agreement is None:
        fields["requested_state"] = [_("No readmission agreement with this state is in force.")]
    if category not in Category.values:
        fields["category"] = [_("Choose a category.")]
    elif agreement is not None and not _covers(agreement, category):
        fields["category"] = [_("The agreement does not cover this category of person.")]
    if accelerated and agreement is not None and not agreement.has_accelerated_procedure:
        fields["accelerated"] = [_("The agreement has no accelerated procedure.")]
    return agreement


def _check_case(
    *,
    actor_state: str,
    requested_state: str,
    category: str,
    accelerated: bool,
    names: dict[str, str],
    birth_date: dt.date | None,
    known_since: dt.date | None,
) -> Agreement:
    fields: dict[str, list[str]] = {}
    agreement = _check_agreement(
        fields,
        actor_state=actor_state,
        requested_state=requested_state,
        category=category,
        accelerated=accelerated,
    )
    for name, value in names.items():
        if not is_clean_name(value):
            fields[name] = [_("Names cannot contain control or hidden formatting characters.")]
    if not names.get("family_name", "").strip():
        fields["family_name"] = [_("This field is required.")]
    today = timezone.localdate()
    if birth_date is not None and birth_date > today:
        fields["birth_date"] = [_("The date of birth cannot be in the future.")]
    if known_since is not None and known_since > today:
        fields["known_since"] = [_("This date cannot be in the future.")]
    if fields or agreement is None:
        raise _invalid(fields)
    return agreement


def _covers(agreement: Agreement, category: str) -> bool:
    return {
        Category.OWN_NATIONAL: agreement.covers_own_nationals,
        Category.THIRD_COUNTRY: agreement.covers_third_country,
        Category.STATELESS: agreement.covers_stateless,
        Category.TRANSIT: agreement.covers_transit,
    }[Category(category)]


@transaction.atomic
def case_create(
    *,
    actor: Actor,
    requested_state: str,
    category: str,
    family_name: str,
    given_name: str = "",
    name_original: str = "",
    name_cyrillic: str = "",
    birth_date: dt.date | None = None,
    sex: str = "",
    citizenship: str = "",
    document_number: str = "",
    known_since: dt.date | None = None,
    accelerated: bool = False,
    person: PersonRecord | None = None,
) -> ReadmissionCase:
    """A draft request of the actor's state; the person record is made when none is given."""
    policy.require(actor, perms.HANDLE_READMISSION)
    if not actor.state:
        raise Forbidden()
    requested_state = (requested_state or "").upper()
    names = {
        "family_name": family_name,
        "given_name": given_name,
        "name_original": name_original,
        "name_cyrillic": name_cyrillic,
    }
    agreement = _check_case(
        actor_state=actor.state,
        requested_state=requested_state,
        category=category,
        accelerated=accelerated,
        names=names,
        birth_date=birth_date,
        known_since=known_since,
    )
    claimed = (citizenship or (requested_state if category == Category.OWN_NATIONAL else "")).upper()
    if claimed and not Country.objects.filter(iso3=claimed).exists():
        raise _invalid({"citizenship": [_("Unknown country code: {code}.").format(code=claimed)]})
    if person is not None and person.state_id != actor.state:
        raise _invalid({"person": [_("Choose a person record of your own state.")]})
    if person is None:
        person = person_create(
            actor=actor,
            family_name=family_name,
            given_name=given_name or "-",
            citizenship=claimed or actor.state,
            birth_date=birth_date,
            sex=sex,
            document_number=document_number,
        )
    case = ReadmissionCase(
        state_id=actor.state,
        reference=_new_reference(actor.state),
        side=Side.REQUESTING,
        agreement=agreement,
        requesting_state_id=actor.state,
        requested_state_id=requested_state,
        category=category,
        accelerated=accelerated,
        person=person,
        family_name=family_name.strip(),
        given_name=given_name.strip(),
        name_original=name_original.strip(),
        name_cyrillic=name_cyrillic.strip(),
        birth_date=birth_date,
        sex=sex if sex in ("F", "M") else "",
        citizenship_id=claimed or None,
        known_since=known_since,
        created_by=actor.user,
    )
    set_encrypted(case, "document_number", document_number.strip())
    case.save(force_insert=True)
    audit_record(actor=actor, action="readmission_case.created", target=case, data={"side": case.side})
    return case


def _require_side(actor: Actor, case: ReadmissionCase, side: str) -> None:
    policy.require(actor, perms.HANDLE_READMISSION, state=case.state_id)
    if case.side != side:
        raise Forbidden(_("The other state does this on its copy of the case."))


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    case: ReadmissionCase,
    evidence_type: str,
    description: str = "",
    filename: str = "",
    data: bytes | None = None,
) -> EvidenceItem:
    """Evidence of nationality from the agreement's annexes, with an encrypted attachment."""
    _require_side(actor, case, Side.REQUESTING)
    if case.status not in EDITABLE:
        raise Conflict(_("Evidence can be added only before submission or when information is asked for."))
    annex = EvidenceType.objects.filter(agreement=case.agreement, code=evidence_type).first()
    if annex is None:
        raise _invalid({"evidence_type": [_("Choose a document listed in the agreement's annexes.")]})
    if "\x00" in description or len(description) > 300:
        raise _invalid({"description": [_("Keep the description under 300 characters.")]})
    document = None
    if data:
        document = document_attach(
            actor=actor,
            record=case,
            permission=perms.HANDLE_READMISSION,
            kind=DocumentKind.EVIDENCE,
            filename=filename or "evidence",
            data=data,
        )
    item = EvidenceItem.objects.unscoped().create(
        state_id=case.state_id,
        case=case,
        evidence_type=annex.code,
        strength=annex.strength,
        description=description.strip(),
        document=document,
    )
    audit_record(
        actor=actor,
        action="readmission_case.evidence_added",
        target=case,
        data={"type": annex.code, "strength": annex.strength, "attachment": document is not None},
    )
    return item


@transaction.atomic
def screen_record(
    *, actor: Actor, case: ReadmissionCase, answers: Mapping[str, bool], note: str = ""
) -> ReadmissionCase:
    """The protection screen: every question answered; a "yes" that blocks opens a flag on the
    person record (the gate then refuses submission until it is resolved or overridden)."""
    _require_side(actor, case, Side.REQUESTING)
    missing = [item for item in ScreenItem.values if item not in answers]
    if missing:
        raise _invalid({item: [_("Answer this question.")] for item in missing})
    cleaned = {item: bool(answers[item]) for item in ScreenItem.values}
    changes = {"screened_at": timezone.now()}
    moved = step(workflow=READMISSION, record=case, action="screen", actor=actor, note=note, changes=changes)
    set_encrypted(moved, "screen", json.dumps(cleaned, sort_keys=True))
    moved.save(update_fields=["screen_ciphertext", "updated_at"])
    flags = {SCREEN_FLAGS[item] for item, yes in cleaned.items() if yes and item in SCREEN_FLAGS}
    if flags and moved.person is not None:
        existing = set(moved.person.protection_reasons or [])
        if not flags <= existing:
            person_set_protection(actor=actor, person=moved.person, reasons=sorted(existing | flags))
    return moved


def screen_answers(case: ReadmissionCase) -> dict[str, bool]:
    text = read_encrypted(case, "screen")
    return json.loads(text) if text else {}


def _evidence_summary(case: ReadmissionCase) -> str:
    items = EvidenceItem.objects.for_state(case.state_id).filter(case=case)
    return ";".join(f"{item.evidence_type}:{item.strength}" for item in items)[:2000]


def _request_payload(case: ReadmissionCase) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "reference": case.reference,
        "agreement": case.agreement.code,
        "category": case.category,
        "accelerated": case.accelerated,
        "family_name": case.family_name,
        "given_name": case.given_name,
        "name_original": case.name_original,
        "name_cyrillic": case.name_cyrillic,
        "sex": case.sex,
        "citizenship": case.citizenship_id or "",
        "document_number": read_encrypted(case, "document_number"),
        "evidence": _evidence_summary(case),
    }
    if case.birth_date is not None:
        payload["birth_date"] = case.birth_date.isoformat()
    return {key: value for key, value in payload.items() if value not in ("", None)}


def _clean_date(value: Any) -> tuple[Any, str]:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return None, _("Enter a date as YYYY-MM-DD.")
    if not isinstance(value, dt.date):
        return None, _("Enter a date as YYYY-MM-DD.")
    if value < timezone.localdate():
        return None, _("The transfer date cannot be in the past.")
    return value, ""


def _clean_escorts(value: Any) -> tuple[Any, str]:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None, _("Enter a whole number.")
    if not 0 <= number <= 20:
        return None, _("Enter a number from 0 to 20.")
    return number, ""


def _clean_days(value: Any) -> tuple[int, str]:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0, _("Enter a number of days from 1 to 90.")
    if not 1 <= number <= 90:
        return 0, _("Enter a number of days from 1 to 90.")
    return number, ""


def _clean_text(limit: int) -> Any:
    def clean(value: Any) -> tuple[Any, str]:
        text = str(value).strip()
        if "\x00" in text or len(text) > limit:
            return None, _("This text is too long.")
        return text, ""

    return clean


def _clean_reason(value: Any) -> tuple[Any, str]:
    if value not in RefusalReason.values:
        return None, _("Choose one of the listed reasons.")
    return value, ""


CLEANERS: dict[str, Any] = {
    "refusal_reason": _clean_reason,
    "transfer_date": _clean_date,
    "crossing_point": _clean_text(120),
    "flight": _clean_text(40),
    "escorts": _clean_escorts,
}


def _clean_fields(action: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name in ACTION_FIELDS.get(action, ()):
        value = fields.get(name)
        if value in (None, ""):
            if name in REQUIRED_FIELDS.get(action, ()):
                errors[name] = [_("This field is required.")]
            continue
        cleaned, problem = CLEANERS[name](value)
        if problem:
            errors[name] = [problem]
        else:
            changes[name] = cleaned
    if errors:
        raise _invalid(errors)
    return changes


def _step_payload(
    case: ReadmissionCase, action: str, note: str, changes: Mapping[str, Any]
) -> dict[str, Any]:
    payload: dict[str, Any] = {"reference": case.reference, "action": action}
    if note:
        payload["note"] = note[:2000]
    for name, value in changes.items():
        if name == "transfer_date":
            payload[name] = value.isoformat()
        elif name in ("refusal_reason", "crossing_point", "flight", "escorts", "travel_document_number"):
            payload[name] = value
    return payload


@transaction.atomic
def case_act(
    *,
    actor: Actor,
    case: ReadmissionCase,
    action: str,
    note: str = "",
    fields: Mapping[str, Any] | None = None,
    override: Any = None,
) -> ReadmissionCase:
    """Take ``action`` on the actor's copy and tell the other state (one transaction).

    ``screen`` carries ``answers`` (every screen question, true or false); ``issue_travel_doc``
    carries ``kind`` and ``valid_days``; ``reject`` its ``refusal_reason``; ``schedule_transfer``
    its ``transfer_date``, ``crossing_point``, ``flight`` and ``escorts``.
    """
    given = dict(fields or {})
    if action == "screen":
        answers = given.get("answers")
        return screen_record(
            actor=actor, case=case, answers=answers if isinstance(answers, dict) else {}, note=note
        )
    if action == "issue_travel_doc":
        travel_document_issue(
            actor=actor,
            case=case,
            kind=str(given.get("kind") or TravelDocumentKind.EMERGENCY),
            valid_days=given.get("valid_days") or 30,
        )
        return ReadmissionCase.objects.for_state(case.state_id).get(pk=case.pk)
    changes = _clean_fields(action, given)
    now = timezone.now()
    if action == "submit":
        changes["submitted_at"] = now
    if action in ("accept", "reject"):
        changes["decided_at"] = now
    moved = step(
        workflow=READMISSION,
        record=case,
        action=action,
        actor=actor,
        note=note,
        changes=changes,
        override=override,
        now=now,
    )
    if action == "grant_extension":
        clocks.clock_extend(record=moved, code=clock(LimitKind.REPLY)(moved), now=now)
    _tell_other_side(actor, moved, action, note.strip(), changes)
    return moved


def _tell_other_side(
    actor: Actor, case: ReadmissionCase, action: str, note: str, changes: Mapping[str, Any]
) -> None:
    if action in LOCAL_ONLY or (action == "withdraw" and case.submitted_at is None):
        return
    if action == "submit":
        exchange.message_send(
            actor=actor,
            kind=Kind.REQUEST,
            recipient_state=case.requested_state_id,
            purpose=REQUEST_PURPOSE,
            payload=_request_payload(case),
            subject_ref=case.reference,
        )
        return
    exchange.message_send(
        actor=actor,
        kind=Kind.NOTICE,
        recipient_state=case.counterpart_state_id,
        purpose=STEP_PURPOSE,
        payload=_step_payload(case, action, note, changes),
        subject_ref=case.reference,
    )


@transaction.atomic
def nationality_verify(*, actor: Actor, case: ReadmissionCase, person: PersonRecord) -> ReadmissionCase:
    """The requested state's officer links the person among their own records (their decision;
    candidate scores only helped them look)."""
    _require_side(actor, case, Side.REQUESTED)
    if case.status not in (Status.SUBMITTED, Status.ACKNOWLEDGED, Status.UNDER_VERIFICATION):
        raise Conflict(_("The nationality is verified while the request is under verification."))
    if person.state_id != case.state_id:
        raise _invalid({"person": [_("Choose a person record of your own state.")]})
    case.person = person
    case.verified_at = timezone.now()
    case.save(update_fields=["person", "verified_at", "updated_at"])
    audit_record(
        actor=actor,
        action="readmission_case.nationality_verified",
        target=case,
        data={"person": str(person.uuid)},
    )
    return case


def _document_number(state: str) -> str:
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return f"{state}{''.join(secrets.choice(alphabet) for _ in range(7))}"


@transaction.atomic
def travel_document_issue(
    *, actor: Actor, case: ReadmissionCase, kind: str = TravelDocumentKind.EMERGENCY, valid_days: Any = 30
) -> TravelDocument:
    """The requested state issues the travel document; only for a case it accepted (or deemed)."""
    _require_side(actor, case, Side.REQUESTED)
    errors: dict[str, list[str]] = {}
    if kind not in TravelDocumentKind.values:
        errors["kind"] = [_("Choose the kind of document.")]
    days, problem = _clean_days(valid_days)
    if problem:
        errors["valid_days"] = [problem]
    if errors:
        raise _invalid(errors)
    if case.status != Status.TRAVEL_DOC_REQUESTED:
        raise Conflict(
            _("A travel document is issued only for an accepted case whose document was asked for.")
        )
    today = timezone.localdate()
    number = _document_number(case.state_id)
    document = TravelDocument.objects.unscoped().create(
        state_id=case.state_id,
        case=case,
        kind=kind,
        number=number,
        holder_name=f"{case.family_name} {case.given_name}".strip(),
        holder_birth_date=case.birth_date,
        valid_from=today,
        valid_until=today + dt.timedelta(days=days),
        token=secrets.token_urlsafe(24),
        issued_by=actor.user,
    )
    moved = step(
        workflow=READMISSION,
        record=case,
        action="issue_travel_doc",
        actor=actor,
        changes={"travel_document_number": number},
    )
    _tell_other_side(actor, moved, "issue_travel_doc", "", {"travel_document_number": number})
    audit_record(actor=actor, action="travel_document.issued", target=document, data={"case": case.reference})
    return document


@transaction.atomic
def reintegration_consent(*, actor: Actor, case: ReadmissionCase) -> Any:
    """The returnee's consent to reintegration services (kept by the kernel's consent records)."""
    _require_side(actor, case, Side.REQUESTED)
    if case.person is None:
        raise Conflict(_("Verify the nationality first: link the person among your own records."))
    return consent_give(actor=actor, person=case.person, purpose=ConsentPurpose.SERVICES)


# --- what arrives from the other state ---------------------------------------------------


def _own_copy(state: str, reference: str) -> ReadmissionCase | None:
    return ReadmissionCase.objects.for_state(state).filter(reference=reference).first()


def receive_request(*, message: Any) -> None:
    """A request arrived: make the requested state's copy (once) and start its clocks."""
    payload = message.payload
    state = message.recipient_state_id
    if _own_copy(state, payload["reference"]) is not None:
        return
    agreement = Agreement.objects.filter(code=payload["agreement"], is_template=False).first()
    if agreement is None or not {state, message.sender_state_id} <= set(agreement.party_codes()):
        log.warning("readmission: request %s names no agreement between the parties", payload["reference"])
        return
    birth = payload.get("birth_date")
    case = ReadmissionCase(
        state_id=state,
        reference=payload["reference"],
        side=Side.REQUESTED,
        agreement=agreement,
        requesting_state_id=message.sender_state_id,
        requested_state_id=state,
        category=payload["category"],
        accelerated=bool(payload.get("accelerated")),
        status=Status.SUBMITTED,
        family_name=payload.get("family_name", ""),
        given_name=payload.get("given_name", ""),
        name_original=payload.get("name_original", ""),
        name_cyrillic=payload.get("name_cyrillic", ""),
        birth_date=dt.date.fromisoformat(birth) if birth else None,
        sex=payload.get("sex", ""),
        citizenship_id=payload.get("citizenship") or None,
        submitted_at=message.created_at,
    )
    set_encrypted(case, "document_number", payload.get("document_number", ""))
    case.save(force_insert=True)
    for code, strength in _evidence_entries(payload.get("evidence", "")):
        EvidenceItem.objects.unscoped().create(
            state_id=state, case=case, evidence_type=code, strength=strength
        )
    for kind in (LimitKind.REPLY, LimitKind.ACKNOWLEDGE):
        clocks.clock_start(record=case, code=clock(kind)(case), now=message.created_at)
    audit_record(
        actor=None, action="readmission_case.received", target=case, data={"from": message.sender_state_id}
    )


def _evidence_entries(summary: str) -> list[tuple[str, str]]:
    entries = []
    for part in summary.split(";"):
        code, _sep, strength = part.partition(":")
        if code and strength in ("proof", "presumption"):
            entries.append((code[:40], strength))
    return entries


def receive_step(*, message: Any) -> None:
    """The other state took a step: take the same action on our copy (as this node's system)."""
    payload = message.payload
    case = _own_copy(message.recipient_state_id, payload["reference"])
    if case is None or case.counterpart_state_id != message.sender_state_id:
        log.warning("readmission: step for unknown case %s", payload.get("reference"))
        return
    action = payload["action"]
    changes = _mirror_changes(case, action, payload)
    from corridor.cases.services import refusal

    problem = refusal(workflow=READMISSION, record=case, action=action, actor=None, changes=changes)
    if problem is not None:
        audit_record(
            actor=None,
            action="readmission_case.out_of_step",
            target=case,
            data={"action": action, "status": case.status},
        )
        return
    moved = step(
        workflow=READMISSION,
        record=case,
        action=action,
        actor=None,
        note=payload.get("note", ""),
        changes=changes,
        audit_data={"by": message.sender_state_id},
    )
    if action == "grant_extension":
        clocks.clock_extend(record=moved, code=clock(LimitKind.REPLY)(moved))


def _mirror_changes(case: ReadmissionCase, action: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in ("refusal_reason", "crossing_point", "flight", "escorts", "travel_document_number"):
        if name in payload:
            changes[name] = payload[name]
    if "transfer_date" in payload:
        changes["transfer_date"] = dt.date.fromisoformat(payload["transfer_date"])
    if action == "hold":
        changes["held_from"] = case.status
    if action in ("accept", "reject"):
        changes["decided_at"] = timezone.now()
    return changes


# --- protection hook and the sweep's breach handler ---------------------------------------


def hold_for_flags(
    *, person: Any, actor: Any = None, before: Any = (), after: Any = (), **_kwargs: Any
) -> None:
    """A blocking flag was raised on a person with open cases: put them on hold here and tell
    the requested state (its copy follows). Called inside ``person_set_protection``'s
    transaction."""
    from corridor.cases.gate import open_flags

    raised = set(after) - set(before)
    if not raised or not open_flags(person):
        return
    cases = ReadmissionCase.objects.for_state(person.state_id).filter(
        person=person, side=Side.REQUESTING, status__in=HOLDABLE
    )
    for case in cases:
        moved = step(
            workflow=READMISSION,
            record=case,
            action="hold",
            actor=None,
            changes={"held_from": case.status},
            audit_data={"flags": sorted(raised)},
        )
        exchange.message_send_system(
            sender_state=moved.state_id,
            kind=Kind.NOTICE,
            recipient_state=moved.requested_state_id,
            purpose=STEP_PURPOSE,
            payload={"reference": moved.reference, "action": "hold"},
            subject_ref=moved.reference,
        )


def deem_accepted(*, clocks: list[Any], now: dt.datetime) -> None:
    """Breach of a reply limit whose agreement says silence is acceptance (each side its copy)."""
    from corridor.cases.services import refusal

    for item in clocks:
        case = ReadmissionCase.objects.for_state(item.state_id).filter(uuid=item.object_uuid).first()
        if case is None:
            continue
        if refusal(workflow=READMISSION, record=case, action="deem_accept", actor=None) is not None:
            continue
        step(workflow=READMISSION, record=case, action="deem_accept", actor=None, now=now)


def allowed_for(actor: Actor, case: ReadmissionCase) -> list[Any]:
    from corridor.cases.services import allowed_actions

    return allowed_actions(workflow=READMISSION, record=case, actor=actor)


__all__ = ["SIDE_OF", "case_act", "case_create"]
