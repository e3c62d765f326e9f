"""Officer writes and reads: duplicates and merging, journey status, dates, export, counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Conflict
from corridor.registration import selectors
from corridor.registration.choices import ConsentPurpose, Status
from corridor.registration.domain import check_input
from corridor.registration.models import Consent, Registration
from corridor.registration.services import records
from corridor.registration.tests.factories import person, register

pytestmark = pytest.mark.django_db


def test_same_passport_is_offered_for_merging_not_duplicated(kgz_consul):
    first = register(kgz_consul, passport_number="AC 1112223")
    # when the same passport (spelt differently) is registered again
    with pytest.raises(records.PossibleDuplicate) as caught:
        records.registration_create(actor=actor_for(kgz_consul), data=person(passport_number="ac1112223"))
    # then the existing registration is offered and nothing is stored
    assert caught.value.candidates == [first]
    assert Registration.objects.unscoped().count() == 1


def test_same_name_across_scripts_and_birth_date_is_a_likely_duplicate(kgz_consul):
    first = register(kgz_consul, family_name="Асанов", given_name="Айбек", birth_date=dt.date(1990, 5, 5))
    with pytest.raises(records.PossibleDuplicate):
        records.registration_create(
            actor=actor_for(kgz_consul),
            data=person(family_name="Asanov", given_name="Aibek", birth_date=dt.date(1990, 5, 5)),
        )
    other_day = records.registration_create(
        actor=actor_for(kgz_consul),
        data=person(family_name="Asanov", given_name="Aibek", birth_date=dt.date(1990, 5, 6)),
    )
    assert other_day.pk != first.pk


def test_duplicates_page_and_merge_keep_the_oldest_and_move_consents(client, kgz_consul):
    # given the same person registered twice (once with the sharing consent)
    older = register(kgz_consul, passport_number="AC5550001", consents=(ConsentPurpose.STATISTICS,))
    newer = register(
        kgz_consul,
        passport_number="AC5550001",
        consents=(ConsentPurpose.STATISTICS, ConsentPurpose.SHARE_DESTINATION),
    )
    register(kgz_consul)  # someone else
    client.force_login(kgz_consul)
    page = client.get(reverse("registration:duplicates")).content.decode()
    assert older.reference in page and newer.reference in page
    # when the officer merges them
    response = client.post(reverse("registration:merge"), {"first": newer.uuid, "second": older.uuid})
    # then the older one is kept, the newer points at it, and the consents moved over
    assert response.status_code == 302 and response["Location"] == older.get_absolute_url()
    newer.refresh_from_db()
    older.refresh_from_db()
    assert (newer.status, newer.merged_into_id) == (Status.MERGED, older.pk)
    moved = Consent.objects.unscoped().filter(registration=older)
    assert sorted((c.purpose, c.revoked_at is None) for c in moved) == [
        ("share_destination", True),
        ("statistics", False),
        ("statistics", True),
    ]
    assert older.shares_with_destination is True
    event = AuditEvent.objects.get(action="registration.merged")
    assert event.data == {"merged": str(newer.uuid), "consents_moved": 2}
    assert selectors.duplicate_pairs(actor=actor_for(kgz_consul)) == []


def test_journey_moves_forward_with_dates_and_is_audited(kgz_consul):
    actor = actor_for(kgz_consul)
    registration = register(kgz_consul)
    records.registration_set_status(
        actor=actor, registration=registration, status="departed", on=dt.date(2026, 3, 2)
    )
    records.registration_set_status(
        actor=actor, registration=registration, status="arrived", on=dt.date(2026, 3, 3)
    )
    with pytest.raises(Conflict):
        records.registration_set_status(actor=actor, registration=registration, status="departed")
    with pytest.raises(ApplicationError) as caught:
        records.registration_set_status(
            actor=actor, registration=registration, status="returned", on=dt.date(2026, 3, 1)
        )
    assert caught.value.fields == {"actual_return": ["The return cannot be before the arrival."]}
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ApplicationError) as caught:
        records.registration_set_status(
            actor=actor, registration=registration, status="returned", on=tomorrow
        )
    assert caught.value.fields == {
        "actual_return": ["This date cannot be in the future: it has not happened yet."]
    }
    registration.refresh_from_db()
    assert (registration.status, registration.actual_departure, registration.actual_return) == (
        Status.ARRIVED,
        dt.date(2026, 3, 2),
        None,
    )
    actions = list(AuditEvent.objects.filter(target_uuid=registration.uuid).values_list("action", flat=True))
    assert actions[-2:] == ["registration.departed", "registration.arrived"]


@given(
    departure=st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)),
    gap=st.integers(min_value=1, max_value=4000),
)
def test_a_return_planned_before_the_departure_is_always_refused_at_the_return(departure, gap):
    data = person(
        planned_departure=departure, planned_arrival=None, planned_return=departure - dt.timedelta(days=gap)
    )
    with pytest.raises(ApplicationError) as caught:
        check_input(data, owner_state="KGZ", today=dt.date(2026, 6, 1))
    assert list(caught.value.fields) == ["planned_return"]


def test_export_is_own_state_minimal_formula_safe_and_audited(client, kgz_consul, user_factory):
    mine = register(
        kgz_consul, family_name="=HYPERLINK(1)", given_name="+x", consents=(ConsentPurpose.STATISTICS,)
    )
    register(user_factory("TJK", "consular_officer"), family_name="Foreign")
    client.force_login(kgz_consul)
    response = client.get(reverse("registration:export"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in text and ",'+x," in text and "Foreign" not in text
    assert "AC" not in text.split("\n", 1)[1]  # no passport numbers in the export
    event = AuditEvent.objects.get(action="registration.exported")
    assert event.data["count"] == 1 and event.data["uuids"] == [str(mine.uuid)]


def test_monthly_counts_are_plain_rows_of_consenting_people(kgz_consul):
    now = timezone.now()
    register(kgz_consul, sex="F", birth_date=dt.date(2000, 1, 1), consents=(ConsentPurpose.STATISTICS,))
    register(kgz_consul, sex="F", birth_date=dt.date(2001, 1, 1), consents=(ConsentPurpose.STATISTICS,))
    register(
        kgz_consul,
        sex="M",
        birth_date=dt.date(1980, 1, 1),
        purpose="study",
        consents=(ConsentPurpose.STATISTICS,),
    )
    register(kgz_consul, sex="M")  # no consent to statistics: not counted
    rows = selectors.monthly_counts(state="KGZ", year=now.year, month=now.month)
    group_f = selectors.age_group(dt.date(2000, 1, 1), now.date())
    assert {"destination": "TUR", "sex": "F", "age_group": group_f, "purpose": "work", "count": 2} in rows
    assert sum(row["count"] for row in rows) == 3
    assert selectors.monthly_counts(state="TJK", year=now.year, month=now.month) == []


def test_officer_form_shows_field_errors_and_offers_the_existing_registration(client, kgz_consul):
    existing = register(kgz_consul, passport_number="AC9990001")
    client.force_login(kgz_consul)
    base = {
        "family_name": "Жээнбеков",
        "given_name": "Талант",
        "birth_date": "1988-08-08",
        "sex": "M",
        "destination_country": "TUR",
        "purpose": "work",
    }
    bad = client.post(
        reverse("registration:create"),
        {**base, "planned_departure": "2026-05-01", "planned_arrival": "2026-04-01"},
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors["planned_arrival"] == [
        "The planned arrival cannot be before the planned departure."
    ]
    dup = client.post(reverse("registration:create"), {**base, "passport_number": "AC9990001"})
    assert dup.status_code == 400 and existing.reference in dup.content.decode()
    ok = client.post(
        reverse("registration:create"), {**base, "passport_number": "AC9990001", "allow_duplicate": "on"}
    )
    assert ok.status_code == 302
    assert Registration.objects.unscoped().count() == 2


def test_registration_confirmed_answers_only_for_the_exact_reference_and_birth_date(kgz_consul):
    # given
    live = register(kgz_consul, birth_date=dt.date(1995, 3, 14))
    # then
    assert selectors.registration_confirmed(reference=live.reference.lower(), birth_date=dt.date(1995, 3, 14))
    assert not selectors.registration_confirmed(reference=live.reference, birth_date=dt.date(1995, 3, 15))
    assert not selectors.registration_confirmed(reference="KGZ-NOPE", birth_date=dt.date(1995, 3, 14))
    assert not selectors.registration_confirmed(reference="", birth_date=dt.date(1995, 3, 14))
