"""Anonymous fee reports from workers, with a per-connection rate limit."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from corridor.core.errors import ApplicationError
from corridor.core.ratelimit import over_limit
from corridor.recruitment.models import Agency, FeeCategory, FeeReport, Payee
from corridor.reference.models import Country

RATE_LIMIT = 5
RATE_WINDOW = 600  # seconds
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def too_many_message() -> str:
    return _("Too many fee reports were sent from this connection. Please wait ten minutes and try again.")


def rate_limited(*, client: str) -> bool:
    """Count one report for this client; True once it is over the limit for the window."""
    return over_limit(f"recruitment:fees:{client}", limit=RATE_LIMIT, window=RATE_WINDOW)


def _check(data: dict[str, Any]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    if data["payee"] not in Payee.values:
        fields["payee"] = [_("Choose who you paid.")]
    if data["category"] not in FeeCategory.values:
        fields["category"] = [_("Choose what you paid for.")]
    if Decimal(data["amount"]) < 0:
        fields["amount"] = [_("The amount cannot be negative.")]
    if Decimal(data["monthly_earnings"]) <= 0:
        fields["monthly_earnings"] = [_("Your monthly earnings must be more than zero.")]
    if not _CURRENCY.match(str(data["currency"])):
        fields["currency"] = [_("Use a three-letter currency code such as TRY or USD.")]
    destination = data.get("destination") or ""
    if destination and not Country.objects.filter(iso3=destination).exists():
        fields["destination"] = [_("Unknown country code.")]
    return fields


@transaction.atomic
def fee_report_create(*, agency_ref: Any = None, data: dict[str, Any]) -> FeeReport:
    """Store one anonymous report. Earnings are in the same currency as the amount paid.

    ``agency_ref`` is the agency's short public id (AGY-7K3M-9QX) or the long id its QR code holds.
    """
    fields = _check(data)
    agency = None
    if agency_ref:
        # The register is public, so naming an agency needs no scope.
        agency = Agency.by_public_ref(str(agency_ref))
        if agency is None:
            fields["agency"] = [_("No agency with this public id is on the register.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)
    return FeeReport.objects.create(
        agency=agency,
        payee=data["payee"],
        category=data["category"],
        amount=Decimal(data["amount"]),
        currency=data["currency"],
        monthly_earnings=Decimal(data["monthly_earnings"]),
        destination_id=data.get("destination") or None,
    )
