"""Reads of applications and contracts: officers from ``visible_to``; the public by reference only."""

from __future__ import annotations

import datetime as dt
import hmac
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from corridor.access import policy
from corridor.access.actor import Actor
from corridor.access.db import set_db_state
from corridor.recruitment.hiring.contract_text import sha256_hex
from corridor.recruitment.hiring.models import Application, ApplicationStatus, Contract
from corridor.recruitment.hiring.personal import read_encrypted, reference_state

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def applications_for_officer(*, actor: Actor, status: str = "") -> QuerySet[Application]:
    rows = Application.objects.visible_to(actor).select_related("vacancy", "vacancy__destination")
    if status in ApplicationStatus.values:
        rows = rows.filter(status=status)
    return rows


def application_for_officer(*, actor: Actor, uuid: Any) -> Application:
    return policy.get_visible_or_404(Application, actor, uuid)


def applicant_details(application: Application) -> dict[str, str]:
    """The worker's personal data, decrypted for the agency's officers (never for the public)."""
    return {
        field: read_encrypted(application, field)
        for field in ("full_name", "phone", "email", "birth_date", "note")
    }


def contract_of(application: Application) -> Contract | None:
    return Contract.objects.for_state(application.state_id).filter(application=application).first()


def contract_for_officer(*, actor: Actor, uuid: Any) -> Contract:
    return policy.get_visible_or_404(Contract, actor, uuid)


def contract_text(contract: Contract) -> str:
    return read_encrypted(contract, "canonical_text")


def public_application_status(*, reference: str) -> Application:
    """The application a worker follows by its reference; 404 for anything else."""
    state = reference_state(reference, "A")
    if state is None:
        raise Http404(_("Not found."))
    set_db_state(state)
    found = (
        Application.objects.for_state(state)
        .select_related("vacancy")
        .filter(reference=reference.strip().upper())
        .first()
    )
    if found is None:
        raise Http404(_("Not found."))
    return found


@dataclass(frozen=True)
class Verification:
    """The public answer: never the worker's data, only whether the bytes match and when recorded."""

    matches: bool
    known: bool
    recorded_at: dt.datetime | None
    message: str


def _recorded_contract(reference: str) -> Contract | None:
    state = reference_state(reference, "C")
    if state is None:
        return None
    set_db_state(state)
    return (
        Contract.objects.for_state(state)
        .filter(reference=reference.strip().upper(), recorded_at__isnull=False)
        .first()
    )


def contract_verify(*, reference: str, content: bytes | None = None, sha256: str = "") -> Verification:
    """Compare an uploaded file (or a given SHA-256) with the hash recorded at origin."""
    contract = _recorded_contract(reference)
    if contract is None or contract.recorded_at is None:
        return Verification(
            False, False, None, _("No signed contract with this reference was recorded at origin.")
        )
    digest = sha256_hex(content) if content is not None else sha256.strip().lower()
    if _SHA256.match(digest) and hmac.compare_digest(digest, contract.signed_sha256):
        when = contract.recorded_at.date().isoformat()
        return Verification(
            True,
            True,
            contract.recorded_at,
            _("Matches the contract recorded at origin on {date}.").format(date=when),
        )
    return Verification(
        False,
        True,
        contract.recorded_at,
        _(
            "Does not match the contract recorded at origin: possible substitution. Do not sign or "
            "accept it; report it to the labour inspectorate or the consulate."
        ),
    )
