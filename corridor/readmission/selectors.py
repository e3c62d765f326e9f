"""Reads of readmission: every case read starts from ``visible_to(actor)`` (the actor's own
state's copies only) and sensitive reads are audited."""

from __future__ import annotations

import datetime as dt
import statistics as stats
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.access.db import set_db_state
from corridor.audit.services import audit_record
from corridor.cases.models import CaseHistory, Clock, GateOverride, TimeUnit
from corridor.cases.selectors import clocks_for
from corridor.core.errors import NotFound
from corridor.crypto import services as crypto
from corridor.readmission.models import (
    Agreement,
    AgreementLimit,
    EvidenceItem,
    EvidenceType,
    LimitKind,
    ReadmissionCase,
    Side,
    Status,
    TravelDocument,
    search_key,
)
from corridor.readmission.workflow import REFERENCES, submit_deadline

PAGE = 25


# --- agreements ---------------------------------------------------------------------------


def agreements_public() -> QuerySet[Agreement]:
    return Agreement.objects.prefetch_related("parties", "limits__time_limit", "evidence_types")


def rule_text(limit: Any) -> str:
    """A time limit in words: "25 calendar days, extendable once by 35; silence is acceptance"."""
    units = dict(TimeUnit.choices)
    text = _("{amount} {unit}").format(amount=limit.amount, unit=units.get(limit.unit, limit.unit))
    if limit.max_extensions and limit.extension_amount:
        text += "; " + _("extendable {n} time(s) by {amount}").format(
            n=limit.max_extensions, amount=limit.extension_amount
        )
    if limit.breach_action == "deem_accepted":
        text += "; " + _("silence counts as acceptance")
    return str(text)


@dataclass
class TermRow:
    label: str
    values: list[str]
    differs: list[bool]
    unverified: list[bool]

    @property
    def cells(self) -> list[tuple[str, bool, bool]]:
        return list(zip(self.values, self.differs, self.unverified, strict=True))


def terms_side_by_side(agreements: list[Agreement]) -> list[TermRow]:
    """One row per term, one column per agreement; ``differs`` against the first (the template)."""
    rows: list[TermRow] = []

    def add(label: str, values: list[str], unverified: list[bool]) -> None:
        base = values[0] if values else ""
        rows.append(TermRow(label, values, [v != base for v in values], unverified))

    yes, no = str(_("yes")), str(_("no"))
    flags = [
        (_("Own nationals"), "covers_own_nationals"),
        (_("Third-country nationals"), "covers_third_country"),
        (_("Stateless persons"), "covers_stateless"),
        (_("Transit"), "covers_transit"),
        (_("Silence counts as acceptance"), "silence_is_acceptance"),
        (_("Accelerated procedure"), "has_accelerated_procedure"),
    ]
    for flag_label, name in flags:
        add(
            str(flag_label),
            [yes if getattr(a, name) else no for a in agreements],
            [not a.verified for a in agreements],
        )
    for kind, kind_label in LimitKind.choices:
        values, unverified = [], []
        for agreement in agreements:
            limit = next((x for x in agreement.limits.all() if x.kind == kind), None)
            values.append(rule_text(limit.time_limit) if limit else "—")
            unverified.append(limit is not None and not limit.verified)
        add(str(kind_label), values, unverified)
    for strength, annex_label in (
        ("proof", _("Proof of nationality")),
        ("presumption", _("Presumption of nationality")),
    ):
        values = [
            ", ".join(sorted(e.name for e in a.evidence_types.all() if e.strength == strength)) or "—"
            for a in agreements
        ]
        add(str(annex_label), values, [not a.verified for a in agreements])
    add(str(_("Languages")), [", ".join(a.languages) or "—" for a in agreements], [False] * len(agreements))
    return rows


def agreement_limits(agreement: Agreement) -> list[AgreementLimit]:
    return list(agreement.limits.select_related("time_limit").order_by("kind"))


def evidence_types(agreement: Agreement) -> list[EvidenceType]:
    return list(agreement.evidence_types.order_by("strength", "name"))


# --- cases --------------------------------------------------------------------------------


def _require_view(actor: Actor) -> None:
    if not actor.has(perms.VIEW_READMISSION):
        raise NotFound()


def case_list(*, actor: Actor, q: str = "", status: str = "", side: str = "") -> QuerySet[ReadmissionCase]:
    """The actor's state's copies, newest first; ``q`` is a reference, a document number or
    the start of a family name."""
    _require_view(actor)
    rows = ReadmissionCase.objects.visible_to(actor).select_related("requesting_state", "requested_state")
    if status in Status.values:
        rows = rows.filter(status=status)
    if side in Side.values:
        rows = rows.filter(side=side)
    text = (q or "").strip()[:100]
    if text:
        reference = REFERENCES.normalise(text)
        if reference:
            rows = rows.filter(reference=reference)
        else:
            index = crypto.blind_index(state=actor.state or "", field="document_number", value=text)
            key = search_key(text)
            after = key[:-1] + chr(ord(key[-1]) + 1)
            rows = rows.filter(
                Q(document_number_index=index) | Q(search_name__gte=key, search_name__lt=after)
            )
    return rows.order_by("-created_at", "-id")


def case_list_audit(*, actor: Actor, shown: Iterable[ReadmissionCase], query: str = "") -> None:
    audit_record(
        actor=actor,
        action="readmission_case.searched",
        target_type="readmission_case",
        target_state=actor.state or "",
        data={"query": bool(query), "shown": len(list(shown))},
    )


def case_get(*, actor: Actor, reference: str, audit: bool = True) -> ReadmissionCase:
    """The actor's state's copy of the case; 404 for anyone else (other state, third state)."""
    _require_view(actor)
    canonical = REFERENCES.normalise(reference)
    case = (
        ReadmissionCase.objects.visible_to(actor)
        .select_related("agreement", "requesting_state", "requested_state", "person", "citizenship")
        .filter(reference=canonical)
        .first()
        if canonical
        else None
    )
    if case is None:
        raise NotFound()
    if audit:
        audit_record(actor=actor, action="readmission_case.viewed", target=case)
    return case


def evidence_of(case: ReadmissionCase) -> list[EvidenceItem]:
    return list(EvidenceItem.objects.for_state(case.state_id).filter(case=case).select_related("document"))


def travel_documents_of(case: ReadmissionCase) -> list[TravelDocument]:
    return list(TravelDocument.objects.for_state(case.state_id).filter(case=case))


def evidence_names(case: ReadmissionCase) -> dict[str, str]:
    return dict(EvidenceType.objects.filter(agreement=case.agreement).values_list("code", "name"))


@dataclass(frozen=True)
class Deadline:
    kind: str
    label: str
    due: dt.datetime
    rule: str
    source: str
    state: str  # running | stopped | breached


def _kind_of(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def deadlines(case: ReadmissionCase) -> list[Deadline]:
    """Every deadline of the case with its rule and legal source (both sides show the same)."""
    labels = dict(LimitKind.choices)
    found: list[Deadline] = []
    if case.side == Side.REQUESTING and case.status in (Status.DRAFT, Status.SCREENED) and case.known_since:
        due = submit_deadline(case, case.known_since)
        limit = next((x for x in case.agreement.limits.all() if x.kind == LimitKind.SUBMIT), None)
        if due is not None and limit is not None:
            found.append(
                Deadline(
                    kind=LimitKind.SUBMIT,
                    label=str(labels[LimitKind.SUBMIT]),
                    due=due,
                    rule=rule_text(limit.time_limit),
                    source=limit.time_limit.legal_source,
                    state="breached" if timezone.now() > due else "running",
                )
            )
    for item in clocks_for(record=case).select_related("time_limit"):
        kind = _kind_of(item.name)
        state = "breached" if item.breached_at else ("stopped" if item.stopped_at else "running")
        found.append(
            Deadline(
                kind=kind,
                label=str(labels.get(kind, kind)),
                due=item.deadline_at,
                rule=rule_text(item.time_limit),
                source=item.time_limit.legal_source,
                state=state,
            )
        )
    return found


def history(case: ReadmissionCase) -> QuerySet[CaseHistory]:
    from corridor.cases.selectors import history_for

    return history_for(record=case)


# --- nationality verification (the matching engine's search mode) -------------------------


@dataclass(frozen=True)
class FieldLine:
    field: str
    query_value: str
    record_value: str
    level: str
    bits: float


@dataclass(frozen=True)
class VerificationCandidate:
    source: str  # person | registration
    uuid: str
    name: str
    birth_date: dt.date | None
    match_probability: float
    explanation: list[FieldLine] = field(default_factory=list)


def _query_of(case: ReadmissionCase) -> dict[str, Any]:
    return {
        "record_id": "query",
        "family_name": case.name_cyrillic.split(" ")[0] if case.name_cyrillic else case.family_name,
        "given_name": (case.name_cyrillic.split(" ", 1)[1:] or [case.given_name])[0]
        if case.name_cyrillic
        else case.given_name,
        "patronymic": "",
        "birth_date": case.birth_date.isoformat() if case.birth_date else "",
        "sex": case.sex,
        "citizenship": case.citizenship_id or "",
        "birth_place": "",
        "document_number": "",
        "source": "query",
    }


def _candidate_records(actor: Actor, case: ReadmissionCase, limit: int) -> dict[str, dict[str, Any]]:
    """The requested state's own person records and consular registrations, blocked by birth year."""
    from corridor.people.models import PersonRecord

    records: dict[str, dict[str, Any]] = {}
    people = PersonRecord.objects.visible_to(actor).filter(state_id=actor.state)
    if case.birth_date:
        people = people.filter(birth_date__year=case.birth_date.year)
    for person in people.order_by("id")[:limit]:
        records[f"person:{person.uuid}"] = {
            "record_id": f"person:{person.uuid}",
            "family_name": person.family_name,
            "given_name": person.given_name,
            "patronymic": person.patronymic,
            "birth_date": person.birth_date.isoformat() if person.birth_date else "",
            "sex": person.sex,
            "citizenship": person.citizenship_id,
            "birth_place": "",
            "document_number": "",
            "source": "person",
        }
    if actor.has(perms.VIEW_REGISTRATION):
        from corridor.registration.selectors import visible_registrations

        registrations = visible_registrations(actor).filter(state_id=actor.state)
        if case.birth_date:
            registrations = registrations.filter(birth_date__year=case.birth_date.year)
        for reg in registrations.order_by("id")[:limit]:
            records[f"registration:{reg.uuid}"] = {
                "record_id": f"registration:{reg.uuid}",
                "family_name": reg.family_name,
                "given_name": reg.given_name,
                "patronymic": reg.patronymic,
                "birth_date": reg.birth_date.isoformat() if reg.birth_date else "",
                "sex": reg.sex,
                "citizenship": actor.state or "",
                "birth_place": "",
                "document_number": "",
                "source": "registration",
            }
    return records


def verification_candidates(
    *, actor: Actor, case: ReadmissionCase, top: int = 10, limit: int = 5000
) -> list[VerificationCandidate]:
    """Candidates among the requested state's own records, best first, each field explained.

    Proposals only: the officer decides (``services.nationality_verify``); no score decides.
    """
    policy.require(actor, perms.HANDLE_READMISSION, state=case.state_id)
    if case.side != Side.REQUESTED:
        return []
    records = _candidate_records(actor, case, limit)
    if not records:
        return []
    hits = search_adapter(_query_of(case), list(records.values()), top=top)
    out = []
    for hit in hits:
        record = records[hit.record_id]
        source, _sep, uuid = hit.record_id.partition(":")
        birth = record["birth_date"]
        out.append(
            VerificationCandidate(
                source=source,
                uuid=uuid,
                name=f"{record['family_name']} {record['given_name']}".strip(),
                birth_date=dt.date.fromisoformat(birth) if birth else None,
                match_probability=float(hit.match_probability),
                explanation=[
                    FieldLine(e.field, str(e.query_value), str(e.record_value), str(e.level), float(e.bits))
                    for e in hit.explanation
                ],
            )
        )
    audit_record(
        actor=actor,
        action="readmission_case.candidates_searched",
        target=case,
        data={"searched": len(records), "shown": len(out)},
    )
    return out


def search_adapter(query: Mapping[str, Any], records: list[Mapping[str, Any]], *, top: int) -> list[Any]:
    """The matching engine's search mode (``matching.services.search_records``).

    Until that function is on main, the engine's pair linker scores the query against the
    records (same engine, no per-field explanation but exact/differs per field).
    """
    from corridor.matching import services as matching

    search = getattr(matching, "search_records", None)
    if search is not None:
        return list(search(query, records, top=top))
    return _linker_fallback(query, records, top=top, candidates_for=matching.candidates_for)


@dataclass(frozen=True)
class _Explained:
    field: str
    query_value: str
    record_value: str
    level: str
    bits: float


@dataclass(frozen=True)
class _Hit:
    record_id: str
    match_probability: float
    match_weight: float
    explanation: list[_Explained]


def _linker_fallback(
    query: Mapping[str, Any], records: list[Mapping[str, Any]], *, top: int, candidates_for: Any
) -> list[_Hit]:
    pairs = candidates_for(left=[dict(query)], right=[dict(r) for r in records], threshold=0.01)
    by_id = {str(r["record_id"]): r for r in records}
    best: dict[str, float] = {}
    for pair in pairs:
        other = pair.right_id if pair.left_id == query["record_id"] else pair.left_id
        if other in by_id:
            best[other] = max(best.get(other, 0.0), float(pair.match_probability))
    ranked = sorted(best.items(), key=lambda item: -item[1])[:top]
    hits = []
    for record_id, probability in ranked:
        record = by_id[record_id]
        lines = []
        for name in ("family_name", "given_name", "birth_date", "sex"):
            mine, theirs = str(query.get(name) or ""), str(record.get(name) or "")
            level = (
                "missing"
                if not mine or not theirs
                else ("exact" if mine.casefold() == theirs.casefold() else "differs")
            )
            lines.append(_Explained(name, mine, theirs, level, 0.0))
        hits.append(_Hit(record_id, probability, 0.0, lines))
    return hits


# --- public travel document check -----------------------------------------------------------


@dataclass(frozen=True)
class DocumentCheck:
    valid: bool
    number: str = ""
    kind: str = ""
    holder_name: str = ""
    holder_birth_date: dt.date | None = None
    valid_until: dt.date | None = None
    issuer: str = ""


def travel_document_check(*, state: str, token: str) -> DocumentCheck:
    """What a border officer sees on the public page: valid or not, and only what the paper
    prints. System read of one state's rows (the token is the secret the QR code carries)."""
    if len(state) != 3 or not state.isalpha() or not (10 <= len(token) <= 64):
        return DocumentCheck(valid=False)
    try:
        set_db_state(state.upper())
        document = (
            TravelDocument.objects.for_state(state.upper())
            .filter(token=token)
            .select_related("state")
            .first()
        )
    finally:
        set_db_state(None)
    if document is None:
        return DocumentCheck(valid=False)
    today = timezone.localdate()
    valid = document.revoked_at is None and document.valid_from <= today <= document.valid_until
    audit_record(actor=None, action="travel_document.checked", target=document, data={"valid": valid})
    return DocumentCheck(
        valid=valid,
        number=document.number,
        kind=document.get_kind_display(),
        holder_name=document.holder_name,
        holder_birth_date=document.holder_birth_date,
        valid_until=document.valid_until,
        issuer=document.state.name,
    )


# --- monitoring ----------------------------------------------------------------------------

STAGES: list[tuple[str, str, str]] = [
    # label key, from status, to statuses
    ("reply", Status.SUBMITTED, "decided"),
    ("travel_document", Status.TRAVEL_DOC_REQUESTED, Status.TRAVEL_DOC_ISSUED),
    ("transfer", "decided", Status.TRANSFERRED),
    ("handover", Status.TRANSFERRED, Status.HANDED_OVER),
]
DECIDED = {Status.ACCEPTED, Status.REJECTED, Status.DEEMED_ACCEPTED}
STAGE_LABELS = {
    "reply": gettext_lazy("Reply (submission to decision)"),
    "travel_document": gettext_lazy("Travel document (request to issue)"),
    "transfer": gettext_lazy("Transfer (decision to transfer)"),
    "handover": gettext_lazy("Handover (transfer to handover)"),
}


def stages_of(stage_days: Mapping[str, Any]) -> list[tuple[str, Any]]:
    return [(str(STAGE_LABELS.get(stage, stage)), values) for stage, values in stage_days.items()]


SUPPRESS_BELOW = 10  # the proposed Almaty Process default for published cells (protection brief §7)


@dataclass
class AgreementYear:
    agreement: str
    year: int
    requests: int = 0
    acceptances: int = 0
    deemed: int = 0
    refusals: dict[str, int] = field(default_factory=dict)
    holds: int = 0
    overrides: int = 0
    stage_days: dict[str, tuple[float, float, int]] = field(default_factory=dict)  # median, p90, n
    durations: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    @property
    def stages(self) -> list[tuple[str, Any]]:
        return stages_of(self.stage_days)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _stage_times(steps: list[tuple[str, dt.datetime]]) -> dict[str, float]:
    """Real days per stage of one case from its history (first entry, first exit)."""
    first: dict[str, dt.datetime] = {}
    for status, at in steps:
        key = "decided" if status in DECIDED else status
        first.setdefault(key, at)
    out = {}
    for name, start, end in STAGES:
        if start in first and end in first and first[end] >= first[start]:
            out[name] = (first[end] - first[start]).total_seconds() / 86400
    return out


def monitoring(*, state: str | None = None) -> list[AgreementYear]:
    """Per agreement and year, from the requesting side's copies (each request counted once).

    ``state``: one state's own copies (its officers' view); ``None``: every state (system
    read for the public aggregates, which are then suppressed below ``SUPPRESS_BELOW``).
    """
    if state:
        states = [state]
    else:  # under row-level security the rows are read one party state at a time
        parties = Agreement.objects.filter(is_template=False).values_list("parties__iso3", flat=True)
        states = sorted({code for code in parties if code})
    results: dict[tuple[str, int], AgreementYear] = {}
    for own in states:
        _monitor_state(own, results)
    for row in results.values():
        for stage, values in row.durations.items():
            row.stage_days[stage] = (
                round(stats.median(values), 1),
                round(_percentile(values, 0.9), 1),
                len(values),
            )
    return sorted(results.values(), key=lambda r: (r.agreement, -r.year))


def _monitor_state(state: str, results: dict[tuple[str, int], AgreementYear]) -> None:
    from django.contrib.contenttypes.models import ContentType

    try:
        set_db_state(state)
        cases = list(
            ReadmissionCase.objects.for_state(state)
            .filter(side=Side.REQUESTING, submitted_at__isnull=False)
            .values_list("uuid", "agreement__code", "submitted_at", "status", "refusal_reason")
        )
        content_type = ContentType.objects.get_for_model(ReadmissionCase)
        steps: dict[Any, list[tuple[str, dt.datetime]]] = defaultdict(list)
        held: set[Any] = set()
        for uuid, to_status, action, at in (
            CaseHistory.objects.for_state(state)
            .filter(content_type=content_type)
            .values_list("object_uuid", "to_status", "action", "occurred_at")
            .order_by("occurred_at", "id")
        ):
            steps[uuid].append((to_status, at))
            if action == "hold":
                held.add(uuid)
        overrides = Counter(
            GateOverride.objects.for_state(state)
            .filter(content_type=content_type)
            .values_list("object_uuid", flat=True)
        )
    finally:
        set_db_state(None)
    for uuid, agreement, submitted, _status, reason in cases:
        key = (agreement, submitted.year)
        row = results.setdefault(key, AgreementYear(agreement, submitted.year))
        row.requests += 1
        reached = {s for s, _at in steps.get(uuid, [])}
        row.acceptances += Status.ACCEPTED in reached
        row.deemed += Status.DEEMED_ACCEPTED in reached
        if Status.REJECTED in reached:
            row.refusals[reason or "other"] = row.refusals.get(reason or "other", 0) + 1
        row.holds += uuid in held
        row.overrides += overrides.get(uuid, 0)
        for stage, days in _stage_times(steps.get(uuid, [])).items():
            row.durations[stage].append(days)


def suppressed(value: int) -> int | None:
    """A published count: None (shown as "fewer than 10") for non-zero counts under the threshold."""
    return None if 0 < value < SUPPRESS_BELOW else value


def clocks_running(state: str) -> QuerySet[Clock]:
    return Clock.objects.for_state(state).filter(stopped_at__isnull=True, breached_at__isnull=True)


@dataclass(frozen=True)
class PublishedYear:
    agreement: str
    year: int
    requests: int | None
    acceptances: int | None
    deemed: int | None
    refusals: dict[str, int | None]
    holds: int | None
    overrides: int | None
    stage_days: dict[str, tuple[float, float, int] | None]

    @property
    def stages(self) -> list[tuple[str, Any]]:
        return stages_of(self.stage_days)


def published(row: AgreementYear) -> PublishedYear:
    """A row as the public sees it: small counts suppressed, and stage times only where at
    least ``SUPPRESS_BELOW`` cases took the stage (a median of three cases identifies them)."""
    return PublishedYear(
        agreement=row.agreement,
        year=row.year,
        requests=suppressed(row.requests),
        acceptances=suppressed(row.acceptances),
        deemed=suppressed(row.deemed),
        refusals={reason: suppressed(n) for reason, n in row.refusals.items()},
        holds=suppressed(row.holds),
        overrides=suppressed(row.overrides),
        stage_days={
            stage: (values if values[2] >= SUPPRESS_BELOW else None)
            for stage, values in row.stage_days.items()
        },
    )


def travel_document_read_audit(*, actor: Actor, document: TravelDocument) -> None:
    audit_record(actor=actor, action="travel_document.viewed", target=document)
