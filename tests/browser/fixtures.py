"""Fixtures for the browser tests: Debian's Chromium driven by Playwright's sync API.

The tests run against pytest-django's ``live_server`` (the application on a real socket).
Data created in a test is visible to the live server only from a transactional test:
mark the tests ``@pytest.mark.django_db(transaction=True, serialized_rollback=True)``;
``serialized_rollback`` puts back the reference data (countries) that the data
migrations load and that the flush after each transactional test removes.

No browser is ever downloaded: when ``/usr/bin/chromium`` is missing the tests are skipped,
except in CI (the ``CI`` environment variable is set), where a missing Chromium fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# The live server answers one request at a time. Its threads share one in-memory SQLite connection,
# so two requests at once (a page and the manifest or schema it fetches after "load") fail with
# "database table is locked"; a browser never waits long for the next one.
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread


class _OneRequestAtATime(WSGIServer):
    """Django's server without threads; requests run in the live server's thread, on its connections."""

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


LiveServerThread.server_class = _OneRequestAtATime

# Playwright's sync API keeps an asyncio event loop running in the test thread, which
# makes Django's ORM refuse to run there ("You cannot call this from an async context").
# The test thread only creates fixtures; this is the usual pytest-django + Playwright fix.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_MESSAGE = (
    f"Chromium not found at {CHROMIUM}: browser tests skipped; install Debian's chromium package"
)
PHONE_VIEWPORT = {"width": 390, "height": 844}
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
# Generous for a local server, short enough that a broken page fails fast.
TIMEOUT_MS = 5_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if "CI" in os.environ:
            pytest.fail(
                f"Chromium not found at {CHROMIUM}: CI is set, so the browser tests fail instead of "
                "being skipped; install Debian's chromium package",
                pytrace=False,
            )
        pytest.skip(MISSING_MESSAGE)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _page(browser: Browser, **context_options: Any) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(2 * TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A phone: 390 × 844 CSS pixels, touch, mobile viewport rules (like an iPhone 12-15)."""
    yield from _page(browser, viewport=PHONE_VIEWPORT, device_scale_factor=3, is_mobile=True, has_touch=True)


@pytest.fixture
def desktop_page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, viewport=DESKTOP_VIEWPORT)
