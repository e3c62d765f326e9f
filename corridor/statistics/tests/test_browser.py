"""The data centre end to end in Debian's Chromium: a Kyrgyz statistician uploads an
SDMX-CSV file and approves it, the secretariat accepts and publishes it, and the public
page shows the chart with a small cell suppressed.

Run with ``pytest -p no:xdist -m browser corridor/statistics/tests/test_browser.py``. The
``browser`` and ``page`` fixtures come from ``tests/browser/fixtures.py``.
"""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as global_apps
from django.conf import settings
from django.test import Client

from conftest import make_user
from corridor.access import roles
from corridor.reference.models import Country
from corridor.statistics.models import Dataflow, Observation
from corridor.statistics.structure import flow_structure
from corridor.statistics.tests.factories import csv_text, sex_cells

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FLOW = "DF_WORK_PERMIT"
# UZB is large everywhere; TJK has 3 women, under the tier-1 threshold of 5, so F is
# suppressed and M (37 = 40 - 3 would give it away) is suppressed as a secondary cell.
CELLS = [*sex_cells(120, 50, 70, "2023", "UZB"), *sex_cells(40, 3, 37, "2023", "TJK")]
SMALL_CELL = "TJK.F._T._T._T._T._T"


@pytest.fixture(autouse=True)
def _reference_data():
    """Countries and the statistical structures come from data migrations; the flush after a
    transactional test removes them unless pytest-django serialised the database first."""
    if not Country.objects.exists():
        import_module("corridor.reference.migrations.0002_load_countries").forwards(global_apps, None)
    if not Dataflow.objects.exists():
        import_module("corridor.statistics.migrations.0003_load_structures").forwards(global_apps, None)
    flow_structure.cache_clear()  # primary keys may have changed with the reload
    yield
    flow_structure.cache_clear()


def _sign_in(page, live_server, user) -> None:
    """Swap the browser's session for ``user``'s (the sign-in form has its own tests)."""
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


def _status(page) -> str:
    return page.locator("#status").inner_text().strip()


def test_upload_approve_publish_and_public_chart(live_server, page, tmp_path: Path):
    # given a Kyrgyz statistician on the data centre page and an SDMX-CSV file
    statistician = make_user("KGZ", roles.STATISTICIAN)
    secretariat = make_user(None, roles.SECRETARIAT)
    data_file = tmp_path / "kgz-work-permits-2023.csv"
    data_file.write_text(csv_text(FLOW, "KGZ", CELLS), encoding="utf-8")
    _sign_in(page, live_server, statistician)
    page.goto(f"{live_server.url}/en/statistics/submissions/")
    with page.expect_download() as download:
        page.get_by_role("link", name=FLOW, exact=True).click()
    assert download.value.suggested_filename == f"{FLOW}-template.xlsx"

    # when the file is uploaded
    page.select_option("#id_dataflow", FLOW)
    page.set_input_files("#id_file", str(data_file))
    page.get_by_role("button", name="Upload and validate").click()

    # then the validation report says it is clean and the six cells are stored
    page.wait_for_url("**/statistics/submissions/*-*/")
    assert _status(page) == "Validated"
    facts = page.locator("dl.facts")
    assert facts.locator("dt:has-text('Cells stored') + dd").inner_text() == "6"
    assert facts.locator("dt:has-text('Errors') + dd").inner_text() == "0"
    assert page.get_by_role("heading", name="Validation report").is_visible()
    assert "arrives" in page.locator("table").first.inner_text()  # the lateness note of 2023
    detail_url = page.url

    # when she approves it nationally
    page.get_by_role("button", name="Approve nationally").click()
    # then it waits for the regional centre
    page.wait_for_selector("#status:has-text('Approved nationally')")

    # when the secretariat accepts it regionally and publishes it
    _sign_in(page, live_server, secretariat)
    page.goto(detail_url)
    page.get_by_role("button", name="Accept regionally (locks the vintage)").click()
    page.wait_for_selector("#status:has-text('Accepted regionally')")
    page.get_by_role("button", name="Publish after disclosure control").click()
    page.wait_for_selector("#status:has-text('Published')")

    # then the public page of the dataflow shows the chart, with the small cell suppressed
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/statistics/data/{FLOW}/?state=KGZ&period=2023")
    chart = page.locator("section[aria-labelledby=top] svg")
    assert chart.count() == 1
    labels = chart.locator("text").all_text_contents()  # SVG text has no innerText
    assert labels[:4] == ["Uzbekistan", "120", "Tajikistan", "40"]
    small = page.locator(f"tbody tr[data-key='{SMALL_CELL}']")  # the row shows labels, not the key
    assert small.locator("td").nth(3).inner_text() == "suppressed"
    published = Observation.objects.get(key=SMALL_CELL, is_public=True)
    assert (published.value, published.published_value, published.conf_status) == (3, None, "C")
