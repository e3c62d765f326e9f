"""Inspections, findings and corrective actions, sanctions, and the scorecard figures they feed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from corridor.access import roles
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Conflict, Forbidden
from corridor.recruitment import selectors
from corridor.recruitment.complaints import with_complaints
from corridor.recruitment.models import Finding, Inspection, Sanction
from corridor.recruitment.services import inspections as service
from corridor.recruitment.tests.factories import make_agency

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def finding(severity="major", due=dt.date(2026, 6, 30), **extra):
    return {
        "severity": severity,
        "description": "Passports kept in the office safe",
        "corrective_action": "Return passports; written policy",
        "due_on": due,
        **extra,
    }


@time_machine.travel(TODAY, tick=False)
def test_inspection_with_findings_feeds_the_scorecard(kgz_labour):
    # given an agency inspected twice, with findings of each severity, one resolved and one overdue
    agency = make_agency(kgz_labour)
    service.inspection_record(
        actor=kgz_labour,
        agency=agency,
        inspected_on=dt.date(2026, 1, 10),
        summary="Routine",
        findings=[finding("minor", dt.date(2026, 2, 1)), finding("critical", dt.date(2026, 3, 1))],
    )
    last = service.inspection_record(
        actor=kgz_labour, agency=agency, inspected_on=dt.date(2026, 5, 20), findings=[finding("major")]
    )
    minor = Finding.objects.unscoped().get(severity="minor")
    service.finding_resolve(actor=kgz_labour, finding=minor, done_on=dt.date(2026, 1, 30))
    # when the public scorecard is read
    card = selectors.agency_scorecard(agency=agency)
    # then the figures are exact
    assert card.inspections == {
        "count": 2,
        "last": dt.date(2026, 5, 20),
        "findings": {"minor": 1, "major": 1, "critical": 1},
        "open": 2,
        "overdue": 1,
    }
    assert AuditEvent.objects.filter(action="inspection.recorded", target_uuid=last.uuid).count() == 1
    assert AuditEvent.objects.filter(action="finding.resolved", target_uuid=minor.uuid).count() == 1


@time_machine.travel(TODAY, tick=False)
def test_a_bad_finding_stores_nothing_at_all(kgz_labour):
    agency = make_agency(kgz_labour)
    bad = [finding(), finding(severity="apocalyptic", description=" ", due=dt.date(2025, 1, 1))]
    with pytest.raises(ApplicationError) as caught:
        service.inspection_record(
            actor=kgz_labour, agency=agency, inspected_on=dt.date(2026, 5, 1), findings=bad
        )
    assert caught.value.fields == {
        "findings": [
            "Finding 2: choose a severity.",
            "Finding 2: describe what was found.",
            "Finding 2: the corrective action is due on or after the inspection.",
        ]
    }
    with pytest.raises(ApplicationError) as future:
        service.inspection_record(
            actor=kgz_labour, agency=agency, inspected_on=dt.date(2026, 7, 1), findings=[]
        )
    assert future.value.fields == {"inspected_on": ["The inspection date cannot be in the future."]}
    assert (Inspection.objects.unscoped().count(), Finding.objects.unscoped().count()) == (0, 0)


@time_machine.travel(TODAY, tick=False)
def test_a_corrective_action_is_resolved_once_within_dates(kgz_labour):
    agency = make_agency(kgz_labour)
    service.inspection_record(
        actor=kgz_labour, agency=agency, inspected_on=dt.date(2026, 5, 1), findings=[finding()]
    )
    row = Finding.objects.unscoped().get()
    with pytest.raises(ApplicationError):
        service.finding_resolve(actor=kgz_labour, finding=row, done_on=dt.date(2026, 4, 1))
    assert service.finding_resolve(actor=kgz_labour, finding=row).done_on == TODAY
    with pytest.raises(Conflict):
        service.finding_resolve(actor=kgz_labour, finding=row)


def test_sanctions_are_published_with_date_and_reason(kgz_labour):
    agency = make_agency(kgz_labour)
    service.sanction_impose(actor=kgz_labour, agency=agency, kind="warning", reason="Late contracts")
    fine = service.sanction_impose(
        actor=kgz_labour, agency=agency, kind="fine", reason="Fee charged", amount="5000", currency="kgs"
    )
    card = selectors.agency_scorecard(agency=agency)
    assert [(s.kind, s.reason) for s in card.other_sanctions] == [
        ("fine", "Fee charged"),
        ("warning", "Late contracts"),
    ]
    assert (fine.amount, fine.currency) == (Decimal("5000.00"), "KGS")
    assert card.delisted is False
    service.sanction_impose(actor=kgz_labour, agency=agency, kind="delisting", reason="Repeated fees")
    assert selectors.agency_scorecard(agency=agency).delisted is True
    assert AuditEvent.objects.filter(action="sanction.imposed").count() == 3


@pytest.mark.parametrize(
    ("kind", "reason", "amount", "currency", "fields"),
    [
        ("fine", "Fee charged", None, "KGS", {"amount"}),
        ("fine", "Fee charged", "-5", "KGS", {"amount"}),
        ("fine", "Fee charged", "NaN", "KG", {"amount", "currency"}),
        ("warning", "  ", None, "", {"reason"}),
        ("prison", "x", None, "", {"kind"}),
    ],
)
def test_bad_sanctions_are_refused(kgz_labour, kind, reason, amount, currency, fields):
    agency = make_agency(kgz_labour)
    with pytest.raises(ApplicationError) as caught:
        service.sanction_impose(
            actor=kgz_labour, agency=agency, kind=kind, reason=reason, amount=amount, currency=currency
        )
    assert set(caught.value.fields) == fields
    assert Sanction.objects.unscoped().count() == 0


def test_only_the_licensing_state_inspects_and_sanctions(kgz_labour, tur_labour, actor_factory):
    agency = make_agency(kgz_labour)
    service.inspection_record(
        actor=kgz_labour,
        agency=agency,
        inspected_on=dt.date(2020, 1, 1),
        findings=[finding(due=dt.date(2020, 2, 1))],
    )
    row = Finding.objects.unscoped().get()
    colleague = actor_factory("KGZ", roles.STATISTICIAN)
    for actor in (colleague, tur_labour):
        with pytest.raises(Forbidden):
            service.inspection_record(
                actor=actor, agency=agency, inspected_on=dt.date(2020, 1, 1), findings=[]
            )
        with pytest.raises(Forbidden):
            service.sanction_impose(actor=actor, agency=agency, kind="warning", reason="x")
        with pytest.raises(Forbidden):
            service.finding_resolve(actor=actor, finding=row)
    assert (Inspection.objects.unscoped().count(), Sanction.objects.unscoped().count()) == (1, 0)
    assert Finding.objects.unscoped().get().done_on is None


def test_scorecard_counts_no_complaints_and_no_certification_yet(kgz_labour):
    card = selectors.agency_scorecard(agency=make_agency(kgz_labour))
    assert (card.certification, card.certification_decisions) == (None, [])
    assert with_complaints(card).complaints == {"count": 0, "resolved": 0, "median_days_to_resolve": None}
    assert card.inspections == {
        "count": 0,
        "last": None,
        "findings": {"minor": 0, "major": 0, "critical": 0},
        "open": 0,
        "overdue": 0,
    }
