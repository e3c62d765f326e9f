"""The kernel is generic: its tests drive it with a small table over a real state-owned record
(a recruitment licence, which has an owner state, a uuid and a status) so that history,
audit and row locking run on real tables."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access import roles
from corridor.cases.workflow import Guard, Transition, Workflow
from corridor.people.models import PersonRecord

_seq = itertools.count(1)

# Which person a test licence is "about" (for the gate): licence pk -> person.
PERSONS: dict[int, PersonRecord] = {}


def _valid_to_given(record: Any, actor: Any, changes: dict[str, Any]) -> bool:
    return changes.get("valid_to") is not None or record.valid_to is not None


TABLE = Workflow(
    name="testcase",
    transitions=(
        Transition("submit", {"draft"}, "submitted", permission=perms.MANAGE_AGENCIES, label=_("Submit")),
        Transition(
            "approve",
            {"submitted"},
            "active",
            permission=perms.MANAGE_AGENCIES,
            label=_("Approve"),
            verb="approved",
            guards=[Guard(_valid_to_given, _("Give the end date first."))],
        ),
        Transition(
            "transfer",
            {"active"},
            "suspended",
            permission=perms.MANAGE_AGENCIES,
            label=_("Transfer"),
            verb="transferred",
            gate=True,
        ),
        Transition(
            "cancel",
            {"draft", "submitted", "active"},
            "cancelled",
            permission=perms.MANAGE_AGENCIES,
            label=_("Cancel"),
            verb="cancelled",
            needs_note=True,
        ),
        Transition(
            "expire",
            {"active"},
            "expired",
            permission=perms.MANAGE_AGENCIES,
            label=_("Expire"),
            system_only=True,
        ),
    ),
    person_of=lambda record: PERSONS.get(record.pk),
)


@pytest.fixture
def make_licence(db: None) -> Any:
    from corridor.recruitment.models import Agency, Licence

    def build(status: str = "draft", state: str = "KGZ", person: PersonRecord | None = None) -> Licence:
        n = next(_seq)
        agency = Agency.objects.unscoped().create(
            state_id=state, name=f"Kernel agency {n}", licence_number=f"K-{n}"
        )
        licence = Licence.objects.unscoped().create(state_id=state, agency=agency, status=status)
        if person is not None:
            PERSONS[licence.pk] = person
        return licence

    return build


@pytest.fixture
def make_person(db: None) -> Any:
    def build(state: str = "KGZ", flags: list[str] | None = None) -> PersonRecord:
        return PersonRecord.objects.unscoped().create(
            state_id=state,
            family_name="Test",
            given_name="Person",
            citizenship_id="UZB",
            protection_reasons=sorted(flags or []),
            is_protected=bool(flags),
        )

    return build


@pytest.fixture
def kgz_labour(actor_factory: Any) -> Any:
    return actor_factory("KGZ", roles.LABOUR_OFFICER)


@pytest.fixture
def kgz_colleague(actor_factory: Any) -> Any:
    return actor_factory("KGZ", roles.LABOUR_OFFICER)


@pytest.fixture
def tur_labour(actor_factory: Any) -> Any:
    return actor_factory("TUR", roles.LABOUR_OFFICER)


@pytest.fixture
def kgz_admin(actor_factory: Any) -> Any:
    return actor_factory("KGZ", roles.NATIONAL_ADMIN)


@pytest.fixture
def tur_admin(actor_factory: Any) -> Any:
    return actor_factory("TUR", roles.NATIONAL_ADMIN)
