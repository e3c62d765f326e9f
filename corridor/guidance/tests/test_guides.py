"""Pre-departure guides: public reading per language, versioned editing, sanitised Markdown, offline app."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.core.errors import Forbidden
from corridor.guidance import selectors, services
from corridor.guidance.models import Guide, GuideVersion

pytestmark = pytest.mark.django_db


def guide_url(corridor: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse("guidance:guide", kwargs={"corridor": corridor})


@pytest.mark.parametrize(
    ("corridor", "languages"),
    [
        ("KGZ-TUR", {"en", "ru", "tr"}),
        ("UZB-TUR", {"en", "ru", "tr"}),
        ("TJK-RUS", {"en", "ru"}),
        ("KGZ-KAZ", {"en", "ru"}),
    ],
)
def test_seeded_guides_are_published_in_their_languages(corridor, languages):
    citizenship, destination = corridor.split("-")
    guides = Guide.objects.filter(
        citizenship_id=citizenship, destination_id=destination, published__isnull=False
    )
    assert {guide.language for guide in guides} == languages


def test_guide_is_shown_in_the_visitors_language(client):
    page = client.get(guide_url("TJK-RUS", "ru"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Работа в России: памятка для граждан Таджикистана" in text
    assert '<h2 id="on_arrival-heading">' in text
    assert "<strong>Migration registration" not in text


def test_missing_language_falls_back_to_english_and_says_so(client):
    page = client.get(guide_url("TJK-RUS", "tr")).content.decode()
    assert "Going to work in Russia" in page
    assert 'lang="en"' in page
    assert page.count('class="alert warn"') >= 1


def test_guide_on_unverified_corridor_is_marked(client):
    page = client.get(guide_url("KGZ-KAZ")).content.decode()
    assert "not verified against an official source" in page


def test_corridor_without_guide_is_404(client):
    assert client.get(guide_url("AFG-KAZ")).status_code == 404


def test_markdown_is_rendered_and_sanitised():
    html = selectors.render_markdown(
        "- **bold** [x](javascript:alert(1))\n\n<script>alert(1)</script><img src=x onerror=y>"
    )
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert "<img" not in html


@pytest.fixture
def kgz_consul(user_factory):
    return user_factory("KGZ", roles.CONSULAR_OFFICER)


@pytest.fixture
def kaz_consul(user_factory):
    return user_factory("KAZ", roles.CONSULAR_OFFICER)


def test_each_save_is_a_new_version_and_publishing_is_audited(kgz_consul):
    actor = actor_for(kgz_consul)
    draft = services.guide_save(
        actor=actor,
        citizenship="KGZ",
        destination="TUR",
        language="en",
        title="New title",
        sections={"on_arrival": "Count your days."},
        publish=False,
    )
    guide = draft.guide
    assert draft.number == 2
    guide.refresh_from_db()
    assert guide.published.number == 1  # the public still sees version 1
    services.guide_publish(actor=actor, version=draft)
    guide.refresh_from_db()
    assert guide.published_id == draft.id
    assert list(AuditEvent.objects.filter(action__startswith="guide.").values_list("action", flat=True)) == [
        "guide.version_saved",
        "guide.published",
    ]


def test_outsider_cannot_write_a_guide_and_gets_404_pages(client, kaz_consul):
    # KAZ is neither the citizenship nor the destination of KGZ→TUR
    with pytest.raises(Forbidden):
        services.guide_save(
            actor=actor_for(kaz_consul),
            citizenship="KGZ",
            destination="TUR",
            language="en",
            title="x",
            sections={},
        )
    client.force_login(kaz_consul)
    edit = reverse("guidance:guide-edit", kwargs={"corridor": "KGZ-TUR"})
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"title": "Hacked"}).status_code == 404
    version = GuideVersion.objects.filter(guide__citizenship_id="KGZ", guide__destination_id="TUR").first()
    publish = reverse("guidance:guide-publish", kwargs={"corridor": "KGZ-TUR", "uuid": version.uuid})
    assert client.post(publish).status_code == 404
    assert GuideVersion.objects.filter(guide__citizenship_id="KGZ", guide__destination_id="TUR").count() == 3
    assert not AuditEvent.objects.filter(action__startswith="guide.").exists()


def test_consul_edits_through_the_page(client, kgz_consul):
    client.force_login(kgz_consul)
    edit = reverse("guidance:guide-edit", kwargs={"corridor": "KGZ-TUR"}) + "?language=ru"
    page = client.get(edit)
    assert page.status_code == 200
    assert page.context["form"].initial["title"].startswith("Работа в Турции")
    data = {**page.context["form"].initial, "title": "Новая версия", "publish": "on"}
    response = client.post(edit, data)
    assert response.status_code == 302
    assert client.get(guide_url("KGZ-TUR", "ru")).context["view"].version.title == "Новая версия"


def test_service_worker_and_manifest(client):
    worker = client.get("/en/sw.js")
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("application/javascript")
    assert worker["Service-Worker-Allowed"] == "/"
    assert "guidance/guidance.css" in worker.content.decode()
    manifest = client.get("/en/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    assert manifest.json()["scope"] == "/"


def test_guide_page_loads_the_print_css_and_the_offline_script(client):
    page = client.get(guide_url("KGZ-TUR")).content.decode()
    assert "guidance/guidance.css" in page
    assert "guidance/offline.js" in page
    assert 'rel="manifest"' in page
