"""Self-registration without an account: start, verify a code, come back through a signed link.

There is no signed-in actor: audit events carry ``actor=None`` and ``{"channel": "self"}``.
The owner state is the chosen consulate's state, set for row-level security before any
write or read (``set_db_state``). Tokens are signed with ``django.core.signing`` and carry
the public uuid and the state, never an internal id.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from corridor.access.db import set_db_state
from corridor.accounts.models import Organisation
from corridor.audit.services import audit_record
from corridor.core.errors import ApplicationError, Conflict, NotFound
from corridor.core.ratelimit import over_limit
from corridor.registration.choices import Channel, Status, VerificationChannel
from corridor.registration.domain import (
    RegistrationInput,
    apply_input,
    check_input,
    consulates,
    input_from,
    new_reference,
    read_encrypted,
)
from corridor.registration.models import Registration, VerificationChallenge
from corridor.registration.services import consents, senders

CODE_TTL = dt.timedelta(minutes=15)
MAX_ATTEMPTS = 5
VERIFY_TOKEN_MAX_AGE = 60 * 60  # seconds
COMEBACK_MAX_AGE = 60 * 60 * 24 * 365  # a year abroad
RATE_LIMIT = 5
RATE_WINDOW = 10 * 60  # seconds
_VERIFY_SALT = "corridor.registration.verify"
_COMEBACK_SALT = "corridor.registration.comeback"
# What the person may change through the come-back link; identity needs the consulate.
SELF_EDITABLE = (
    "email",
    "phone",
    "address_home",
    "address_abroad",
    "emergency_contact",
    "destination_country",
    "destination_city",
    "purpose",
    "employer_name",
    "occupation",
    "planned_departure",
    "planned_arrival",
    "planned_return",
)
_SELF = {"channel": Channel.SELF}


@dataclass(frozen=True)
class Started:
    registration: Registration
    verification_token: str
    channel: str
    # Demo mode only: the code that was "sent" (the demo sends nothing), for the page to show.
    demo_code: str = ""


@dataclass(frozen=True)
class Verified:
    registration: Registration
    comeback_token: str


def too_many_message() -> str:
    return _("Too many registrations were sent from this connection. Please wait ten minutes and try again.")


def rate_limited(*, client: str, bucket: str = "self") -> bool:
    """Count one submission for this client; True once it is over the limit for the window."""
    return over_limit(f"registration:rate:{bucket}:{client}", limit=RATE_LIMIT, window=RATE_WINDOW)


def _consulate(uuid: Any, citizenship: str) -> Organisation:
    chosen = next((c for c in consulates() if str(c.uuid) == str(uuid)), None)
    if chosen is None:
        raise ApplicationError(
            _("Some fields are not valid."), fields={"consulate": [_("Choose a consulate from the list.")]}
        )
    if chosen.state_id != citizenship:
        message = _(
            "This consulate registers citizens of {state} only. Choose a consulate of your own country."
        )
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={
                "consulate": [message.format(state=chosen.state.name if chosen.state else chosen.state_id)]
            },
        )
    return chosen


def _code_hash(challenge: VerificationChallenge, code: str) -> str:
    return salted_hmac(_VERIFY_SALT, f"{challenge.uuid}:{code}", algorithm="sha256").hexdigest()


def _contact_errors(data: RegistrationInput, verify_by: str) -> dict[str, list[str]]:
    if verify_by not in VerificationChannel.values:
        return {"verify_by": [_("Choose one of the options.")]}
    if verify_by == VerificationChannel.EMAIL and not data.email:
        return {"email": [_("Enter your email address: we send the code there.")]}
    if verify_by == VerificationChannel.SMS and not data.phone:
        return {"phone": [_("Enter your phone number: we send the code there.")]}
    return {}


def _check(data: RegistrationInput, *, state: str, verify_by: str, errors: dict[str, list[str]]) -> None:
    """All field errors at once: the person fixes the form in one go."""
    errors = {**errors, **_contact_errors(data, verify_by)}
    try:
        check_input(data, owner_state=state)
    except ApplicationError as exc:
        for field, messages in exc.fields.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ApplicationError(_("Some fields are not valid."), fields=errors)


@transaction.atomic
def self_registration_start(
    *,
    consulate_uuid: Any,
    citizenship: str,
    data: RegistrationInput,
    consent_purposes: Collection[str],
    verify_by: str,
) -> Started:
    """Store a pending registration and send a six-digit code; nothing counts until it is verified."""
    data = data.cleaned()
    consulate, errors = None, {}
    try:
        consulate = _consulate(consulate_uuid, citizenship)
    except ApplicationError as exc:
        errors = exc.fields
    state = consulate.state_id if consulate is not None and consulate.state_id else citizenship
    _check(data, state=state, verify_by=verify_by, errors=errors)
    if consulate is None:  # _check has raised already; this keeps the type checker informed
        raise ApplicationError(_("Some fields are not valid."), fields=errors)
    set_db_state(state)
    registration = Registration(
        state_id=state, consulate=consulate, status=Status.PENDING, channel=Channel.SELF
    )
    apply_input(registration, data)
    registration.save(force_insert=True)
    consents.record_consents(
        actor=None, registration=registration, purposes=consent_purposes, channel=Channel.SELF
    )
    code = f"{secrets.randbelow(10**6):06d}"
    challenge = VerificationChallenge(
        state_id=state, registration=registration, channel=verify_by, expires_at=timezone.now() + CODE_TTL
    )
    challenge.code_hash = _code_hash(challenge, code)
    challenge.save(force_insert=True)
    audit_record(
        actor=None, action="registration.started", target=registration, data={**_SELF, "verify_by": verify_by}
    )
    senders.send_code(channel=verify_by, email=data.email, phone=data.phone, code=code)
    token = signing.dumps({"s": state, "c": str(challenge.uuid)}, salt=_VERIFY_SALT)
    demo_code = code if settings.DEMO_MODE else ""
    return Started(
        registration=registration, verification_token=token, channel=verify_by, demo_code=demo_code
    )


def _challenge(token: str) -> VerificationChallenge:
    try:
        payload = signing.loads(token, salt=_VERIFY_SALT, max_age=VERIFY_TOKEN_MAX_AGE)
        state, uuid = str(payload["s"]), str(payload["c"])
    except (signing.BadSignature, KeyError, TypeError) as exc:
        raise NotFound(
            _("This confirmation link is not valid or has expired. Please register again.")
        ) from exc
    set_db_state(state)
    challenge = (
        VerificationChallenge.objects.for_state(state)
        .select_related("registration")
        .filter(uuid=uuid)
        .first()
    )
    if challenge is None:
        raise NotFound(_("This confirmation link is not valid or has expired. Please register again."))
    return challenge


def self_registration_verify(*, token: str, code: str) -> Verified:
    """Check the code. A wrong code is counted (and committed) before the error is raised.

    Callers must not roll the request back on this error, or the attempt would not count:
    the web and API views turn it into a response themselves.
    """
    challenge = _challenge(token)
    if challenge.verified_at is not None:
        raise Conflict(_("This registration is confirmed already. Use the link we gave you to see it."))
    with transaction.atomic():
        expired = challenge.expires_at <= timezone.now() or challenge.attempts >= MAX_ATTEMPTS
        matches = not expired and hmac.compare_digest(
            challenge.code_hash, _code_hash(challenge, code.strip())
        )
        if not matches and not expired:
            challenge.attempts += 1
            challenge.save(update_fields=["attempts", "updated_at"])
    if expired:
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={
                "code": [_("The code has expired or was entered wrongly too often. Please register again.")]
            },
        )
    if not matches:
        left = MAX_ATTEMPTS - challenge.attempts
        raise ApplicationError(
            _("Some fields are not valid."),
            fields={"code": [_("The code is not correct. Attempts left: {left}.").format(left=left)]},
        )
    return _submit(challenge)


@transaction.atomic
def _submit(challenge: VerificationChallenge) -> Verified:
    registration = challenge.registration
    challenge.verified_at = timezone.now()
    challenge.save(update_fields=["verified_at", "updated_at"])
    registration.status = Status.REGISTERED
    registration.reference = new_reference(registration.state_id)
    registration.submitted_at = timezone.now()
    registration.save(update_fields=["status", "reference", "submitted_at", "updated_at"])
    audit_record(actor=None, action="registration.submitted", target=registration, data=dict(_SELF))
    return Verified(registration=registration, comeback_token=comeback_token(registration))


def comeback_token(registration: Registration) -> str:
    payload = {"s": registration.state_id, "r": str(registration.uuid), "v": registration.link_version}
    return signing.dumps(payload, salt=_COMEBACK_SALT)


def registration_from_comeback(token: str) -> Registration:
    """The registration a come-back link names (a merged duplicate leads to the one kept)."""
    try:
        payload = signing.loads(token, salt=_COMEBACK_SALT, max_age=COMEBACK_MAX_AGE)
        state, uuid, version = str(payload["s"]), str(payload["r"]), int(payload["v"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise NotFound() from exc
    set_db_state(state)
    registration = Registration.objects.for_state(state).filter(uuid=uuid).first()
    if registration is None or registration.link_version != version or registration.status == Status.PENDING:
        raise NotFound()
    while registration.merged_into_id is not None:
        registration = Registration.objects.for_state(state).get(pk=registration.merged_into_id)
    return registration


def send_comeback_link(*, registration: Registration, url: str) -> bool:
    """Email the link when the person gave an email address; True when sent."""
    email = read_encrypted(registration, "email")
    if not email:
        return False
    senders.send_comeback_link(email=email, reference=registration.reference, url=url)
    return True


@transaction.atomic
def self_registration_update(*, registration: Registration, changes: dict[str, Any]) -> list[str]:
    """The person changes contacts and journey plans through their link; identity stays as verified."""
    current = input_from(registration)
    allowed = {key: value for key, value in changes.items() if key in SELF_EDITABLE}
    data = RegistrationInput.from_mapping({**current.__dict__, **allowed}).cleaned()
    check_input(data, owner_state=registration.state_id)
    changed = apply_input(registration, data, only=SELF_EDITABLE)
    if changed:
        registration.save()
        consents.refresh_sharing_flag(registration)
        audit_record(
            actor=None,
            action="registration.updated",
            target=registration,
            data={**_SELF, "fields": sorted(changed)},
        )
    return changed


@transaction.atomic
def self_consent_set(*, registration: Registration, purpose: str, granted: bool) -> None:
    consents.consent_set(
        actor=None, registration=registration, purpose=purpose, granted=granted, channel=Channel.SELF
    )


@transaction.atomic
def comeback_links_revoke(*, registration: Registration) -> str:
    """Every earlier link stops working (a lost phone); the person gets a fresh one."""
    registration.link_version += 1
    registration.save(update_fields=["link_version", "updated_at"])
    audit_record(actor=None, action="registration.links_revoked", target=registration, data=dict(_SELF))
    return comeback_token(registration)
