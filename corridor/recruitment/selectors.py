"""Reads: the public register and scorecard, public job ads, back-office lists, SDG 10.7.1."""

from __future__ import annotations

import datetime as dt
import io
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import qrcode
import qrcode.image.svg
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import BooleanField, Count, Max, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.accounts.models import Organisation, OrganisationKind
from corridor.cases.refs import Check
from corridor.recruitment.models import (
    AGENCY_CODE,
    JOB_AD_CODE,
    UUID_IN_TEXT,
    Agency,
    Certification,
    CertificationDecision,
    Employer,
    FeeReport,
    Finding,
    Inspection,
    Licence,
    LicenceDecision,
    LicenceStatus,
    Sanction,
    SanctionKind,
    Severity,
    Vacancy,
    VacancyStatus,
)

# Decisions that narrow an agency's rights are its published sanctions.
SANCTIONS = {
    LicenceStatus.SUSPENDED,
    LicenceStatus.REVOKED,
    LicenceStatus.BANNED,
    LicenceStatus.CANCELLED,
    LicenceStatus.EXPIRED,
}


def qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


# --- public register ---------------------------------------------------------------------


def public_agencies(*, q: str = "") -> QuerySet[Agency]:
    """The public register: every agency past the draft stage, found by name or licence number.

    The register is public by law and by design, so it is read unscoped.
    """
    rows = (
        Agency.objects.unscoped()
        .select_related("licence", "state")
        .exclude(licence__status=LicenceStatus.DRAFT)
    )
    text = q.strip()
    if text:
        rows = rows.filter(Q(name__icontains=text) | Q(licence_number__icontains=text))
    return rows.order_by("name", "id")


def public_agency_get(*, uuid: Any) -> Agency:
    """An agency of the public register by its long id or its short public id (AGY-…)."""
    parsed = AGENCY_CODE.parse(str(uuid))
    lookup = {"public_code": parsed.reference} if parsed.check is Check.VALID else {"uuid": uuid}
    try:
        return public_agencies().get(**lookup)
    except (Agency.DoesNotExist, ValidationError, ValueError) as exc:  # malformed uuids included
        raise Http404(_("Not found.")) from exc


def median(values: list[Decimal]) -> Decimal | None:
    return statistics.median(values) if values else None


def fee_summary(reports: QuerySet[FeeReport]) -> dict[str, Any]:
    """Count, median fee per currency, and the SDG 10.7.1 median over the reports."""
    rows = list(reports.values_list("amount", "currency", "monthly_earnings"))
    by_currency: dict[str, list[Decimal]] = {}
    for amount, currency, _earnings in rows:
        by_currency.setdefault(currency, []).append(amount)
    medians = {currency: median(values) for currency, values in sorted(by_currency.items())}
    return {"count": len(rows), "median_fee": medians, "sdg_10_7_1": sdg_10_7_1(rows)}


def sdg_10_7_1(rows: list[tuple[Decimal, str, Decimal]]) -> Decimal | None:
    """SDG indicator 10.7.1 per worker: recruitment cost ÷ monthly earnings; the median of those.

    Each report gives cost and earnings in one currency, so the ratio needs no exchange rate.
    """
    ratios = [amount / earnings for amount, _currency, earnings in rows if earnings > 0]
    result = median(ratios)
    return None if result is None else result.quantize(Decimal("0.01"))


def sdg_10_7_1_overall(*, destination: str = "") -> Decimal | None:
    reports = FeeReport.objects.all()
    if destination:
        reports = reports.filter(destination_id=destination)
    return sdg_10_7_1(list(reports.values_list("amount", "currency", "monthly_earnings")))


@dataclass(frozen=True)
class Scorecard:
    agency: Agency
    status: str
    status_label: str
    reason: str
    valid_to: Any
    sanctions: list[LicenceDecision]
    fees: dict[str, Any]
    certification: Certification | None = None
    certification_decisions: list[CertificationDecision] = field(default_factory=list)
    inspections: dict[str, Any] = field(default_factory=dict)
    other_sanctions: list[Sanction] = field(default_factory=list)
    delisted: bool = False
    # Hook for the grievances sub-app (count and time to resolve); None until it is wired in.
    # count, resolved, median_days_to_resolve: filled by ``recruitment.complaints.with_complaints``
    complaints: dict[str, Any] | None = None


def inspection_summary(*, agency: Agency, today: dt.date | None = None) -> dict[str, Any]:
    """Published figures: inspections, findings by severity, corrective actions open and overdue."""
    day = today or timezone.localdate()
    inspections = Inspection.objects.unscoped().filter(agency=agency)
    findings = Finding.objects.unscoped().filter(inspection__agency=agency)
    by_severity = dict(findings.values_list("severity").annotate(n=Count("id")).order_by())
    open_findings = findings.filter(done_on__isnull=True)
    return {
        "count": inspections.count(),
        "last": inspections.aggregate(last=Max("inspected_on"))["last"],
        "findings": {severity: by_severity.get(severity, 0) for severity in Severity.values},
        "open": open_findings.count(),
        "overdue": open_findings.filter(due_on__lt=day).count(),
    }


def agency_scorecard(*, agency: Agency) -> Scorecard:
    licence = agency.licence
    sanctions = list(LicenceDecision.objects.filter(licence=licence, to_status__in=SANCTIONS))
    certification = Certification.objects.unscoped().filter(agency=agency).first()
    decisions = list(certification.decisions.all()[:20]) if certification else []
    others = list(Sanction.objects.unscoped().filter(agency=agency))
    return Scorecard(
        agency=agency,
        status=licence.status,
        status_label=licence.get_status_display(),
        reason=licence.status_reason,
        valid_to=licence.valid_to,
        sanctions=sanctions,
        fees=fee_summary(FeeReport.objects.filter(agency=agency)),
        certification=certification,
        certification_decisions=decisions,
        inspections=inspection_summary(agency=agency),
        other_sanctions=others,
        delisted=any(s.kind == SanctionKind.DELISTING for s in others),
    )


# --- public job ads ----------------------------------------------------------------------


def _publicly_valid(rows: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    """Published, not past the closing date, and (when an agency recruits) its licence is active.

    The licence test is a NOT IN over the few barred agencies (PostgreSQL hashes the subquery
    once) rather than a join per row, so that the newest-first index can stop after one page.
    """
    barred = Licence.objects.unscoped().exclude(status=LicenceStatus.ACTIVE).values("agency_id")
    return rows.filter(status=VacancyStatus.PUBLISHED, valid_until__gte=timezone.localdate()).exclude(
        agency_id__in=barred
    )


def public_vacancies(
    *, q: str = "", occupation: str = "", destination: str = "", language: str = ""
) -> QuerySet[Vacancy]:
    """Published, unexpired ads (read unscoped: public), newest first.

    Every filter has an index on PostgreSQL (migration 0006): the search document (GIN), the
    language list (GIN), occupation prefix and destination (b-tree, newest first).
    """
    rows: QuerySet[Vacancy] = _publicly_valid(
        Vacancy.objects.unscoped().select_related("agency__licence", "employer", "occupation", "destination")
    )
    if occupation:
        rows = rows.filter(occupation__code__startswith=occupation)  # a major group finds its units
    if destination:
        rows = rows.filter(destination_id=destination.upper())
    if language:
        rows = _with_language(rows, language.strip().lower())
    return _text_search(rows, q.strip())


def _with_language(rows: QuerySet[Vacancy], code: str) -> QuerySet[Vacancy]:
    if connection.vendor == "postgresql":
        return rows.filter(languages__contains=[code])
    # SQLite has no JSON containment: the demo's published list is small, filter in Python.
    return rows.filter(pk__in=[v.pk for v in rows if code in (v.languages or [])])


# The three stemmings of the stored search document (migration 0006); a word matches in any.
_TSQUERY = (
    "(websearch_to_tsquery('russian', %s) || websearch_to_tsquery('turkish', %s)"
    " || websearch_to_tsquery('english', %s))"
)


def _text_search(rows: QuerySet[Vacancy], text: str) -> QuerySet[Vacancy]:
    """Newest first, also for word searches: ranking every match of a common word costs a read of
    each match (measured in the README), while newest-first lets PostgreSQL stop after a page."""
    newest = ("-published_at", "-id")
    if not text:
        return rows.order_by(*newest)
    if connection.vendor == "postgresql":
        # The SQL is constant; the user's words travel only as bound parameters.
        sql = f"recruitment_vacancy.search_document @@ {_TSQUERY}"
        match = RawSQL(sql, [text, text, text], output_field=BooleanField())  # noqa: S611
        return rows.filter(match).order_by(*newest)
    for word in text.split():
        rows = rows.filter(
            Q(title__icontains=word)
            | Q(employer_name__icontains=word)
            | Q(description__icontains=word)
            | Q(city__icontains=word)
        )
    return rows.order_by(*newest)


def vacancy_feed(*, limit: int = 50) -> list[Vacancy]:
    """The newest valid ads for partner job boards (RSS and JSON feeds)."""
    rows = _publicly_valid(Vacancy.objects.unscoped().select_related("occupation", "destination", "agency"))
    return list(rows.order_by("-published_at", "-id")[:limit])


@dataclass(frozen=True)
class PublicCheck:
    """The answer to "is this job ad (or agency) real?" for what a worker typed or scanned.

    ``outcome``: ``verified`` (safe to go on), ``not_verified`` (known, but not valid now),
    ``unknown`` (no such id: treat as fake) or ``mistyped`` (the check character is wrong).
    """

    outcome: str
    kind: str = ""  # "job_ad" | "agency" | ""
    code: str = ""
    name: str = ""
    reason: str = ""
    url: str = ""

    @property
    def verified(self) -> bool:
        return self.outcome == "verified"


def _check_job_ad(vacancy: Vacancy) -> PublicCheck:
    valid, reason = vacancy_validity(vacancy=vacancy)
    return PublicCheck(
        outcome="verified" if valid else "not_verified",
        kind="job_ad",
        code=vacancy.public_code,
        name=f"{vacancy.title} — {vacancy.employer_name}",
        reason=reason,
        url=vacancy.get_public_url(),
    )


def _check_agency(agency: Agency) -> PublicCheck:
    licence = getattr(agency, "licence", None)
    active = licence is not None and licence.status == LicenceStatus.ACTIVE
    if active:
        reason = _("This agency's licence is active: it may recruit.")
    elif licence is None:
        reason = _("This agency has no licence on the register.")
    else:
        reason = _("The agency's licence is {status}: it may not recruit.").format(
            status=licence.get_status_display()
        )
    return PublicCheck(
        outcome="verified" if active else "not_verified",
        kind="agency",
        code=agency.public_code,
        name=agency.name,
        reason=reason,
        url=agency.get_public_url(),
    )


def public_check(*, text: str) -> PublicCheck:
    """Check a job ad's or agency's public id as typed (any case, spaces or hyphens) or the
    address its QR code holds (which carries the long id). Never raises for any input."""
    raw = str(text or "").strip()[:300]
    if not raw:
        return PublicCheck(outcome="empty")
    uuid_match = UUID_IN_TEXT.search(raw)
    if uuid_match:
        vacancy = _shown_vacancies().filter(uuid=uuid_match.group(0)).first()
        if vacancy is not None:
            return _check_job_ad(vacancy)
        agency = public_agencies().filter(uuid=uuid_match.group(0)).first()
        return _check_agency(agency) if agency is not None else PublicCheck(outcome="unknown")
    mistyped = False
    for scheme, kind in ((JOB_AD_CODE, "job_ad"), (AGENCY_CODE, "agency")):
        parsed = scheme.parse(raw)
        if parsed.check is Check.MALFORMED:
            continue
        if parsed.check is Check.LEGACY:  # right shape, wrong check character: a typing error
            mistyped = True
            continue
        if kind == "job_ad":
            vacancy = _shown_vacancies().filter(public_code=parsed.reference).first()
            if vacancy is not None:
                return _check_job_ad(vacancy)
        else:
            agency = public_agencies().filter(public_code=parsed.reference).first()
            if agency is not None:
                return _check_agency(agency)
    return PublicCheck(outcome="mistyped" if mistyped else "unknown", code=raw[:40])


def _shown_vacancies() -> QuerySet[Vacancy]:
    """Any ad that was ever verified can be checked; drafts and refusals are unknown ids."""
    shown = [s for s in VacancyStatus.values if s not in {VacancyStatus.SUBMITTED, VacancyStatus.REJECTED}]
    return (
        Vacancy.objects.unscoped()
        .select_related("agency__licence", "occupation", "destination")
        .filter(status__in=shown)
    )


def public_vacancy_get(*, uuid: Any) -> Vacancy:
    parsed = JOB_AD_CODE.parse(str(uuid))
    lookup = {"public_code": parsed.reference} if parsed.check is Check.VALID else {"uuid": uuid}
    try:
        return _shown_vacancies().get(**lookup)
    except (Vacancy.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def vacancy_validity(*, vacancy: Vacancy) -> tuple[bool, str]:
    """Is this job ad valid today, and why (not)?"""
    if vacancy.status == VacancyStatus.VERIFIED:
        return False, _("This vacancy was verified but is not published yet.")
    if vacancy.status != VacancyStatus.PUBLISHED:
        reason = _("This vacancy is {status}.").format(status=vacancy.get_status_display())
        return False, f"{reason} {vacancy.status_reason}".strip()
    if vacancy.valid_until < timezone.localdate():
        return False, _("This vacancy closed on {date}.").format(date=vacancy.valid_until.isoformat())
    licence = vacancy.agency.licence if vacancy.agency else None
    if licence is not None and licence.status != LicenceStatus.ACTIVE:
        return False, _("The agency's licence is {status}: it may not recruit.").format(
            status=licence.get_status_display()
        )
    return True, _("This job ad was verified by the destination state and is published.")


# --- back office -------------------------------------------------------------------------


def agencies_for_officer(*, actor: Actor, q: str = "") -> QuerySet[Agency]:
    rows = Agency.objects.visible_to(actor).select_related("licence")
    if q.strip():
        rows = rows.filter(Q(name__icontains=q.strip()) | Q(licence_number__icontains=q.strip()))
    return rows.order_by("name", "id")


def agency_for_officer(*, actor: Actor, uuid: Any) -> Agency:
    try:
        return agencies_for_officer(actor=actor).get(uuid=uuid)
    except (Agency.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def _verifiable_q(actor: Actor) -> Q:
    """The destination state sees job orders for its territory: it has to verify them."""
    if actor.state and actor.has(perms.VERIFY_VACANCIES):
        return Q(destination_id=actor.state)
    return Q(pk__in=[])


def vacancies_for_officer(*, actor: Actor) -> QuerySet[Vacancy]:
    """Own state's job orders, those for the actor's territory, and an employer account's own."""
    own = Vacancy.objects.visible_to(actor).values("pk")
    mine = Q(pk__in=[])
    if actor.has(perms.POST_JOB_ORDERS) and actor.organisation is not None and actor.state:
        mine = Q(employer__organisation=actor.organisation, state_id=actor.state)
    rows = Vacancy.objects.unscoped().filter(Q(pk__in=own) | _verifiable_q(actor) | mine)
    return rows.select_related("agency", "employer", "occupation", "destination").order_by(
        "-created_at", "-id"
    )


def verification_queue(*, actor: Actor) -> QuerySet[Vacancy]:
    rows = Vacancy.objects.unscoped().filter(_verifiable_q(actor), status=VacancyStatus.SUBMITTED)
    return rows.select_related("agency", "occupation").order_by("created_at", "id")


def vacancy_for_officer(*, actor: Actor, uuid: Any) -> Vacancy:
    try:
        return vacancies_for_officer(actor=actor).get(uuid=uuid)
    except (Vacancy.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def employers_for_officer(*, actor: Actor, q: str = "") -> QuerySet[Employer]:
    """Employers registered by the actor's state (recruitment officers only)."""
    rows = Employer.objects.visible_to(actor)
    if q.strip():
        rows = rows.filter(Q(name__icontains=q.strip()) | Q(registry_id__icontains=q.strip()))
    return rows.select_related("country").order_by("name", "id")


def employer_choices(*, limit: int = 500) -> list[Employer]:
    """Any registered employer may be named on a job order: the register is public."""
    return list(Employer.objects.unscoped().order_by("country_id", "name", "id")[:limit])


def inspections_for_officer(*, actor: Actor, agency: Agency) -> QuerySet[Inspection]:
    findings = Prefetch("findings", queryset=Finding.objects.visible_to(actor).order_by("due_on", "id"))
    return Inspection.objects.visible_to(actor).filter(agency=agency).prefetch_related(findings)


def finding_for_officer(*, actor: Actor, uuid: Any) -> Finding:
    try:
        return Finding.objects.visible_to(actor).select_related("inspection__agency").get(uuid=uuid)
    except (Finding.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc


def unlinked_employer_accounts(*, actor: Actor) -> list[Organisation]:
    """Employer organisations of the actor's state not yet linked to an employer record."""
    if not actor.state:
        return []
    rows = Organisation.objects.filter(
        state_id=actor.state, kind=OrganisationKind.EMPLOYER, employer_record__isnull=True
    )
    return list(rows.order_by("name", "id"))


def organisation_for_link(*, actor: Actor, uuid: Any) -> Organisation | None:
    try:
        return next((o for o in unlinked_employer_accounts(actor=actor) if str(o.uuid) == str(uuid)), None)
    except (ValidationError, ValueError):
        return None
