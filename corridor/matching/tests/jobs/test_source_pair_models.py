"""Models per pair of sources: a trained model is kept for its state and pair, and used by small jobs."""

from __future__ import annotations

import copy

import pytest

from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.matching import model as engine_model
from corridor.matching.jobs import scoring, selectors, services
from corridor.matching.models import MatchJob, SourcePairModel
from corridor.matching.records import records_from_dicts
from corridor.matching.tests.conftest import read_rows

PAIR = ("registration", "registration")


def _trained(generated_csv) -> dict:
    rows = read_rows(generated_csv)[:1200]
    scored = scoring.score_records(rows, threshold=0.5)
    assert scored.trained and scored.model is not None
    return scored.model


@pytest.fixture(scope="module")
def trained_model(generated_csv):
    return _trained(generated_csv)


def test_a_trained_job_returns_its_model_and_a_small_one_scores_with_it(trained_model):
    # given a small registry: one man twice (Cyrillic, Latin) and a namesake born ten years later
    small = [
        {
            "record_id": "a",
            "family_name": "Асанов",
            "given_name": "Айбек",
            "birth_date": "1991-07-09",
            "sex": "M",
        },
        {
            "record_id": "b",
            "family_name": "Asanov",
            "given_name": "Aibek",
            "birth_date": "1991-07-09",
            "sex": "M",
        },
        {
            "record_id": "c",
            "family_name": "Asanov",
            "given_name": "Aibek",
            "birth_date": "2001-02-03",
            "sex": "M",
        },
    ]
    # when it is scored with the stored model, and with the fixed parameters
    stored = scoring.score_records(small, threshold=0.0, stored=trained_model)
    fixed = scoring.score_records(small, threshold=0.0)
    # then the stored model decides (its weights, not the fixed ones), and nothing is trained
    assert stored.stored and not stored.trained and stored.model is None
    assert not fixed.stored
    by_pair = {(p.left_id, p.right_id): p for p in stored.pairs}
    assert by_pair[("a", "b")].probability > 0.9
    assert ("a", "c") not in by_pair or by_pair[("a", "c")].probability < 0.5
    weights = {p.match_weight for p in stored.pairs} ^ {p.match_weight for p in fixed.pairs}
    assert weights  # different parameters give different weights


def test_the_stored_model_keeps_m_and_u_and_takes_the_small_registry_prior(trained_model):
    settings = scoring.stored_settings(trained_model)
    assert settings["probability_two_random_records_match"] == scoring.PRIOR
    assert trained_model["probability_two_random_records_match"] != scoring.PRIOR  # the original is kept
    levels = [level for c in settings["comparisons"] for level in c["comparison_levels"]]
    assert not any("tf_adjustment_column" in level for level in levels)
    originals = [level for c in trained_model["comparisons"] for level in c["comparison_levels"]]
    assert [lv.get("m_probability") for lv in levels] == [lv.get("m_probability") for lv in originals]


@pytest.mark.django_db
def test_a_job_that_trains_stores_its_model_for_its_state_and_pair_and_the_next_job_uses_it(
    kgz_consul, tur_consul, registry, fake_scores, trained_model
):
    # given a first job whose engine run trained a model
    calls = fake_scores([(registry[0], registry[1], 0.9)])
    real_scored = scoring.Scored

    def trained_scored(**kwargs):
        return real_scored(**(kwargs | {"trained": True, "model": trained_model, "labels": 0}))

    scoring.Scored = trained_scored  # the fake scorer builds its result through this name
    try:
        first = services.job_submit(actor=actor_for(kgz_consul))
    finally:
        scoring.Scored = real_scored
    # then the model is stored for KGZ and (registration, registration), and audited
    stored = SourcePairModel.objects.unscoped().get()
    assert (stored.state_id, stored.left_source, stored.right_source) == ("KGZ", *PAIR)
    assert stored.settings == trained_model and stored.trained_by_id == first.pk
    assert stored.engine_version == engine_model.MODEL_VERSION
    assert MatchJob.objects.unscoped().get(pk=first.pk).parameters == "trained"
    event = AuditEvent.objects.get(action="matching_model.stored", target_uuid=stored.uuid)
    assert event.data["sources"] == list(PAIR) and event.data["replaced"] is False
    # when the next job runs
    services.job_submit(actor=actor_for(kgz_consul))
    # then the engine was handed the stored model; another state sees none
    assert calls[0]["stored"] is None
    assert calls[1]["stored"] == trained_model
    assert selectors.source_pair_model(actor=actor_for(tur_consul), sources=PAIR) is None
    assert selectors.source_pair_model(actor=actor_for(kgz_consul), sources=PAIR) == stored


@pytest.mark.django_db
def test_a_job_scored_with_the_stored_model_says_so(kgz_consul, registry, trained_model):
    SourcePairModel.objects.unscoped().create(
        state_id="KGZ",
        left_source="registration",
        right_source="registration",
        settings=trained_model,
        engine_version=engine_model.MODEL_VERSION,
        records_count=1200,
    )
    job = services.job_submit(actor=actor_for(kgz_consul))
    job.refresh_from_db()
    assert job.parameters == "stored"
    assert job.get_parameters_display() == "trained earlier on the same pair of sources"


@pytest.mark.django_db
def test_a_model_stored_by_an_earlier_engine_is_not_used(kgz_consul, trained_model):
    old = copy.deepcopy(trained_model)
    SourcePairModel.objects.unscoped().create(
        state_id="KGZ",
        left_source="registration",
        right_source="registration",
        settings=old,
        engine_version="engine-2",
        records_count=5000,
    )
    assert selectors.source_pair_model(actor=actor_for(kgz_consul), sources=PAIR) is None


def test_records_of_a_small_registry_need_no_training(trained_model):
    table = records_from_dicts([{"record_id": "x", "family_name": "Asanov"}])
    assert scoring.score_records(table.to_pylist(), stored=trained_model).pairs == []
