"""Phone layouts (issue 19): values get the width, the menu folds, touch targets are large enough."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.watch import Watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SCREENSHOT = "/tmp/corridor-rules-ky-phone.png"


def test_corridor_rules_on_a_phone_in_kyrgyz(page: Page, live_server) -> None:
    watch = Watch(page)
    page.goto(f"{live_server.url}/ky/corridors/KGZ-TUR/")
    # the menu is folded: the heading of the page is on the first screen, the menu one tap away
    expect(page.locator(".site-menu > summary")).to_be_visible()
    expect(page.locator(".main-nav")).to_be_hidden()
    assert page.locator("h1").bounding_box()["y"] < 400
    # label above value: each value takes the width of the screen, not a narrow column
    values = page.locator("dl.facts dd")
    assert values.count() > 5
    widths = values.evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert min(widths) > 300, widths
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # the menu opens with a tap and its links are at least 44 px tall
    page.locator(".site-menu > summary").click()
    expect(page.locator(".main-nav")).to_be_visible()
    heights = page.locator(".main-nav a").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44, heights
    assert page.locator(".site-menu > summary").bounding_box()["height"] >= 44
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert watch.problems() == []


def test_the_menu_stays_open_at_a_desk(desktop_page: Page, live_server) -> None:
    desktop_page.goto(f"{live_server.url}/ru/")
    expect(desktop_page.locator(".main-nav")).to_be_visible()
    expect(desktop_page.locator(".site-menu > summary")).to_be_hidden()
    first = desktop_page.locator(".main-nav a").first
    expect(first).to_have_attribute("href", "/ru/corridors/")
