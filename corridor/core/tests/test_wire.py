"""Light on the wire: pages compressed when the browser accepts it, static files hashed and cached."""

from __future__ import annotations

import gzip
import json

import pytest
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_pages_are_compressed_for_browsers_that_accept_it(client):
    with translation.override(translation.get_language()):
        plain = client.get("/en/")
        packed = client.get("/en/", headers={"accept-encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    body = gzip.decompress(packed.content)
    assert b"<html" in body and len(packed.content) < len(body) / 2


def test_the_api_is_compressed_too(client):
    response = client.get("/api/v1/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "sections" in json.loads(gzip.decompress(response.content))


def test_collectstatic_gives_hashed_compressed_files(tmp_path, settings):
    # what `corridor serve` runs in demo mode: every file hashed, and the CSS references resolvable
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", "--verbosity", "0")
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    css = manifest["corridor/corridor.css"]
    assert css != "corridor/corridor.css" and css.startswith("corridor/corridor.")
    assert (tmp_path / css).exists() and (tmp_path / f"{css}.gz").exists()
    assert "django_htmx/htmx-2.min.js" in manifest
