"""The whole journey on a phone (390 px): the Turkish officer in Turkish opens, screens and
submits; the Kyrgyz officer in Russian verifies among Kyrgyz records written in Cyrillic,
accepts and issues the travel document, whose QR link verifies publicly; the transfer and
handover are recorded and the person referred to reintegration with consent.
Screenshots in /tmp/corridor-readmission-*.png for a person to look at."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.exchange import services as exchange
from corridor.people.services import person_create
from corridor.readmission.models import ReadmissionCase, TravelDocument
from tests.browser.watch import Watch

LOAD_MS = 60_000
SCREENS = "/tmp/corridor-readmission"  # noqa: S108

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _sign_in(page: Page, base: str, user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])


def _act(page: Page, action: str) -> None:
    page.locator(f'main button[data-action="{action}"]').click()
    page.wait_for_load_state()


def _no_sideways(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def _copies(reference: str) -> dict[str, ReadmissionCase]:
    exchange.messages_deliver_due()
    return {c.state_id: c for c in ReadmissionCase.objects.unscoped().filter(reference=reference)}


def test_readmission_journey_tr_and_ru_on_a_phone(page: Page, live_server, settings) -> None:
    settings.CORRIDOR_MFA_REQUIRED = False
    base = live_server.url
    tur = make_user("TUR", roles.MIGRATION_OFFICER)
    kgz = make_user("KGZ", roles.MIGRATION_OFFICER)
    person_create(
        actor=actor_for(kgz),
        family_name="Асанов",
        given_name="Айбек",
        citizenship="KGZ",
        birth_date=dt.date(1990, 5, 17),
    )
    watch = Watch(page)
    page.set_default_timeout(LOAD_MS)
    page.set_default_navigation_timeout(LOAD_MS)

    # Türkiye, in Turkish: a new request for a Kyrgyz national.
    _sign_in(page, base, tur)
    page.goto(f"{base}/tr/readmission/new/")
    expect(page.locator("h1")).to_have_text("Yeni geri kabul talebi")
    page.fill("#id_requested_state", "KGZ")
    page.fill("#id_family_name", "Asanov")
    page.fill("#id_given_name", "Aibek")
    page.fill("#id_name_cyrillic", "Асанов Айбек")
    page.fill("#id_birth_date", "1990-05-17")
    page.fill("#id_known_since", (timezone.localdate() - dt.timedelta(days=7)).isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/tr/readmission/TUR-RA-*/")
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    page.select_option("#id_evidence_type", "passport_copy")
    page.fill("#id_description", "Süresi dolmuş pasaportun kopyası")
    page.locator('form[action$="/evidence/"] button[type=submit]').click()
    page.wait_for_load_state()
    for item in ("asylum_pending", "appeal_pending", "trafficking", "child", "medical", "risk_on_return"):
        page.check(f"#id_q_{item}_0")
    page.check("#id_q_family_unity_0")
    page.locator('form[action$="/screen/"] button[type=submit]').click()
    page.wait_for_load_state()
    expect(page.locator('main button[data-action="submit"]')).to_have_text("Talep edilen devlete gönder")
    _no_sideways(page)
    page.screenshot(path=f"{SCREENS}-1-tr-before-submit.png", full_page=True)
    _act(page, "submit")
    expect(page.locator("h1 .badge")).to_contain_text("Gönderildi")
    assert _copies(reference)["KGZ"].status == "submitted"

    # Kyrgyzstan, in Russian: the reply deadline, candidates among its own records, decide.
    _sign_in(page, base, kgz)
    page.goto(f"{base}/ru/readmission/{reference}/")
    expect(page.locator("main")).to_contain_text("Срок ответа")
    _act(page, "verify")
    expect(page.locator("main")).to_contain_text("Кандидаты среди ваших записей")
    expect(page.locator("main")).to_contain_text("Асанов Айбек")
    _no_sideways(page)
    page.screenshot(path=f"{SCREENS}-2-ru-candidates.png", full_page=True)
    page.locator('form[action$="/verify-person/"] button[type=submit]').first.click()
    page.wait_for_load_state()
    _act(page, "accept")
    expect(page.locator("h1 .badge")).to_contain_text("Принят")
    assert _copies(reference)["TUR"].status == "accepted"

    _sign_in(page, base, tur)
    page.goto(f"{base}/tr/readmission/{reference}/")
    _act(page, "request_travel_doc")
    _copies(reference)

    _sign_in(page, base, kgz)
    page.goto(f"{base}/ru/readmission/{reference}/")
    _act(page, "issue_travel_doc")
    expect(page.locator("h1 .badge")).to_contain_text("Проездной документ выдан")
    document = TravelDocument.objects.unscoped().get(case__reference=reference)
    pdf = page.request.get(f"{base}/ru/readmission/{reference}/travel-document/{document.number}.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    _copies(reference)

    # A border officer, not signed in, checks the QR link.
    page.context.clear_cookies()
    page.goto(f"{base}/ru/readmission/verify/KGZ/{document.token}/")
    expect(page.locator("main")).to_contain_text("ДЕЙСТВИТЕЛЕН")
    expect(page.locator("main")).to_contain_text(document.number)
    _no_sideways(page)
    page.screenshot(path=f"{SCREENS}-3-ru-verify.png", full_page=True)

    _sign_in(page, base, tur)
    page.goto(f"{base}/tr/readmission/{reference}/")
    form = page.locator('main form:has(button[data-action="schedule_transfer"])')
    form.locator('input[name="transfer_date"]').fill(
        (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    )
    form.locator('input[name="crossing_point"]').fill("Manas")
    _act(page, "schedule_transfer")
    _act(page, "transfer")
    expect(page.locator("h1 .badge")).to_contain_text("Teslim edildi")
    _copies(reference)

    _sign_in(page, base, kgz)
    page.goto(f"{base}/ru/readmission/{reference}/")
    _act(page, "hand_over")
    page.locator('form[action$="/consent/"] button[type=submit]').click()
    page.wait_for_load_state()
    _act(page, "refer_reintegration")
    expect(page.locator("h1 .badge")).to_contain_text("Направлен на реинтеграцию")
    _no_sideways(page)
    page.screenshot(path=f"{SCREENS}-4-ru-referred.png", full_page=True)
    assert {c.status for c in _copies(reference).values()} == {"referred_reintegration"}
    assert watch.problems() == [], "\n".join(watch.problems())
