"""``manage.py keys``."""

from __future__ import annotations

import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from corridor.crypto.choices import KeyStatus
from corridor.crypto.models import StateDataKey
from corridor.crypto.services import encrypt_value
from corridor.crypto.tests.conftest import MASTER_KEY

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("keys", *args, stdout=out)
    return out.getvalue()


def _seed(*states: str) -> None:
    for state in states:
        encrypt_value(state=state, model_label="people.x", field="f", record_id=uuid.uuid4(), plaintext="v")


def test_list_shows_the_inventory_without_key_material(states):
    _seed("KGZ")

    output = _run("list")

    lines = output.splitlines()
    assert lines[0].split() == [
        "STATE",
        "PURPOSE",
        "VERSION",
        "STATUS",
        "MASTER",
        "KEY",
        "CREATED",
        "RETIRED",
    ]
    assert [line.split()[:5] for line in lines[1:]] == [
        ["KGZ", "data", "1", "active", "k1"],
        ["KGZ", "index", "1", "active", "k1"],
    ]
    for key in StateDataKey.objects.all():
        assert key.wrapped_key not in output
    assert MASTER_KEY not in output


def test_list_with_no_keys_says_so(states):
    assert "No keys yet" in _run("list")


def test_rotate_one_state(states):
    _seed("KGZ", "TUR")

    output = _run("rotate", "--state", "kgz")

    assert output.strip() == "KGZ: data key rotated to version 2."
    assert StateDataKey.objects.get(state_id="TUR", purpose="data", status=KeyStatus.ACTIVE).version == 1


def test_rotate_all_states(states):
    _seed("KGZ", "TUR")

    output = _run("rotate", "--all")

    assert output.splitlines() == [
        "KGZ: data key rotated to version 2.",
        "TUR: data key rotated to version 2.",
    ]


def test_rewrap_reports_the_count(states, settings):
    _seed("KGZ")
    settings.CORRIDOR_MASTER_KEY_ID = "k2"
    settings.CORRIDOR_MASTER_KEY = "a brand new master key"
    settings.CORRIDOR_RETIRED_MASTER_KEYS = [f"k1:{MASTER_KEY}"]

    assert _run("rewrap").strip() == "Rewrapped 2 key(s) under the current master key."


def test_destroy_needs_confirmation_and_changes_nothing_without_it(states):
    _seed("KGZ")

    with pytest.raises(CommandError, match="--yes-really") as caught:
        _run("destroy", "--state", "KGZ")

    assert caught.value.returncode == 2
    assert not StateDataKey.objects.filter(status=KeyStatus.DESTROYED).exists()


def test_destroy_with_confirmation(states):
    _seed("KGZ")

    output = _run("destroy", "--state", "KGZ", "--yes-really")

    assert output.strip() == "KGZ: 2 key(s) destroyed."
    assert set(StateDataKey.objects.values_list("status", flat=True)) == {KeyStatus.DESTROYED}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Say what to do"),
        (("rotate",), "--state"),
        (("rotate", "--state", "XXX"), "Unknown state XXX"),
        (("rotate", "--state", "KGZ1"), "not a state code"),
        (("destroy", "--yes-really"), "--state"),
    ],
)
def test_bad_arguments_exit_with_status_2(states, args, message):
    with pytest.raises(CommandError, match=message) as caught:
        _run(*args)

    assert caught.value.returncode == 2
