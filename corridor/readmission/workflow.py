"""The readmission life cycle as one transition table, shared by both copies of a case.

Each action is taken on **one** side by that side's officer (``SIDE_OF``); the other copy
follows when the exchange message arrives (the receiving node's system takes the same
action on its copy, ``actor=None``). System-only rows are taken by sweeps and by the
protection hook. Clocks are named per agreement: ``readmission.<agreement>.<kind>``.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.cases import clocks
from corridor.cases.consent import consent_active
from corridor.cases.models import ConsentPurpose
from corridor.cases.refs import ReferenceScheme
from corridor.cases.workflow import Guard, Transition, Workflow
from corridor.readmission.models import EvidenceItem, LimitKind, Side
from corridor.readmission.models import Status as S

HANDLE = perms.HANDLE_READMISSION
# One reference for both copies: the requesting state's, e.g. TUR-RA-7K3M9QXC.
REFERENCES = ReferenceScheme(prefix="RA", with_state=True, groups=(8,))

# Statuses in which the case is with the other state but nobody has been moved yet: a
# protection flag raised now puts both copies on hold.
HOLDABLE = frozenset(
    {
        S.SUBMITTED,
        S.ACKNOWLEDGED,
        S.UNDER_VERIFICATION,
        S.INFO_REQUESTED,
        S.INTERVIEW_SCHEDULED,
        S.EXTENSION_REQUESTED,
        S.ACCEPTED,
        S.DEEMED_ACCEPTED,
        S.TRAVEL_DOC_REQUESTED,
        S.TRAVEL_DOC_ISSUED,
        S.TRANSFER_SCHEDULED,
    }
)
VERIFYING = frozenset(
    {
        S.SUBMITTED,
        S.ACKNOWLEDGED,
        S.UNDER_VERIFICATION,
        S.INFO_REQUESTED,
        S.INTERVIEW_SCHEDULED,
        S.EXTENSION_REQUESTED,
    }
)
DECIDABLE = frozenset({S.SUBMITTED, S.ACKNOWLEDGED, S.UNDER_VERIFICATION})
ACCEPTED_STAGE = frozenset({S.ACCEPTED, S.DEEMED_ACCEPTED, S.TRAVEL_DOC_REQUESTED})
DOCUMENT_STAGE = frozenset({S.TRAVEL_DOC_ISSUED, S.TRANSFER_SCHEDULED})
OPEN = frozenset({S.DRAFT, S.SCREENED} | HOLDABLE | {S.ON_HOLD})


def clock(kind: str) -> Any:
    """The clock name of ``kind`` for the case's agreement (the reply clock of an accelerated
    case is the accelerated one)."""

    def name(case: Any) -> str:
        chosen = kind
        if kind == LimitKind.REPLY and case.accelerated:
            chosen = LimitKind.REPLY_ACCELERATED
        return f"readmission.{case.agreement.code}.{chosen}"

    return name


REPLY = clock(LimitKind.REPLY)
ACKNOWLEDGE = clock(LimitKind.ACKNOWLEDGE)
TRAVEL_DOCUMENT = clock(LimitKind.TRAVEL_DOCUMENT)
TRANSFER = clock(LimitKind.TRANSFER)


def _on(side: str, test: Any) -> Any:
    """A guard that applies on one side only (the other copy follows the decision)."""

    def check(case: Any, actor: Any, changes: dict[str, Any]) -> bool:
        return case.side != side or bool(test(case, changes))

    return check


def _value(case: Any, changes: dict[str, Any], name: str) -> Any:
    return changes.get(name) if name in changes else getattr(case, name)


SCREENED = Guard(_on(Side.REQUESTING, lambda c, ch: c.screened_at), _("Record the protection screen first."))
HAS_EVIDENCE = Guard(
    _on(Side.REQUESTING, lambda c, ch: EvidenceItem.objects.for_state(c.state_id).filter(case=c).exists()),
    _("Add the evidence the agreement requires (at least one document of its annexes)."),
)
VERIFIED = Guard(
    _on(Side.REQUESTED, lambda c, ch: _value(c, ch, "person") is not None),
    _("Verify the nationality first: link the person among your own records."),
)


def _within_submit_limit(case: Any, changes: dict[str, Any]) -> bool:
    known = _value(case, changes, "known_since")
    if known is None:
        return True
    deadline = submit_deadline(case, known)
    return deadline is None or timezone.now() <= deadline


def submit_deadline(case: Any, known: dt.date) -> dt.datetime | None:
    """The last moment to submit, counted from the day the irregular stay became known."""
    try:
        limit = clocks.time_limit_for(
            code=clock(LimitKind.SUBMIT)(case), state=case.state_id, on=timezone.localdate()
        )
    except clocks.NoTimeLimit:
        return None
    start = timezone.make_aware(dt.datetime.combine(known, dt.time(0, 0)))
    return clocks.compute_deadline(limit=limit, state=case.state_id, start=start)


IN_TIME = Guard(
    _on(Side.REQUESTING, _within_submit_limit),
    _("The agreement's time limit for submitting this request has passed."),
)


def _consented(case: Any, changes: dict[str, Any]) -> bool:
    person = _value(case, changes, "person")
    return person is not None and consent_active(person=person, purpose=ConsentPurpose.SERVICES) is not None


CONSENTED = Guard(
    _on(Side.REQUESTED, _consented),
    _("Record the person's consent to reintegration services first."),
)


def _held(sources: frozenset[str]) -> Guard:
    return Guard(lambda c, a, ch: c.held_from in sources, _("The case was held at another stage."))


def _t(action: str, sources: Any, target: str, label: Any, **kwargs: Any) -> Transition:
    return Transition(action, sources, target, permission=HANDLE, label=label, **kwargs)


TRANSITIONS = (
    _t("screen", {S.DRAFT}, S.SCREENED, _("Record the protection screen"), verb="screened"),
    _t(
        "submit",
        {S.SCREENED},
        S.SUBMITTED,
        _("Submit to the requested state"),
        verb="submitted",
        gate=True,
        guards=[SCREENED, HAS_EVIDENCE, IN_TIME],
        start_clocks=[REPLY, ACKNOWLEDGE],
    ),
    _t(
        "acknowledge",
        {S.SUBMITTED},
        S.ACKNOWLEDGED,
        _("Acknowledge receipt"),
        verb="acknowledged",
        stop_clocks=[ACKNOWLEDGE],
    ),
    _t(
        "verify",
        {S.SUBMITTED, S.ACKNOWLEDGED},
        S.UNDER_VERIFICATION,
        _("Start verifying nationality"),
        verb="verification_started",
        stop_clocks=[ACKNOWLEDGE],
    ),
    _t(
        "request_info",
        {S.UNDER_VERIFICATION},
        S.INFO_REQUESTED,
        _("Ask for more information"),
        verb="info_requested",
        needs_note=True,
    ),
    _t(
        "provide_info",
        {S.INFO_REQUESTED},
        S.UNDER_VERIFICATION,
        _("Provide the information asked for"),
        verb="info_provided",
        needs_note=True,
    ),
    _t(
        "schedule_interview",
        {S.UNDER_VERIFICATION},
        S.INTERVIEW_SCHEDULED,
        _("Schedule a consular interview"),
        verb="interview_scheduled",
        needs_note=True,
    ),
    _t(
        "interview_held",
        {S.INTERVIEW_SCHEDULED},
        S.UNDER_VERIFICATION,
        _("Record that the interview took place"),
        verb="interview_held",
    ),
    _t(
        "request_extension",
        {S.UNDER_VERIFICATION},
        S.EXTENSION_REQUESTED,
        _("Ask for more time to reply"),
        verb="extension_requested",
        needs_note=True,
    ),
    _t(
        "grant_extension",
        {S.EXTENSION_REQUESTED},
        S.UNDER_VERIFICATION,
        _("Grant the extension"),
        verb="extension_granted",
    ),
    _t(
        "decline_extension",
        {S.EXTENSION_REQUESTED},
        S.UNDER_VERIFICATION,
        _("Decline the extension"),
        verb="extension_declined",
        needs_note=True,
    ),
    _t(
        "accept",
        DECIDABLE,
        S.ACCEPTED,
        _("Accept the request"),
        verb="accepted",
        guards=[VERIFIED],
        stop_clocks=[REPLY, ACKNOWLEDGE],
        start_clocks=[TRANSFER],
    ),
    _t(
        "reject",
        DECIDABLE,
        S.REJECTED,
        _("Refuse the request"),
        verb="rejected",
        needs_note=True,
        stop_clocks=["*"],
    ),
    _t(
        "deem_accept",
        VERIFYING,
        S.DEEMED_ACCEPTED,
        _("Deemed accepted: no reply within the limit"),
        verb="deemed_accepted",
        system_only=True,
        stop_clocks=[REPLY, ACKNOWLEDGE],
        start_clocks=[TRANSFER],
    ),
    _t(
        "request_travel_doc",
        {S.ACCEPTED, S.DEEMED_ACCEPTED},
        S.TRAVEL_DOC_REQUESTED,
        _("Ask for a travel document"),
        verb="travel_document_requested",
        start_clocks=[TRAVEL_DOCUMENT],
    ),
    _t(
        "issue_travel_doc",
        {S.TRAVEL_DOC_REQUESTED},
        S.TRAVEL_DOC_ISSUED,
        _("Issue the travel document"),
        verb="travel_document_issued",
        stop_clocks=[TRAVEL_DOCUMENT],
    ),
    _t(
        "schedule_transfer",
        {S.TRAVEL_DOC_ISSUED},
        S.TRANSFER_SCHEDULED,
        _("Schedule the transfer"),
        verb="transfer_scheduled",
        gate=True,
        guards=[SCREENED],
    ),
    _t(
        "transfer",
        {S.TRANSFER_SCHEDULED},
        S.TRANSFERRED,
        _("Record the transfer"),
        verb="transferred",
        gate=True,
        stop_clocks=[TRANSFER],
    ),
    _t("hand_over", {S.TRANSFERRED}, S.HANDED_OVER, _("Record the handover"), verb="handed_over"),
    _t("close", {S.HANDED_OVER}, S.CLOSED, _("Close the case"), verb="closed"),
    _t(
        "refer_reintegration",
        {S.HANDED_OVER},
        S.REFERRED,
        _("Refer to reintegration (with consent)"),
        verb="referred_to_reintegration",
        guards=[CONSENTED],
    ),
    _t(
        "hold",
        HOLDABLE,
        S.ON_HOLD,
        _("Hold: a protection flag is open"),
        verb="held",
        system_only=True,
        stop_clocks=["*"],
    ),
    _t(
        "resume_verification",
        {S.ON_HOLD},
        S.UNDER_VERIFICATION,
        _("Release the hold and resume verification"),
        verb="resumed",
        gate=True,
        needs_note=True,
        guards=[_held(VERIFYING)],
        start_clocks=[REPLY],
    ),
    _t(
        "resume_accepted",
        {S.ON_HOLD},
        S.ACCEPTED,
        _("Release the hold (request accepted)"),
        verb="resumed",
        gate=True,
        needs_note=True,
        guards=[_held(ACCEPTED_STAGE)],
        start_clocks=[TRANSFER],
    ),
    _t(
        "resume_travel_doc",
        {S.ON_HOLD},
        S.TRAVEL_DOC_ISSUED,
        _("Release the hold (travel document issued)"),
        verb="resumed",
        gate=True,
        needs_note=True,
        guards=[_held(DOCUMENT_STAGE)],
        start_clocks=[TRANSFER],
    ),
    _t("withdraw", OPEN, S.WITHDRAWN, _("Withdraw the request"), verb="withdrawn", needs_note=True),
    _t(
        "report_wrongful",
        {S.TRANSFERRED, S.HANDED_OVER},
        S.WRONGFUL,
        _("Report a wrongful readmission"),
        verb="wrongful_reported",
        needs_note=True,
    ),
    _t("take_back", {S.WRONGFUL}, S.TAKEN_BACK, _("Take the person back"), verb="taken_back"),
)

# Which side's officer takes each action (system-only rows: both sides' systems).
SIDE_OF: dict[str, str] = {
    "screen": Side.REQUESTING,
    "submit": Side.REQUESTING,
    "acknowledge": Side.REQUESTED,
    "verify": Side.REQUESTED,
    "request_info": Side.REQUESTED,
    "provide_info": Side.REQUESTING,
    "schedule_interview": Side.REQUESTED,
    "interview_held": Side.REQUESTED,
    "request_extension": Side.REQUESTED,
    "grant_extension": Side.REQUESTING,
    "decline_extension": Side.REQUESTING,
    "accept": Side.REQUESTED,
    "reject": Side.REQUESTED,
    "request_travel_doc": Side.REQUESTING,
    "issue_travel_doc": Side.REQUESTED,
    "schedule_transfer": Side.REQUESTING,
    "transfer": Side.REQUESTING,
    "hand_over": Side.REQUESTED,
    "close": Side.REQUESTED,
    "refer_reintegration": Side.REQUESTED,
    "resume_verification": Side.REQUESTING,
    "resume_accepted": Side.REQUESTING,
    "resume_travel_doc": Side.REQUESTING,
    "withdraw": Side.REQUESTING,
    "report_wrongful": Side.REQUESTED,
    "take_back": Side.REQUESTING,
}
# Actions taken on the requesting side before the case exists on the other side.
LOCAL_ONLY = frozenset({"screen"})


def _may_act(actor: Any, case: Any, transition: Transition) -> bool:
    return SIDE_OF.get(transition.action) == case.side


def _person(case: Any) -> Any:
    """The gate reads the requesting side's person record: that is where the person is and
    where flags are raised. The requested side's copy follows the requesting side's gated
    steps and has no flags of its own to check (a stand-in without flags)."""
    if case.side == Side.REQUESTING:
        return case.person
    return SimpleNamespace(protection_reasons=[], state_id=case.state_id)


READMISSION = Workflow(
    name="readmission_case",
    transitions=TRANSITIONS,
    may_act=_may_act,
    person_of=_person,
    note_field="note",
    wrong_status=_("This cannot be done while the case is {status}."),
)
