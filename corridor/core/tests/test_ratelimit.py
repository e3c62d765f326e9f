"""The shared fixed-window counter behind every rate-limited public form."""

from __future__ import annotations

from django.core.cache import cache

from corridor.core.ratelimit import over_limit


def test_the_hit_after_the_limit_is_refused_and_keys_count_apart():
    # given a clean cache
    cache.clear()
    # when five hits stay within a limit of five, the sixth is over it
    assert [over_limit("t:a", limit=5, window=60) for _ in range(6)] == [False] * 5 + [True]
    # then another key has its own count
    assert over_limit("t:b", limit=5, window=60) is False


def test_a_new_window_starts_when_the_counter_has_expired():
    cache.clear()
    for _ in range(3):
        over_limit("t:c", limit=2, window=60)
    # when the window's counter is gone (expired), the next hit opens a new window
    cache.delete("t:c")
    assert over_limit("t:c", limit=2, window=60) is False
