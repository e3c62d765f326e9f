"""Per-request context that deep layers (audit) need without threading it everywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

request_id_var: ContextVar[str] = ContextVar("corridor_request_id", default="")
# Facts read many times in one request that do not change within it (a state's data keys,
# the agreements in force for the actor's state). None outside a request: no memo at all.
_request_memo: ContextVar[dict[Any, Any] | None] = ContextVar("corridor_request_memo", default=None)


def current_request_id() -> str:
    return request_id_var.get()


@contextmanager
def request_memo_scope() -> Iterator[None]:
    """One memo for the duration of a request (opened by ``RequestIdMiddleware``)."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def request_memo(key: Any, compute: Callable[[], T]) -> T:
    """``compute()`` once per request for ``key``; every call outside a request computes."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[no-any-return]


def request_memo_forget(prefix: str) -> None:
    """Drop the memoised facts whose key starts with ``prefix`` (a write changed them)."""
    memo = _request_memo.get()
    if memo:
        for key in [k for k in memo if isinstance(k, tuple) and k and k[0] == prefix]:
            del memo[key]
