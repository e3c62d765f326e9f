"""Applications and contracts through the services: owner, colleague and outsider."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.cases.testing import walk_table
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.recruitment.hiring import selectors
from corridor.recruitment.hiring.models import Application, Contract
from corridor.recruitment.hiring.services import applications as application_services
from corridor.recruitment.hiring.services import contracts as contract_services
from corridor.recruitment.hiring.tests.conftest import applicant
from corridor.recruitment.hiring.workflow import APPLICATION
from corridor.recruitment.services import employers
from corridor.recruitment.services import vacancies as vacancy_services
from corridor.recruitment.tests.factories import make_agency, make_vacancy
from corridor.registration.tests.factories import make_consul, make_consulate, register

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def _apply(vacancy, worker):
    return application_services.application_submit(actor=actor_for(worker), vacancy=vacancy, data=applicant())


def _selected(vacancy, worker, officer):
    application = _apply(vacancy, worker)
    return application_services.application_decide(actor=officer, application=application, action="select")


# --- applying ----------------------------------------------------------------------------


def test_signed_in_worker_applies_with_data_encrypted_at_rest(vacancy, worker):
    # when
    application = _apply(vacancy, worker)
    # then
    stored = Application.objects.unscoped().get(pk=application.pk)
    assert stored.state_id == "KGZ"
    assert stored.status == "submitted"
    assert stored.applicant == worker
    assert stored.reference.startswith("KGZ-A-")
    assert "Aibek" not in stored.full_name_ciphertext
    assert stored.full_name_ciphertext.startswith("c1.")
    assert selectors.applicant_details(stored)["full_name"] == "Aibek Asanov"
    assert selectors.applicant_details(stored)["birth_date"] == "1995-03-14"
    assert _events("application.submitted") == 1


def test_worker_applies_with_a_confirmed_consular_registration(vacancy):
    # given
    consul = make_consul(make_consulate("KGZ"))
    registration = register(consul, birth_date=dt.date(1995, 3, 14))
    # when
    application = application_services.application_submit(
        actor=None,
        vacancy=vacancy,
        data=applicant(
            registration_reference=registration.reference.lower(), birth_date=dt.date(1995, 3, 14)
        ),
    )
    # then
    assert application.registration_reference == registration.reference
    assert application.applicant is None


def test_registration_reference_with_wrong_birth_date_is_refused(vacancy):
    # given
    registration = register(make_consul(make_consulate("KGZ")), birth_date=dt.date(1995, 3, 14))
    # when
    with pytest.raises(ApplicationError) as error:
        application_services.application_submit(
            actor=None,
            vacancy=vacancy,
            data=applicant(registration_reference=registration.reference, birth_date=dt.date(1995, 3, 15)),
        )
    # then
    assert list(error.value.fields) == ["registration_reference"]
    assert Application.objects.unscoped().count() == 0


def test_anonymous_worker_without_registration_is_refused(vacancy):
    with pytest.raises(ApplicationError) as error:
        application_services.application_submit(actor=None, vacancy=vacancy, data=applicant())
    assert list(error.value.fields) == ["registration_reference"]
    assert Application.objects.unscoped().count() == 0


def test_bad_contact_details_are_refused_field_by_field(vacancy, worker):
    with pytest.raises(ApplicationError) as error:
        application_services.application_submit(
            actor=actor_for(worker), vacancy=vacancy, data=applicant(full_name="A", phone="abc", email="x@")
        )
    assert sorted(error.value.fields) == ["email", "full_name", "phone"]
    assert Application.objects.unscoped().count() == 0


def test_second_application_to_the_same_ad_is_a_conflict(vacancy, worker):
    _apply(vacancy, worker)
    with pytest.raises(Conflict):
        _apply(vacancy, worker)
    assert Application.objects.unscoped().count() == 1


def test_an_unpublished_ad_takes_no_application(kgz_labour, tur_labour, worker):
    # given: verified but not yet published
    employer = employers.employer_create(actor=kgz_labour, name="Bursa Tekstil", country="TUR")
    agency = make_agency(kgz_labour)
    vacancy = make_vacancy(kgz_labour, agency, tur_labour, employer=str(employer.uuid))
    # when
    with pytest.raises(ApplicationError) as error:
        _apply(vacancy, worker)
    # then
    assert list(error.value.fields) == ["vacancy"]
    assert Application.objects.unscoped().count() == 0


def test_a_closed_ad_takes_no_application(vacancy, worker, kgz_labour):
    vacancy = vacancy_services.vacancy_decide(actor=kgz_labour, vacancy=vacancy, action="close", reason="")
    with pytest.raises(ApplicationError):
        _apply(vacancy, worker)
    assert Application.objects.unscoped().count() == 0


# --- decisions ---------------------------------------------------------------------------


# The oracle, by hand: status -> decisions the agency state's labour officer may take.
OWNER_MAY = {
    "submitted": {"shortlist", "select", "reject"},
    "shortlisted": {"select", "reject"},
    "selected": set(),
    "rejected": set(),
}


def test_transition_table_exhaustively(vacancy, user_factory, kgz_labour, kgz_colleague, tur_labour):
    """Every status × action × role on the kernel: offered exactly when step succeeds."""

    def make(status: str) -> Application:
        application = _apply(vacancy, user_factory(None))
        Application.objects.for_state("KGZ").filter(pk=application.pk).update(status=status)
        application.refresh_from_db()
        return application

    report = walk_table(
        workflow=APPLICATION,
        make_record=make,
        actors={"owner": kgz_labour, "statistician": kgz_colleague, "destination": tur_labour},
        expected=lambda status, action, who: who == "owner" and action in OWNER_MAY[status],
        states=tuple(OWNER_MAY),
    )
    assert report.total == 4 * 3 * 3
    assert len(report.allowed) == 5


def test_pages_offer_only_what_the_kernel_allows(vacancy, worker, kgz_labour, tur_labour):
    application = _apply(vacancy, worker)

    def offered(actor, record):
        return [o.action for o in application_services.application_actions(actor=actor, application=record)]

    assert offered(kgz_labour, application) == ["shortlist", "select", "reject"]
    assert offered(tur_labour, application) == []
    shortlisted = application_services.application_decide(
        actor=kgz_labour, application=application, action="shortlist"
    )
    assert offered(kgz_labour, shortlisted) == ["select", "reject"]


@pytest.mark.parametrize(
    ("path", "final"),
    [
        (["shortlist"], "shortlisted"),
        (["shortlist", "select"], "selected"),
        (["select"], "selected"),
        (["reject"], "rejected"),
        (["shortlist", "reject"], "rejected"),
    ],
)
def test_owner_moves_an_application_through_the_table(vacancy, worker, kgz_labour, path, final):
    application = _apply(vacancy, worker)
    for action in path:
        application = application_services.application_decide(
            actor=kgz_labour, application=application, action=action, reason="Not enough experience"
        )
    assert Application.objects.unscoped().get(pk=application.pk).status == final
    assert _events(f"application.{final}") == 1


@pytest.mark.parametrize("start", ["selected", "rejected"])
@pytest.mark.parametrize("action", ["shortlist", "select", "reject"])
def test_decided_applications_do_not_move(vacancy, worker, kgz_labour, start, action):
    application = _apply(vacancy, worker)
    first = "select" if start == "selected" else "reject"
    application_services.application_decide(
        actor=kgz_labour, application=application, action=first, reason="r"
    )
    with pytest.raises(Conflict):
        application_services.application_decide(
            actor=kgz_labour, application=application, action=action, reason="r"
        )
    assert Application.objects.unscoped().get(pk=application.pk).status == start


def test_rejection_needs_a_reason(vacancy, worker, kgz_labour):
    application = _apply(vacancy, worker)
    with pytest.raises(ApplicationError) as error:
        application_services.application_decide(actor=kgz_labour, application=application, action="reject")
    assert list(error.value.fields) == ["reason"]
    assert Application.objects.unscoped().get(pk=application.pk).status == "submitted"


@pytest.mark.parametrize("who", ["kgz_colleague", "tur_labour"])
def test_only_the_agency_state_decides(vacancy, worker, request, who):
    application = _apply(vacancy, worker)
    with pytest.raises(Forbidden):
        application_services.application_decide(
            actor=request.getfixturevalue(who), application=application, action="select"
        )
    assert Application.objects.unscoped().get(pk=application.pk).status == "submitted"
    assert _events("application.selected") == 0


def test_outsider_and_colleague_see_no_application(vacancy, worker, kgz_labour, kgz_colleague, tur_labour):
    application = _apply(vacancy, worker)
    assert list(selectors.applications_for_officer(actor=kgz_labour)) == [application]
    assert list(selectors.applications_for_officer(actor=tur_labour)) == []
    assert list(selectors.applications_for_officer(actor=kgz_colleague)) == []


# --- contracts ---------------------------------------------------------------------------


def test_contract_is_generated_from_the_vacancy_terms(vacancy, worker, kgz_labour):
    # given
    application = _selected(vacancy, worker, kgz_labour)
    # when
    contract = contract_services.contract_generate(actor=kgz_labour, application=application, language="en")
    # then
    text = selectors.contract_text(contract)
    assert contract.reference.startswith("KGZ-C-")
    assert (contract.origin_id, contract.destination_id) == ("KGZ", "TUR")
    assert contract.text_sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert "Worker: Aibek Asanov" in text
    assert "Employer: Bursa Tekstil" in text
    assert "30000.00 TRY a month" in text
    assert "45 hours a week" in text
    assert "12 months" in text
    assert "provided free of charge" in text
    assert "The employer pays all recruitment fees" in text
    assert "ALO 170" in text  # the KGZ → TUR corridor's remedy clause
    assert "Aibek" not in Contract.objects.unscoped().get(pk=contract.pk).canonical_text_ciphertext
    assert _events("contract.generated") == 1


def test_contract_in_russian_and_turkish(vacancy, worker, kgz_labour, user_factory):
    application = _selected(vacancy, worker, kgz_labour)
    contract = contract_services.contract_generate(actor=kgz_labour, application=application, language="ru")
    text = selectors.contract_text(contract)
    assert text.startswith("ТИПОВОЙ ТРУДОВОЙ ДОГОВОР\n")
    assert "Кыргызстан" in text or "Киргизия" in text


def test_no_contract_before_selection_or_twice(vacancy, worker, kgz_labour):
    application = _apply(vacancy, worker)
    with pytest.raises(Conflict):
        contract_services.contract_generate(actor=kgz_labour, application=application, language="en")
    application = application_services.application_decide(
        actor=kgz_labour, application=application, action="select"
    )
    contract_services.contract_generate(actor=kgz_labour, application=application, language="en")
    with pytest.raises(Conflict):
        contract_services.contract_generate(actor=kgz_labour, application=application, language="tr")
    assert Contract.objects.unscoped().count() == 1


@pytest.mark.parametrize("who", ["kgz_colleague", "tur_labour"])
def test_only_the_agency_state_generates_and_records(vacancy, worker, kgz_labour, request, who):
    application = _selected(vacancy, worker, kgz_labour)
    other = request.getfixturevalue(who)
    with pytest.raises(Forbidden):
        contract_services.contract_generate(actor=other, application=application, language="en")
    contract = contract_services.contract_generate(actor=kgz_labour, application=application, language="en")
    with pytest.raises(Forbidden):
        contract_services.contract_record_signed(actor=other, contract=contract, content=PDF)
    assert Contract.objects.unscoped().get(pk=contract.pk).signed_sha256 == ""


def test_signed_pdf_hash_is_recorded_once_and_a_substitution_is_detected(vacancy, worker, kgz_labour):
    # given
    application = _selected(vacancy, worker, kgz_labour)
    contract = contract_services.contract_generate(actor=kgz_labour, application=application, language="en")
    # when
    recorded = contract_services.contract_record_signed(actor=kgz_labour, contract=contract, content=PDF)
    # then
    assert recorded.signed_sha256 == hashlib.sha256(PDF).hexdigest()
    assert (recorded.signed_source, recorded.signed_size) == ("pdf", len(PDF))
    assert _events("contract.recorded") == 1
    same = selectors.contract_verify(reference=contract.reference, content=PDF)
    assert (same.matches, same.known) == (True, True)
    day = recorded.recorded_at.date().isoformat()
    assert same.message == f"Matches the contract recorded at origin on {day}."
    substituted = bytearray(PDF)
    substituted[10] ^= 0x01  # one byte changed
    other = selectors.contract_verify(reference=contract.reference, content=bytes(substituted))
    assert (other.matches, other.known) == (False, True)
    assert other.message.startswith("Does not match the contract recorded at origin: possible substitution.")
    assert "Aibek" not in other.message
    with pytest.raises(Conflict):
        contract_services.contract_record_signed(
            actor=kgz_labour, contract=contract, content=bytes(substituted)
        )
    assert Contract.objects.unscoped().get(pk=contract.pk).signed_sha256 == hashlib.sha256(PDF).hexdigest()


def test_canonical_text_hash_is_recorded_without_a_file(vacancy, worker, kgz_labour):
    application = _selected(vacancy, worker, kgz_labour)
    contract = contract_services.contract_generate(actor=kgz_labour, application=application, language="tr")
    recorded = contract_services.contract_record_signed(actor=kgz_labour, contract=contract)
    text = selectors.contract_text(contract).encode()
    assert (recorded.signed_sha256, recorded.signed_source) == (contract.text_sha256, "text")
    assert selectors.contract_verify(
        reference=contract.reference, sha256=recorded.signed_sha256.upper()
    ).matches
    assert selectors.contract_verify(reference=contract.reference, content=text).matches
    assert not selectors.contract_verify(
        reference=contract.reference, content=text.replace(b"45", b"46")
    ).matches


@pytest.mark.parametrize(
    ("content", "field_message"),
    [(b"GIF89a not a pdf", "This file is not a PDF."), (b"%PDF-" + b"0" * (10 * 1024 * 1024), "too large")],
)
def test_bad_uploads_are_refused_and_nothing_is_recorded(vacancy, worker, kgz_labour, content, field_message):
    application = _selected(vacancy, worker, kgz_labour)
    contract = contract_services.contract_generate(actor=kgz_labour, application=application, language="en")
    with pytest.raises(ApplicationError) as error:
        contract_services.contract_record_signed(actor=kgz_labour, contract=contract, content=content)
    assert field_message in error.value.fields["file"][0]
    assert Contract.objects.unscoped().get(pk=contract.pk).recorded_at is None


def test_unknown_or_unrecorded_reference_is_not_known(vacancy, worker, kgz_labour):
    application = _selected(vacancy, worker, kgz_labour)
    contract = contract_services.contract_generate(actor=kgz_labour, application=application, language="en")
    for reference in (contract.reference, "KGZ-C-AAAAAAAA", "nonsense"):
        answer = selectors.contract_verify(reference=reference, content=PDF)
        assert (answer.matches, answer.known) == (False, False)


def test_public_status_by_reference(vacancy, worker):
    application = _apply(vacancy, worker)
    assert selectors.public_application_status(reference=application.reference.lower()) == application
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.public_application_status(reference="KGZ-A-AAAAAAAA")


@pytest.mark.parametrize(
    ("origin", "destination", "expected"),
    [
        ("UZB", "KOR", "1350 line of the Ministry of Employment and Labor"),
        ("TJK", "RUS", "State Labour Inspectorate (Rostrud)"),
        ("KGZ", "TUR", "ALO 170"),
        ("KGZ", "DEU", "the labour inspectorate of Germany and to the consulate of Origin"),
    ],
)
def test_remedies_clause_follows_the_corridor(origin, destination, expected):
    from decimal import Decimal

    from corridor.recruitment.hiring.contract_text import ContractTerms, canonical_text

    terms = ContractTerms(
        reference="KGZ-C-AAAAAAAA",
        worker_name="W",
        origin=origin,
        origin_name="Origin",
        destination=destination,
        destination_name="Germany",
        agency_name="A",
        employer_name="E",
        occupation="711",
        job_title="Builder",
        city="",
        wage=Decimal("1.00"),
        currency="EUR",
        hours_per_week=40,
        contract_months=6,
        accommodation="none",
        extra_terms="",
    )
    text = canonical_text(terms, language="en")
    assert expected in text
    assert text.endswith("Signed at origin by the worker and for the employer.\n")
    assert text == canonical_text(terms, language="en")  # the same terms give the same bytes
