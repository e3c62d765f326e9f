"""The API documentation pages carry no inline script or style (the browser test renders them)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_load_local_assets_only(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert not INLINE_SCRIPT.search(page) and "<style" not in page
    assert "https://" not in page  # no web fonts or scripts from elsewhere
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "script-src 'self'" in policy


def test_only_redoc_gets_a_style_nonce(client):
    redoc = client.get("/api/v1/redoc/")
    nonce = re.search(r"'nonce-([^']+)'", redoc.headers["Content-Security-Policy"])
    assert nonce is not None
    assert f'nonce="{nonce.group(1)}"' in redoc.content.decode()  # handed to Redoc by its start-up script
    assert "'nonce-" not in client.get("/api/v1/docs/").headers["Content-Security-Policy"]
    assert "'nonce-" not in client.get("/en/").headers["Content-Security-Policy"]
