"""Core names no module: the menu, the API index and the start page come from registrations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from corridor.core import registry
from corridor.core.registry import SIGNED_IN, SIGNED_OUT, MenuItem

CORE = Path(__file__).resolve().parents[1]
# URL names in templates and code: {% url 'ns:name' %}, reverse("ns:name"), "ns-api:name".
URL_NAME = re.compile(r"""['"]([a-z_]+?)(?:-api)?:[A-Za-z_-]+['"]""")


def _core_sources() -> list[Path]:
    return [
        path
        for path in CORE.rglob("*")
        if path.suffix in {".py", ".html", ".txt"} and "tests" not in path.relative_to(CORE).parts
    ]


def test_core_names_no_other_module_in_its_code_or_templates():
    # given the app labels of every Corridor module except the kernel's own URL names
    labels = {config.label for config in apps.get_app_configs() if config.name.startswith("corridor.")}
    allowed = {"api", "accounts"}  # the API's own namespace; sign in/out belong to the site's shell
    # when
    named = {
        (path.relative_to(CORE).as_posix(), match.group(1))
        for path in _core_sources()
        for match in URL_NAME.finditer(path.read_text(encoding="utf-8"))
        if match.group(1) in labels - allowed - {"core"}
    }
    # then
    assert named == set()


def test_the_url_name_scan_would_see_a_module_named_in_a_template():
    # The guard above is only as good as its pattern: it must catch the forms used before.
    found = {m.group(1) for m in URL_NAME.finditer("""{% url 'registration:list' %} "statistics-api:x" """)}
    assert found == {"registration", "statistics"}


def test_menu_shows_each_audience_its_entries_with_the_permissions_they_need():
    office = registry.menu_for(signed_in=True, permissions={"registration.view"})
    public = registry.menu_for(signed_in=False, permissions=set())
    office_keys = [link.key for link in office]
    public_keys = [link.key for link in public]
    assert "registration.list" in office_keys and "registration.list" not in public_keys
    assert "registration.start" in public_keys and "registration.start" not in office_keys
    # both permissions are needed for duplicate review
    assert "matching.jobs" not in office_keys
    both = registry.menu_for(signed_in=True, permissions={"registration.view", "matching.review"})
    assert "matching.jobs" in [link.key for link in both]
    # everyone sees help and statistics, in the registered order
    assert public_keys.index("services.find-help") < public_keys.index("statistics.index")
    assert office_keys[0] == "portal.dashboard"


def test_any_permission_is_enough_for_an_entry_that_accepts_several():
    employer = registry.menu_for(signed_in=True, permissions={"recruitment.post_job_orders"})
    assert "recruitment.vacancies" in [link.key for link in employer]
    assert "recruitment.vacancies" not in [
        link.key for link in registry.menu_for(signed_in=True, permissions=set())
    ]


@pytest.mark.django_db
def test_a_new_module_appears_in_the_menu_and_api_index_by_registering(client):
    item = MenuItem("demo.new", "healthz", "A new module", order=205)
    registry.register_menu_item(item)
    registry.register_api_section("demo_new", "healthz")
    try:
        page = client.get(reverse("guidance:corridors")).content.decode()
        index = json.loads(client.get("/api/v1/").content)
    finally:
        registry.unregister_menu_item("demo.new")
        registry.unregister_api_section("demo_new")
    assert 'href="/healthz">A new module</a>' in page
    assert index["sections"]["demo_new"].endswith("/healthz")
    assert "demo_new" not in json.loads(client.get("/api/v1/").content)["sections"]


def test_an_entry_whose_page_is_not_mounted_is_left_out():
    registry.register_menu_item(MenuItem("demo.gone", "nowhere:page", "Gone", order=1))
    try:
        assert "demo.gone" not in [link.key for link in registry.menu_for(signed_in=False, permissions=set())]
    finally:
        registry.unregister_menu_item("demo.gone")


def test_two_modules_cannot_claim_the_same_key():
    taken = registry.menu_items()[0]
    with pytest.raises(ValueError, match="already registered"):
        registry.register_menu_item(MenuItem(taken.key, "healthz", "Other", order=1, audience=taken.audience))
    registry.register_menu_item(taken)  # the same entry again is harmless
    with pytest.raises(ValueError, match="already registered"):
        registry.register_api_section("people", "healthz")


def test_entries_that_need_permissions_are_for_signed_in_visitors_only():
    with pytest.raises(ValueError, match="signed-in"):
        MenuItem("x.y", "healthz", "X", order=1, audience=SIGNED_OUT, permissions=frozenset({"a.b"}))
    with pytest.raises(ValueError, match="audience"):
        MenuItem("x.y", "healthz", "X", order=1, audience="staff")
    assert MenuItem("x.y", "healthz", "X", order=1, audience=SIGNED_IN, permissions={"a.b"}).permissions == {
        "a.b"
    }


@pytest.mark.django_db
def test_the_brand_link_goes_to_the_registered_start_page(client):
    page = client.get(reverse("guidance:corridors")).content.decode()
    assert f'class="brand" href="{reverse("portal:home")}"' in page
