"""Cross-cutting HTTP behaviour: health, errors, limits, headers, API index and docs."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from conftest import make_user
from corridor.access import roles
from corridor.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_queue(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok" and body["database"]["status"] == "ok"
    assert body["tasks"]["status"] == "ok" and body["tasks"]["backend"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ('{"family_name": "a\\u0000b", "given_name": "x", "citizenship": "KGZ"}', "application/json"),
        (
            json.dumps({"family_name": "x" * 10_000, "given_name": "x", "citizenship": "KGZ"}),
            "application/json",
        ),
        (json.dumps({"family_name": 5, "given_name": {"a": 1}, "citizenship": "KGZ"}), "application/json"),
        (json.dumps([1, 2, 3]), "application/json"),
        ("family_name=x", "application/x-www-form-urlencoded"),
    ],
)
def test_bad_api_input_is_400_with_the_one_error_body(client, body, content_type):
    client.force_login(make_user("TUR", roles.MIGRATION_OFFICER))
    response = client.post("/api/v1/people/", body, content_type=content_type)
    assert response.status_code in (400, 415)
    payload = response.json()
    assert set(payload) == {"error", "request_id"}
    assert set(payload["error"]) == {"code", "message", "fields"} and payload["error"]["message"]


def test_error_messages_follow_the_requested_language(client):
    response = client.get("/api/v1/people/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 401
    assert re.search("[а-яА-Я]", response.json()["error"]["message"])


def test_oversized_body_is_refused_before_parsing(client, settings):
    settings.CORRIDOR_MAX_BODY_BYTES = 1000
    response = client.post("/api/v1/auth/token/", "x" * 2000, content_type="application/json")
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_unknown_api_path_is_json_404_and_page_is_html_404(client):
    api = client.get("/api/v1/nothing-here/")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
    page = client.get("/en/nothing-here/")
    assert page.status_code == 404 and "text/html" in page["Content-Type"]


def test_security_headers_and_no_store_when_signed_in(client):
    anonymous = client.get("/en/")
    assert anonymous["X-Content-Type-Options"] == "nosniff"
    assert anonymous["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in anonymous["Content-Security-Policy"]
    assert anonymous["Referrer-Policy"] == "same-origin"
    assert anonymous["X-Request-ID"]
    client.force_login(make_user("TUR", roles.MIGRATION_OFFICER))
    assert client.get("/en/dashboard/")["Cache-Control"] == "no-store"


def test_api_index_lists_sections_and_docs_use_local_assets(client):
    index = client.get("/api/v1/").json()
    assert {"auth", "people", "agreements", "schema", "docs", "reference"} <= set(index["sections"])
    docs = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs
    assert not re.search(r"https?://(?!127\.0\.0\.1|testserver)", re.sub(r'"url": "[^"]*"', "", docs))


def test_openapi_schema_is_valid_and_documents_bearer_auth(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert "/api/v1/auth/token/" in schema["paths"] and "/api/v1/people/{uuid}/" in schema["paths"]


def test_lists_never_exceed_100_rows_a_page(client):
    user = make_user("TUR", roles.MIGRATION_OFFICER)
    for _ in range(105):
        make_person("TUR", "KGZ")
    client.force_login(user)
    page = client.get("/api/v1/people/", {"page_size": 1000}).json()
    assert page["count"] == 105 and len(page["results"]) == 100 and page["next"]


def test_language_switch_keeps_the_page(client):
    response = client.post(reverse("set_language"), {"language": "tr", "next": "/en/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/tr/accounts/login/"
    html = client.get("/tr/accounts/login/").content.decode()
    assert '<html lang="tr"' in html


def test_right_to_left_languages_set_the_direction(client):
    assert 'dir="rtl"' in client.get("/fa/").content.decode()
    assert 'dir="ltr"' in client.get("/ru/").content.decode()


def test_uploads_have_their_own_larger_limit(client, settings):
    settings.CORRIDOR_MAX_BODY_BYTES = 1000
    settings.CORRIDOR_MAX_UPLOAD_BYTES = 5000
    ordinary = client.post("/api/v1/people/", "x" * 2000, content_type="application/json")
    assert ordinary.status_code == 413
    upload = client.post("/api/v1/statistics/submissions/", "x" * 2000, content_type="application/json")
    assert upload.status_code != 413
    too_big = client.post("/api/v1/statistics/submissions/", "x" * 6000, content_type="application/json")
    assert too_big.status_code == 413 and "limit" in too_big.json()["error"]["message"]


def test_a_refused_rule_on_a_page_is_answered_like_the_api(rf):
    from corridor.core.errors import ApplicationError, NotFound
    from corridor.core.middleware import ApplicationErrorMiddleware

    middleware = ApplicationErrorMiddleware(lambda request: None)
    request = rf.get("/en/somewhere/")
    missing = middleware.process_exception(request, NotFound())
    refused = middleware.process_exception(request, ApplicationError("The agency's licence is suspended."))
    assert missing.status_code == 404
    assert refused.status_code == 400 and "licence is suspended" in refused.content.decode()
    assert middleware.process_exception(rf.get("/api/v1/x/"), NotFound()) is None
    assert middleware.process_exception(request, ValueError()) is None


def test_nul_in_the_query_string_is_refused_everywhere(client):
    client.force_login(make_user("TUR", roles.MIGRATION_OFFICER))
    api = client.get("/api/v1/people/export/", {"q": "a\x00b"})
    page = client.get("/en/people/", {"q": "\x00"})
    assert api.status_code == 400 and api.json()["error"]["code"] == "invalid"
    assert page.status_code == 400
