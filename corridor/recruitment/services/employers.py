"""Employers: registered by a labour office, found by job orders; an employer account posts its own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.accounts.models import Organisation, OrganisationKind
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Forbidden
from corridor.recruitment.models import Employer
from corridor.reference.models import Country


def employer_by_uuid(value: Any) -> Employer | None:
    """Employers are a public register: any registered employer may be named on a job order."""
    try:
        return Employer.objects.unscoped().filter(uuid=value).first()
    except (ValidationError, ValueError):
        return None


def employer_of(actor: Actor) -> Employer:
    """The employer record an employer account acts for."""
    policy.require(actor, perms.POST_JOB_ORDERS)
    organisation = actor.organisation
    employer = Employer.objects.unscoped().filter(organisation=organisation).first() if organisation else None
    if employer is None or employer.state_id != actor.state:
        raise Forbidden(_("This account is not linked to an employer record."))
    return employer


def _registered(country: str, registry_id: str) -> bool:
    return Employer.objects.unscoped().filter(country_id=country, registry_id=registry_id).exists()


def _check(*, name: str, country: str, registry_id: str, organisation: Organisation | None) -> None:
    fields: dict[str, list[str]] = {}
    if not name.strip():
        fields["name"] = [_("Enter the employer's name.")]
    if not Country.objects.filter(iso3=country).exists():
        fields["country"] = [_("Unknown country code.")]
    elif (
        registry_id
        and Employer.objects.unscoped().filter(country_id=country, registry_id=registry_id).exists()
    ):
        fields["registry_id"] = [
            _("An employer of this country is already registered with number {number}.").format(
                number=registry_id
            )
        ]
    if organisation is not None and organisation.kind != OrganisationKind.EMPLOYER:
        fields["organisation"] = [_("Only an organisation of kind employer can be linked.")]
    if fields:
        raise ApplicationError(_("Some fields are not valid."), fields=fields)


@transaction.atomic
def employer_create(
    *,
    actor: Actor,
    name: str,
    country: str,
    city: str = "",
    sector: str = "",
    registry_id: str = "",
    organisation: Organisation | None = None,
) -> Employer:
    """A labour officer registers a domestic or foreign employer for the actor's state."""
    policy.require(actor, perms.MANAGE_RECRUITMENT)
    if not actor.state:
        raise Forbidden()
    number = registry_id.strip()
    code = country.strip().upper()
    _check(name=name, country=code, registry_id=number, organisation=organisation)
    employer = Employer(
        state_id=actor.state,
        name=name.strip(),
        country_id=code,
        city=city.strip(),
        sector=sector.strip(),
        registry_id=number,
        organisation=organisation,
    )
    try:
        with transaction.atomic():
            employer.save(force_insert=True)
    except IntegrityError as exc:  # a parallel registration won the race
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"registry_id": [_("This registry number is already registered.")]},
        ) from exc
    audit_record(actor=actor, action="employer.created", target=employer, data={"country": code})
    return employer
