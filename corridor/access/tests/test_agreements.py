"""Agreement lifecycle: who drafts, who brings into force, what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.access import roles, services
from corridor.access.models import AgreementStatus, DataSharingAgreement
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def draft(actor, **overrides):
    values = dict(
        reference="TUR-KGZ-1",
        title="Consular",
        grantor="TUR",
        grantees=["KGZ"],
        purpose="consular_protection",
        legal_basis="Bilateral",
        scope_kind="records",
        valid_from=dt.date(2026, 1, 1),
        record_types=["people.personrecord"],
        fields={"people.personrecord": ["family_name"]},
    )
    values.update(overrides)
    return services.agreement_create(actor=actor, **values)


def test_grantor_admin_drafts_and_brings_into_force(actor_factory):
    admin = actor_factory("TUR", roles.NATIONAL_ADMIN)
    agreement = draft(admin)
    assert agreement.status == AgreementStatus.DRAFT
    services.agreement_set_status(actor=admin, agreement=agreement, status=AgreementStatus.ACTIVE)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert list(AuditEvent.objects.filter(target_uuid=agreement.uuid).values_list("action", flat=True)) == [
        "agreement.created",
        "agreement.active",
    ]


def test_grantee_admin_cannot_draft_for_grantor_or_activate(actor_factory):
    kgz_admin = actor_factory("KGZ", roles.NATIONAL_ADMIN)
    with pytest.raises(ApplicationError):
        draft(kgz_admin)
    agreement = draft(actor_factory("TUR", roles.NATIONAL_ADMIN))
    with pytest.raises(ApplicationError):
        services.agreement_set_status(actor=kgz_admin, agreement=agreement, status=AgreementStatus.ACTIVE)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"grantees": ["TUR"]}, "grantees"),
        ({"grantees": ["XXX"]}, "grantees"),
        ({"valid_to": dt.date(2025, 1, 1)}, "valid_to"),
        ({"record_types": []}, "record_types"),
        ({"record_types": ["auth.user"]}, "record_types"),
        ({"fields": {}}, "fields"),
        ({"scope_kind": "aggregates", "min_cell_size": 0}, "min_cell_size"),
    ],
)
def test_invalid_agreement_is_refused_and_nothing_stored(actor_factory, overrides, field):
    admin = actor_factory("TUR", roles.NATIONAL_ADMIN)
    with pytest.raises(ApplicationError) as caught:
        draft(admin, **overrides)
    assert field in caught.value.fields
    assert DataSharingAgreement.objects.count() == 0


def test_suspended_agreement_cannot_expire_twice_or_return_to_draft(actor_factory):
    admin = actor_factory("TUR", roles.NATIONAL_ADMIN)
    agreement = draft(admin)
    with pytest.raises(ApplicationError):
        services.agreement_set_status(actor=admin, agreement=agreement, status=AgreementStatus.SUSPENDED)
    with pytest.raises(ApplicationError):
        services.agreement_set_status(actor=admin, agreement=agreement, status=AgreementStatus.DRAFT)
