"""Demonstration cases between Türkiye (requesting) and Kyrgyzstan (requested), made through
the services and the exchange as officers would, so every copy, message, clock and history
row is real. Synthetic people only. Loading twice changes nothing (the first demo case's
name is the marker).

The demo officers are the portal demo's ``tur.migration_officer``, ``kgz.migration_officer``
(both hold ``readmission.handle``) and ``tur.national_admin`` (second person for a gate
override).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from corridor.access.actor import actor_for
from corridor.accounts.models import User
from corridor.exchange import services as exchange
from corridor.people.models import PersonRecord
from corridor.people.services import person_create, person_set_protection
from corridor.readmission import services
from corridor.readmission.models import ReadmissionCase

MARKER = "Asanov (demo)"
NO = {"asylum_pending": False, "appeal_pending": False, "trafficking": False, "child": False}
NO_FLAGS = {**NO, "medical": False, "risk_on_return": False, "family_unity": False}


def _actor(username: str) -> Any:
    return actor_for(User.objects.get(username=username))


def _submitted(tur: Any, family: str, given: str, cyrillic: str, born: dt.date, **extra: Any) -> str:
    case = services.case_create(
        actor=tur,
        requested_state="KGZ",
        category="own_national",
        family_name=family,
        given_name=given,
        name_cyrillic=cyrillic,
        birth_date=born,
        sex=extra.pop("sex", "M"),
        document_number=extra.pop("document_number", ""),
        known_since=timezone.localdate() - dt.timedelta(days=20),
    )
    services.evidence_add(
        actor=tur,
        case=case,
        evidence_type="passport_copy",
        description="Copy of an expired passport (synthetic)",
        filename="passport-copy.pdf",
        data=b"%PDF-1.4\n% synthetic demo attachment\n%%EOF\n",
    )
    case = services.case_act(actor=tur, case=case, action="screen", fields={"answers": NO_FLAGS})
    services.case_act(actor=tur, case=case, action="submit")
    exchange.messages_deliver_due()
    return case.reference


def _copy(state: str, reference: str) -> ReadmissionCase:
    return ReadmissionCase.objects.for_state(state).get(reference=reference)


@transaction.atomic
def load_demo_readmission() -> list[str]:
    """Five cases in different states; returns their references (empty when already loaded)."""
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("Demo data is refused outside demo mode.")
    if ReadmissionCase.objects.unscoped().filter(family_name=MARKER).exists():
        return []
    tur, kgz = _actor("tur.migration_officer"), _actor("kgz.migration_officer")
    # Kyrgyzstan's own record of the first person, written in Cyrillic: the verification finds it.
    if not PersonRecord.objects.for_state("KGZ").filter(family_name="Асанов", given_name="Айбек").exists():
        person_create(
            actor=kgz,
            family_name="Асанов",
            given_name="Айбек",
            citizenship="KGZ",
            birth_date=dt.date(1990, 5, 17),
            sex="M",
        )
    references = []
    # 1. Waiting for Kyrgyzstan's reply (the Done-when journey starts here).
    references.append(_submitted(tur, MARKER, "Aibek", "Асанов Айбек", dt.date(1990, 5, 17)))
    # 2. Accepted, travel document issued.
    ref = _submitted(tur, "Toktogulov (demo)", "Nurlan", "Токтогулов Нурлан", dt.date(1986, 2, 3))
    kgz_person = person_create(
        actor=kgz,
        family_name="Токтогулов",
        given_name="Нурлан",
        citizenship="KGZ",
        birth_date=dt.date(1986, 2, 3),
    )
    theirs = services.case_act(actor=kgz, case=_copy("KGZ", ref), action="verify")
    services.nationality_verify(actor=kgz, case=theirs, person=kgz_person)
    services.case_act(actor=kgz, case=theirs, action="accept")
    exchange.messages_deliver_due()
    services.case_act(actor=tur, case=_copy("TUR", ref), action="request_travel_doc")
    exchange.messages_deliver_due()
    services.travel_document_issue(actor=kgz, case=_copy("KGZ", ref))
    exchange.messages_deliver_due()
    references.append(ref)
    # 3. On protection hold: an appeal was lodged after submission.
    ref = _submitted(tur, "Sadyrova (demo)", "Aizada", "Садырова Айзада", dt.date(1995, 9, 30), sex="F")
    held = _copy("TUR", ref)
    assert held.person is not None
    person_set_protection(actor=tur, person=held.person, reasons=["appeal_pending"])
    exchange.messages_deliver_due()
    references.append(ref)
    # 4. Refused with a reason.
    ref = _submitted(tur, "Abdyldaev (demo)", "Talant", "Абдылдаев Талант", dt.date(1979, 12, 1))
    services.case_act(
        actor=kgz,
        case=_copy("KGZ", ref),
        action="reject",
        note="No record of this person among Kyrgyz citizens (synthetic).",
        fields={"refusal_reason": "not_national"},
    )
    exchange.messages_deliver_due()
    references.append(ref)
    # 5. A draft whose screen found an asylum application pending: it cannot be submitted.
    draft = services.case_create(
        actor=tur,
        requested_state="KGZ",
        category="own_national",
        family_name="Zheenbekov (demo)",
        given_name="Bermet",
        birth_date=dt.date(2001, 4, 12),
        sex="F",
        known_since=timezone.localdate() - dt.timedelta(days=5),
    )
    services.case_act(
        actor=tur, case=draft, action="screen", fields={"answers": {**NO_FLAGS, "asylum_pending": True}}
    )
    references.append(draft.reference)
    return references
