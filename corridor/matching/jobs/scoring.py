"""Score one state's records against each other and say why: per-field levels and weights.

Pure (no Django): records in the CSV contract shape, explained pairs out. Small registries use
the fixed parameters of :mod:`.parameters` without term-frequency adjustments (a name's
frequency among a dozen records says nothing); from ``TRAIN_MIN_RECORDS`` records the model
is trained on the job's own records as the CLI does.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from splink import Linker

from corridor.matching import engine, fallback, model
from corridor.matching.jobs.parameters import LEVELS, PRIOR
from corridor.matching.records import prepare_records, records_from_dicts

TRAIN_MIN_RECORDS = 1000
DEFAULT_THRESHOLD = 0.2


@dataclass(frozen=True, slots=True)
class Reason:
    field: str  # comparison name: full_name, patronymic, birth_date, sex, origin, document_number
    level: str  # the level's label, e.g. "exact pivot"
    weight: float  # log2 Bayes factor, term-frequency adjustment included


@dataclass(frozen=True, slots=True)
class ExplainedPair:
    left_id: str
    right_id: str
    probability: float
    match_weight: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Scored:
    pairs: list[ExplainedPair]  # best first
    trained: bool  # True: trained on these records; False: a stored model or fixed parameters
    compared: int  # pairs that blocking let through
    model: dict[str, Any] | None = None  # the trained model, to be stored for the source pair
    stored: bool = False  # scored with the stored model of the source pair
    labels: int = 0  # reviewers' labels the training used
    notes: tuple[fallback.Note, ...] = ()  # what training could not estimate and what was used instead


def fixed_settings() -> dict[str, Any]:
    """The model's dedupe settings with the fixed m/u filled in and no term-frequency levels."""
    settings = model.settings(link_type="dedupe_only", probability_two_random_records_match=PRIOR)
    data = _without_term_frequencies(settings.create_settings_dict("duckdb"))
    for comparison in data["comparisons"]:
        table = LEVELS[comparison["output_column_name"]]
        for level in comparison["comparison_levels"]:
            if not level.get("is_null_level"):
                level["m_probability"], level["u_probability"] = table[level["label_for_charts"]]
    data["retain_intermediate_calculation_columns"] = True
    data["retain_matching_columns"] = True
    # The engine makes the blocked pairs itself (its key table); the rules' key columns are
    # not in the record table, and Splink would try to keep them as matching columns.
    data["blocking_rules_to_generate_predictions"] = []
    return data


def _without_term_frequencies(data: dict[str, Any]) -> dict[str, Any]:
    for comparison in data["comparisons"]:
        for level in comparison["comparison_levels"]:
            level.pop("tf_adjustment_column", None)
            level.pop("tf_adjustment_weight", None)
    return data


def stored_settings(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A source pair's stored model for a small registry: its m and u, the small-registry prior.

    The stored prior was estimated on the large set it was trained on (one match in a million
    pairs); among a few hundred records of one registry a duplicate is far likelier. Term
    frequencies are dropped for the same reason as with the fixed parameters.
    """
    data = _without_term_frequencies(copy.deepcopy(dict(stored)))
    data["probability_two_random_records_match"] = PRIOR
    data["retain_intermediate_calculation_columns"] = True
    data["retain_matching_columns"] = True
    data["blocking_rules_to_generate_predictions"] = []
    return data


def _trained_settings(
    linker: Linker,
    config: engine.EngineConfig,
    labels: pa.Table | None,
    stored: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], fallback.TrainingReport]:
    """Train on the job's records; a level training cannot estimate falls back to the source
    pair's stored model (``stored``) when there is one, else to the fixed parameters."""
    report = engine.train(
        linker, config=config, labels=labels, stored=fallback.levels_of(stored) if stored else None
    )
    data = linker.misc.save_model_to_json()
    data.pop("linker_uid", None)
    data["retain_intermediate_calculation_columns"] = True
    data["retain_matching_columns"] = True
    # The engine makes the blocked pairs itself (its key table); the rules' key columns are
    # not in the record table, and Splink would try to keep them as matching columns.
    data["blocking_rules_to_generate_predictions"] = []
    return data, report


def _no_progress(percent: int) -> None:
    return None


def labels_table(labels: Iterable[tuple[str, str, float]]) -> pa.Table | None:
    """Reviewers' decisions in the engine's label shape, or None when there are none."""
    rows = list(labels)
    if not rows:
        return None
    left, right, score = zip(*rows, strict=True)
    return pa.table({"left_id": list(left), "right_id": list(right), "clerical_match_score": list(score)})


def score_records(
    records: Iterable[Mapping[str, Any]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    config: engine.EngineConfig | None = None,
    labels: Iterable[tuple[str, str, float]] = (),
    progress: Callable[[int], None] = _no_progress,
    stored: Mapping[str, Any] | None = None,
) -> Scored:
    """Deduplicate ``records`` (dicts with the input columns); pairs ≥ threshold, best first.

    ``labels`` (left id, right id, 1.0 same person / 0.0 different) feed the engine's m
    estimation when the model is trained; ``progress`` is told rough percentages as stages end.
    From ``TRAIN_MIN_RECORDS`` records the model is trained (and returned, to be stored for the
    source pair); below, ``stored`` — the source pair's stored model — is used when given,
    otherwise the fixed parameters.
    """
    config = config or engine.EngineConfig(threshold=threshold)
    table = records_from_dicts(list(records))
    if len(table) < 2:
        return Scored(pairs=[], trained=False, compared=0)
    engine._quiet()
    prepared = [prepare_records(table)]
    progress(30)
    con = engine._connect(config)
    trained = len(table) >= TRAIN_MIN_RECORDS
    trained_model: dict[str, Any] | None = None
    label_rows = list(labels)
    notes: tuple[fallback.Note, ...] = ()
    if trained:
        linker = engine.build_linker(con, prepared, config=config)
        settings, report = _trained_settings(linker, config, labels_table(label_rows), stored)
        notes = tuple(report.notes)
        trained_model = copy.deepcopy(settings)
    elif stored is not None:
        settings = stored_settings(stored)
    else:
        settings = fixed_settings()
    progress(50)
    linker = engine.build_linker(con, prepared, config=config, settings=settings)
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    progress(80)
    rows = predictions.as_pyarrow_table().to_pylist()
    level_labels = _level_labels(linker)
    pairs = sorted(
        (_explain(row, level_labels) for row in rows),
        key=lambda p: (-p.probability, p.left_id, p.right_id),
    )
    return Scored(
        pairs=pairs,
        trained=trained,
        compared=_compared(linker, con),
        model=trained_model,
        stored=not trained and stored is not None,
        labels=len(label_rows) if trained else 0,
        notes=notes,
    )


def _level_labels(linker: Linker) -> dict[str, dict[int, str]]:
    """comparison name → comparison-vector value → level label."""
    return {
        comparison.output_column_name: {
            level.comparison_vector_value: level.label_for_charts for level in comparison.comparison_levels
        }
        for comparison in linker._settings_obj.comparisons
    }


def _explain(row: Mapping[str, Any], labels: Mapping[str, Mapping[int, str]]) -> ExplainedPair:
    reasons = []
    for name, levels in labels.items():
        # Splink 5 reports each comparison's weight (log2 Bayes factor, TF included) as mw_<name>.
        weight = float(row.get(f"mw_{name}") or 0.0)
        reasons.append(Reason(field=name, level=levels.get(int(row[f"gamma_{name}"]), "?"), weight=weight))
    left, right = sorted((str(row["record_id_l"]), str(row["record_id_r"])))
    return ExplainedPair(
        left_id=left,
        right_id=right,
        probability=float(row["match_probability"]),
        match_weight=float(row["match_weight"]),
        reasons=tuple(reasons),
    )


def _compared(linker: Linker, con: Any) -> int:
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    return int(con.execute(f"SELECT count(*) FROM {blocked.physical_name}").fetchall()[0][0])  # noqa: S608
