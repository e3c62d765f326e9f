"""Node signing keys: rotation, revocation, the published key set, JWS sign and verify."""

from __future__ import annotations

import base64
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from corridor.audit.models import AuditEvent
from corridor.crypto import signing
from corridor.crypto.choices import NodeKeyStatus
from corridor.crypto.models import NodeSigningKey
from corridor.crypto.tests.conftest import MASTER_KEY

pytestmark = pytest.mark.django_db


def _tamper(token: str) -> str:
    header, payload, signature = token.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    body["n"] = 2
    forged = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_first_signature_creates_one_active_key_and_audits_it():
    # given no key / when
    token = signing.node_sign({"n": 1}, typ="test")

    # then
    row = NodeSigningKey.objects.get()
    assert row.status == NodeKeyStatus.ACTIVE
    assert row.kid.startswith("corridor-")
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header == {"alg": "Ed25519", "kid": row.kid, "typ": "test"}
    assert signing.node_verify(token).json() == {"n": 1}
    assert AuditEvent.objects.filter(action="node_key.created", data__kid=row.kid).count() == 1


def test_private_key_is_stored_wrapped_under_the_master_key():
    row = signing.node_key_ensure()

    assert "d" not in row.public_jwk
    assert row.kek_id == "k1"
    assert MASTER_KEY not in row.wrapped_private_key
    # The published set has no private part either.
    assert all("d" not in key for key in signing.node_key_set()["keys"])


def test_a_changed_payload_or_signature_does_not_verify():
    token = signing.node_sign({"n": 1}, typ="test")

    with pytest.raises(signing.SignatureInvalid):
        signing.node_verify(_tamper(token))
    with pytest.raises(signing.SignatureInvalid):
        signing.node_verify(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
    with pytest.raises(signing.SignatureInvalid):
        signing.node_verify("not a jws")


def test_rotation_keeps_old_signatures_verifying_and_signs_with_the_new_key():
    old_token = signing.node_sign({"n": 1}, typ="test")
    old = NodeSigningKey.objects.get()

    new = signing.node_key_rotate()
    new_token = signing.node_sign({"n": 2}, typ="test")

    old.refresh_from_db()
    assert old.status == NodeKeyStatus.RETIRED and old.retired_at is not None
    assert new.status == NodeKeyStatus.ACTIVE and new.kid != old.kid
    assert [key["kid"] for key in signing.node_key_set()["keys"]] == [new.kid, old.kid]
    assert signing.node_verify(old_token).json() == {"n": 1}
    assert signing.node_verify(new_token).header["kid"] == new.kid


def test_revoked_key_leaves_the_key_set_and_its_signatures_fail_as_unknown():
    token = signing.node_sign({"n": 1}, typ="test")
    kid = NodeSigningKey.objects.get().kid

    signing.node_key_revoke(kid=kid)

    row = NodeSigningKey.objects.get(kid=kid)
    assert row.status == NodeKeyStatus.REVOKED and row.wrapped_private_key == ""
    with pytest.raises(signing.UnknownKey):
        signing.node_verify(token)
    assert AuditEvent.objects.filter(action="node_key.revoked", data__kid=kid).count() == 1


def test_a_signature_of_another_node_is_an_unknown_key():
    foreign_token = signing.node_sign({"n": 1}, typ="test")
    foreign_set = signing.node_key_set()
    NodeSigningKey.objects.all().delete()  # this database now plays another node

    with pytest.raises(signing.UnknownKey):
        signing.node_verify(foreign_token)
    assert signing.verify(foreign_token, key_set=foreign_set).json() == {"n": 1}


def test_key_set_ignores_private_and_foreign_entries():
    public = signing.node_key_set()["keys"][0]
    keys = signing.key_set_from_json(
        {"keys": [public, {"kty": "RSA", "kid": "x"}, {**public, "d": "AAAA"}, "junk"]}
    )
    assert [key.kid for key in keys.keys] == [public["kid"]]


def test_key_set_endpoint_publishes_public_keys(client):
    signing.node_key_rotate()

    response = client.get("/.well-known/jwks.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk-set+json"
    body = response.json()
    assert len(body["keys"]) == 1
    assert set(body["keys"][0]) == {"kty", "crv", "x", "kid", "alg", "use"}


def test_keys_command_lists_rotates_and_revokes_node_keys():
    out = StringIO()
    call_command("keys", "node-rotate", stdout=out)
    kid = NodeSigningKey.objects.get(status=NodeKeyStatus.ACTIVE).kid
    assert kid in out.getvalue()

    listing = StringIO()
    call_command("keys", "node-list", stdout=listing)
    assert listing.getvalue().splitlines()[0].split()[:2] == ["KEY", "ID"]
    assert kid in listing.getvalue()

    with pytest.raises(CommandError):
        call_command("keys", "node-revoke", "--kid", kid)
    assert NodeSigningKey.objects.get(kid=kid).status == NodeKeyStatus.ACTIVE
    call_command("keys", "node-revoke", "--kid", kid, "--yes-really", stdout=StringIO())
    assert NodeSigningKey.objects.get(kid=kid).status == NodeKeyStatus.REVOKED
