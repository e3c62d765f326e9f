"""Reads: the public register and scorecard, public job ads, back-office lists, SDG 10.7.1."""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import qrcode
import qrcode.image.svg
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.recruitment.models import (
    Agency,
    FeeReport,
    LicenceDecision,
    LicenceStatus,
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
    try:
        return public_agencies().get(uuid=uuid)
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


def agency_scorecard(*, agency: Agency) -> Scorecard:
    licence = agency.licence
    sanctions = list(LicenceDecision.objects.filter(licence=licence, to_status__in=SANCTIONS))
    return Scorecard(
        agency=agency,
        status=licence.status,
        status_label=licence.get_status_display(),
        reason=licence.status_reason,
        valid_to=licence.valid_to,
        sanctions=sanctions,
        fees=fee_summary(FeeReport.objects.filter(agency=agency)),
    )


# --- public job ads ----------------------------------------------------------------------


def public_vacancies(
    *, q: str = "", occupation: str = "", destination: str = "", language: str = ""
) -> QuerySet[Vacancy]:
    """Published, unexpired ads of agencies whose licence is active (read unscoped: public)."""
    rows: QuerySet[Vacancy] = (
        Vacancy.objects.unscoped()
        .select_related("agency__licence", "occupation", "destination")
        .filter(
            status=VacancyStatus.PUBLISHED,
            valid_until__gte=timezone.localdate(),
            agency__licence__status=LicenceStatus.ACTIVE,
        )
    )
    if occupation:
        rows = rows.filter(occupation__code__startswith=occupation)  # a major group finds its units
    if destination:
        rows = rows.filter(destination_id=destination.upper())
    if language:
        rows = _with_language(rows, language.strip().lower())
    return _text_search(rows, q.strip()).order_by("-published_at", "-id")


def _with_language(rows: QuerySet[Vacancy], code: str) -> QuerySet[Vacancy]:
    if connection.vendor == "postgresql":
        return rows.filter(languages__contains=[code])
    # SQLite has no JSON containment: the published list is small, filter in Python.
    return rows.filter(pk__in=[v.pk for v in rows if code in (v.languages or [])])


def _text_search(rows: QuerySet[Vacancy], text: str) -> QuerySet[Vacancy]:
    if not text:
        return rows
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("title", "employer_name", "description", "city", config="simple")
        return rows.annotate(search=vector).filter(search=SearchQuery(text, config="simple"))
    words = text.split()
    for word in words:
        rows = rows.filter(
            Q(title__icontains=word)
            | Q(employer_name__icontains=word)
            | Q(description__icontains=word)
            | Q(city__icontains=word)
        )
    return rows


def public_vacancy_get(*, uuid: Any) -> Vacancy:
    """Any ad that was ever verified can be checked; drafts and refusals are unknown ids."""
    shown = [s for s in VacancyStatus.values if s not in {VacancyStatus.SUBMITTED, VacancyStatus.REJECTED}]
    try:
        return (
            Vacancy.objects.unscoped()
            .select_related("agency__licence", "occupation", "destination")
            .get(uuid=uuid, status__in=shown)
        )
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
    licence = vacancy.agency.licence
    if licence.status != LicenceStatus.ACTIVE:
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
    own = Vacancy.objects.visible_to(actor).values("pk")
    rows = Vacancy.objects.unscoped().filter(Q(pk__in=own) | _verifiable_q(actor))
    return rows.select_related("agency", "occupation", "destination").order_by("-created_at", "-id")


def verification_queue(*, actor: Actor) -> QuerySet[Vacancy]:
    rows = Vacancy.objects.unscoped().filter(_verifiable_q(actor), status=VacancyStatus.SUBMITTED)
    return rows.select_related("agency", "occupation").order_by("created_at", "id")


def vacancy_for_officer(*, actor: Actor, uuid: Any) -> Vacancy:
    try:
        return vacancies_for_officer(actor=actor).get(uuid=uuid)
    except (Vacancy.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404(_("Not found.")) from exc
