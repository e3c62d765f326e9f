"""One counter for every public form that must be rate limited (fees, complaints, registrations…).

A fixed window per key in the cache: the first hit creates the counter with the window as its
lifetime, later hits increment it. Shared by the modules so that they limit the same way.
"""

from __future__ import annotations

from django.core.cache import cache


def over_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one hit for ``key``; True once the hits in the current window exceed ``limit``."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the counter expired between add and incr: this hit opens a new window
        cache.set(key, 1, window)
        count = 1
    return count > limit
