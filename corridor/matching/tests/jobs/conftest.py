"""Fixtures for the matching-job tests: a KGZ consulate's registry, its officers, an outsider."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.access.actor import actor_for
from corridor.matching.jobs import scoring, services
from corridor.matching.models import MatchCandidate
from corridor.matching.tests.jobs.helpers import SAME_PERSON
from corridor.registration.tests.factories import make_consul, make_consulate, register


@pytest.fixture
def kgz_consulate(db):
    return make_consulate("KGZ", "Istanbul")


@pytest.fixture
def kgz_consul(kgz_consulate):
    return make_consul(kgz_consulate)


@pytest.fixture
def kgz_colleague(kgz_consulate):
    return make_consul(kgz_consulate)


@pytest.fixture
def tur_consul(db):
    """The outsider: a consular officer of another state, matching.review included."""
    return make_consul(make_consulate("TUR", "Ankara"))


@pytest.fixture
def registry(kgz_consul):
    """Five KGZ registrations; the first two are one man, once in Cyrillic and once in Latin."""
    cyrillic = register(kgz_consul, passport_number="AC1234567", **SAME_PERSON)
    latin = register(
        kgz_consul,
        **(SAME_PERSON | {"family_name": "Asanov", "given_name": "Aibek", "patronymic": "Bakytovich"}),
        passport_number="AC7654321",
    )
    register(
        kgz_consul,
        **SAME_PERSON
        | {
            "given_name": "Айгуль",
            "family_name": "Асанова",
            "patronymic": "Бакытовна",
            "sex": "F",
            "birth_date": dt.date(1992, 1, 4),
            "passport_number": "AC2222222",
        },
    )
    register(kgz_consul, family_name="Токтогулов", given_name="Нурлан", birth_date=dt.date(1985, 3, 2))
    register(kgz_consul, **SAME_PERSON | {"patronymic": "", "birth_date": dt.date(1991, 7, 9)})
    return cyrillic, latin


@pytest.fixture
def job(kgz_consul, registry):
    return services.job_submit(actor=actor_for(kgz_consul))


@pytest.fixture
def top(job):
    return MatchCandidate.objects.visible_to(actor_for(job.created_by)).get(job=job, rank=1)


@pytest.fixture
def fake_scores(monkeypatch):
    """Replace the engine by fixed scores: ``fake_scores([(reg_a, reg_b, probability), …])``.

    Returns the list of calls (their keyword arguments) so tests can see what the job passed.
    """
    calls: list[dict] = []

    def install(pairs):
        def score(records, **kwargs):
            calls.append({"records": list(records), **kwargs})
            kwargs["progress"](60)
            explained = [
                scoring.ExplainedPair(
                    left_id=min(str(a.uuid), str(b.uuid)),
                    right_id=max(str(a.uuid), str(b.uuid)),
                    probability=p,
                    match_weight=10.0,
                    reasons=(scoring.Reason(field="birth_date", level="exact", weight=9.5),),
                )
                for a, b, p in pairs
            ]
            return scoring.Scored(pairs=explained, trained=False, compared=len(pairs))

        monkeypatch.setattr(scoring, "score_records", score)
        return calls

    return install
