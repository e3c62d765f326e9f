"""Low findings of issue 20: tokens after a password reset or a switch out of demo mode,
the health check with the database down, file modes of the demo's secrets and database."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from conftest import make_user
from corridor.access import roles
from corridor.accounts.services import token_issue

pytestmark = pytest.mark.django_db
PASSWORD = "correct-Horse-battery-9"


def _me(api_client, raw: str) -> int:
    return api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_a_password_reset_revokes_every_api_token(client, api_client):
    user = make_user("KGZ", roles.CONSULAR_OFFICER, username="kgz.consul", password=PASSWORD)
    user.email = "consul@example.org"
    user.save(update_fields=["email"])
    raw = token_issue(user=user, name="laptop").raw
    assert _me(api_client, raw) == 200
    # when the password is reset through the e-mailed link
    client.post("/en/accounts/password/reset/", {"email": "consul@example.org"})
    link = re.search(r"(/en/accounts/password/reset/[^/\s]+/[^/\s]+/)", mail.outbox[-1].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session-held one
    new = "another-Horse-battery-7"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    # then the token issued under the old password no longer works
    assert _me(api_client, raw) == 401


def test_a_token_issued_in_demo_mode_is_refused_outside_it(api_client, settings):
    settings.DEMO_MODE = True
    raw = token_issue(user=make_user("KGZ", roles.CONSULAR_OFFICER), name="demo").raw
    assert _me(api_client, raw) == 200
    settings.DEMO_MODE = False
    assert _me(api_client, raw) == 401
    production = token_issue(user=make_user("KGZ", roles.CONSULAR_OFFICER), name="prod").raw
    assert _me(api_client, production) == 200


def test_healthz_answers_json_503_while_the_database_is_down(client, monkeypatch):
    def down(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["database"]["status"] == "error"


def test_pooled_connections_are_checked_before_use(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_demo_secrets_and_database_are_owner_only(tmp_path):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    (var / "corridor.sqlite3").write_bytes(b"")
    (var / "corridor.sqlite3").chmod(0o644)
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "CORRIDOR_MASTER_KEY"}
    }
    env.update(CORRIDOR_VAR_DIR=str(var), CORRIDOR_DEMO="1")
    subprocess.run([sys.executable, "-c", "import config.settings"], check=True, env=env, cwd=Path.cwd())
    for path in (var, var / "master_key", var / "secret_key", var / "corridor.sqlite3"):
        others = stat.S_IMODE(path.stat().st_mode) & 0o077
        assert others == 0, (path.name, oct(path.stat().st_mode))


def test_static_files_carry_csp_and_frame_headers(client):
    response = client.get("/static/corridor/corridor.css")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_names_with_control_or_hidden_formatting_characters_are_refused(api_client):
    token = token_issue(user=make_user("KGZ", roles.MIGRATION_OFFICER), name="t").raw
    header = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for bad in ("Asan\tov", "Asan\x1bov", "Asan\x7fov", "Asan\u202eov", "Asan\x85ov"):
        body = {"family_name": bad, "given_name": "Bakyt", "citizenship": "KGZ"}
        response = api_client.post("/api/v1/people/", body, format="json", **header)
        assert response.status_code == 400, (repr(bad), response.status_code)
        assert "family_name" in response.json()["error"]["fields"]
    # joiners that Perso-Arabic names need stay allowed
    body = {"family_name": "نورزی\u200cزاده", "given_name": "Bakyt", "citizenship": "KGZ"}
    assert api_client.post("/api/v1/people/", body, format="json", **header).status_code == 201


@pytest.mark.parametrize("reason", ["a" * 20, "asdf asdf asdf asdf asdf", "1234567890 1234567890"])
def test_a_break_glass_reason_must_be_meaningful(reason):
    from corridor.access import permissions as perms
    from corridor.access.actor import actor_for
    from corridor.access.services import break_glass_open
    from corridor.core.errors import ApplicationError

    actor = actor_for(make_user("KGZ", roles.MIGRATION_OFFICER))
    with pytest.raises(ApplicationError) as refused:
        break_glass_open(actor=actor, permission=perms.VIEW_PROTECTED, reason=reason)
    assert "reason" in refused.value.fields
    grant = break_glass_open(
        actor=actor,
        permission=perms.VIEW_PROTECTED,
        reason="Victim identified at border post, need her record",
    )
    assert grant.pk
