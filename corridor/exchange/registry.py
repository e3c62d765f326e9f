"""Purposes: what each cross-state message may carry (the minimal per-purpose field set).

A module registers its purposes in its ``AppConfig.ready``::

    from corridor.exchange.registry import Field, register_purpose

    register_purpose(
        "readmission.request",
        label=_("Readmission request"),
        fields={"case_reference": Field("str", required=True, max_length=40), "birth_year": Field("int")},
        reply_fields={"decision": Field("str", required=True, choices=("accepted", "rejected"))},
    )

The sender checks a payload before anything is written; the receiving node checks it again
(both run the same code) and refuses a message with fields beyond the set or of the wrong
type. Pure Python: no models, no I/O.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TYPES = ("str", "int", "bool", "date", "uuid")


@dataclass(frozen=True)
class Field:
    type: str
    required: bool = False
    max_length: int = 200
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown field type {self.type!r}; use one of {TYPES}")


@dataclass(frozen=True)
class Purpose:
    code: str
    label: Any
    fields: Mapping[str, Field]
    reply_fields: Mapping[str, Field]
    needs_consent: bool = False
    internal: bool = False


_PURPOSES: dict[str, Purpose] = {}


def register_purpose(
    code: str,
    *,
    label: Any,
    fields: Mapping[str, Field],
    reply_fields: Mapping[str, Field] | None = None,
    needs_consent: bool = False,
    internal: bool = False,
) -> Purpose:
    """Register (idempotently) what messages of ``code`` may carry."""
    if not code or len(code) > 100 or not code.replace(".", "").replace("_", "").isalnum():
        raise ValueError(f"bad purpose code {code!r}")
    purpose = Purpose(
        code=code,
        label=label,
        fields=dict(fields),
        reply_fields=dict(reply_fields if reply_fields is not None else fields),
        needs_consent=needs_consent,
        internal=internal,
    )
    existing = _PURPOSES.get(code)
    if existing is not None and (existing.fields, existing.reply_fields) != (
        purpose.fields,
        purpose.reply_fields,
    ):
        raise ValueError(f"purpose {code!r} is already registered with other fields")
    _PURPOSES[code] = purpose
    return purpose


# What a module does with a message of its purpose when it arrives here (the requested
# state's copy of a case is made, or steps): ``handler(message=Message)``, called inside the
# receiving transaction after our inbox copy is kept. A handler that raises undoes the
# receipt (the sender retries); a handler must not send messages itself.
_RECEIVERS: dict[str, Any] = {}


def register_receiver(code: str, handler: Any) -> None:
    """Register (idempotently) the module's handler for arriving messages of purpose ``code``."""
    existing = _RECEIVERS.get(code)
    if existing is not None and existing is not handler:
        raise ValueError(f"a receiver for {code!r} is already registered")
    _RECEIVERS[code] = handler


def receiver_for(code: str) -> Any:
    return _RECEIVERS.get(code)


def get_purpose(code: str) -> Purpose | None:
    return _PURPOSES.get(code)


def purposes(*, include_internal: bool = False) -> list[Purpose]:
    return sorted((p for p in _PURPOSES.values() if include_internal or not p.internal), key=lambda p: p.code)


def unregister_purpose(code: str) -> None:
    """Tests only."""
    _PURPOSES.pop(code, None)


def _check_str(name: str, spec: Field, value: Any) -> str | None:
    if not isinstance(value, str):
        return _("{field} must be text.").format(field=name)
    if len(value) > spec.max_length:
        return _("{field} is longer than {n} characters.").format(field=name, n=spec.max_length)
    if "\x00" in value:
        return _("{field} contains a NUL character.").format(field=name)
    if spec.choices and value not in spec.choices:
        return _("{field} must be one of: {choices}.").format(field=name, choices=", ".join(spec.choices))
    return None


def _check_int(name: str, spec: Field, value: Any) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return _("{field} must be a whole number.").format(field=name)
    return None


def _check_bool(name: str, spec: Field, value: Any) -> str | None:
    return None if isinstance(value, bool) else _("{field} must be true or false.").format(field=name)


def _check_date(name: str, spec: Field, value: Any) -> str | None:
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return _("{field} must be a date (YYYY-MM-DD).").format(field=name)
    return None


def _check_uuid(name: str, spec: Field, value: Any) -> str | None:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return _("{field} must be an identifier (UUID).").format(field=name)
    return None


_CHECKS = {
    "str": _check_str,
    "int": _check_int,
    "bool": _check_bool,
    "date": _check_date,
    "uuid": _check_uuid,
}


def _check_value(name: str, spec: Field, value: Any) -> str | None:
    return _CHECKS[spec.type](name, spec, value)


def check_payload(purpose: Purpose, payload: Any, *, reply: bool) -> dict[str, list[str]]:
    """Errors by field (empty when the payload fits the purpose's field set)."""
    allowed = purpose.reply_fields if reply else purpose.fields
    if not isinstance(payload, dict):
        return {"payload": [_("The payload must be an object of named fields.")]}
    errors: dict[str, list[str]] = {}
    for name in sorted(set(payload) - set(allowed)):
        errors.setdefault("payload", []).append(
            _("{field} is not part of the purpose {purpose}.").format(field=name, purpose=purpose.code)
        )
    for name, spec in allowed.items():
        if name not in payload or payload[name] in (None, ""):
            if spec.required:
                errors.setdefault("payload", []).append(_("{field} is required.").format(field=name))
            continue
        problem = _check_value(name, spec, payload[name])
        if problem:
            errors.setdefault("payload", []).append(problem)
    return errors


# Built in: the status notices that keep both copies of a message in step.
STATUS_PURPOSE = register_purpose(
    "exchange.status",
    label=gettext_lazy("Status of a message"),
    fields={
        "of": Field("uuid", required=True),
        "status": Field("str", required=True, choices=("acknowledged", "withdrawn")),
    },
    internal=True,
)

# Built in: a written enquiry between authorities about a case, by reference only.
ENQUIRY_PURPOSE = register_purpose(
    "exchange.enquiry",
    label=gettext_lazy("Enquiry between authorities"),
    fields={"text": Field("str", required=True, max_length=2000)},
    reply_fields={"text": Field("str", required=True, max_length=2000)},
)
