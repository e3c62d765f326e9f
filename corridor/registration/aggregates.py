"""What a destination state may see of other states' registrations: aggregates only.

A state that granted the reader's state an aggregates-scope agreement in force contributes
counts of its own citizens registered for the reader's state, one block per citizenship,
with one-way tables by month, sex, age group and purpose. Only registrations whose consent
to statistics is active are counted. Disclosure control per table (``protect``): every
cell below the agreement's minimum cell size is hidden, and further cells are hidden until
the hidden cells together hold at least that many people, so that a published total (or
another table of the same people) cannot pin a hidden cell down. Nothing row-level leaves
this module: the result holds codes, labels and counts only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.access.db import set_db_state
from corridor.access.models import AgreementScope, DataSharingAgreement
from corridor.audit.services import audit_record
from corridor.reference.models import Country
from corridor.registration.choices import Purpose, Sex
from corridor.registration.counting import age_group, statistics_counted
from corridor.registration.models import Registration

UNKNOWN = "unknown"
DIMENSIONS = {
    "month": _("Month of arrival (or of departure when no arrival date is known)"),
    "sex": _("Sex"),
    "age_group": _("Age group"),
    "purpose": _("Purpose of stay"),
}


@dataclass(frozen=True)
class Cell:
    code: str
    label: str
    count: int | None  # None: suppressed, shown as "<k"


@dataclass(frozen=True)
class Table:
    dimension: str
    title: str
    cells: list[Cell]


@dataclass(frozen=True)
class Block:
    """The counts of one granting state's citizens bound for the reader's state."""

    citizenship: str
    name: str
    agreements: list[str]
    min_cell_size: int
    total: int | None
    tables: list[Table] = field(default_factory=list)


def protect(counts: dict[str, int], k: int) -> dict[str, int | None]:
    """Hide cells under k, then the smallest shown cells until the hidden sum reaches k."""
    hidden = {code for code, n in counts.items() if n < k}
    shown = sorted((n, code) for code, n in counts.items() if code not in hidden)
    while hidden and sum(counts[c] for c in hidden) < k and shown:
        hidden.add(shown.pop(0)[1])
    return {code: (None if code in hidden else n) for code, n in counts.items()}


def _granting(actor: Actor) -> dict[str, list[DataSharingAgreement]]:
    agreements = (
        DataSharingAgreement.objects.in_force()
        .filter(scope_kind=AgreementScope.AGGREGATES, grantees__iso3=actor.state)
        .exclude(grantor_id=actor.state)
        .distinct()
        .order_by("grantor_id", "reference")
    )
    by_grantor: dict[str, list[DataSharingAgreement]] = {}
    for agreement in agreements:
        by_grantor.setdefault(agreement.grantor_id, []).append(agreement)
    return by_grantor


def _journey_date(row: dict) -> dt.date | None:
    for name in ("actual_arrival", "planned_arrival", "actual_departure", "planned_departure"):
        if row[name]:
            return row[name]
    return None


def _rows(grantor: str, destination: str) -> list[dict]:
    """The grantor's counted registrations for the destination, as the grantor (system work).

    Row-level security admits only the owner state to these rows, so the database scope is
    switched to the grantor for this one read and back to the reader afterwards; only the
    counted columns are fetched.
    """
    columns = ["sex", "purpose", "birth_date", "submitted_at", "actual_arrival", "planned_arrival"]
    columns += ["actual_departure", "planned_departure"]
    with transaction.atomic():
        try:
            set_db_state(grantor)
            found = statistics_counted(grantor).filter(destination_country_id=destination)
            return list(found.values(*columns))
        finally:
            set_db_state(destination)


def _classify(row: dict) -> dict[str, str]:
    when = _journey_date(row)
    on = when or timezone.localdate(row["submitted_at"])
    return {
        "month": when.strftime("%Y-%m") if when else UNKNOWN,
        "sex": row["sex"] or UNKNOWN,
        "age_group": age_group(row["birth_date"], on) if row["birth_date"] else UNKNOWN,
        "purpose": row["purpose"] or UNKNOWN,
    }


def _label(dimension: str, code: str) -> str:
    if code == UNKNOWN:
        return str(_("Not known"))
    if dimension == "sex":
        return str(Sex(code).label) if code in Sex.values else code
    if dimension == "purpose":
        return str(Purpose(code).label) if code in Purpose.values else code
    return code


def _tables(classified: list[dict[str, str]], k: int) -> list[Table]:
    tables = []
    for dimension, title in DIMENSIONS.items():
        counts = Counter(item[dimension] for item in classified)
        shown = protect(dict(counts), k)
        cells = [Cell(code, _label(dimension, code), shown[code]) for code in sorted(counts)]
        tables.append(Table(dimension, str(title), cells))
    return tables


def _block(country: Country, agreements: list[DataSharingAgreement], rows: Iterable[dict]) -> Block:
    k = max(a.min_cell_size for a in agreements)
    classified = [_classify(row) for row in rows]
    total = len(classified)
    return Block(
        citizenship=country.iso3,
        name=str(country.name),
        agreements=[a.reference for a in agreements],
        min_cell_size=k,
        total=total if total >= k else None,
        # Under k people in all: every table would be hidden anyway, so none is shown.
        tables=_tables(classified, k) if total >= k else [],
    )


def destination_aggregates(*, actor: Actor) -> list[Block]:
    """Counts of other states' citizens registered for the actor's state (aggregates only)."""
    policy.require(actor, perms.VIEW_REGISTRATION)
    if not actor.state:
        return []
    granting = _granting(actor)
    countries = Country.objects.in_bulk(list(granting))
    blocks = [
        _block(countries[grantor], agreements, _rows(grantor, actor.state))
        for grantor, agreements in granting.items()
    ]
    if blocks:
        audit_record(
            actor=actor,
            action="registration.aggregates_viewed",
            target_type=Registration.record_type(),
            target_state=actor.state,
            data={"agreements": sorted(str(a.uuid) for group in granting.values() for a in group)},
        )
    return blocks
