"""The scheduled sweep, with frozen time: licences, certifications and job ads change by date."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from corridor.audit.models import AuditEvent
from corridor.recruitment.models import Certification, Licence, Vacancy
from corridor.recruitment.services import agencies
from corridor.recruitment.services.sweeps import recruitment_sweep
from corridor.recruitment.tasks import recruitment_sweep_task
from corridor.recruitment.tests.factories import make_agency, make_vacancy
from corridor.recruitment.tests.test_certification import certification_in

pytestmark = pytest.mark.django_db
START = dt.date(2026, 1, 10)


def licence(agency):
    return Licence.objects.unscoped().get(agency=agency)


def test_licences_become_renewal_due_ninety_days_ahead_then_expire(kgz_labour):
    # given a licence valid to 2026-12-31
    with time_machine.travel(START, tick=False):
        agency = make_agency(kgz_labour, status="under_review")
        agencies.licence_transition(
            actor=kgz_labour, agency=agency, action="approve", valid_to=dt.date(2026, 12, 31)
        )
    # when the sweep runs 93 days before, 92 days before, and after the end
    with time_machine.travel(dt.date(2026, 9, 29), tick=False):
        assert recruitment_sweep().licences_renewal_due == 0
    with time_machine.travel(dt.date(2026, 10, 2), tick=False):
        assert recruitment_sweep().licences_renewal_due == 1
        assert recruitment_sweep().licences_renewal_due == 0  # idempotent
    assert licence(agency).status == "renewal_due"
    with time_machine.travel(dt.date(2026, 12, 31), tick=False):
        assert recruitment_sweep().licences_expired == 0
    with time_machine.travel(dt.date(2027, 1, 1), tick=False):
        assert recruitment_sweep().licences_expired == 1
    # then it expired, with a published reason and a system audit event
    row = licence(agency)
    assert (row.status, row.status_reason) == (
        "expired",
        "The licence ended on 2026-12-31 and was not renewed.",
    )
    event = AuditEvent.objects.get(action="licence.expired", target_uuid=row.uuid)
    assert (event.actor_user_id, event.data["to"]) == (None, "expired")


def test_a_renewed_licence_is_left_alone(kgz_labour):
    with time_machine.travel(START, tick=False):
        agency = make_agency(kgz_labour, status="under_review")
        agencies.licence_transition(
            actor=kgz_labour, agency=agency, action="approve", valid_to=dt.date(2026, 3, 1)
        )
        assert recruitment_sweep().licences_renewal_due == 1
        agencies.licence_transition(
            actor=kgz_labour, agency=agency, action="renew", valid_to=dt.date(2031, 1, 1)
        )
    with time_machine.travel(dt.date(2026, 3, 2), tick=False):
        result = recruitment_sweep()
    assert (result.licences_renewal_due, result.licences_expired, licence(agency).status) == (0, 0, "active")


def test_certifications_go_to_surveillance_after_a_year_and_expire_after_three(kgz_labour):
    with time_machine.travel(START, tick=False):
        agency = certification_in(kgz_labour, "certified")
    with time_machine.travel(dt.date(2027, 1, 9), tick=False):
        assert recruitment_sweep().certifications_surveillance == 0
    with time_machine.travel(dt.date(2027, 1, 10), tick=False):
        assert recruitment_sweep().certifications_surveillance == 1
    assert Certification.objects.unscoped().get(agency=agency).status == "surveillance"
    with time_machine.travel(dt.date(2029, 1, 11), tick=False):
        result = recruitment_sweep()
    row = Certification.objects.unscoped().get(agency=agency)
    assert (result.certifications_expired, row.status, row.status_reason) == (
        1,
        "expired",
        "The certification ended on 2029-01-10.",
    )


def test_published_ads_past_their_closing_date_expire(kgz_labour, tur_labour):
    with time_machine.travel(START, tick=False):
        agency = make_agency(kgz_labour)
        ad = make_vacancy(kgz_labour, agency, tur_labour, publish=True, valid_until=dt.date(2026, 2, 1))
        kept = make_vacancy(kgz_labour, agency, tur_labour, publish=True, valid_until=dt.date(2026, 5, 1))
    with time_machine.travel(dt.date(2026, 2, 2), tick=False):
        assert recruitment_sweep().vacancies_expired == 1
    statuses = dict(Vacancy.objects.unscoped().values_list("uuid", "status"))
    assert (statuses[ad.uuid], statuses[kept.uuid]) == ("expired", "published")


def test_command_and_task_run_the_sweep(kgz_labour):
    with time_machine.travel(START, tick=False):
        agency = make_agency(kgz_labour, status="under_review")
        agencies.licence_transition(
            actor=kgz_labour, agency=agency, action="approve", valid_to=dt.date(2026, 2, 1)
        )
        out = StringIO()
        call_command("recruitment", "sweep", stdout=out)
        assert "licences_renewal_due: 1" in out.getvalue()
        with pytest.raises(CommandError):
            call_command("recruitment", "sweep", "--today", "yesterday")
    result = recruitment_sweep_task.enqueue()
    assert result.return_value["licences_expired"] == 1  # the immediate backend runs it today (2026+)
