"""Hiring pages: the public apply / follow / verify pages and the back office, with outsiders."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.recruitment.hiring.models import Application, Contract
from corridor.recruitment.hiring.services import applications as application_services
from corridor.recruitment.hiring.services import contracts as contract_services
from corridor.recruitment.hiring.tests.conftest import applicant

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\nsigned\n%%EOF\n"
FORM = {"full_name": "Aibek Asanov", "phone": "+996 555 123 456", "email": "", "note": ""}


@pytest.fixture
def owner(user_factory):
    return user_factory("KGZ", roles.LABOUR_OFFICER)


@pytest.fixture
def outsider(user_factory):
    return user_factory("TUR", roles.LABOUR_OFFICER)


@pytest.fixture
def owned_vacancy(owner, tur_labour):
    from corridor.recruitment.hiring.tests.conftest import published_vacancy

    return published_vacancy(actor_for(owner), tur_labour)


@pytest.fixture
def application(owned_vacancy, worker):
    return application_services.application_submit(
        actor=actor_for(worker), vacancy=owned_vacancy, data=applicant()
    )


def _recorded(application, owner):
    officer = actor_for(owner)
    selected = application_services.application_decide(
        actor=officer, application=application, action="select"
    )
    contract = contract_services.contract_generate(actor=officer, application=selected, language="en")
    return contract_services.contract_record_signed(actor=officer, contract=contract, content=PDF)


def test_signed_in_worker_applies_on_the_phone_form(client, owned_vacancy, worker):
    # given
    client.force_login(worker)
    url = reverse("hiring:apply", args=[owned_vacancy.uuid])
    assert client.get(url).status_code == 200
    # when
    response = client.post(url, FORM)
    # then
    application = Application.objects.unscoped().get()
    assert response.status_code == 302
    assert response["Location"] == reverse("hiring:status") + f"?reference={application.reference}"
    page = client.get(response["Location"])
    assert application.reference in page.content.decode()
    assert "received" in page.content.decode()


def test_anonymous_apply_without_registration_shows_the_error_next_to_the_field(client, owned_vacancy):
    response = client.post(reverse("hiring:apply", args=[owned_vacancy.uuid]), FORM)
    assert response.status_code == 400
    assert 'id="id_registration_reference_error"' in response.content.decode()
    assert Application.objects.unscoped().count() == 0


def test_apply_page_in_russian(client, owned_vacancy):
    response = client.get(reverse("hiring:apply", args=[owned_vacancy.uuid]).replace("/en/", "/ru/"))
    assert response.status_code == 200
    assert "Отправить заявку" in response.content.decode()


def test_apply_to_unknown_vacancy_is_404(client):
    assert client.get(reverse("hiring:apply", args=["not-a-uuid"])).status_code == 404


def test_status_of_unknown_reference_is_a_clear_error(client):
    response = client.get(reverse("hiring:status"), {"reference": "KGZ-A-AAAAAAAA"})
    assert response.status_code == 404
    assert "No application has this reference number." in response.content.decode()


def test_public_verification_by_file_and_by_hash(client, application, owner):
    # given
    contract = _recorded(application, owner)
    url = reverse("hiring:verify")
    # when
    same = client.post(url, {"reference": contract.reference, "file": SimpleUploadedFile("c.pdf", PDF)})
    changed = client.post(
        url,
        {"reference": contract.reference, "file": SimpleUploadedFile("c.pdf", PDF.replace(b"1.4", b"1.5"))},
    )
    by_hash = client.post(url, {"reference": contract.reference, "sha256": hashlib.sha256(PDF).hexdigest()})
    # then
    assert "Matches the contract recorded at origin on" in same.content.decode()
    assert "possible substitution" in changed.content.decode()
    assert "Matches the contract recorded at origin on" in by_hash.content.decode()
    assert "Aibek" not in same.content.decode() + changed.content.decode()


def test_verification_needs_a_file_or_a_hash(client):
    response = client.post(reverse("hiring:verify"), {"reference": "KGZ-C-AAAAAAAA"})
    assert response.status_code == 400
    assert "Upload the contract file or enter its SHA-256 hash." in response.content.decode()


def test_owner_selects_generates_and_records_on_the_detail_page(client, application, owner):
    # given
    client.force_login(owner)
    url = reverse("hiring:application-detail", args=[application.uuid])
    assert "Aibek Asanov" in client.get(url).content.decode()
    # when
    client.post(url, {"step": "decision", "action": "select", "reason": ""})
    client.post(url, {"step": "contract", "language": "en"})
    client.post(url, {"step": "signed", "file": SimpleUploadedFile("signed.pdf", PDF)})
    # then
    contract = Contract.objects.unscoped().get()
    assert Application.objects.unscoped().get().status == "selected"
    assert contract.signed_sha256 == hashlib.sha256(PDF).hexdigest()
    page = client.get(reverse("hiring:contract", args=[contract.uuid]))
    assert "STANDARD EMPLOYMENT CONTRACT" in page.content.decode()
    text = client.get(reverse("hiring:contract-canonical", args=[contract.uuid]))
    assert hashlib.sha256(text.content).hexdigest() == contract.text_sha256


def test_a_non_pdf_upload_is_refused_on_the_page(client, application, owner):
    client.force_login(owner)
    url = reverse("hiring:application-detail", args=[application.uuid])
    client.post(url, {"step": "decision", "action": "select", "reason": ""})
    client.post(url, {"step": "contract", "language": "en"})
    response = client.post(url, {"step": "signed", "file": SimpleUploadedFile("x.exe", b"MZ\x90\x00")})
    assert response.status_code == 400
    assert "This file is not a PDF." in response.content.decode()
    assert Contract.objects.unscoped().get().recorded_at is None


def test_owner_lists_applications(client, application, owner):
    client.force_login(owner)
    response = client.get(reverse("hiring:application-list"))
    assert response.status_code == 200
    assert application.reference in response.content.decode()


def test_outsider_gets_404_everywhere_and_changes_nothing(client, application, owner, outsider):
    # given
    contract = contract_services.contract_generate(
        actor=actor_for(owner),
        application=application_services.application_decide(
            actor=actor_for(owner), application=application, action="select"
        ),
        language="en",
    )
    client.force_login(outsider)
    detail = reverse("hiring:application-detail", args=[application.uuid])
    # when / then
    assert application.reference not in client.get(reverse("hiring:application-list")).content.decode()
    assert client.get(detail).status_code == 404
    assert client.post(detail, {"step": "decision", "action": "reject", "reason": "x"}).status_code == 404
    assert client.get(reverse("hiring:contract", args=[contract.uuid])).status_code == 404
    assert client.get(reverse("hiring:contract-canonical", args=[contract.uuid])).status_code == 404
    assert client.post(detail, {"step": "signed"}).status_code == 404
    assert Application.objects.unscoped().get().status == "selected"
    assert Contract.objects.unscoped().get().recorded_at is None


def test_colleague_without_recruitment_rights_gets_404(client, application, user_factory):
    client.force_login(user_factory("KGZ", roles.STATISTICIAN))
    assert client.get(reverse("hiring:application-list")).status_code == 404
    assert client.get(reverse("hiring:application-detail", args=[application.uuid])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, application):
    response = client.get(reverse("hiring:application-detail", args=[application.uuid]))
    assert response.status_code == 302


def test_public_applications_are_rate_limited_per_connection(client, owned_vacancy):
    # given: five refused attempts (wrong registration) from one connection
    url = reverse("hiring:apply", args=[owned_vacancy.uuid])
    for _ in range(5):
        assert client.post(url, FORM | {"registration_reference": "KGZ-AAAAAAAA"}).status_code == 400
    # when
    response = client.post(url, FORM | {"registration_reference": "KGZ-AAAAAAAA"})
    # then
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Too many applications were sent from this connection." in response.content.decode()
    assert Application.objects.unscoped().count() == 0
