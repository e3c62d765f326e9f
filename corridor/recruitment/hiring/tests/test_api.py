"""Hiring API: public apply / status / verify and the back office, with outsider 404s."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.recruitment.hiring.models import Application, Contract
from corridor.recruitment.hiring.services import applications as application_services
from corridor.recruitment.hiring.tests.conftest import applicant, published_vacancy
from corridor.registration.tests.factories import make_consul, make_consulate, register

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.5\nsigned by both\n%%EOF\n"


@pytest.fixture
def owner(user_factory):
    return user_factory("KGZ", roles.LABOUR_OFFICER)


@pytest.fixture
def outsider(user_factory):
    return user_factory("TUR", roles.LABOUR_OFFICER)


@pytest.fixture
def owned_vacancy(owner, tur_labour):
    return published_vacancy(actor_for(owner), tur_labour)


@pytest.fixture
def application(owned_vacancy, worker):
    return application_services.application_submit(
        actor=actor_for(worker), vacancy=owned_vacancy, data=applicant()
    )


def test_public_apply_with_a_consular_registration(api_client, owned_vacancy):
    # given
    registration = register(make_consul(make_consulate("KGZ")))
    body = {
        "vacancy": str(owned_vacancy.uuid),
        "full_name": "Aibek Asanov",
        "phone": "+996555123456",
        "registration_reference": registration.reference,
        "birth_date": registration.birth_date.isoformat(),
    }
    # when
    response = api_client.post("/api/v1/public/applications/", body, format="json")
    # then
    application = Application.objects.unscoped().get()
    assert response.status_code == 201
    assert response.json() == {
        "reference": application.reference,
        "status": "submitted",
        "reason": "",
        "vacancy": str(owned_vacancy.uuid),
    }
    status = api_client.get(f"/api/v1/public/applications/{application.reference}/")
    assert status.json()["status"] == "submitted"
    assert "full_name" not in status.json()


def test_public_apply_with_bad_input_changes_nothing(api_client, owned_vacancy):
    body = {"vacancy": str(owned_vacancy.uuid), "full_name": "A", "phone": "x"}
    response = api_client.post("/api/v1/public/applications/", body, format="json")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["full_name", "phone", "registration_reference"]
    assert Application.objects.unscoped().count() == 0


def test_public_status_of_unknown_reference_is_404(api_client):
    assert api_client.get("/api/v1/public/applications/KGZ-A-AAAAAAAA/").status_code == 404


def test_back_office_flow_and_public_verification(api_client, application, owner):
    # given
    api_client.force_authenticate(owner)
    base = f"/api/v1/recruitment/applications/{application.uuid}/"
    # when
    listed = api_client.get("/api/v1/recruitment/applications/")
    detail = api_client.get(base)
    decided = api_client.post(base + "decision/", {"action": "select"}, format="json")
    generated = api_client.post(base + "contract/", {"language": "tr"}, format="json")
    contract_id = generated.json()["id"]
    shown = api_client.get(f"/api/v1/recruitment/contracts/{contract_id}/")
    signed = api_client.post(
        f"/api/v1/recruitment/contracts/{contract_id}/signed/",
        {"file": SimpleUploadedFile("signed.pdf", PDF)},
        format="multipart",
    )
    # then
    assert [row["reference"] for row in listed.json()["results"]] == [application.reference]
    assert detail.json()["worker"]["full_name"] == "Aibek Asanov"
    assert decided.json()["status"] == "selected"
    assert generated.status_code == 201
    assert shown.json()["text_sha256"] == hashlib.sha256(shown.json()["text"].encode()).hexdigest()
    assert signed.json()["signed_sha256"] == hashlib.sha256(PDF).hexdigest()
    api_client.force_authenticate(None)
    reference = generated.json()["reference"]
    good = api_client.post(
        "/api/v1/public/contracts/verify/",
        {"reference": reference, "sha256": hashlib.sha256(PDF).hexdigest()},
    )
    bad = api_client.post(
        "/api/v1/public/contracts/verify/",
        {"reference": reference, "file": SimpleUploadedFile("c.pdf", PDF[:-1] + b"X")},
        format="multipart",
    )
    assert good.json()["matches"] is True
    assert (bad.json()["matches"], bad.json()["known"]) == (False, True)
    assert "Aibek" not in str(good.json()) + str(bad.json())


def test_verify_needs_a_file_or_hash(api_client):
    response = api_client.post(
        "/api/v1/public/contracts/verify/", {"reference": "KGZ-C-AAAAAAAA"}, format="json"
    )
    assert response.status_code == 400


def test_outsider_gets_404_on_every_back_office_endpoint(api_client, application, owner, outsider):
    # given
    api_client.force_authenticate(owner)
    base = f"/api/v1/recruitment/applications/{application.uuid}/"
    api_client.post(base + "decision/", {"action": "select"}, format="json")
    contract_id = api_client.post(base + "contract/", {"language": "en"}, format="json").json()["id"]
    api_client.force_authenticate(outsider)
    # when / then
    assert api_client.get("/api/v1/recruitment/applications/").json()["results"] == []
    assert api_client.get(base).status_code == 404
    assert (
        api_client.post(base + "decision/", {"action": "reject", "reason": "x"}, format="json").status_code
        == 404
    )
    assert api_client.post(base + "contract/", {"language": "en"}, format="json").status_code == 404
    assert api_client.get(f"/api/v1/recruitment/contracts/{contract_id}/").status_code == 404
    assert (
        api_client.post(f"/api/v1/recruitment/contracts/{contract_id}/signed/", {}, format="json").status_code
        == 404
    )
    assert Application.objects.unscoped().get().status == "selected"
    assert Contract.objects.unscoped().get().recorded_at is None


def test_colleague_without_rights_gets_404_and_anonymous_401(api_client, application, user_factory):
    url = f"/api/v1/recruitment/applications/{application.uuid}/"
    assert api_client.get(url).status_code in (401, 403)
    api_client.force_authenticate(user_factory("KGZ", roles.STATISTICIAN))
    assert api_client.get(url).status_code == 404
    assert api_client.get("/api/v1/recruitment/applications/").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/public/applications/"),
        ("get", "/api/v1/public/applications/%00%20x/"),
        ("post", "/api/v1/public/contracts/verify/"),
        ("get", "/api/v1/recruitment/applications/not-a-uuid/"),
        ("post", "/api/v1/recruitment/applications/not-a-uuid/decision/"),
        ("post", "/api/v1/recruitment/contracts/not-a-uuid/signed/"),
        ("get", "/en/recruitment/hiring/apply/not-a-uuid/"),
        ("post", "/en/recruitment/hiring/contracts/verify/"),
        ("get", "/en/recruitment/hiring/status/?reference=" + "ж" * 300),
    ],
)
def test_odd_input_never_gives_a_server_error(api_client, owner, method, path):
    api_client.force_authenticate(owner)
    junk = {
        "vacancy": "x",
        "reference": "\x00" * 30,
        "sha256": "z" * 64,
        "action": "fly",
        "birth_date": "2026-02-30",
    }
    response = (
        getattr(api_client, method)(path, junk, format="json" if path.startswith("/api/") else "multipart")
        if method == "post"
        else api_client.get(path)
    )
    assert 400 <= response.status_code < 500


def test_public_apply_api_is_rate_limited(api_client, owned_vacancy):
    body = {"vacancy": str(owned_vacancy.uuid), "full_name": "A", "phone": "x"}
    codes = [
        api_client.post("/api/v1/public/applications/", body, format="json").status_code for _ in range(6)
    ]
    assert codes == [400, 400, 400, 400, 400, 429]
    assert Application.objects.unscoped().count() == 0
