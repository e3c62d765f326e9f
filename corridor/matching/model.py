"""Splink model definition: blocking keys (with caps), blocking rules and comparisons.

Everything here is backend-neutral: the same settings run on DuckDB and on Spark.
"""

from __future__ import annotations

from typing import Any, Literal

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

LinkType = Literal["link_only", "dedupe_only"]
# SettingsCreator and CustomComparison take invariant ``list``s of these unions.
ComparisonSpec = ComparisonCreator | dict[str, Any]
LevelSpec = ComparisonLevelCreator | dict[str, Any]
RuleSpec = BlockingRuleCreator | dict[str, Any]

# Blocking keys: name → SQL expression over the prepared columns. Each key is set to NULL in
# records whose key value is shared by more than ``block_cap`` records (Mamedov + 1990 …), so
# that one common value cannot explode the number of pairs; pair completeness is measured.
BLOCK_KEYS: dict[str, str] = {
    "k_fam_year": "fam_stem || '|' || CAST(dob_y AS VARCHAR)",
    "k_given_dob": "given_skel || '|' || dob",
    "k_fam_given": "fam_stem || '|' || given_skel",
    "k_given_fam": "given_skel || '|' || fam_stem",
    "k_dob_place": "dob || '|' || bp_skel",
    "k_pre_dob": "substr(fam_stem, 1, 3) || '|' || dob",
    "k_cons_year": "name_cons || '|' || CAST(dob_y AS VARCHAR)",
    "k_doc": "doc",
}

BLOCKING_RULES: tuple[str, ...] = (
    "l.k_fam_year = r.k_fam_year",
    "l.k_given_dob = r.k_given_dob",
    "l.k_fam_given = r.k_fam_given",
    # given and family names swapped between the two records
    "l.k_fam_given = r.k_given_fam",
    "l.k_dob_place = r.k_dob_place",
    "l.k_pre_dob = r.k_pre_dob",
    "l.k_cons_year = r.k_cons_year",
    "l.k_doc = r.k_doc",
)

# Pairs used to estimate the prior probability that two records match (nearly certain matches).
DETERMINISTIC_RULES: tuple[str, ...] = (
    "l.name_skel = r.name_skel AND l.dob = r.dob",
    "l.doc = r.doc AND l.dob = r.dob",
)
# EM sessions: each one fixes the comparisons it blocks on and estimates the others.
EM_RULES: tuple[str, ...] = ("l.dob = r.dob", "l.k_fam_given = r.k_fam_given")


def _level(sql: str, label: str, *, tf_column: str | None = None) -> dict[str, Any]:
    level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if tf_column:
        level |= {"tf_adjustment_column": tf_column, "tf_adjustment_weight": 1.0}
    return level


def _null(sql: str) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": "null", "is_null_level": True}


_VARIANTS_OVERLAP = (
    "(array_length(list_intersect(given_var_l, given_var_r)) > 0"
    " AND array_length(list_intersect(fam_var_l, fam_var_r)) > 0)"
    " OR (array_length(list_intersect(given_var_l, fam_var_r)) > 0"
    " AND array_length(list_intersect(fam_var_l, given_var_r)) > 0)"
)


def full_name_comparison() -> cl.CustomComparison:
    """One comparison for the whole name (no second bag-of-words comparison: double counting)."""
    return cl.CustomComparison(
        output_column_name="full_name",
        comparison_levels=[
            _null("name_pivot_l IS NULL OR name_pivot_r IS NULL"),
            _level("name_orig_l = name_orig_r", "exact original", tf_column="name_orig"),
            _level("name_pivot_l = name_pivot_r", "exact pivot", tf_column="name_pivot"),
            _level("name_skel_l = name_skel_r", "exact skeleton", tf_column="name_skel"),
            _level("given_skel_l = fam_stem_r AND fam_stem_l = given_skel_r", "given and family reversed"),
            cll.JaroWinklerLevel("name_pivot", 0.92),
            cll.JaroWinklerLevel("name_pivot", 0.80),
            cll.CustomLevel(_VARIANTS_OVERLAP, "variant arrays overlap", base_dialect_str="duckdb"),
            cll.ElseLevel(),
        ],
    )


def birth_date_comparison() -> cl.CustomComparison:
    same_year = "dob_y_l = dob_y_r"
    return cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            _null("dob_y_l IS NULL OR dob_y_r IS NULL"),
            _level("dob_l = dob_r", "exact"),
            # dob is NULL unless the date is complete, so this level only sees full dates
            cll.DamerauLevenshteinLevel("dob", 1).configure(
                label_for_charts="one digit or two adjacent digits"
            ),
            _level(f"{same_year} AND dob_m_l = dob_d_r AND dob_d_l = dob_m_r", "day and month swapped"),
            _level(
                f"{same_year} AND dob_m_l = dob_m_r AND (dob_d_l IS NULL OR dob_d_r IS NULL)",
                "same year and month, a day missing",
            ),
            _level(same_year, "same year (partial date, default 01-01 or other)"),
            _level("abs(dob_y_l - dob_y_r) <= 1", "year ± 1"),
            cll.ElseLevel(),
        ],
    )


def _simple(
    column: str, name: str, *, fuzzy: str | None = None, threshold: float = 0.88
) -> cl.CustomComparison:
    levels: list[LevelSpec] = [cll.NullLevel(column), cll.ExactMatchLevel(column)]
    if fuzzy:
        levels.append(cll.JaroWinklerLevel(fuzzy, threshold))
    levels.append(cll.ElseLevel())
    return cl.CustomComparison(output_column_name=name, comparison_levels=levels)


def comparisons() -> list[ComparisonSpec]:
    return [
        full_name_comparison(),
        _simple("pat_stem", "patronymic", fuzzy="pat_pivot"),
        birth_date_comparison(),
        _simple("sex_n", "sex"),
        _simple("cit", "citizenship"),
        _simple("bp_skel", "birth_place", fuzzy="bp_pivot", threshold=0.85),
        _simple("doc", "document_number"),
    ]


def blocking_rules() -> list[RuleSpec]:
    return [CustomRule(rule) for rule in BLOCKING_RULES]


def settings(*, link_type: LinkType, probability_two_random_records_match: float = 1e-5) -> SettingsCreator:
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="record_id",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=blocking_rules(),
        probability_two_random_records_match=probability_two_random_records_match,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=20,
    )
