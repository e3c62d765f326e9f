"""PostgreSQL alone keeps registrations in their state, also for writes without a signed-in actor."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from corridor.access.db import set_db_state
from corridor.access.management.commands.db_app_role import ensure_app_role
from corridor.registration.models import Consent, Registration, VerificationChallenge
from corridor.registration.services import public
from corridor.registration.tests.factories import person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security exists on PostgreSQL only"
    ),
]

ROLE = f"corridor_app_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def test_public_start_writes_as_the_app_role_and_other_states_see_no_rows(kgz_consulate):
    # given the application's database role, with no state set (an anonymous request)
    ensure_app_role(ROLE, create=True)
    with connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
    set_db_state("")
    # when a person starts a self-registration with the KGZ consulate
    started = public.self_registration_start(
        consulate_uuid=kgz_consulate.uuid,
        citizenship="KGZ",
        data=person(),
        consent_purposes=["statistics"],
        verify_by="email",
    )
    # then the rows were written for KGZ, and PostgreSQL shows them to KGZ only
    for model in (Registration, Consent, VerificationChallenge):
        set_db_state("TUR")
        assert model.objects.unscoped().count() == 0, model
        set_db_state("KGZ")
        assert model.objects.unscoped().count() == 1, model
    assert Registration.objects.unscoped().get().uuid == started.registration.uuid


def test_aggregates_count_the_grantor_rows_and_leave_the_reader_scope_as_it_was(kgz_consul, tur_consul):
    # given five KGZ citizens bound for Türkiye and KGZ's aggregates agreement with Türkiye
    from corridor.access.actor import actor_for
    from corridor.access.models import AgreementScope
    from corridor.people.tests.factories import make_agreement
    from corridor.registration.aggregates import destination_aggregates
    from corridor.registration.tests.factories import register

    for _ in range(5):
        register(kgz_consul, consents=("statistics",))
    make_agreement("KGZ", ["TUR"], scope=AgreementScope.AGGREGATES)
    # when a Turkish officer reads the aggregates as the application role
    ensure_app_role(ROLE, create=True)
    with connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
    set_db_state("TUR")
    assert Registration.objects.unscoped().count() == 0
    [block] = destination_aggregates(actor=actor_for(tur_consul))
    # then the counts come through, and the rows stay hidden from Türkiye afterwards
    assert block.total == 5
    assert Registration.objects.unscoped().count() == 0


def test_a_destination_reads_a_registration_only_with_the_persons_consent(kgz_consul):
    # given KGZ's records agreement with Türkiye and two KGZ registrations bound for Türkiye,
    # one with consent to share with the destination and one without
    from corridor.registration.choices import ConsentPurpose
    from corridor.registration.tests.factories import make_agreement, register

    shared = register(kgz_consul, consents=(ConsentPurpose.SHARE_DESTINATION,))
    register(kgz_consul, consents=(ConsentPurpose.CONSULAR_CONTACT,))
    make_agreement("KGZ", ["TUR"])
    # when SQL runs as the application role acting for Türkiye, bypassing the application
    ensure_app_role(ROLE, create=True)
    with connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
    set_db_state("TUR")
    with connection.cursor() as cursor:
        cursor.execute("SELECT uuid FROM registration_registration")
        seen = [row[0] for row in cursor.fetchall()]
    # then PostgreSQL returns only the consented one; KGZ still sees both
    assert seen == [shared.uuid]
    set_db_state("KGZ")
    assert Registration.objects.unscoped().count() == 2
