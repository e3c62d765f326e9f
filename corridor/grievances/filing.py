"""Who owns a new complaint, and which other state it concerns, from what the complainant named."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from corridor.core.errors import ApplicationError
from corridor.grievances.models import Subject
from corridor.recruitment import selectors as recruitment
from corridor.reference.models import APStatus, Country


def _refuse(field: str, message: str) -> ApplicationError:
    return ApplicationError(_("Some fields are not valid."), fields={field: [message]})


def _other(owner: str, country: str | None) -> str | None:
    return country if country and country != owner else None


def _country(code: str, field: str, *, participant: bool = False) -> str | None:
    """A known ISO code ('' → None); ``participant``: an Almaty Process state that can act on it."""
    if not code:
        return None
    rows = Country.objects.filter(iso3=code.upper())
    if participant:
        rows = rows.exclude(ap_status=APStatus.NONE)
    if not rows.exists():
        raise _refuse(field, _("Choose a country from the list."))
    return code.upper()


def _about_agency(data: dict[str, Any]) -> dict[str, Any]:
    try:
        agency = recruitment.public_agency_get(uuid=str(data.get("agency") or ""))
    except Http404 as exc:
        raise _refuse("agency", _("No agency with this public id is on the register.")) from exc
    work = _country(str(data.get("work_country") or ""), "work_country")
    return {
        "agency": agency,
        "state_id": agency.state_id,
        "concerned_state_id": _other(agency.state_id, work),
    }


def _about_vacancy(data: dict[str, Any]) -> dict[str, Any]:
    try:
        vacancy = recruitment.public_vacancy_get(uuid=str(data.get("vacancy") or ""))
    except Http404 as exc:
        message = _("No job ad with this id was verified. Check the id on the ad.")
        raise _refuse("vacancy", message) from exc
    return {
        "vacancy": vacancy,
        "agency_id": vacancy.agency_id,  # so that the agency's scorecard counts it
        "state_id": vacancy.destination_id,
        "concerned_state_id": _other(vacancy.destination_id, vacancy.state_id),
    }


def _about_employer(data: dict[str, Any]) -> dict[str, Any]:
    name = str(data.get("employer_name") or "").strip()
    if not name:
        raise _refuse("employer_name", _("Give the employer's name."))
    owner = _country(str(data.get("employer_country") or ""), "employer_country", participant=True)
    if owner is None:
        raise _refuse("employer_country", _("Choose the country where the employer is."))
    origin = _country(str(data.get("citizenship") or ""), "citizenship")
    return {
        "employer_name": name[:200],
        "employer_country_id": owner,
        "state_id": owner,
        "concerned_state_id": _other(owner, origin),
    }


_RESOLVERS = {
    Subject.AGENCY: _about_agency,
    Subject.VACANCY: _about_vacancy,
    Subject.EMPLOYER: _about_employer,
}


def resolve_subject(data: dict[str, Any]) -> dict[str, Any]:
    """Model fields for the subject: the agency's state owns an agency complaint; the destination
    state owns one about an employer or a job ad, and the origin side is the concerned state."""
    subject = str(data.get("subject") or "")
    if subject not in _RESOLVERS:
        raise _refuse("subject", _("Choose what the complaint is about."))
    return {"subject": subject, **_RESOLVERS[Subject(subject)](data)}
