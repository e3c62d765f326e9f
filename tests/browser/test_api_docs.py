"""The API documentation renders its operations under the Content-Security-Policy (issue 19)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.watch import Watch

# The UIs are megabyte bundles served by the test server: give them time on a busy machine.
LOAD_MS = 60_000

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_swagger_ui_shows_the_operations_without_errors(desktop_page: Page, live_server) -> None:
    page = desktop_page
    watch = Watch(page)
    response = page.goto(f"{live_server.url}/api/v1/docs/", timeout=LOAD_MS)
    assert response is not None and response.status == 200
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    # the operations of the schema are listed, with their paths
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible(timeout=LOAD_MS)
    assert operations.count() > 20
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/people/").first).to_be_visible()
    page.screenshot(path="/tmp/corridor-api-docs.png")
    assert watch.problems() == [], "\n".join(watch.problems())


def test_redoc_shows_the_operations_without_errors(desktop_page: Page, live_server) -> None:
    page = desktop_page
    watch = Watch(page)
    response = page.goto(f"{live_server.url}/api/v1/redoc/", timeout=LOAD_MS)
    assert response is not None and response.status == 200
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "'nonce-" in csp
    # the side menu lists the operations and the body shows them, styled (not a blank or an error)
    expect(page.locator("[role=menuitem]").first).to_be_visible(timeout=LOAD_MS)
    expect(page.locator("h2", has_text="List the API's sections")).to_be_visible()
    assert page.locator("[role=menuitem]").count() > 20
    assert page.get_by_text("Something went wrong").count() == 0
    # styled-components' styles applied: the menu is a fixed-width column, not unstyled text
    menu_width = page.locator(".menu-content").evaluate("el => el.getBoundingClientRect().width")
    assert 150 < menu_width < 400
    page.screenshot(path="/tmp/corridor-api-redoc.png")
    assert watch.problems() == [], "\n".join(watch.problems())
