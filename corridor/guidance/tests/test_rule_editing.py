"""Editing corridor rules: only the destination state's officers; audited; history kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Forbidden
from corridor.guidance import services
from corridor.guidance.models import CorridorRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def tur_officer(user_factory):
    return user_factory("TUR", roles.MIGRATION_OFFICER)


@pytest.fixture
def kgz_officer(user_factory):
    # an officer of the citizenship state, with the same permission at home
    return user_factory("KGZ", roles.LABOUR_OFFICER)


def current(citizenship="KGZ", destination="TUR"):
    return CorridorRule.objects.get(citizenship_id=citizenship, destination_id=destination, is_current=True)


def test_destination_officer_saves_a_new_version_and_it_is_audited(tur_officer):
    # given
    rule = current()
    # when
    new = services.rule_update(
        actor=actor_for(tur_officer), rule=rule, changes={"rolling_days": 60}, reason="Test decree"
    )
    # then the old version is kept and the new one is current
    assert new.version == 2
    assert new.rolling_days == 60
    assert new.changed_by == tur_officer
    old = CorridorRule.objects.get(pk=rule.pk)
    assert old.is_current is False
    assert old.rolling_days == 90
    assert current().pk == new.pk
    event = AuditEvent.objects.get(action="corridor_rule.updated")
    assert event.target_uuid == new.uuid
    assert event.target_state == "TUR"
    assert event.data == {"previous": str(rule.uuid), "version": 2, "fields": ["rolling_days"]}


def test_citizenship_state_officer_may_not_edit_the_destination_rule(kgz_officer):
    rule = current()
    with pytest.raises(Forbidden):
        services.rule_update(
            actor=actor_for(kgz_officer), rule=rule, changes={"rolling_days": 60}, reason="x"
        )
    assert CorridorRule.objects.filter(citizenship_id="KGZ", destination_id="TUR").count() == 1
    assert not AuditEvent.objects.filter(action="corridor_rule.updated").exists()


def test_invalid_change_is_refused_at_the_field_and_nothing_changes(tur_officer):
    rule = current()
    with pytest.raises(ApplicationError) as caught:
        services.rule_update(
            actor=actor_for(tur_officer), rule=rule, changes={"rolling_window": None}, reason="x"
        )
    assert "rolling_window" in caught.value.fields
    assert current().version == 1


def test_web_editor_is_404_for_other_states_and_saves_for_the_destination(client, tur_officer, kgz_officer):
    url = reverse("guidance:rule-edit", kwargs={"corridor": "KGZ-TUR"})
    # outsider: 404 on GET and POST, nothing changes
    client.force_login(kgz_officer)
    assert client.get(url).status_code == 404
    assert client.post(url, {"rolling_days": 1}).status_code == 404
    assert current().version == 1
    # destination officer: the form round-trips
    client.force_login(tur_officer)
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(rolling_days=80, reason="New decree", source_url="https://www.resmigazete.gov.tr/")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert current().rolling_days == 80
    assert current().version == 2


def test_anonymous_editor_redirects_to_login(client):
    response = client.get(reverse("guidance:rule-edit", kwargs={"corridor": "KGZ-TUR"}))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_api_edit_only_for_destination_officers(api_client, tur_officer, kgz_officer):
    url = "/api/v1/guidance/rules/KGZ/TUR/"
    # anonymous
    assert api_client.patch(url, {"rolling_days": 60, "reason": "x"}, format="json").status_code in {401, 403}
    # outsider
    api_client.force_authenticate(kgz_officer)
    response = api_client.patch(url, {"rolling_days": 60, "reason": "x"}, format="json")
    assert response.status_code == 403
    assert current().version == 1
    # destination officer
    api_client.force_authenticate(tur_officer)
    response = api_client.patch(url, {"rolling_days": 60, "reason": "decree"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    history = api_client.get(url + "history/").json()["results"]
    assert [row["version"] for row in history] == [2, 1]


def test_history_page_is_public_and_shows_every_version(client, tur_officer):
    services.rule_update(
        actor=actor_for(tur_officer), rule=current(), changes={"rolling_days": 60}, reason="Decree X"
    )
    page = client.get(reverse("guidance:rule-history", kwargs={"corridor": "KGZ-TUR"}))
    assert page.status_code == 200
    assert [version.version for version, _limits in page.context["rows"]] == [2, 1]
    assert "Decree X" in page.content.decode()


def test_every_member_and_observer_has_a_rule_for_each_destination():
    pairs = set(CorridorRule.objects.filter(is_current=True).values_list("citizenship_id", "destination_id"))
    citizens = {"AFG", "AZE", "IRN", "KAZ", "KGZ", "PAK", "TJK", "TKM", "TUR", "UZB"}
    expected = {(c, d) for c in citizens for d in ("TUR", "RUS", "KAZ") if c != d}
    assert pairs == expected


def test_unverified_rules_say_so_on_the_corridor_page(client):
    page = client.get(reverse("guidance:corridor", kwargs={"corridor": "TJK-TUR"})).content.decode()
    assert "Unverified" in page
    assert "not verified against an official source" in page
    verified = client.get(reverse("guidance:corridor", kwargs={"corridor": "UZB-TUR"})).content.decode()
    assert "not verified against an official source" not in verified
    index = client.get(reverse("guidance:corridors")).content.decode()
    assert (
        index.count('class="badge warn"')
        == CorridorRule.objects.filter(is_current=True).exclude(confidence="V").count()
    )
