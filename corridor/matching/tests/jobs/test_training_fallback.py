"""A job that trains falls back, level by level, to its source pair's stored model, and says so."""

from __future__ import annotations

import pytest
from django.utils import translation

from corridor.matching import fallback
from corridor.matching.jobs import scoring
from corridor.matching.jobs.labels import training_notes
from corridor.matching.models import MatchJob
from corridor.matching.tests.conftest import read_rows


def _level(settings: dict, field: str, label: str) -> dict:
    comparison = next(c for c in settings["comparisons"] if c["output_column_name"] == field)
    return next(level for level in comparison["comparison_levels"] if level["label_for_charts"] == label)


def test_levels_training_cannot_see_come_from_the_stored_model(generated_csv):
    rows = read_rows(generated_csv)[:1200]
    stored = scoring.score_records(rows, threshold=0.5).model
    assert stored is not None
    # given the same registry with every birth date lost: no date level can be estimated
    undated = [{**row, "birth_date": ""} for row in rows]
    scored = scoring.score_records(undated, threshold=0.5, stored=stored)
    assert scored.trained and scored.model is not None
    date_notes = [n for n in scored.notes if n.field == "birth_date" and n.kind == "m"]
    assert {n.level for n in date_notes} >= {"exact", "year ± 1"}
    assert all(n.source == "stored" for n in date_notes)
    # then the stored m is what the new model carries for them
    assert _level(scored.model, "birth_date", "exact")["m_probability"] == pytest.approx(
        _level(stored, "birth_date", "exact")["m_probability"]
    )
    # and without a stored model, the fixed parameters
    fixed = scoring.score_records(undated, threshold=0.5)
    assert {n.source for n in fixed.notes if n.field == "birth_date"} == {"fixed"}


def test_every_trained_weight_is_inside_the_bounds(generated_csv):
    model = scoring.score_records(read_rows(generated_csv)[:1200], threshold=0.5).model
    assert model is not None
    for field, levels in fallback.levels_of(model).items():
        for label, (m, u) in levels.items():
            import math

            assert fallback.WEIGHT_MIN - 1e-6 <= math.log2(m / u) <= fallback.WEIGHT_MAX + 1e-6, (
                field,
                label,
            )


@pytest.mark.django_db
def test_the_job_page_says_what_training_could_not_estimate(client, kgz_consul, job):
    MatchJob.objects.unscoped().filter(pk=job.pk).update(
        training_notes=[
            fallback.Note("m", "birth_date", "exact", "stored", "not_observed", 0.7).as_dict(),
            fallback.Note("clamped", "origin", "different birthplaces", value=-10.0).as_dict(),
        ]
    )
    client.force_login(kgz_consul)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Date of birth, same date: could not be estimated (not seen in these records)" in page
    assert "taken from the model stored for this pair of sources" in page
    assert "weight held at the bound of -10 bits" in page
    with translation.override("ru"):
        lines = [
            str(line)
            for line in training_notes([fallback.Note("m", "birth_date", "exact", "fixed").as_dict()])
        ]
    assert lines and "could not" not in lines[0]
