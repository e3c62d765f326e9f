"""Malformed input gets a translated 400, never a 500 (issue 20, medium 5).

Every documented API operation that takes a body receives deeply nested JSON, a lone
surrogate and a NUL, anonymously and as an officer; URL paths carry a NUL byte.
"""

from __future__ import annotations

import re
import uuid

import pytest
from drf_spectacular.generators import SchemaGenerator

from conftest import make_user
from corridor.access import roles
from corridor.accounts.services import token_issue

pytestmark = pytest.mark.django_db

_SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
BODY_OPERATIONS = sorted(
    (method.upper(), path)
    for path, item in _SCHEMA["paths"].items()
    for method, operation in item.items()
    if method in {"post", "put", "patch"}
    and "application/json" in (operation.get("requestBody") or {}).get("content", {})
)
GET_OPERATIONS = sorted(path for path, item in _SCHEMA["paths"].items() if "get" in item)


def _fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)


def _nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.fixture
def officer_header(db) -> dict[str, str]:
    token = token_issue(user=make_user("TUR", roles.MIGRATION_OFFICER), name="attack").raw
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_there_are_body_operations_to_probe():
    assert len(BODY_OPERATIONS) >= 10
    assert ("POST", "/api/v1/auth/token/") in BODY_OPERATIONS


@pytest.mark.parametrize(("method", "path"), BODY_OPERATIONS)
@pytest.mark.parametrize("body", ["nested", "surrogate", "nul"])
def test_hostile_json_bodies_get_400_not_500(client, officer_header, method, path, body):
    payload = {
        "nested": _nested(100_000),
        "surrogate": '{"username": "\\ud800", "name": "\\udfff", "kind": "\\ud800", "x": ["\\ud800"]}',
        "nul": '{"username": "a\\u0000b", "x": {"y": "\\u0000"}}',
    }[body]
    for headers in ({}, officer_header):
        response = client.generic(
            method,
            _fill(path),
            payload,
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="ru",
            **headers,
        )
        assert response.status_code < 500, (method, path, body, response.status_code)
        if response.status_code == 400:
            assert response.json()["error"]["message"]


def test_nested_json_on_the_anonymous_token_endpoint_is_a_translated_400(client):
    response = client.post(
        "/api/v1/auth/token/", _nested(5000), content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Тело JSON имеет слишком глубокую вложенность."


def test_a_lone_surrogate_in_a_choice_field_is_refused_cleanly(client):
    response = client.post(
        "/api/v1/public/fees/",
        '{"country_of_origin": "\\ud800", "destination_country": "\\ud800", "currency": "\\udfff"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Unicode" in response.json()["error"]["message"]


@pytest.mark.parametrize("path", GET_OPERATIONS)
def test_a_nul_in_the_path_is_a_400(client, officer_header, path):
    target = re.sub(r"\{[^}]+\}", "K%00Z", path) if "{" in path else path + "K%00Z/"
    response = client.get(target, **officer_header)
    assert response.status_code in {400, 404}, (path, response.status_code)
    if "{" in path:
        assert response.status_code == 400
