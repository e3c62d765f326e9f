"""Back-office pages and endpoints: owner, destination verifier and outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from corridor.access import roles
from corridor.audit.models import AuditEvent
from corridor.recruitment.models import Agency, Vacancy
from corridor.recruitment.tests.factories import make_agency, make_vacancy, vacancy_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(user_factory):
    return {
        "kgz": user_factory("KGZ", roles.LABOUR_OFFICER),
        "tur": user_factory("TUR", roles.LABOUR_OFFICER),
        "kaz": user_factory("KAZ", roles.LABOUR_OFFICER),
        "kgz_consul": user_factory("KGZ", roles.CONSULAR_OFFICER),
    }


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    client.force_login(user)
    return client


def _api_vacancy(**overrides):
    data = vacancy_data(**overrides)
    data["wage_amount"] = str(data["wage_amount"])
    data["valid_until"] = data["valid_until"].isoformat()
    return data


def test_officer_registers_agency_and_decides_through_the_pages(users):
    client = _client(users["kgz"])
    response = client.post(reverse("recruitment:agency-create"), {"name": "Alpha", "licence_number": "KG-1"})
    agency = Agency.objects.for_state("KGZ").get()
    assert response.status_code == 302 and response["Location"] == agency.get_absolute_url()
    for action in ("submit", "start_review", "approve"):
        assert client.post(agency.get_absolute_url(), {"action": action}).status_code == 302
    refused = client.post(agency.get_absolute_url(), {"action": "suspend", "reason": ""})
    assert refused.status_code == 400
    assert "A reason is required for this decision." in refused.content.decode()
    conflict = client.post(agency.get_absolute_url(), {"action": "submit"})
    assert conflict.status_code == 400 and "cannot be changed this way" in conflict.content.decode()
    agency.licence.refresh_from_db()
    assert agency.licence.status == "active"
    duplicate = client.post(reverse("recruitment:agency-create"), {"name": "Copy", "licence_number": "KG-1"})
    assert duplicate.status_code == 400
    assert "already holds licence number KG-1" in duplicate.content.decode()
    assert "Alpha" in client.get(reverse("recruitment:agency-list")).content.decode()


def test_vacancy_through_the_api_from_posting_to_publication(users):
    kgz, tur = _client(users["kgz"]), _client(users["tur"])
    agency = make_agency_for(users["kgz"])
    created = kgz.post(
        "/api/v1/recruitment/vacancies/", {**_api_vacancy(), "agency": str(agency.uuid)}, format="json"
    )
    assert created.status_code == 201, created.json()
    public_id = created.json()["public_id"]
    queue = tur.get("/api/v1/recruitment/vacancies/").json()
    assert [r["public_id"] for r in queue["results"]] == [public_id]
    assert (
        tur.post(
            f"/api/v1/recruitment/vacancies/{public_id}/decision/", {"action": "publish"}, format="json"
        ).status_code
        == 403
    )
    assert (
        tur.post(
            f"/api/v1/recruitment/vacancies/{public_id}/decision/", {"action": "verify"}, format="json"
        ).json()["status"]
        == "verified"
    )
    assert (
        kgz.post(
            f"/api/v1/recruitment/vacancies/{public_id}/decision/", {"action": "publish"}, format="json"
        ).json()["status"]
        == "published"
    )
    assert APIClient().get(f"/api/v1/public/vacancies/{public_id}/").json()["valid"] is True


def make_agency_for(user):
    from corridor.access.actor import actor_for

    return make_agency(actor_for(user))


def test_worker_fee_vacancy_is_refused_through_api_and_page(users):
    client = _client(users["kgz"])
    agency = make_agency_for(users["kgz"])
    response = client.post(
        "/api/v1/recruitment/vacancies/",
        {**_api_vacancy(costs_paid_by="worker"), "agency": str(agency.uuid)},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["costs_paid_by"] == [
        "Workers must not pay recruitment fees or costs: under the ethical standard the employer pays."
    ]
    form = {**_api_vacancy(costs_paid_by="shared"), "agency": str(agency.uuid), "languages": "ru, ky"}
    page = client.post(reverse("recruitment:vacancy-create"), form)
    assert page.status_code == 400
    assert Vacancy.objects.unscoped().count() == 0
    form["costs_paid_by"] = "employer"
    assert client.post(reverse("recruitment:vacancy-create"), form).status_code == 302
    assert Vacancy.objects.unscoped().get().languages == ["ky", "ru"]


def test_outsider_gets_404_everywhere_and_nothing_changes(users):
    from corridor.access.actor import actor_for

    kgz, tur = actor_for(users["kgz"]), actor_for(users["tur"])
    agency = make_agency(kgz, name="Alpha Jobs")
    vacancy = make_vacancy(kgz, agency)
    events = AuditEvent.objects.except_denials().count()
    for outsider in ("kaz", "kgz_consul"):
        client = _client(users[outsider])
        for url in (
            agency.get_absolute_url(),
            vacancy.get_absolute_url(),
            f"/api/v1/recruitment/vacancies/{vacancy.uuid}/",
        ):
            assert client.get(url).status_code == 404, (outsider, url)
        for url, body in (
            (agency.get_absolute_url(), {"action": "suspend", "reason": "x"}),
            (vacancy.get_absolute_url(), {"action": "verify"}),
            (f"/api/v1/recruitment/agencies/{agency.uuid}/licence/", {"action": "suspend", "reason": "x"}),
            (f"/api/v1/recruitment/vacancies/{vacancy.uuid}/decision/", {"action": "verify"}),
        ):
            assert client.post(url, body).status_code == 404, (outsider, url)
        created = client.post(
            "/api/v1/recruitment/vacancies/", {**_api_vacancy(), "agency": str(agency.uuid)}, format="json"
        )
        assert created.status_code == 404
        assert "Alpha Jobs" not in client.get(reverse("recruitment:agency-list")).content.decode()
        assert "Sewing" not in client.get(reverse("recruitment:vacancy-list")).content.decode()
    assert _client(users["kaz"]).get("/api/v1/recruitment/agencies/").json()["count"] == 0
    assert _client(users["kaz"]).get("/api/v1/recruitment/vacancies/").json()["count"] == 0
    # the destination sees the job order but not the agency's back-office page
    assert _client(users["tur"]).get(agency.get_absolute_url()).status_code == 404
    assert _client(users["tur"]).get(vacancy.get_absolute_url()).status_code == 200
    agency.licence.refresh_from_db()
    vacancy.refresh_from_db()
    assert (agency.licence.status, vacancy.status) == ("active", "submitted")
    assert AuditEvent.objects.except_denials().count() == events
    assert tur.state == "TUR"


def test_anonymous_is_sent_to_sign_in_and_api_refuses(client):
    assert client.get(reverse("recruitment:agency-list")).status_code == 302
    assert APIClient().get("/api/v1/recruitment/agencies/").status_code in (401, 403)


def test_bad_api_input_is_400_and_nothing_stored(users):
    client = _client(users["kgz"])
    response = client.post("/api/v1/recruitment/agencies/", {"name": "", "licence_number": ""}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"name", "licence_number"}
    agency = make_agency_for(users["kgz"])
    bad = client.post(
        f"/api/v1/recruitment/agencies/{agency.uuid}/licence/", {"action": "explode"}, format="json"
    )
    assert bad.status_code == 400
    conflict = client.post(
        f"/api/v1/recruitment/agencies/{agency.uuid}/licence/", {"action": "approve"}, format="json"
    )
    assert conflict.status_code == 409
    assert Agency.objects.for_state("KGZ").count() == 1


def test_vacancy_page_takes_a_unit_group_from_the_occupation_picker(users):
    # given an officer on the vacancy form, which offers the ISCO-08 picker
    client = _client(users["kgz"])
    agency = make_agency_for(users["kgz"])
    page = client.get(reverse("recruitment:vacancy-create")).content.decode()
    assert 'list="id_occupation_list"' in page and '<option value="5120">5120 Cooks</option>' in page
    form = {**_api_vacancy(), "agency": str(agency.uuid), "languages": "ru"}
    # when the code the old free-text field refused is posted, as the picker fills it
    response = client.post(reverse("recruitment:vacancy-create"), {**form, "occupation": "5120 Cooks"})
    # then the vacancy is created with that unit group
    assert response.status_code == 302
    assert Vacancy.objects.unscoped().get().occupation_id == "5120"


def test_vacancy_page_refuses_an_unknown_occupation_with_a_reason(users):
    # given an officer on the vacancy form, reading Russian
    client = _client(users["kgz"])
    agency = make_agency_for(users["kgz"])
    form = {**_api_vacancy(), "agency": str(agency.uuid), "languages": "ru", "occupation": "5999"}
    # when an occupation that ISCO-08 does not have is posted
    with translation.override("ru"):
        url = reverse("recruitment:vacancy-create")
    response = client.post(url, form)
    # then the form comes back with a translated reason at the field and nothing is written
    assert response.status_code == 400
    assert "не является профессией ISCO-08" in response.content.decode()
    assert Vacancy.objects.unscoped().count() == 0
