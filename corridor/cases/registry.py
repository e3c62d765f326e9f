"""What modules register into the kernel (in their ``AppConfig.ready``), so the kernel never imports them.

- **Breach handlers**: ``register_breach_handler("grievances.complaint", "escalate", fn)``.
  The sweep calls ``fn(clocks=[...], now=...)`` once per batch of newly breached clocks of
  that record type and breach action, inside the transaction that marks them breached: if
  the handler raises, the batch stays unbreached and the next sweep tries again.
- **Consent revocation hooks**: ``register_revocation_hook(fn)``; ``consent_revoke`` calls
  ``fn(consent=...)`` inside its transaction (the exchange withdraws the open messages the
  consent allowed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

BreachHandler = Callable[..., None]
RevocationHook = Callable[..., None]

_breach_handlers: dict[tuple[str, str], BreachHandler] = {}
_revocation_hooks: list[RevocationHook] = []


def register_breach_handler(record_type: str, breach_action: str, handler: BreachHandler) -> None:
    """``record_type`` is the model's ``_meta.label_lower``; one handler per type and action."""
    key = (record_type, breach_action)
    existing = _breach_handlers.get(key)
    if existing is not None and existing is not handler:
        raise ValueError(f"a breach handler for {key} is already registered")
    _breach_handlers[key] = handler


def breach_handler(record_type: str, breach_action: str) -> BreachHandler | None:
    return _breach_handlers.get((record_type, breach_action))


def unregister_breach_handler(record_type: str, breach_action: str) -> None:
    """Tests only."""
    _breach_handlers.pop((record_type, breach_action), None)


def register_revocation_hook(hook: RevocationHook) -> None:
    if hook not in _revocation_hooks:
        _revocation_hooks.append(hook)


def unregister_revocation_hook(hook: RevocationHook) -> None:
    """Tests only."""
    if hook in _revocation_hooks:
        _revocation_hooks.remove(hook)


def revocation_hooks() -> Sequence[RevocationHook]:
    return tuple(_revocation_hooks)


def call_revocation_hooks(*, consent: Any) -> None:
    for hook in revocation_hooks():
        hook(consent=consent)
