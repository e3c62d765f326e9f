"""Fuzzing every API operation from its own OpenAPI schema (security goal G5).

Schemathesis generates valid and invalid requests for every documented operation and
sends them in-process to the WSGI application, anonymously and as an officer with a bearer
token. No request may end in a server error.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from conftest import make_user
from corridor.access import roles
from corridor.accounts.services import token_issue

# The schema is generated in-process (no database needed), then served by the real app.
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


@pytest.fixture
def officer_token(db) -> str:
    return token_issue(user=make_user("TUR", roles.MIGRATION_OFFICER), name="fuzz").raw


@pytest.mark.django_db
@schema.parametrize()
# 12 cases per operation and identity per CI run; FUZZ_EXAMPLES=100 or more for a nightly run.
@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_with_a_server_error(case, officer_token):
    case.call_and_validate(checks=[not_a_server_error], headers={"Authorization": f"Bearer {officer_token}"})
    case.call_and_validate(checks=[not_a_server_error])
