"""Every public page in every offered language, on a phone and at a desk (issue 19).

One test walks them all with one browser and two reused tabs (see ``walk.py``): no 5xx, no
console error, no Content-Security-Policy violation, no sideways scrolling, no serious or critical
axe-core violation; and each language's translated share of the visible interface text stays at
or above its floor (``floors.py``). The demo data gives the pages something to show.

axe-core comes from npm (``tests/browser/package.json``; ``npm ci`` there, as ``.ci/run`` does);
without it the accessibility part is skipped locally and fails in CI.
"""

from __future__ import annotations

import io
import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.browser.floors import FLOORS
from tests.browser.walk import AXE, LANGUAGES, Walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_every_public_page_in_every_language(browser, live_server) -> None:
    if connection.vendor != "sqlite" and "CORRIDOR_WALK_ALL_DATABASES" not in os.environ:
        pytest.skip("the page walk judges pages, not the database: it runs once, on SQLite")
    if not AXE.exists():
        if "CI" in os.environ:
            pytest.fail(f"{AXE} is missing: run npm ci in tests/browser", pytrace=False)
        pytest.skip(f"{AXE} is missing: run npm ci in tests/browser")
    assert [code for code, _name in settings.LANGUAGES] == LANGUAGES, (
        "walk.LANGUAGES must list every offered one"
    )
    call_command("demo", "--no-serve", stdout=io.StringIO())

    # CORRIDOR_WALK_LANGUAGES=en,fa walks fewer languages for a quick look; CI walks them all.
    chosen = [c for c in os.environ.get("CORRIDOR_WALK_LANGUAGES", "").split(",") if c and c != "en"]
    languages = ["en", *chosen] if chosen else LANGUAGES

    walk = Walk(live_server.url)
    walk.walk(browser, languages)

    assert walk.pages_seen >= 55 * len(languages)
    assert walk.problems == [], f"{len(walk.problems)} problem(s):\n" + "\n".join(walk.problems)
    shares = walk.shares()
    below = {
        code: (shares.get(code, 0.0), floor)
        for code, floor in FLOORS.items()
        if code in languages and shares.get(code, 0.0) < floor
    }
    assert not below, f"translated share below the floor (share, floor): {below}; all shares: {shares}"
