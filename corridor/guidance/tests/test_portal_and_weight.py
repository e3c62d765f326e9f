"""Public home with the corridor picker, consulates, profiles, and the 100 KB page budget."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.accounts.models import Organisation, OrganisationKind
from corridor.audit.models import AuditEvent
from corridor.core.errors import Forbidden
from corridor.guidance import services
from corridor.guidance.models import CountryProfileVersion

pytestmark = pytest.mark.django_db
BUDGET_BYTES = 100 * 1024
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="/static/([^"]+)"')


def compressed_weight(html: str) -> tuple[int, list[str]]:
    """gzip size of the page plus every style sheet and script it loads."""
    assets = ASSET.findall(html)
    total = len(gzip.compress(html.encode(), compresslevel=6))
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read(), compresslevel=6))
    return total, assets


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("portal:home", {}), ("guidance:stay-calculator", {}), ("guidance:guide", {"corridor": "KGZ-TUR"})],
)
def test_public_pages_weigh_at_most_100_kb_compressed(client, name, kwargs, language):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200
    weight, assets = compressed_weight(response.content.decode())
    assert "corridor/corridor.css" in assets  # the measure sees the assets
    assert weight <= BUDGET_BYTES, f"{url}: {weight} bytes"


def test_home_picker_leads_to_the_corridor_page(client):
    home = client.get("/ru/").content.decode()
    assert 'action="/ru/corridors/go/"' in home
    assert "Кыргызстан" in home or "Киргизия" in home
    response = client.get("/ru/corridors/go/?citizenship=KGZ&destination=TUR")
    assert response.status_code == 302
    assert response["Location"] == "/ru/corridors/KGZ-TUR/"
    page = client.get(response["Location"]).content.decode()
    assert "/ru/corridors/KGZ-TUR/guide/" in page
    assert "/ru/tools/stay/?citizenship=KGZ&amp;destination=TUR" in page


def test_picker_rejects_an_incomplete_choice(client):
    response = client.get("/en/corridors/go/?citizenship=KGZ")
    assert response.status_code == 400
    assert "destination" in response.context["form"].errors


def test_language_is_detected_from_the_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 302
    assert response["Location"] == "/tr/"


def test_consulates_page_lists_consulates_only(client):
    Organisation.objects.create(
        name="Consulate of Kyrgyzstan in Istanbul",
        kind=OrganisationKind.CONSULATE,
        state_id="KGZ",
        city="Istanbul",
        phone="+90 000",
    )
    Organisation.objects.create(
        name="Ministry of Labour", kind=OrganisationKind.LABOUR_MINISTRY, state_id="KGZ"
    )
    page = client.get(reverse("guidance:consulates") + "?state=KGZ").content.decode()
    assert "Consulate of Kyrgyzstan in Istanbul" in page
    assert "Ministry of Labour" not in page
    other = client.get(reverse("guidance:consulates") + "?state=UZB").content.decode()
    assert "Consulate of Kyrgyzstan" not in other


@pytest.fixture
def kaz_admin(user_factory):
    return user_factory("KAZ", roles.NATIONAL_ADMIN)


@pytest.fixture
def tur_labour(user_factory):
    return user_factory("TUR", roles.LABOUR_OFFICER)


def test_profile_is_written_by_its_state_versioned_and_audited(kaz_admin):
    actor = actor_for(kaz_admin)
    seeded = CountryProfileVersion.objects.filter(profile__state_id="KAZ").count()
    services.profile_save(actor=actor, state="KAZ", sections={"visa_regimes": "Visa-free for EAEU."})
    second = services.profile_save(actor=actor, state="KAZ", sections={"visa_regimes": "Changed."})
    assert second.number == seeded + 2
    assert CountryProfileVersion.objects.filter(profile__state_id="KAZ").count() == seeded + 2
    assert AuditEvent.objects.filter(action="country_profile.updated", target_state="KAZ").count() == 2


def test_profile_outsider_is_refused_and_nothing_changes(client, kaz_admin, tur_labour):
    with pytest.raises(Forbidden):
        services.profile_save(actor=actor_for(tur_labour), state="KAZ", sections={"visa_regimes": "x"})
    client.force_login(tur_labour)
    url = reverse("guidance:profile-edit", kwargs={"iso3": "KAZ"})
    assert client.get(url).status_code == 404
    before = list(CountryProfileVersion.objects.values_list("pk", flat=True).order_by("pk"))
    assert client.post(url, {"visa_regimes": "x"}).status_code == 404
    assert list(CountryProfileVersion.objects.values_list("pk", flat=True).order_by("pk")) == before
    assert not AuditEvent.objects.filter(action="country_profile.updated").exists()


def test_profile_edit_page_and_comparison(client, kaz_admin, tur_labour):
    client.force_login(kaz_admin)
    response = client.post(
        reverse("guidance:profile-edit", kwargs={"iso3": "KAZ"}), {"visa_regimes": "**EAEU** free"}
    )
    assert response.status_code == 302
    client.force_login(tur_labour)
    client.post(reverse("guidance:profile-edit", kwargs={"iso3": "TUR"}), {"visa_regimes": "e-Visa"})
    client.logout()
    page = client.get("/en/profiles/compare/?states=KAZ&states=TUR")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>EAEU</strong> free" in html
    assert "e-Visa" in html
    too_many = client.get("/en/profiles/compare/?states=KAZ")
    assert too_many.status_code == 400
    assert "Choose two or three states." in too_many.content.decode()
