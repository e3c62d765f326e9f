"""Sign-in with a second factor, the role's dashboard, the language switcher, the phone layout.

Run with ``pytest tests/browser -p no:xdist``; see conftest.py for the browser and the
reasons behind the ``django_db`` marks.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from conftest import add_totp, make_user, totp_code

PASSWORD = "correct horse battery staple"
SCREENSHOT = Path("/tmp/corridor-dashboard-ru.png")

# Data must be committed for the live server's thread to see it; the serialized rollback
# restores the countries of the reference data migrations after the flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.CORRIDOR_MFA_REQUIRED = True


def _catalogue_compiled(language: str) -> bool:
    """Translations are added separately; text assertions only make sense once compiled."""
    return (
        Path(django_settings.BASE_DIR) / "corridor" / "locale" / language / "LC_MESSAGES" / "django.mo"
    ).exists()


def _submit(page: Page) -> None:
    """The page's own form: the header holds the language and sign-out forms as well."""
    page.locator("main form button[type=submit]").click()


def _password_step(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    _submit(page)


def _code_step(page: Page, code: str) -> None:
    page.fill("#id_code", code)
    _submit(page)


def _switch_language(page: Page, base_url: str, language: str) -> None:
    # The select submits its form on change (corridor.js); the "Change" button is the
    # fallback without JavaScript and is not needed here.
    page.select_option("#language-select", language)
    page.wait_for_url(f"{base_url}/{language}/dashboard/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#language-select")).to_have_value(language)


def test_two_factor_sign_in_then_russian_and_turkish(desktop_page: Page, live_server) -> None:
    page, base = desktop_page, live_server.url
    user = make_user("KGZ", "consular_officer", username="kgz.consul", password=PASSWORD)
    device = add_totp(user)

    _password_step(page, base, "kgz.consul")
    page.wait_for_url(f"{base}/en/accounts/login/code/")
    expect(page.locator("#id_code")).to_be_visible()
    _code_step(page, totp_code(device))

    page.wait_for_url(f"{base}/en/dashboard/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Dashboard")
    expect(page.locator("#dashboard-cards")).to_be_visible()
    expect(page.locator('#dashboard-cards [data-card="people"]')).to_be_visible()
    expect(page.locator("main")).to_contain_text("(KGZ)")

    _switch_language(page, base, "ru")
    if _catalogue_compiled("ru"):
        expect(page.locator("h1")).not_to_have_text("Dashboard")
        expect(page.locator("h1")).to_have_text(re.compile(r"[А-Яа-яЁё]"))
    # else: the Russian catalogue is not compiled yet (corridor/locale/ru/LC_MESSAGES/django.mo
    # is missing), so the page is still in English; html[lang] and the URL are checked above.
    expect(page.locator('#dashboard-cards [data-card="people"]')).to_be_visible()
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    russian_heading = page.locator("h1").inner_text()

    _switch_language(page, base, "tr")
    if _catalogue_compiled("tr"):
        expect(page.locator("h1")).not_to_have_text("Dashboard")
        expect(page.locator("h1")).not_to_have_text(russian_heading)
    # else: as above, the Turkish catalogue is not compiled yet.
    expect(page.locator('#dashboard-cards [data-card="people"]')).to_be_visible()


def test_first_sign_in_enrols_an_authenticator(desktop_page: Page, live_server) -> None:
    page, base = desktop_page, live_server.url
    make_user("KGZ", "migration_officer", username="kgz.newcomer", password=PASSWORD)

    _password_step(page, base, "kgz.newcomer")
    page.wait_for_url(f"{base}/en/accounts/login/authenticator/")
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]+=*", secret), secret
    code = str(totp(base64.b32decode(secret))).zfill(6)
    _code_step(page, code)

    page.wait_for_url(f"{base}/en/dashboard/")
    expect(page.locator(".messages")).to_contain_text("Your authenticator app is set up.")
    expect(page.locator("#dashboard-cards")).to_be_visible()


def _wrong_code(device) -> str:
    """A well-formed code that the device accepts at no step within its tolerance."""
    valid = {
        str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift + shift)).zfill(6)
        for shift in range(-device.tolerance - 1, device.tolerance + 2)
    }
    return next(code for code in (f"{n:06d}" for n in range(123456, 10**6)) if code not in valid)


def test_wrong_code_shows_an_error_at_the_field(desktop_page: Page, live_server) -> None:
    page, base = desktop_page, live_server.url
    user = make_user("KGZ", "consular_officer", username="kgz.typo", password=PASSWORD)
    device = add_totp(user)

    _password_step(page, base, "kgz.typo")
    page.wait_for_url(f"{base}/en/accounts/login/code/")
    _code_step(page, _wrong_code(device))

    error = page.locator("#id_code_error")
    expect(error).to_be_visible()
    expect(error).to_have_text("The code is not correct or has expired. Try the newest code.")
    expect(page.locator(".field.has-error #id_code")).to_be_visible()
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(f"{base}/en/accounts/login/code/")
    expect(page.locator("h1")).to_have_text("Enter your code")


def test_dashboards_differ_by_role(desktop_page: Page, live_server) -> None:
    page, base = desktop_page, live_server.url
    user = make_user("TUR", "statistician", username="tur.statistician", password=PASSWORD)
    device = add_totp(user)

    _password_step(page, base, "tur.statistician")
    page.wait_for_url(f"{base}/en/accounts/login/code/")
    _code_step(page, totp_code(device))

    page.wait_for_url(f"{base}/en/dashboard/")
    cards = page.locator("#dashboard-cards")
    expect(cards.locator('[data-card="statistics"]')).to_be_visible()
    expect(cards.locator('[data-card="people"]')).to_have_count(0)
    # Nor does the header offer the person records to a statistician.
    expect(page.locator(".main-nav")).not_to_contain_text("Person records")


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/accounts/login/",
        "/fa/",
    ],
)
def test_phone_layout_has_no_horizontal_scroll(page: Page, live_server, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("main h1")).to_be_visible()
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    # With mobile viewport rules an overflowing page widens the layout viewport instead of
    # scrolling, so the inner width must also still be the phone's.
    assert widths == {"scroll": widths["scroll"], "inner": 390}, widths
    assert widths["scroll"] <= widths["inner"], widths


def test_phone_skip_link_is_the_first_focusable_element(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("main h1")).to_be_visible()

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_have_attribute("href", "#main")
    expect(focused).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/#main")
    expect(page.locator("main#main")).to_be_focused()
