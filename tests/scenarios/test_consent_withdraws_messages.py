"""End to end: a person's consent (case kernel) → a signed message resting on it (exchange) →
the consent revoked → the message withdrawn on both sides, through the kernel's revocation hook
that the exchange registered (no call from the kernel into the exchange)."""

from __future__ import annotations

import pytest

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import Actor, actor_for
from corridor.audit.models import AuditEvent
from corridor.cases.consent import consent_give, consent_revoke
from corridor.core.errors import Conflict
from corridor.exchange import services
from corridor.exchange.choices import Box, Kind, Status
from corridor.exchange.tests.helpers import copies
from corridor.people.models import PersonRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def kgz_officer(db: None) -> Actor:
    return actor_for(make_user("KGZ", roles.MIGRATION_OFFICER))


@pytest.fixture
def tur_officer(db: None) -> Actor:
    return actor_for(make_user("TUR", roles.MIGRATION_OFFICER))


def test_revoking_a_consent_withdraws_the_message_it_allowed_on_both_sides(kgz_officer, tur_officer):
    """End to end: kernel consent → exchange message → revocation through the kernel's hook."""
    # given: a person recorded by Kyrgyzstan consents to disclosure to Türkiye; a data-share
    # request resting on that consent is delivered, and another message rests on none
    consular = actor_for(make_user("KGZ", roles.CONSULAR_OFFICER))
    person = PersonRecord.objects.unscoped().create(
        state_id="KGZ", family_name="Test", given_name="Person", citizenship_id="KGZ"
    )
    consent = consent_give(actor=consular, person=person, purpose="disclosure_state", recipient_country="TUR")
    allowed = services.message_send(
        actor=kgz_officer,
        kind=Kind.DATA_SHARE_REQUEST,
        recipient_state="TUR",
        purpose="exchange.enquiry",
        payload={"text": "Please confirm the address on file."},
        subject_ref="KGZ-7K2M-Q",
        consent_ref=str(consent.uuid),
    )
    other = services.message_send(
        actor=kgz_officer,
        kind=Kind.REQUEST,
        recipient_state="TUR",
        purpose="exchange.enquiry",
        payload={"text": "Unrelated."},
    )
    services.messages_deliver_due()
    assert copies(allowed.message_id)["TUR", Box.INBOX].status == Status.DELIVERED
    # when: the person revokes, through the kernel (no call into the exchange here)
    consent_revoke(actor=consular, consent=consent, note="asked in person")
    services.messages_deliver_due()
    # then: our copy is withdrawn at once, Türkiye's copy follows by a signed notice
    both = copies(allowed.message_id)
    assert both["KGZ", Box.OUTBOX].status == Status.WITHDRAWN
    assert both["TUR", Box.INBOX].status == Status.WITHDRAWN
    assert copies(other.message_id)["TUR", Box.INBOX].status == Status.DELIVERED
    withdrawn = AuditEvent.objects.get(action="exchange_message.withdrawn")
    assert (withdrawn.target_uuid, withdrawn.data["reason"]) == (allowed.uuid, "consent_revoked")
    assert AuditEvent.objects.filter(action="consent.revoked").count() == 1
    # and Türkiye can no longer answer it
    tur_copy = both["TUR", Box.INBOX]
    with pytest.raises(Conflict):
        services.message_reply(actor=tur_officer, message=tur_copy, payload={"text": "Too late."})
