"""A consular officer follows a background matching job on a phone until it has finished.

Run with ``pytest -p no:xdist -m browser corridor/matching/tests/jobs/test_browser.py``; the
``browser`` and ``page`` fixtures come from ``tests/browser/fixtures.py`` (Debian's Chromium).
"""

from __future__ import annotations

import os
from importlib import import_module

import pytest
from django.apps import apps as global_apps
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from corridor.matching.models import JobStatus, MatchJob
from corridor.reference.models import Country
from corridor.registration.tests.factories import make_consul, make_consulate

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _countries():
    """The flush after a transactional test removes the countries of the data migration."""
    if not Country.objects.exists():
        import_module("corridor.reference.migrations.0002_load_countries").forwards(global_apps, None)


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_the_job_page_follows_progress_until_the_job_is_done(live_server, page):
    # given a KGZ consular officer whose job is running at 40 %
    officer = make_consul(make_consulate("KGZ", "Istanbul"))
    job = MatchJob.objects.create(
        state_id="KGZ",
        kind="registration_dedupe",
        created_by=officer,
        threshold=0.2,
        status=JobStatus.RUNNING,
        progress=40,
    )
    _sign_in(page, live_server, officer)
    # when they open the job page on a phone
    page.goto(f"{live_server.url}/en/matching/jobs/{job.uuid}/")
    # then the progress bar shows 40 %, labelled, and the page fits the screen
    expect(page.get_by_label("Progress")).to_have_attribute("value", "40")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # when the worker moves on, then finishes
    MatchJob.objects.unscoped().filter(pk=job.pk).update(progress=80)
    expect(page.get_by_label("Progress")).to_have_attribute("value", "80", timeout=6_000)
    MatchJob.objects.unscoped().filter(pk=job.pk).update(status=JobStatus.DONE, progress=100)
    # then the page stops polling and offers the results
    link = page.get_by_role("link", name="The job has finished: show the results")
    expect(link).to_be_visible(timeout=6_000)
    link.click()
    expect(page.get_by_role("heading", name="0 candidate pairs")).to_be_visible()
