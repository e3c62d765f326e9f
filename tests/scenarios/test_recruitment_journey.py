"""Issue 5's "done when", end to end through the public API and the services.

A Kyrgyz labour officer licenses an agency; a Turkish employer's job order is verified by Türkiye
and published; a worker registered at a Kyrgyz consulate finds it, verifies it by its id, applies
and reports what the agency charged; the worker's complaint passes its time limit and escalates;
the agency's public scorecard shows the licence, the fee and the complaint.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.accounts.models import OrganisationKind
from corridor.grievances import services as grievances
from corridor.grievances.models import Complaint
from corridor.grievances.tests.factories import complaint_data
from corridor.recruitment.hiring.models import Application
from corridor.recruitment.hiring.services.applications import ApplicantInput, application_submit
from corridor.recruitment.services import agencies, employers, vacancies
from corridor.recruitment.tests.factories import vacancy_data
from corridor.registration.tests.factories import make_consul, make_consulate, register

pytestmark = pytest.mark.django_db


def _licensed_agency(officer):
    agency = agencies.agency_create(actor=officer, name="Ala-Too Recruitment", licence_number="KG-0042")
    for action in ("submit", "start_review", "approve"):
        agencies.licence_transition(actor=officer, agency=agency, action=action)
    return agency


def _turkish_employer_account(tur_labour):
    user = make_user("TUR", roles.EMPLOYER, username="anadolu.hr")
    organisation = user.memberships.get().organisation
    organisation.kind = OrganisationKind.EMPLOYER
    organisation.save()
    employers.employer_create(
        actor=tur_labour,
        name="Anadolu Tekstil",
        country="TUR",
        registry_id="TR-77",
        organisation=organisation,
    )
    return actor_for(user)


def test_licence_job_order_application_fee_complaint_escalation_scorecard(api_client):
    # given: officers of both states and a worker registered at a Kyrgyz consulate
    kgz_labour = actor_for(make_user("KGZ", roles.LABOUR_OFFICER))
    tur_labour = actor_for(make_user("TUR", roles.LABOUR_OFFICER))
    worker = register(make_consul(make_consulate("KGZ")), birth_date=dt.date(1996, 7, 1))

    # a Kyrgyz labour officer licenses an agency
    agency = _licensed_agency(kgz_labour)
    # a Turkish employer's job order is verified by Türkiye and published
    employer = _turkish_employer_account(tur_labour)
    order = vacancies.vacancy_create(
        actor=employer, agency=None, data=vacancy_data(title="Overlock operator")
    )
    order = vacancies.vacancy_verify(actor=tur_labour, vacancy=order, approve=True)
    order = vacancies.vacancy_publish(actor=employer, vacancy=order)

    # the worker finds it and verifies it by its id
    found = api_client.get("/api/v1/public/vacancies/", {"q": "overlock", "destination": "TUR"}).json()
    assert [row["public_id"] for row in found["results"]] == [str(order.uuid)]
    check = api_client.get(f"/api/v1/public/vacancies/{order.uuid}/").json()
    assert (check["valid"], check["under_review"]) == (True, False)

    # applies with the consular registration, and reports what the agency charged
    applicant = ApplicantInput(
        full_name="Aibek Asanov",
        phone="+996 555 000 111",
        registration_reference=worker.reference,
        birth_date=dt.date(1996, 7, 1),
    )
    application = application_submit(actor=None, vacancy=order, data=applicant)
    assert Application.objects.unscoped().get(pk=application.pk).status == "submitted"
    fee = {
        "agency": str(agency.uuid),
        "payee": "agency",
        "category": "placement",
        "amount": "500.00",
        "currency": "USD",
        "monthly_earnings": "1000.00",
        "destination": "TUR",
    }
    assert api_client.post("/api/v1/public/fees/", fee, format="json").status_code == 201

    # the worker's complaint about the agency is not triaged in time and escalates
    filed_at = timezone.now()
    complaint = grievances.complaint_file(data=complaint_data(agency=str(agency.uuid), work_country="TUR"))
    assert grievances.complaints_escalate(now=filed_at + dt.timedelta(hours=1)) == 0
    with time_machine.travel(filed_at + dt.timedelta(hours=49), tick=False):
        assert grievances.complaints_escalate() == 1
    assert Complaint.objects.unscoped().get(pk=complaint.pk).escalation_level == 1

    # then: the public scorecard shows the licence, the fee and the complaint
    card = api_client.get(f"/api/v1/public/agencies/{agency.uuid}/").json()
    assert (card["agency"]["licence_status"], card["agency"]["licence_number"]) == ("active", "KG-0042")
    assert card["fees"]["count"] == 1
    assert card["fees"]["median_fee"] == {"USD": "500.00"}
    assert card["fees"]["sdg_10_7_1"] == "0.50"
    assert card["complaints"] == {"count": 1, "resolved": 0, "median_days_to_resolve": None}
