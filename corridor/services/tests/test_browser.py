"""Find help on a phone (390 px) in Russian and in Kyrgyz: no console error, no CSP violation,
no sideways scrolling, a phone number to tap. Screenshots in /tmp for a person to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from corridor.services.demo import load_demo_services
from tests.browser.watch import Watch

# A busy shared machine can take seconds for the first page: wait for it, not for each step.
LOAD_MS = 60_000

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize(
    ("language", "city", "title"),
    [("ru", "Moscow", "Найти помощь"), ("ky", "Osh", None)],
)
def test_find_help_on_a_phone(page: Page, live_server, settings, language, city, title) -> None:
    settings.DEMO_MODE = True
    load_demo_services()
    watch = Watch(page)
    page.set_default_timeout(LOAD_MS)
    page.set_default_navigation_timeout(LOAD_MS)
    response = page.goto(f"{live_server.url}/{language}/find-help/")
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    if title:
        expect(page.locator("h1")).to_have_text(title)
    # choose the city and search, as a person would
    page.select_option("#id_city", city)
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    calls = page.locator("a.call")
    expect(calls.first).to_be_visible()
    assert calls.first.get_attribute("href").startswith("tel:+")
    assert page.locator("article.help-result").count() >= 3
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    page.screenshot(path=f"/tmp/corridor-find-help-{language}.png", full_page=True)  # noqa: S108
    # the first result's own page
    page.locator("article.help-result h2 a").first.click()
    page.wait_for_load_state()
    expect(page.locator("a.call").first).to_be_visible()
    assert watch.problems() == [], "\n".join(watch.problems())
