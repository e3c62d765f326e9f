"""A Kyrgyz worker registers with the consulate in Istanbul on a phone, in Russian.

Run with ``pytest corridor/registration/tests/test_browser.py -p no:xdist``. It uses the
browser fixtures of ``tests/browser`` (Debian's Chromium, skipped when it is missing).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import Page, expect

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.registration import selectors
from corridor.registration.tests.factories import make_consul, make_consulate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENSHOT = Path("/tmp/corridor-registration-ru.png")  # noqa: S108 - a test artefact to look at


def _fill_form(tab: Page, consulate_uuid: str) -> None:
    tab.select_option("#id_citizenship", "KGZ")
    tab.select_option("#id_consulate", consulate_uuid)
    tab.fill("#id_family_name", "Садырова")
    tab.fill("#id_given_name", "Бермет")
    tab.fill("#id_passport_family_name", "SADYROVA")
    tab.fill("#id_passport_given_name", "BERMET")
    tab.fill("#id_passport_number", "AC 5566778")
    tab.fill("#id_birth_date", "1996-03-08")
    tab.check("input[name=sex][value=F]")
    tab.fill("#id_email", "bermet@example.org")
    tab.fill("#id_phone", "+90 555 123 4567")
    tab.select_option("#id_destination_country", "TUR")
    tab.fill("#id_destination_city", "Стамбул")
    tab.select_option("#id_purpose", "work")
    tab.fill("#id_planned_departure", "2026-12-01")
    tab.fill("#id_planned_return", "2027-11-30")
    tab.check("input[name=consents][value=consular_contact]")
    tab.check("input[name=verify_by][value=email]")


def _ru(text: str) -> str:
    with translation.override("ru"):
        return translation.gettext(text)


def _no_sideways_scroll(tab: Page) -> bool:
    return bool(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_kyrgyz_worker_registers_on_a_phone_in_russian(page: Page, live_server, user_factory) -> None:
    # given the KGZ consulate in Istanbul, its officer, and a Turkish consular officer
    consulate = make_consulate("KGZ", "Istanbul")
    kgz_officer = make_consul(consulate, "kgz.consul.istanbul")
    tur_officer = user_factory("TUR", roles.CONSULAR_OFFICER)
    base = live_server.url

    # when the worker opens the form in Russian on a 390 × 844 phone
    page.goto(f"{base}/ru/registration/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text(_ru("Register with your consulate"))
    assert _no_sideways_scroll(page)

    # a mistake first: a return before the departure is shown at the field
    _fill_form(page, str(consulate.uuid))
    page.fill("#id_planned_return", "2026-01-01")
    page.locator("main form button[type=submit]").click()
    expected = _ru("The planned return cannot be before the planned departure.")
    assert re.search("[а-я]", expected)  # a Russian message, not the English source
    expect(page.locator("#id_planned_return_error")).to_have_text(expected)

    # corrected, the form sends a code by email
    page.fill("#id_planned_return", "2027-11-30")
    page.fill("#id_family_name", "Садырова")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(_ru("Enter your code"))
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body)
    assert code is not None
    page.fill("#id_code", code.group(1))
    page.locator("main form button[type=submit]").click()

    # then a confirmation with a reference number and a come-back link
    expect(page.locator("h1")).to_have_text(_ru("Your consular registration"))
    reference = page.locator("#reference-number").inner_text()
    assert re.fullmatch(r"KGZ-[A-Z2-9]{8}", reference)
    link = page.locator("#comeback-link").inner_text()
    assert link.startswith(f"{base}/ru/registration/my/")
    assert _no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # and the come-back link opens the registration again
    page.goto(link)
    expect(page.locator("#reference-number")).to_have_text(reference)

    # the consular officer of Kyrgyzstan finds it; a Turkish officer does not
    found = selectors.registration_list(actor=actor_for(kgz_officer), q=reference)
    assert [r.reference for r in found] == [reference]
    assert selectors.registration_list(actor=actor_for(tur_officer), q=reference).count() == 0
