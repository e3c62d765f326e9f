"""Every page and endpoint of the URL map, fetched with odd query strings and sent a junk
form, by an anonymous visitor and by officers of two states, answers without a server error
(bad input gives a message, never a 500)."""

from __future__ import annotations

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import make_user
from corridor.access import roles

JUNK_FORM = {"q": "\x00", "reason": "x" * 5000, "code": "abc", "citizenship": "XXX", "entry_0": "2026-02-30"}
ODD_QUERIES = ["", "?page=abc&q=%00x", "?period=9999-99&state=XXX&rows=-5", "?q=" + "ж" * 500]
KWARG_VALUES = {
    "uuid": str(uuid.uuid4()),
    "record_type": "people.personrecord",
    "flow_id": "DF_NOPE",
    "public_id": str(uuid.uuid4()),
}


def _paths(patterns, prefix: str = "") -> list[str]:
    found: list[str] = []
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += _paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            found.append(prefix + route)
    return found


def _concrete(route: str) -> str | None:
    path = route.replace("^", "").replace("$", "")
    for name, value in KWARG_VALUES.items():
        path = (
            path.replace(f"<uuid:{name}>", value).replace(f"<str:{name}>", value).replace(f"<{name}>", value)
        )
    path = (
        path.replace("<str:status>", "active")
        .replace("<slug:action>", "approve")
        .replace("<str:action>", "x")
    )
    path = path.replace("<str:citizenship>", "KGZ").replace("<str:destination>", "TUR")
    if "<" in path or "(" in path or "\\" in path:
        return None
    return "/" + path


@pytest.mark.django_db
def test_no_page_answers_with_a_server_error(client):
    paths = sorted({p for p in (_concrete(r) for r in _paths(get_resolver().url_patterns)) if p})
    users = [None, make_user("KGZ", *roles.ALL_ROLES[1:]), make_user("TUR", roles.LABOUR_OFFICER)]
    failures = []
    for user in users:
        client.logout()
        if user is not None:
            client.force_login(user)
        for path in paths:
            for query in ODD_QUERIES:
                response = client.get(path + query)
                if response.status_code >= 500:
                    failures.append((user and user.username, path + query[:30], response.status_code))
            posted = client.post(path, JUNK_FORM)
            if posted.status_code >= 500:
                failures.append((user and user.username, f"POST {path}", posted.status_code))
    assert len(paths) > 60
    assert failures == []
