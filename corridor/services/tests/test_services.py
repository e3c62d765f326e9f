"""Writes: who keeps and who verifies an entry, and what an edit does to verification."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Forbidden
from corridor.services import selectors, services
from corridor.services.models import Organization, Service, ServiceLanguage
from corridor.services.tests.factories import make_entry

pytestmark = pytest.mark.django_db


def test_provider_keeps_own_entry_and_authority_verifies_it(tur_provider, tur_authority):
    # given a provider's own entry
    place = make_entry(tur_provider)
    service = place.service
    assert service.organization.provider_id == tur_provider.organisation.pk
    assert selectors.referral_refusal(place) == "This service has not been verified recently."
    # when the state's authority verifies it
    services.service_verify(actor=tur_authority, service=service)
    # then it is verified, by that officer, and audited
    service.refresh_from_db()
    assert service.verified_by == tur_authority.user
    assert selectors.is_verified(service)
    assert selectors.referral_refusal(place) is None
    assert AuditEvent.objects.filter(action="service.verified", target_uuid=service.uuid).count() == 1


def test_provider_cannot_verify_its_own_entry(tur_provider):
    place = make_entry(tur_provider)
    with pytest.raises(Forbidden):
        services.service_verify(actor=tur_provider, service=place.service)
    place.service.refresh_from_db()
    assert place.service.verified_at is None


def test_other_provider_of_same_state_cannot_change_the_entry(tur_provider, tur_other_provider):
    place = make_entry(tur_provider, name="Night shelter")
    with pytest.raises(Forbidden):
        services.service_update(actor=tur_other_provider, service=place.service, name="Taken over")
    with pytest.raises(Forbidden):
        services.capacity_update(actor=tur_other_provider, service=place.service, capacity_available=0)
    place.service.refresh_from_db()
    assert (place.service.name, place.service.capacity_available) == ("Night shelter", 5)


def test_authority_of_another_state_can_neither_see_nor_verify(tur_provider, kgz_authority):
    place = make_entry(tur_provider)
    with pytest.raises(Exception) as seen:
        selectors.service_get(actor=kgz_authority, uuid=place.service.uuid)
    assert seen.type.__name__ == "Http404"
    with pytest.raises(Forbidden):
        services.service_verify(actor=kgz_authority, service=place.service)
    place.service.refresh_from_db()
    assert place.service.verified_at is None
    assert selectors.register_services(actor=kgz_authority).count() == 0


def test_edit_withdraws_verification_but_capacity_update_keeps_it(tur_provider, tur_authority):
    place = make_entry(tur_provider, verifier=tur_authority)
    services.capacity_update(actor=tur_provider, service=place.service, capacity_available=0)
    place.service.refresh_from_db()
    assert place.service.verified_at is not None
    services.service_update(actor=tur_provider, service=place.service, languages=["ru", "tr", "uz"])
    place.service.refresh_from_db()
    assert (place.service.verified_at, place.service.verified_by) == (None, None)
    spoken = ServiceLanguage.objects.for_state("TUR").filter(service=place.service)
    assert sorted(spoken.values_list("language_id", flat=True)) == ["ru", "tr", "uz"]


def test_unknown_need_is_refused_and_nothing_is_written(tur_provider):
    organization = services.organization_create(actor=tur_provider, name="NGO")
    before = Service.objects.unscoped().count()
    with pytest.raises(ApplicationError) as error:
        services.service_create(actor=tur_provider, organization=organization, name="X", needs=["spaceship"])
    assert error.value.fields == {"needs": ["Unknown need: spaceship."]}
    assert Service.objects.unscoped().count() == before


def test_free_places_cannot_exceed_total(tur_provider):
    place = make_entry(tur_provider)
    with pytest.raises(ApplicationError) as error:
        services.capacity_update(actor=tur_provider, service=place.service, capacity_available=21)
    assert list(error.value.fields) == ["capacity_available"]
    place.service.refresh_from_db()
    assert place.service.capacity_available == 5


def test_bad_schedule_is_refused(tur_provider):
    place = make_entry(tur_provider)
    organization = place.service.organization
    with pytest.raises(ApplicationError) as error:
        services.schedule_add(
            actor=tur_provider,
            organization=organization,
            place=place,
            byday="MON",
            opens_at=dt.time(18),
            closes_at=dt.time(9),
        )
    assert sorted(error.value.fields) == ["byday", "closes_at"]


def test_provider_links_only_itself_authority_may_link_a_provider(
    tur_provider, tur_authority, provider_account
):
    own = services.organization_create(actor=tur_provider, name="Own NGO")
    linked = services.organization_create(actor=tur_authority, name="Linked NGO", provider=provider_account)
    unlinked = services.organization_create(actor=tur_authority, name="Hotline")
    assert [own.provider_id, linked.provider_id, unlinked.provider_id] == [
        tur_provider.organisation.pk,
        provider_account.pk,
        None,
    ]
    assert Organization.objects.for_state("TUR").count() == 3


def test_full_place_refuses_referral_unless_crisis_spare(tur_provider, tur_authority):
    place = make_entry(tur_provider, verifier=tur_authority, capacity_available=0, crisis_spare_capacity=3)
    assert selectors.referral_refusal(place) == "This service has no free places."
    assert selectors.referral_refusal(place, crisis=True) is None
    services.capacity_update(actor=tur_provider, service=place.service, crisis_spare_capacity=0)
    assert selectors.referral_refusal(place, crisis=True) == "This service has no free places."
    assert Service.objects.for_state("TUR").get().crisis_spare_capacity == 0


def test_verification_ages_out_of_public_search(tur_provider, tur_authority, settings):
    settings.SERVICES_VERIFICATION_DAYS = 30
    fresh = make_entry(tur_provider, verifier=tur_authority, name="Fresh")
    old = make_entry(tur_provider, verifier=tur_authority, name="Old")
    Service.objects.for_state("TUR").filter(pk=old.service.pk).update(
        verified_at=timezone.now() - dt.timedelta(days=31)
    )
    found = selectors.find_help(selectors.HelpSearch(city="istanbul"))
    assert [p.service.name for p in found] == ["Fresh"]
    assert [s.name for s in selectors.unverified_services(actor=tur_authority)] == ["Old"]
    assert fresh.service.name == "Fresh"
