from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from corridor.access import roles
from corridor.audit.models import AuditEvent
from corridor.cases import registry
from corridor.cases.consent import consent_active, consent_give, consent_revoke, consents_of
from corridor.cases.models import Consent
from corridor.core.errors import ApplicationError, Conflict, Forbidden

pytestmark = pytest.mark.django_db


@pytest.fixture
def kgz_consular(actor_factory):
    return actor_factory("KGZ", roles.CONSULAR_OFFICER)


@pytest.fixture
def tur_consular(actor_factory):
    return actor_factory("TUR", roles.CONSULAR_OFFICER)


def test_consent_per_purpose_and_recipient_country(make_person, kgz_consular):
    person = make_person()  # a citizen of Uzbekistan recorded by Kyrgyzstan
    consent = consent_give(
        actor=kgz_consular, person=person, purpose="disclosure_origin", recipient_country="UZB"
    )
    assert consent_active(person=person, purpose="disclosure_origin", recipient_country="UZB") == consent
    # another country, another purpose: no consent
    assert consent_active(person=person, purpose="disclosure_state", recipient_country="TUR") is None
    assert consent_active(person=person, purpose="tracing") is None
    # giving it again keeps the one in force
    again = consent_give(
        actor=kgz_consular, person=person, purpose="disclosure_origin", recipient_country="UZB"
    )
    assert again == consent and Consent.objects.unscoped().count() == 1
    assert AuditEvent.objects.filter(action="consent.given").count() == 1


def test_expired_consent_is_not_in_force(make_person, kgz_consular):
    person = make_person()
    now = timezone.now()
    consent_give(
        actor=kgz_consular, person=person, purpose="tracing", expires_at=now + dt.timedelta(days=30), now=now
    )
    assert consent_active(person=person, purpose="tracing", at=now + dt.timedelta(days=29)) is not None
    assert consent_active(person=person, purpose="tracing", at=now + dt.timedelta(days=31)) is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"purpose": "gossip"}, "purpose"),
        ({"purpose": "disclosure_origin"}, "recipient_country"),
        ({"purpose": "disclosure_origin", "recipient_country": "TUR"}, "recipient_country"),
        ({"purpose": "disclosure_organisations"}, "recipient_organisation"),
        ({"purpose": "services", "given_by": "neighbour"}, "given_by"),
    ],
)
def test_bad_consent_input_is_refused_and_nothing_written(make_person, kgz_consular, kwargs, field):
    with pytest.raises(ApplicationError) as caught:
        consent_give(actor=kgz_consular, person=make_person(), **kwargs)
    assert field in caught.value.fields
    assert not Consent.objects.unscoped().exists()


def test_only_the_person_records_state_gives_or_revokes(make_person, kgz_consular, tur_consular):
    person = make_person()
    with pytest.raises(Forbidden):
        consent_give(actor=tur_consular, person=person, purpose="services")
    consent = consent_give(actor=kgz_consular, person=person, purpose="services")
    with pytest.raises(Forbidden):
        consent_revoke(actor=tur_consular, consent=consent)
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_revocation_calls_the_hooks_once_in_its_transaction(make_person, kgz_consular):
    person = make_person()
    consent = consent_give(
        actor=kgz_consular, person=person, purpose="disclosure_state", recipient_country="TUR"
    )
    withdrawn: list[str] = []

    def withdraw(*, consent):
        # what the exchange will do: withdraw the open messages this consent allowed
        withdrawn.append(str(consent.uuid))
        assert consent.revoked_at is not None

    registry.register_revocation_hook(withdraw)
    try:
        revoked = consent_revoke(actor=kgz_consular, consent=consent, note="asked by phone")
        with pytest.raises(Conflict):
            consent_revoke(actor=kgz_consular, consent=consent)
    finally:
        registry.unregister_revocation_hook(withdraw)
    assert withdrawn == [str(consent.uuid)]
    assert revoked.revocation_note == "asked by phone"
    assert consent_active(person=person, purpose="disclosure_state", recipient_country="TUR") is None
    assert [c.pk for c in consents_of(person=person)] == [consent.pk]


def test_a_failing_hook_undoes_the_revocation(make_person, kgz_consular):
    consent = consent_give(actor=kgz_consular, person=make_person(), purpose="statistics")

    def broken(*, consent):
        raise RuntimeError("exchange unavailable")

    registry.register_revocation_hook(broken)
    try:
        with pytest.raises(RuntimeError):
            consent_revoke(actor=kgz_consular, consent=consent)
    finally:
        registry.unregister_revocation_hook(broken)
    consent.refresh_from_db()
    assert consent.revoked_at is None
    assert not AuditEvent.objects.filter(action="consent.revoked").exists()
