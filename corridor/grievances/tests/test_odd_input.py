"""Every complaints page and endpoint, with odd queries and junk input, answers without a 5xx."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from corridor.access import roles

pytestmark = pytest.mark.django_db

ODD_QUERIES = ["", "?page=abc&rag=purple&status=zzz&escalated=maybe", "?severity=" + "ж" * 300]
JUNK = {"reference": "x" * 500, "step": "decision", "action": "explode", "reason": "", "subject": "?"}


def _paths(complaint) -> list[str]:
    web = [
        f"/{lang}/recruitment/complaints/{p}" for lang in ("ru",) for p in ("", "sent/", "follow/", "office/")
    ]
    one = [f"/en/recruitment/complaints/office/{complaint.uuid}/", "/en/recruitment/complaints/office/nope/"]
    api = [
        "/api/v1/public/complaints/",
        "/api/v1/public/complaints/follow/",
        "/api/v1/recruitment/complaints/",
    ]
    api += [
        f"/api/v1/recruitment/complaints/{ident}/{step}"
        for ident in (complaint.uuid, "nope")
        for step in ("", "triage/", "assign/", "decision/")
    ]
    return web + one + api


def test_no_server_error_for_anyone(user_factory, complaint):
    failures = []
    for user in (None, user_factory("KGZ", roles.LABOUR_OFFICER), user_factory("KAZ", roles.LABOUR_OFFICER)):
        client = APIClient()
        if user is not None:
            client.force_login(user)
        for path in _paths(complaint):
            for query in ODD_QUERIES:
                if client.get(path + query).status_code >= 500:
                    failures.append(("GET", path + query[:20]))
            if client.post(path, JUNK).status_code >= 500:
                failures.append(("POST", path))
            if client.post(path, JUNK, format="json").status_code >= 500:
                failures.append(("POST json", path))
    assert failures == []
