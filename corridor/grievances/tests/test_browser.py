"""A worker on a phone, in Turkish and in Russian: checks a job ad by its id, reports a fee, makes a
complaint and follows it by its reference number.

Run with ``pytest corridor/grievances/tests/test_browser.py -p no:xdist``; it uses the
browser fixtures of ``tests/browser`` (Debian's Chromium, skipped when it is missing).
"""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.grievances.models import Complaint
from corridor.recruitment.models import FeeReport
from corridor.recruitment.tests.factories import make_agency, make_vacancy
from tests.browser.fixtures import PHONE_VIEWPORT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _t(language: str, text: str) -> str:
    """The catalogue's translation; it must differ from the English source to prove it is shown."""
    with translation.override(language):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} is not translated into {language}"
    return translated


def _no_sideways_scroll(tab: Page) -> bool:
    # A mobile browser widens its layout viewport to fit wide content, so compare with the phone.
    return bool(tab.evaluate(f"document.documentElement.scrollWidth <= {PHONE_VIEWPORT['width']}"))


def _published_vacancy(user_factory):
    origin = actor_for(user_factory("KGZ", roles.LABOUR_OFFICER))
    verifier = actor_for(user_factory("TUR", roles.LABOUR_OFFICER))
    return make_vacancy(origin, make_agency(origin), verifier, publish=True)


def _check_the_ad(tab: Page, base: str, language: str, vacancy) -> None:
    tab.goto(f"{base}/{language}/recruitment/vacancies/{vacancy.uuid}/")
    expect(tab.locator("html")).to_have_attribute("lang", language)
    expect(tab.locator("main")).to_contain_text(_t(language, "Valid job ad."))
    assert _no_sideways_scroll(tab)


def _report_a_fee(tab: Page, base: str, language: str) -> None:
    tab.goto(f"{base}/{language}/recruitment/fees/report/")
    expect(tab.locator("h1")).to_have_text(_t(language, "Report what you paid"))
    tab.select_option("#id_payee", "broker")
    tab.select_option("#id_category", "placement")
    tab.fill("#id_amount", "800")
    tab.select_option("#id_currency", "USD")
    tab.fill("#id_monthly_earnings", "700")
    tab.select_option("#id_destination", "TUR")
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("body")).to_contain_text(
        _t(language, "Thank you. Your report was saved without your name.")
    )


def _complain(tab: Page, base: str, language: str, vacancy) -> str:
    tab.goto(f"{base}/{language}/recruitment/complaints/?vacancy={vacancy.uuid}")
    expect(tab.locator("h1")).to_have_text(_t(language, "Make a complaint"))
    expect(tab.locator("#id_subject")).to_have_value("vacancy")
    expect(tab.locator("#id_vacancy")).to_have_value(str(vacancy.uuid))
    expect(tab.locator("#id_language")).to_have_value(language)
    assert _no_sideways_scroll(tab)
    tab.screenshot(path=f"/tmp/corridor-complaint-{language}.png", full_page=True)  # noqa: S108 - to look at
    tab.select_option("#id_category", "fees_charged")
    tab.fill("#id_description", "Aracı 800 dolar aldı. Посредник взял 800 долларов.")
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("h1")).to_have_text(_t(language, "Your complaint was received"))
    reference = tab.locator("#complaint-reference").inner_text().strip()
    assert reference.startswith("GRV-")
    return reference


def _follow(tab: Page, base: str, language: str, reference: str) -> None:
    tab.goto(f"{base}/{language}/recruitment/complaints/follow/")
    tab.fill("#id_reference", reference.lower())
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("#complaint-status")).to_contain_text(_t(language, "received"))
    expect(tab.locator("main ol")).to_contain_text(_t(language, "Complaint received"))
    tab.screenshot(path=f"/tmp/corridor-complaint-follow-{language}.png", full_page=True)  # noqa: S108


@pytest.mark.parametrize("language", ["tr", "ru"])
def test_worker_checks_an_ad_reports_a_fee_and_complains_on_a_phone(
    page: Page, live_server, user_factory, language: str
) -> None:
    # given a published job ad of a Kyrgyz agency, verified by Türkiye
    vacancy = _published_vacancy(user_factory)
    base = live_server.url
    # when the worker checks it, reports what they paid and makes a complaint
    _check_the_ad(page, base, language, vacancy)
    _report_a_fee(page, base, language)
    reference = _complain(page, base, language, vacancy)
    # then they follow it by its reference, and the destination state owns it
    _follow(page, base, language, reference)
    complaint = Complaint.objects.unscoped().get(reference=reference)
    assert (complaint.state_id, complaint.concerned_state_id, complaint.language) == ("TUR", "KGZ", language)
    assert complaint.vacancy_id == vacancy.pk
    assert FeeReport.objects.count() == 1


def test_an_officer_sees_only_the_actions_it_may_take_on_a_phone(
    page: Page, live_server, user_factory
) -> None:
    """The office page offers what the kernel allows now: a new complaint can be triaged or closed."""
    from django.conf import settings
    from django.test import Client

    from corridor.grievances.services import complaint_file
    from corridor.grievances.tests.factories import complaint_data
    from tests.browser.watch import Watch

    # given: a Kyrgyz labour officer, signed in, and a new complaint about a Kyrgyz agency
    officer = user_factory("KGZ", roles.LABOUR_OFFICER)
    agency = make_agency(actor_for(officer))
    complaint = complaint_file(data=complaint_data(agency=str(agency.uuid), work_country="TUR"))
    client = Client()
    client.force_login(officer)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    watch = Watch(page)
    # when
    page.goto(f"{live_server.url}/ru/recruitment/complaints/office/{complaint.uuid}/")
    # then: triage and a closing decision, nothing else
    expect(page.locator("h1")).to_contain_text(complaint.reference)
    expect(page.locator("input[name=step][value=triage]")).to_have_count(1)
    expect(page.locator("input[name=step][value=assign]")).to_have_count(0)
    options = page.locator("#id_action option").evaluate_all("els => els.map(e => e.value)")
    assert options == ["close"]
    assert _no_sideways_scroll(page)
    page.screenshot(path="/tmp/kernel-complaint-office-ru.png", full_page=True)  # noqa: S108 - to look at
    assert watch.problems() == []
