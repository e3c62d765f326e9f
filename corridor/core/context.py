"""Per-request context that deep layers (audit) need without threading it everywhere."""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("corridor_request_id", default="")


def current_request_id() -> str:
    return request_id_var.get()
