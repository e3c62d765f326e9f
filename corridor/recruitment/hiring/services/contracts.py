"""Contracts: generated for a selected application; the signed form's SHA-256 is recorded at origin."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict
from corridor.recruitment.hiring.contract_text import (
    CONTRACT_LANGUAGES,
    ContractTerms,
    canonical_text,
    sha256_hex,
)
from corridor.recruitment.hiring.models import Application, ApplicationStatus, Contract, SignedSource
from corridor.recruitment.hiring.personal import new_reference, read_encrypted, set_encrypted

MAX_SIGNED_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def _terms(application: Application, reference: str, language: str) -> ContractTerms:
    vacancy = application.vacancy
    origin, destination = vacancy.state, vacancy.destination
    suffix = language if language in CONTRACT_LANGUAGES else "en"
    return ContractTerms(
        reference=reference,
        worker_name=read_encrypted(application, "full_name"),
        origin=origin.iso3,
        origin_name=getattr(origin, f"name_{suffix}"),
        destination=destination.iso3,
        destination_name=getattr(destination, f"name_{suffix}"),
        agency_name=vacancy.agency.name if vacancy.agency is not None else "-",
        employer_name=vacancy.employer_name,
        occupation=vacancy.occupation_id,
        job_title=vacancy.title,
        city=vacancy.city,
        wage=vacancy.wage_amount,
        currency=vacancy.wage_currency,
        hours_per_week=vacancy.hours_per_week,
        contract_months=vacancy.contract_months,
        accommodation=str(vacancy.get_accommodation_display()),
        extra_terms=vacancy.contract_terms,
    )


@transaction.atomic
def contract_generate(*, actor: Actor, application: Application, language: str) -> Contract:
    """The standard contract of the corridor, from the vacancy's terms, in one of the contract languages."""
    policy.require(actor, perms.MANAGE_RECRUITMENT, state=application.state_id)
    if language not in CONTRACT_LANGUAGES:
        raise ApplicationError(
            _("Choose English, Russian or Turkish."), fields={"language": [_("Unknown language.")]}
        )
    locked = Application.objects.for_state(application.state_id).select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.SELECTED:
        raise Conflict(_("A contract is generated only for a selected worker."))
    if Contract.objects.for_state(locked.state_id).filter(application=locked).exists():
        raise Conflict(_("This application already has a contract."))
    vacancy = locked.vacancy
    contract = Contract(
        state_id=locked.state_id,
        application=locked,
        reference=new_reference(locked.state_id, "C"),
        origin_id=vacancy.state_id,
        destination_id=vacancy.destination_id,
        language=language,
    )
    text = canonical_text(_terms(locked, contract.reference, language), language=language)
    contract.text_sha256 = sha256_hex(text.encode("utf-8"))
    set_encrypted(contract, "canonical_text", text)
    contract.save(force_insert=True)
    audit_record(actor=actor, action="contract.generated", target=contract, data={"language": language})
    return contract


def _signed_bytes(contract: Contract, content: bytes | None) -> tuple[bytes, str]:
    if content is None:
        return read_encrypted(contract, "canonical_text").encode("utf-8"), SignedSource.TEXT
    if len(content) > MAX_SIGNED_BYTES:
        raise ApplicationError(
            _("The file is too large: at most 10 MB."),
            fields={"file": [_("The file is too large: at most 10 MB.")]},
        )
    if not content.startswith(PDF_MAGIC):
        raise ApplicationError(
            _("Upload the signed contract as a PDF file."), fields={"file": [_("This file is not a PDF.")]}
        )
    return content, SignedSource.PDF


@transaction.atomic
def contract_record_signed(*, actor: Actor, contract: Contract, content: bytes | None = None) -> Contract:
    """Record the SHA-256 of the signed PDF (or, without a file, of the canonical text). Once only."""
    policy.require(actor, perms.MANAGE_RECRUITMENT, state=contract.state_id)
    locked = Contract.objects.for_state(contract.state_id).select_for_update().get(pk=contract.pk)
    if locked.recorded_at is not None:
        raise Conflict(_("The signed contract was already recorded; a recorded hash never changes."))
    signed, source = _signed_bytes(locked, content)
    locked.signed_sha256 = sha256_hex(signed)
    locked.signed_source = source
    locked.signed_size = len(signed)
    locked.recorded_at = timezone.now()
    locked.save(update_fields=["signed_sha256", "signed_source", "signed_size", "recorded_at", "updated_at"])
    audit_record(
        actor=actor,
        action="contract.recorded",
        target=locked,
        data={"sha256": locked.signed_sha256, "source": source, "size": len(signed)},
    )
    return locked
