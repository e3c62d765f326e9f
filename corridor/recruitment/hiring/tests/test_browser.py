"""A Kyrgyz worker applies to a job in Türkiye on a phone, in Turkish, and checks the contract.

Run with ``pytest corridor/recruitment/hiring/tests/test_browser.py -p no:xdist`` (Debian's
Chromium through the shared fixtures of ``tests/browser``; skipped when it is missing).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.recruitment.hiring.models import Application
from corridor.recruitment.hiring.services import applications as application_services
from corridor.recruitment.hiring.services import contracts as contract_services
from corridor.recruitment.hiring.tests.conftest import published_vacancy
from corridor.registration.tests.factories import make_consul, make_consulate, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _tr(text: str) -> str:
    with translation.override("tr"):
        return translation.gettext(text)


def _no_sideways_scroll(tab: Page) -> bool:
    return bool(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_worker_applies_and_verifies_the_contract_on_a_phone_in_turkish(
    page: Page, live_server, user_factory
):
    # given a published KGZ → TUR job ad and the worker's consular registration
    officer = actor_for(user_factory("KGZ", roles.LABOUR_OFFICER))
    vacancy = published_vacancy(officer, actor_for(user_factory("TUR", roles.LABOUR_OFFICER)))
    registration = register(make_consul(make_consulate("KGZ")), birth_date=dt.date(1994, 5, 2))
    base = live_server.url

    # when the worker opens the apply page in Turkish on a 390 × 844 phone
    page.goto(f"{base}/tr/recruitment/hiring/apply/{vacancy.uuid}/")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    assert _no_sideways_scroll(page)
    page.fill("#id_full_name", "Aibek Asanov")
    page.fill("#id_phone", "+996 555 123 456")
    page.fill("#id_registration_reference", registration.reference)
    page.fill("#id_birth_date", "1994-05-03")  # a wrong day first
    page.locator("main form button[type=submit]").click()
    expected = _tr("No confirmed consular registration has this reference number and date of birth.")
    assert expected.startswith("Bu numara")  # the Turkish message, not the English source
    expect(page.locator("#id_registration_reference_error")).to_have_text(expected)
    page.fill("#id_birth_date", "1994-05-02")
    page.locator("main form button[type=submit]").click()

    # then the status page shows the reference and "received" in Turkish
    application = Application.objects.unscoped().get()
    expect(page.locator("h2")).to_have_text(application.reference)
    expect(page.locator("main [role=status]").last).to_contain_text(_tr("received"))
    assert _no_sideways_scroll(page)

    # when the agency selects the worker and records the signed canonical text
    selected = application_services.application_decide(
        actor=officer, application=application, action="select"
    )
    contract = contract_services.contract_generate(actor=officer, application=selected, language="tr")
    recorded = contract_services.contract_record_signed(actor=officer, contract=contract)

    # then at destination the worker checks the contract by reference and hash
    page.goto(f"{base}/tr/recruitment/hiring/contracts/verify/")
    page.fill("#id_reference", contract.reference)
    page.fill("#id_sha256", recorded.signed_sha256)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main [role=status]").last).to_contain_text("eşleşiyor")
    # and a hash with one character changed is reported as a possible substitution
    page.fill("#id_reference", contract.reference)
    page.fill(
        "#id_sha256", re.sub("^.", "0" if recorded.signed_sha256[0] != "0" else "1", recorded.signed_sha256)
    )
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main [role=status]").last).to_contain_text("değiştirilmiş olabilir")
    assert "Aibek" not in page.content()
