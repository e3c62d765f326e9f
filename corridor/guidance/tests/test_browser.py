"""The stay calculator on a phone (390 × 844) in Russian, driven through Debian's Chromium.

Run with ``pytest corridor/guidance/tests/test_browser.py -p no:xdist``. The browser and
page fixtures come from ``tests/browser/fixtures.py`` (no browser is ever downloaded).
"""

from __future__ import annotations

import os
from importlib import import_module

import pytest
from django.apps import apps as global_apps

from corridor.guidance.models import CorridorRule, CountryProfile
from corridor.reference.models import Country
from tests.browser.fixtures import PHONE_VIEWPORT, TIMEOUT_MS

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _reference_data():
    """Countries and rules come from data migrations. ``serialized_rollback`` puts them back
    after a transactional test's flush, but only when pytest-django serialised the test
    database, which depends on the other tests of the session; load them again if missing."""
    if not Country.objects.exists():
        import_module("corridor.reference.migrations.0002_load_countries").forwards(global_apps, None)
    if not CorridorRule.objects.exists():
        import_module("corridor.guidance.migrations.0002_seed_corridor_rules").seed(global_apps, None)
    if not CountryProfile.objects.filter(current__isnull=False).exists():
        import_module("corridor.guidance.migrations.0005_seed_country_profiles").seed(global_apps, None)


@pytest.fixture
def page(browser):
    """A phone in Russian. Service workers are blocked: the offline reader is not under test
    here, and its background fetches would contend with the form for SQLite's write lock."""
    context = browser.new_context(
        locale="ru-RU",
        viewport=PHONE_VIEWPORT,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        service_workers="block",
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_calculator_on_a_phone_in_russian(live_server, page):
    # given the Russian calculator page on a phone
    page.goto(f"{live_server.url}/ru/tools/stay/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text().startswith("Калькулятор")
    # when the brief's example is entered and sent
    page.select_option("#id_citizenship", "KGZ")
    page.select_option("#id_destination", "TUR")
    page.fill("#id_on", "2026-06-15")
    page.fill("#id_stays-0-entry", "2026-01-10")
    page.fill("#id_stays-0-exit", "2026-03-01")
    page.fill("#id_stays-1-entry", "2026-05-01")
    page.click("#calculate")
    # then the result is shown in Russian, at the top, and the page fits the phone's width
    page.wait_for_selector("#result")
    assert page.locator("[data-testid=days-used]").inner_text() == "97"
    assert page.locator("[data-testid=overstay-days]").inner_text() == "7"
    assert page.locator("[data-testid=last-lawful-day] time").get_attribute("datetime") == "2026-06-08"
    alert = page.locator("#result [role=alert]").inner_text()
    assert "7" in alert
    assert "You are past" not in alert  # shown in Russian, not English
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_bad_dates_are_shown_at_the_row_on_a_phone(live_server, page):
    page.goto(f"{live_server.url}/ru/tools/stay/")
    page.select_option("#id_citizenship", "UZB")
    page.select_option("#id_destination", "RUS")
    page.fill("#id_on", "2026-06-15")
    page.fill("#id_stays-0-entry", "2026-03-01")
    page.fill("#id_stays-0-exit", "2026-02-01")
    page.click("#calculate")
    page.wait_for_selector(".stay-row .error")
    error = page.locator(".stay-row").first.locator(".error")
    assert error.inner_text() not in {"", "The exit date is before the entry date."}
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _shot(page, name):
    """Set CORRIDOR_SCREENSHOTS=<folder> to keep a full-page screenshot for a look by eye."""
    folder = os.environ.get("CORRIDOR_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/ru/profiles/compare/?states=KAZ&states=UZB&states=TJK", "Xorijda Ish"),
        ("/ru/profiles/TUR/", "e-İzin"),
    ],
)
def test_country_profiles_read_on_a_phone(live_server, page, path, expected):
    # given a phone in Russian, when a written profile (or three side by side) is opened
    page.goto(f"{live_server.url}{path}", timeout=30_000)  # a loaded CI machine: first request is slow
    # then the text is there, stacked to fit the screen: no sideways scrolling, no squeezed column
    assert expected in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    widths = page.eval_on_selector_all(
        ".compare-cells article, .profile section", "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert widths and min(widths) >= 300
    _shot(page, path.strip("/").replace("/", "_").split("?")[0])
