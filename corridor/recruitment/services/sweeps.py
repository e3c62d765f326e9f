"""The scheduled sweep: dates that pass change statuses, without anyone pressing a button.

Idempotent: a second run on the same day finds nothing more to do. Each move is audited
without an actor (the system), like ``vacancies_expire``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.recruitment.models import Certification, CertificationStatus, Licence, LicenceStatus
from corridor.recruitment.services.agencies import licence_system_transition
from corridor.recruitment.services.certification import certification_system_transition
from corridor.recruitment.services.vacancies import vacancies_expire

# A licence is due for renewal this many days before it ends.
RENEWAL_NOTICE_DAYS = 90


@dataclass(frozen=True)
class SweepResult:
    licences_renewal_due: int
    licences_expired: int
    certifications_surveillance: int
    certifications_expired: int
    vacancies_expired: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _licences(day: dt.date) -> tuple[int, int]:
    due = Licence.objects.unscoped().select_for_update().select_related("agency")
    notice = day + dt.timedelta(days=RENEWAL_NOTICE_DAYS)
    renewal = list(due.filter(status=LicenceStatus.ACTIVE, valid_to__lte=notice))
    for licence in renewal:
        licence_system_transition(licence=licence, action="mark_renewal_due")
    ended = list(due.filter(status=LicenceStatus.RENEWAL_DUE, valid_to__lt=day))
    for licence in ended:
        reason = _("The licence ended on {date} and was not renewed.").format(date=licence.valid_to)
        licence_system_transition(licence=licence, action="expire", reason=reason)
    return len(renewal), len(ended)


def _certifications(day: dt.date) -> tuple[int, int]:
    rows = Certification.objects.unscoped().select_for_update().select_related("agency")
    held = [CertificationStatus.CERTIFIED, CertificationStatus.SURVEILLANCE, CertificationStatus.SUSPENDED]
    ended = list(rows.filter(status__in=held, valid_to__lt=day))
    for certification in ended:
        reason = _("The certification ended on {date}.").format(date=certification.valid_to)
        certification_system_transition(certification=certification, action="expire", reason=reason)
    watch = list(rows.filter(status=CertificationStatus.CERTIFIED, surveillance_due__lte=day))
    for certification in watch:
        certification_system_transition(certification=certification, action="start_surveillance")
    return len(watch), len(ended)


@transaction.atomic
def recruitment_sweep(*, today: dt.date | None = None) -> SweepResult:
    """Licences renewal-due and expired, certifications to surveillance and expired, ads expired."""
    day = today or timezone.localdate()
    renewal_due, licences_expired = _licences(day)
    surveillance, certifications_expired = _certifications(day)
    return SweepResult(
        licences_renewal_due=renewal_due,
        licences_expired=licences_expired,
        certifications_surveillance=surveillance,
        certifications_expired=certifications_expired,
        vacancies_expired=vacancies_expire(today=day),
    )
