"""Synthetic statistics for the demo, beside the real figures loaded by migration 0004.

Every submission made here is flagged ``is_synthetic`` and labelled so wherever it appears.
Idempotent: a state's dataflow that already has a synthetic submission is skipped. The
submissions go through the ordinary services (upload → approve → accept → publish).
"""

from __future__ import annotations

import random
from typing import Any

from django.db import transaction

from corridor.access import roles
from corridor.access.actor import Actor, actor_for
from corridor.access.roles import permissions_for
from corridor.accounts.models import User
from corridor.statistics import services
from corridor.statistics.models import Submission
from corridor.statistics.structure import flow_structure

ORIGINS = ["KGZ", "TJK", "UZB", "AFG", "TKM"]
YEARS = ["2019", "2020", "2021", "2022", "2023"]
POPULATION = {"KAZ": 19_000_000, "KGZ": 6_700_000, "TJK": 9_800_000, "AZE": 10_100_000, "TUR": 85_000_000}


def _actor(state: str | None, role: str, username: str) -> Actor:
    user = User.objects.filter(username=username).first()
    if user is not None:
        actor = actor_for(user)
        if actor.has(next(iter(permissions_for({role})))):
            return actor
    # Without the portal's demo users, act as a system actor of the right role (audited as such).
    return Actor(user=None, state=state, roles=frozenset({role}), permissions=permissions_for({role}))


def _csv(flow_id: str, state: str, rows: list[tuple[dict[str, str], int]]) -> bytes:
    from corridor.statistics.services import dataflow_get

    structure = flow_structure(dataflow_get(flow_id).pk)
    header = [
        "STRUCTURE",
        "STRUCTURE_ID",
        "ACTION",
        "FREQ",
        "REF_AREA",
        *structure.dimensions,
        "TIME_PERIOD",
        "OBS_VALUE",
    ]
    lines = [",".join(header)]
    for codes, value in rows:
        key = [
            codes.get(d, structure.headline_code(d) if d != "PERMIT_EVENT" else "_T")
            for d in structure.dimensions
        ]
        lines.append(
            ",".join(
                [
                    "dataflow",
                    f"ALMATY:{flow_id}(1.0)",
                    "I",
                    "A",
                    state,
                    *key,
                    codes["TIME_PERIOD"],
                    str(value),
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode()


def _work_permits(rng: random.Random) -> list[tuple[dict[str, str], int]]:
    rows = []
    for year in YEARS:
        for citizenship in ORIGINS:
            women, men = rng.randint(0, 900), rng.randint(2, 4000)
            for sex, value in (("F", women), ("M", men), ("_T", women + men)):
                rows.append(({"TIME_PERIOD": year, "CITIZENSHIP": citizenship, "SEX": sex}, value))
        totals = [v for c, v in rows if c["TIME_PERIOD"] == year and c["SEX"] == "_T"]
        rows.append(({"TIME_PERIOD": year, "CITIZENSHIP": "_T", "SEX": "_T"}, sum(totals)))
    return rows


def _irregular(rng: random.Random) -> list[tuple[dict[str, str], int]]:
    rows = []
    for year in YEARS:
        minors, adults = rng.randint(3, 40), rng.randint(50, 600)
        rows += [
            ({"TIME_PERIOD": year, "AGE": "Y_LT18"}, minors),
            ({"TIME_PERIOD": year, "AGE": "Y_GE18"}, adults),
            ({"TIME_PERIOD": year, "AGE": "_T"}, minors + adults),
        ]
    return rows


def _population(state: str, rng: random.Random) -> list[tuple[dict[str, str], int]]:
    rows = []
    for year in YEARS:
        rows.append(
            ({"TIME_PERIOD": year, "FLOW_TYPE": "STOCK"}, POPULATION[state] + rng.randint(0, 200_000))
        )
        for origin in ORIGINS:
            if origin != state:
                rows.append(
                    ({"TIME_PERIOD": year, "FLOW_TYPE": "IMM", "CITIZENSHIP": origin}, rng.randint(200, 9000))
                )
        if state in ORIGINS:
            for partner in ("KAZ", "TUR", "AZE"):
                rows.append(
                    (
                        {
                            "TIME_PERIOD": year,
                            "FLOW_TYPE": "EMI",
                            "CITIZENSHIP": state,
                            "COUNTRY_PREV_RES": partner,
                        },
                        rng.randint(200, 9000),
                    )
                )
    return rows


PLAN: list[tuple[str, str, Any]] = [
    ("KAZ", "DF_WORK_PERMIT", lambda state, rng: _work_permits(rng)),
    ("AZE", "DF_WORK_PERMIT", lambda state, rng: _work_permits(rng)),
    ("KAZ", "DF_IRREG_MIGR", lambda state, rng: _irregular(rng)),
    ("KAZ", "DF_MIGR_POP", _population),
    ("AZE", "DF_MIGR_POP", _population),
    ("KGZ", "DF_MIGR_POP", _population),
    ("TJK", "DF_MIGR_POP", _population),
]


@transaction.atomic
def load_demo_statistics() -> int:
    """Create and publish the synthetic submissions that are missing; returns how many."""
    regional = _actor(None, roles.SECRETARIAT, "secretariat")
    created = 0
    for state, flow_id, build in PLAN:
        if Submission.objects.for_state(state).filter(dataflow__flow_id=flow_id, is_synthetic=True).exists():
            continue
        national = _actor(state, roles.STATISTICIAN, f"{state.lower()}.statistician")
        rng = random.Random(f"{state}-{flow_id}")  # noqa: S311 - synthetic figures, not security
        submission = services.submission_upload(
            actor=national,
            dataflow=flow_id,
            content=_csv(flow_id, state, build(state, rng)),
            file_name="synthetic-demo.csv",
            is_synthetic=True,
        )
        if submission.error_count:
            raise RuntimeError(
                f"Synthetic {state} {flow_id} failed validation: {submission.report['issues'][:3]}"
            )
        submission = services.submission_approve_national(
            actor=national, submission=submission, comment="Synthetic demo data"
        )
        submission = services.submission_accept_regional(actor=regional, submission=submission)
        services.submission_publish(actor=regional, submission=submission)
        created += 1
    return created
