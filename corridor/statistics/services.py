"""Writes of the data centre: upload, the approval workflow, publication, feeds.

Each is one transaction with its audit event inside. The regional centre's organisation has
no state, so regional steps set ``app.statistics_regional`` for their transaction (the
row-level-security policies of migration 0002 admit it); national steps act on rows of the
actor's own state only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.core.text import FORMULA_START
from corridor.statistics import conversion, cross_checks, publication
from corridor.statistics.models import (
    ApprovalEvent,
    Dataflow,
    Observation,
    ProvisionAgreement,
    Submission,
    SubmissionStatus,
)
from corridor.statistics.parsing import ParsedFile, parse_upload
from corridor.statistics.structure import FlowStructure, flow_structure
from corridor.statistics.validation.engine import CleanRow, Context, Report, validate

S = SubmissionStatus
BATCH = 5000


def set_regional_scope(actor: Actor) -> None:
    """Admit the regional centre through row-level security for this transaction only."""
    if connection.vendor == "postgresql" and actor.has(perms.ACCEPT_STATISTICS_REGIONAL):
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('app.statistics_regional', 'on', true)")


def dataflow_get(flow_id: str) -> Dataflow:
    flow = Dataflow.objects.filter(flow_id=flow_id).order_by("-version").first()
    if flow is None:
        raise ApplicationError(
            _("Unknown dataflow: {flow}.").format(flow=flow_id[:40]),
            fields={"dataflow": [_("Unknown dataflow.")]},
        )
    return flow


def _history(structure: FlowStructure, state: str) -> Any:
    def fetch(keys: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], list[tuple[str, int]]]:
        wanted = {".".join(k) for k in keys}
        rows = (
            Observation.objects.filter(dataflow_id=structure.flow_pk, state_id=state, is_current=True)
            .exclude(value=None)
            .order_by("time_period")
            .values_list("key", "time_period", "value")
        )
        series: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        for key, period, value in rows.iterator(chunk_size=10000):
            if key in wanted:
                series.setdefault(tuple(key.split(".")), []).append((period, int(value or 0)))
        return series

    return fetch


def check_file(*, parsed: ParsedFile, flow: Dataflow, provider: str) -> tuple[Report, list[CleanRow]]:
    structure = flow_structure(flow.pk)
    agreement = ProvisionAgreement.objects.filter(dataflow=flow, provider_id=provider).first()
    ctx = Context(structure=structure, provider=provider, history=_history(structure, provider))
    if agreement is not None:
        ctx.first_period, ctx.last_period = agreement.first_period, agreement.last_period
        ctx.expected_cells, ctx.deadline_days = agreement.expected_cells, agreement.deadline_days
    report = Report()
    if parsed.structure_id and parsed.structure_id != flow.flow_id:
        from corridor.statistics.validation.messages import ERROR, issue

        report.add(issue(ERROR, "wrong_structure", found=parsed.structure_id[:40], expected=flow.flow_id))
        return report, []
    notes = conversion.convert_periods(parsed.columns, provider)
    parsed.rows, mapped = conversion.map_national_codes(parsed.columns, parsed.rows, structure, provider)
    report, clean = validate(parsed.columns, parsed.rows, ctx)
    report.conversions = notes + mapped
    cross_checks.check(clean, structure=structure, provider=provider, report=report)
    return report, clean


@transaction.atomic
def submission_upload(
    *, actor: Actor, dataflow: str, content: bytes, file_name: str = "", is_synthetic: bool = False
) -> Submission:
    """Read, validate and (when there is no error) store a file as a new vintage.

    A file with errors is kept as a draft holding only its report; no observation of it is
    stored, so nothing is ever stored half way.
    """
    policy.require(actor, perms.SUBMIT_STATISTICS)
    if not actor.state:
        raise Forbidden()
    flow = dataflow_get(dataflow)
    parsed = parse_upload(content)
    submission = _store_parsed(actor=actor, flow=flow, parsed=parsed, content=content, file_name=file_name)
    if is_synthetic:
        submission.is_synthetic = True
        submission.save(update_fields=["is_synthetic"])
    return submission


def _new_submission(
    *, actor: Actor, flow: Dataflow, parsed: ParsedFile, content: bytes, file_name: str
) -> Submission:
    # Lock the provider's vintages of this dataflow so that two uploads get distinct numbers.
    existing = Submission.objects.for_state(actor.state or "").select_for_update().filter(dataflow=flow)
    vintage = max([s.vintage for s in existing] or [0]) + 1
    return Submission.objects.create(
        state_id=actor.state,
        dataflow=flow,
        vintage=vintage,
        file_format=parsed.file_format,
        file_name=file_name[:200],
        checksum=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content),
        created_by=actor.user,
    )


def _store_report(submission: Submission, report: Report) -> None:
    from corridor.statistics.validation.messages import FLAG, WARNING

    submission.report = report.as_json()
    submission.error_count = report.errors
    submission.warning_count = report.levels[WARNING]
    submission.flag_count = report.levels[FLAG]


def _store_observations(submission: Submission, structure: FlowStructure, clean: list[CleanRow]) -> None:
    dims = structure.dimensions
    cit = dims.index("CITIZENSHIP") if "CITIZENSHIP" in dims else None
    batch: list[Observation] = []
    for row in clean:
        rest = row.key if cit is None else row.key[:cit] + row.key[cit + 1 :]
        batch.append(
            Observation(
                submission_id=submission.pk,
                dataflow_id=structure.flow_pk,
                state_id=submission.state_id,
                time_period=row.period,
                key=".".join(row.key),
                citizenship=row.key[cit] if cit is not None else "",
                rest_key=".".join(rest),
                value=row.value,
                obs_status=row.obs_status,
                conf_status=row.conf_status,
                comment=row.comment,
            )
        )
        if len(batch) >= BATCH:
            Observation.objects.bulk_create(batch)
            batch = []
    Observation.objects.bulk_create(batch)
    periods = sorted({r.period for r in clean})
    submission.observation_count = len(clean)
    submission.first_period = periods[0] if periods else ""
    submission.last_period = periods[-1] if periods else ""


def _event(submission: Submission, actor: Actor | None, old: str, new: str, reason: str) -> None:
    ApprovalEvent.objects.create(
        submission=submission,
        from_status=old,
        to_status=new,
        actor=actor.user if actor else None,
        reason=reason,
    )


def _move(submission: Submission, actor: Actor | None, new: str, reason: str) -> None:
    old = submission.status
    submission.status = new
    _event(submission, actor, old, new, reason)


def _locked_for_update(submission: Submission, actor: Actor) -> Submission:
    set_regional_scope(actor)
    return Submission.objects.unscoped().select_for_update().get(pk=submission.pk)


def _expect(submission: Submission, *statuses: str) -> None:
    if submission.status not in statuses:
        raise Conflict(
            _("This submission is {status}; the step is not possible now.").format(
                status=submission.get_status_display()
            )
        )


def _audit_step(actor: Actor, submission: Submission, verb: str, reason: str = "") -> None:
    data: dict[str, Any] = {"status": submission.status, "vintage": submission.vintage}
    if reason:
        data["has_reason"] = True
    if submission.embargo_until is not None:
        data["embargo_until"] = submission.embargo_until.isoformat()
    audit_record(actor=actor, action=f"statistics_submission.{verb}", target=submission, data=data)


def _comment_flags(submission: Submission, comments: dict[tuple[str, str], str]) -> None:
    flagged = set(submission.flagged_cells())
    for (period, key), text in comments.items():
        text = text.strip()[:1000]
        if (period, key) not in flagged:
            raise ApplicationError(_("Only cells flagged as outliers take a comment here."))
        if text.startswith(FORMULA_START):
            raise ApplicationError(
                _("A comment may not start like a spreadsheet formula."),
                fields={"flag_comments": [text[:40]]},
            )
        if text:
            Observation.objects.filter(submission=submission, time_period=period, key=key).update(
                comment=text
            )


def uncommented_flags(submission: Submission) -> list[tuple[str, str]]:
    """Flagged cells still without a comment (a legacy flag without its cell never counts)."""
    flagged = [cell for cell in submission.flagged_cells() if cell[1]]
    commented = set(
        Observation.objects.filter(submission=submission, time_period__in={p for p, _k in flagged})
        .exclude(comment="")
        .values_list("time_period", "key")
    )
    return [cell for cell in flagged if cell not in commented]


def _check_flags_explained(submission: Submission, comment: str) -> None:
    cells = submission.flagged_cells()
    keyed = any(key for _p, key in cells)
    if keyed and submission.flag_count > len(cells):  # more flags than the report keeps
        raise ApplicationError(
            ngettext(
                "{count} cell is flagged as an outlier, too many to explain one by one; correct the file.",
                "{count} cells are flagged as outliers, too many to explain one by one; correct the file.",
                submission.flag_count,
            ).format(count=submission.flag_count)
        )
    missing = uncommented_flags(submission)
    if missing or (submission.flag_count and not keyed and not comment.strip()):
        count = len(missing) or submission.flag_count
        raise ApplicationError(
            ngettext(
                "{count} cell flagged as an outlier has no comment; explain it or correct the file.",
                "{count} cells flagged as outliers have no comment; explain each or correct the file.",
                count,
            ).format(count=count),
            fields={"flag_comments": [_("Each flagged cell needs its own comment.")]},
        )


@transaction.atomic
def submission_approve_national(
    *,
    actor: Actor,
    submission: Submission,
    comment: str = "",
    flag_comments: dict[tuple[str, str], str] | None = None,
) -> Submission:
    """Approve for the state. Each cell flagged as an outlier needs its own comment first
    (``flag_comments`` maps (period, key) to the comment; a comment in the file counts)."""
    policy.require(actor, perms.APPROVE_STATISTICS_NATIONAL, state=submission.state_id)
    submission = _locked_for_update(submission, actor)
    _expect(submission, S.VALIDATED)
    _comment_flags(submission, flag_comments or {})
    _check_flags_explained(submission, comment)
    _move(submission, actor, S.APPROVED_NATIONAL, comment.strip())
    submission.save(update_fields=["status", "updated_at"])
    _audit_step(actor, submission, "approved_national")
    return submission


@transaction.atomic
def submission_accept_regional(*, actor: Actor, submission: Submission) -> Submission:
    """Lock the vintage and make it the current data of its cells."""
    policy.require(actor, perms.ACCEPT_STATISTICS_REGIONAL)
    submission = _locked_for_update(submission, actor)
    _expect(submission, S.APPROVED_NATIONAL)
    periods = Observation.objects.filter(submission=submission).values("time_period")
    Observation.objects.filter(
        dataflow_id=submission.dataflow_id,
        state_id=submission.state_id,
        is_current=True,
        time_period__in=periods,
    ).update(is_current=False)
    Observation.objects.filter(submission=submission).update(is_current=True)
    _move(submission, actor, S.ACCEPTED_REGIONAL, "")
    submission.accepted_at = timezone.now()
    submission.save(update_fields=["status", "accepted_at", "updated_at"])
    _audit_step(actor, submission, "accepted_regional")
    return submission


def embargo_end(submission: Submission, requested: dt.datetime | None = None) -> dt.datetime | None:
    """The later of the agreement's embargo (days after acceptance) and a requested release
    time; None when both are already past, so the figures show at once."""
    agreement = ProvisionAgreement.objects.filter(
        dataflow_id=submission.dataflow_id, provider_id=submission.state_id
    ).first()
    candidates = [requested] if requested is not None else []
    if agreement is not None and agreement.embargo_days and submission.accepted_at is not None:
        candidates.append(submission.accepted_at + dt.timedelta(days=agreement.embargo_days))
    latest = max(candidates, default=None)
    return latest if latest is not None and latest > timezone.now() else None


@transaction.atomic
def submission_publish(
    *, actor: Actor, submission: Submission, embargo_until: dt.datetime | None = None
) -> Submission:
    """Apply disclosure control and release the vintage: to the public at once, or when its
    embargo passes (until then only the owner state sees it)."""
    policy.require(actor, perms.PUBLISH_STATISTICS)
    submission = _locked_for_update(submission, actor)
    _expect(submission, S.ACCEPTED_REGIONAL)
    if embargo_until is not None and timezone.is_naive(embargo_until):
        raise ApplicationError(
            _("Give the embargo time with its time zone."),
            fields={"embargo_until": [_("Enter a valid date/time.")]},
        )
    publication.release(submission)
    _move(submission, actor, S.PUBLISHED, "")
    submission.published_at = timezone.now()
    submission.embargo_until = embargo_end(submission, embargo_until)
    submission.save(update_fields=["status", "published_at", "embargo_until", "updated_at"])
    _audit_step(actor, submission, "published")
    return submission


SEND_BACK = {
    S.SUBMITTED: perms.APPROVE_STATISTICS_NATIONAL,
    S.VALIDATED: perms.APPROVE_STATISTICS_NATIONAL,
    S.APPROVED_NATIONAL: perms.ACCEPT_STATISTICS_REGIONAL,
}


@transaction.atomic
def submission_send_back(*, actor: Actor, submission: Submission, reason: str) -> Submission:
    """Any higher level returns a submission to draft, with a reason."""
    submission = _locked_for_update(submission, actor)
    permission = SEND_BACK.get(submission.status)  # type: ignore[call-overload]
    if permission is None:
        _expect(submission, *SEND_BACK)
    national = permission == perms.APPROVE_STATISTICS_NATIONAL
    policy.require(actor, permission, state=submission.state_id if national else None)
    if not reason.strip():
        raise ApplicationError(
            _("Give a reason for sending it back."), fields={"reason": [_("This field is required.")]}
        )
    _move(submission, actor, S.DRAFT, reason.strip()[:2000])
    submission.save(update_fields=["status", "updated_at"])
    _audit_step(actor, submission, "sent_back", reason)
    return submission


@transaction.atomic
def feed_publish(
    *, actor: Actor, dataflow: str, period: str, counts: dict[tuple[str, ...], int], source: str = ""
) -> Submission:
    """Operational modules publish monthly counts into a dataflow through here.

    ``counts`` maps the key (codes of the dataflow's dimensions after REF_AREA, in DSD
    order) to a count; the result is an ordinary submission that follows the workflow.
    """
    policy.require(actor, perms.SUBMIT_STATISTICS)
    flow = dataflow_get(dataflow)
    structure = flow_structure(flow.pk)
    freq = "M" if "-" in period else "A"
    columns: dict[str, list[str]] = {name: [] for name in (*structure.all_dimensions, "OBS_VALUE")}
    for key, value in counts.items():
        for dimension, code in zip(structure.dimensions, key, strict=True):
            columns[dimension].append(code)
        columns["FREQ"].append(freq)
        columns["REF_AREA"].append(actor.state or "")
        columns["TIME_PERIOD"].append(period)
        columns["OBS_VALUE"].append(str(value))
    content = repr(sorted(counts.items())).encode()
    parsed = ParsedFile(file_format="feed", structure_id=flow.flow_id, columns=columns, rows=len(counts))
    return _store_parsed(actor=actor, flow=flow, parsed=parsed, content=content, file_name=source)


def _store_parsed(
    *, actor: Actor, flow: Dataflow, parsed: ParsedFile, content: bytes, file_name: str
) -> Submission:
    if not actor.state:
        raise Forbidden()
    report, clean = check_file(parsed=parsed, flow=flow, provider=actor.state)
    submission = _new_submission(actor=actor, flow=flow, parsed=parsed, content=content, file_name=file_name)
    _store_report(submission, report)
    _event(submission, actor, "", S.DRAFT, "")
    if report.errors == 0:
        _store_observations(submission, flow_structure(flow.pk), clean)
        _move(submission, actor, S.SUBMITTED, "")
        _move(submission, actor, S.VALIDATED, "")
    submission.save()
    audit_record(
        actor=actor,
        action="statistics_submission.uploaded",
        target=submission,
        data={"dataflow": flow.flow_id, "vintage": submission.vintage, "status": submission.status},
    )
    return submission
