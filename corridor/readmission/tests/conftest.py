"""Officers of Türkiye (requesting) and Kyrgyzstan (requested), and an Uzbek outsider, on
one shared instance (local delivery through the exchange)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from conftest import make_user
from corridor.access import roles
from corridor.access.actor import Actor, actor_for
from corridor.exchange import services as exchange
from corridor.readmission import services
from corridor.readmission.models import ReadmissionCase


@pytest.fixture
def tur_officer(db: None) -> Actor:
    return actor_for(make_user("TUR", roles.MIGRATION_OFFICER))


@pytest.fixture
def tur_admin(db: None) -> Actor:
    return actor_for(make_user("TUR", roles.NATIONAL_ADMIN))


@pytest.fixture
def tur_statistician(db: None) -> Actor:
    return actor_for(make_user("TUR", roles.STATISTICIAN))


@pytest.fixture
def kgz_officer(db: None) -> Actor:
    return actor_for(make_user("KGZ", roles.MIGRATION_OFFICER))


@pytest.fixture
def kgz_consul(db: None) -> Actor:
    return actor_for(make_user("KGZ", roles.CONSULAR_OFFICER))


@pytest.fixture
def uzb_officer(db: None) -> Actor:
    """A third state's officer: sees nothing of TUR–KGZ cases."""
    return actor_for(make_user("UZB", roles.MIGRATION_OFFICER))


def deliver() -> None:
    """Run the exchange's outbox once (the task after the commit, in production)."""
    exchange.messages_deliver_due()


NO_FLAGS = {
    item: False
    for item in (
        "asylum_pending",
        "appeal_pending",
        "trafficking",
        "child",
        "medical",
        "risk_on_return",
        "family_unity",
    )
}


@pytest.fixture
def draft(tur_officer: Actor) -> Callable[..., ReadmissionCase]:
    def make(**overrides: Any) -> ReadmissionCase:
        values: dict[str, Any] = {
            "requested_state": "KGZ",
            "category": "own_national",
            "family_name": "Asanov",
            "given_name": "Aibek",
            "name_cyrillic": "Асанов Айбек",
            "birth_date": dt.date(1990, 5, 17),
            "sex": "M",
            "document_number": "AC1234567",
            "known_since": timezone.localdate() - dt.timedelta(days=10),
        }
        values.update(overrides)
        case = services.case_create(actor=tur_officer, **values)
        services.evidence_add(
            actor=tur_officer,
            case=case,
            evidence_type="passport_copy",
            description="Copy of an expired passport",
            filename="passport.pdf",
            data=b"%PDF-1.4\n% test\n",
        )
        return case

    return make


@pytest.fixture
def submitted(draft: Callable[..., ReadmissionCase], tur_officer: Actor) -> Callable[..., tuple[Any, Any]]:
    """A submitted case: (requesting copy, requested copy) after delivery."""

    def make(**overrides: Any) -> tuple[ReadmissionCase, ReadmissionCase]:
        case = draft(**overrides)
        case = services.case_act(actor=tur_officer, case=case, action="screen", fields={"answers": NO_FLAGS})
        case = services.case_act(actor=tur_officer, case=case, action="submit")
        deliver()
        return copies(case.reference)

    return make


def copies(reference: str) -> tuple[ReadmissionCase, ReadmissionCase]:
    rows = {c.side: c for c in ReadmissionCase.objects.unscoped().filter(reference=reference)}
    return rows["requesting"], rows["requested"]
