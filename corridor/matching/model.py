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
# Changes whenever the comparisons or their columns change: a model trained and stored by an
# earlier engine (``jobs``' source-pair models) cannot score today's columns.
MODEL_VERSION = "engine-3.2"
# SettingsCreator and CustomComparison take invariant ``list``s of these unions.
ComparisonSpec = ComparisonCreator | dict[str, Any]
LevelSpec = ComparisonLevelCreator | dict[str, Any]
RuleSpec = BlockingRuleCreator | dict[str, Any]

# Blocking keys: name → SQL expression over the prepared columns. Each key is set to NULL in
# records whose key value is shared by more than ``block_cap`` records (Mamedov + 1990 …), so
# that one common value cannot explode the number of pairs; pair completeness is measured.
BLOCK_KEYS: dict[str, str] = {
    "k_given_dob": "given_skel || '|' || dob",
    "k_fam_given": "fam_stem || '|' || given_skel",
    # the same key read from a record whose given and family fields are swapped
    "k_swapped": "given_stem || '|' || fam_skel",
    "k_dob_place": "dob || '|' || bp_cons",
    "k_pre_dob": "substr(fam_stem, 1, 3) || '|' || dob",
    "k_cons_year": "name_cons || '|' || CAST(dob_y AS VARCHAR)",
    "k_doc": "doc",
    # Keys without any date, for records with a missing date and one misspelt name (a date is
    # missing in ~10 % of records, a name misspelt in ~15 %): one name + the father's name, or
    # one name + the birthplace; the consonant key alone (Perso-Arabic script ↔ Latin).
    "k_fam_pat": "fam_stem || '|' || pat_stem",
    "k_given_pat": "given_skel || '|' || pat_stem",
    "k_fam_place": "fam_stem || '|' || bp_cons",
    "k_given_place": "given_skel || '|' || bp_cons",
    "k_cons": "name_cons",
}

# Keys without a date pair two records only when one of them has no birth year or the years
# differ by at most one. The pairs they would add beyond that (same name, years apart) are
# nearly all namesakes: at 1M records they were three quarters of all candidate pairs and gave
# 0.1 % of pair completeness (bench/matching/README.md, engine 3).
YEAR_TOLERANT: frozenset[str] = frozenset(
    {"k_fam_given", "k_swapped", "k_fam_pat", "k_given_pat", "k_fam_place", "k_given_place", "k_cons"}
)
YEAR_TOLERANCE = 1
YEAR_CONDITION = f"(l.dob_y IS NULL OR r.dob_y IS NULL OR abs(l.dob_y - r.dob_y) <= {YEAR_TOLERANCE})"

# (left key, right key) of each rule; a rule joins ``l.left = r.right``.
_RULE_KEYS: tuple[tuple[str, str], ...] = (
    ("k_given_dob", "k_given_dob"),
    ("k_fam_given", "k_fam_given"),
    # given and family names swapped between the two records
    ("k_fam_given", "k_swapped"),
    ("k_swapped", "k_fam_given"),
    ("k_dob_place", "k_dob_place"),
    ("k_pre_dob", "k_pre_dob"),
    ("k_cons_year", "k_cons_year"),
    ("k_doc", "k_doc"),
    ("k_fam_pat", "k_fam_pat"),
    ("k_given_pat", "k_given_pat"),
    ("k_fam_place", "k_fam_place"),
    ("k_given_place", "k_given_place"),
    ("k_cons", "k_cons"),
)


def rule_sql(left: str, right: str) -> str:
    """The SQL of the blocking rule joining key ``left`` of one record to key ``right`` of the other."""
    join = f"l.{left} = r.{right}"
    return f"{join} AND {YEAR_CONDITION}" if left in YEAR_TOLERANT else join


BLOCKING_RULES: tuple[str, ...] = tuple(rule_sql(left, right) for left, right in _RULE_KEYS)

# Tracing keys: added in a lopsided link (a few reports against many records, see
# :func:`tracing_shape`), where each extra key costs little because one side is small, and
# what they find is what tracing misses without them (bench/matching/README.md, "Tracing"):
# - the given name + birth year, by consonants: the family name changed (marriage, -ov ↔ uulu)
#   or is missing (an Afghan single name), across scripts;
# - the given name + the family name of one record = the given name + the father's name of the
#   other: an Afghan record that uses the father's name as the surname.
TRACING_KEYS: dict[str, str] = {
    "k_given_year": "given_cons || '|' || CAST(dob_y AS VARCHAR)",
    # the same key read from a record whose given and family fields are swapped
    "k_given_year_swapped": "fam_cons || '|' || CAST(dob_y AS VARCHAR)",
    "k_given_fam_cons": "given_cons || '|' || fam_cons",
    "k_given_father": "given_cons || '|' || pat_cons",
}
TRACING_YEAR_TOLERANT: frozenset[str] = frozenset({"k_given_fam_cons", "k_given_father"})
_TRACING_RULE_KEYS: tuple[tuple[str, str], ...] = (
    ("k_given_year", "k_given_year"),
    ("k_given_year", "k_given_year_swapped"),
    ("k_given_year_swapped", "k_given_year"),
    ("k_given_fam_cons", "k_given_fam_cons"),
    ("k_given_fam_cons", "k_given_father"),
    ("k_given_father", "k_given_fam_cons"),
)
TRACING_MAX_SMALLER = 50_000  # records on the smaller side of a tracing-shaped link
TRACING_RATIO = 4  # … and the larger side at least this many times larger


def tracing_shape(sizes: list[int]) -> bool:
    """A link of a few reports against many records: the tracing keys are added."""
    if len(sizes) != 2:
        return False
    small, large = sorted(sizes)
    return 0 < small <= TRACING_MAX_SMALLER and large >= TRACING_RATIO * small


def _tracing_rule_sql(left: str, right: str) -> str:
    join = f"l.{left} = r.{right}"
    return f"{join} AND {YEAR_CONDITION}" if left in TRACING_YEAR_TOLERANT else join


TRACING_RULES: tuple[str, ...] = tuple(_tracing_rule_sql(a, b) for a, b in _TRACING_RULE_KEYS)

# Pairs used to estimate the prior probability that two records match (nearly certain matches).
DETERMINISTIC_RULES: tuple[str, ...] = (
    "l.name_skel = r.name_skel AND l.dob = r.dob",
    "l.doc = r.doc AND l.dob = r.dob",
)
# EM sessions (m only; u comes from random sampling). Each blocks on one column and estimates the
# m of every comparison that does not use it. Order matters: a session runs when its blocked set
# has at least ``EngineConfig.em_min_pairs`` pairs. The document number first: pairs sharing one
# are nearly all matches, so the m of name and date levels is read off real co-referent records
# and not off look-alikes. The exact date second (estimates names, patronymic, place, document).
# The name skeleton + year is the fallback for data without document numbers; it is the weakest
# (namesakes share names), so it runs only when the document session did not.
EM_COLUMNS: tuple[str, ...] = ("doc", "dob")
# In link mode also a session on the order-free name key: the only one that estimates the m of
# the birth-date levels (the document session does not run when documents are rare, and the
# others block on the date). Not in deduplication, where a name block is mostly namesakes.
EM_LINK_COLUMNS: tuple[str, ...] = ("name_key",)
EM_FALLBACK_COLUMNS: tuple[str, ...] = ("name_skel", "dob_y")
EM_FALLBACK = " AND ".join(f"l.{c} = r.{c}" for c in EM_FALLBACK_COLUMNS)


# Twins and siblings (issue 18, item 4): the same family name and birth date (and often the
# father's name and birthplace) with a different given name. Fellegi–Sunter adds these
# agreements up as if they were independent, but in a family they come together: a twin scored
# +20 bits against his brother. A pair whose names agree only in the family name while the
# birth dates agree (or nearly) is held at TWIN_CAP bits at most (probability ≤ 0.11): it is
# shown and ranked, never merged, and clustering never joins the two (``engine.cluster_pairs``).
TWIN_NAME_LEVELS: tuple[str, ...] = ("family name agrees, given name does not",)
TWIN_DATE_LEVELS: tuple[str, ...] = (
    "exact",
    "one digit or two adjacent digits",
    "day and month swapped",
    "same year and month, a day missing",
)
TWIN_CAP = -3.0


def _level(sql: str, label: str, *, tf_column: str | None = None) -> dict[str, Any]:
    level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if tf_column:
        level |= {"tf_adjustment_column": tf_column, "tf_adjustment_weight": 1.0}
    return level


def _null(sql: str) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": "null", "is_null_level": True}


def _variants_agree() -> str:
    """Each name agrees with the other record's name (in either order) by stem or consonant key.

    The two cheapest members of a name's spelling-variant set stand for the whole set: every
    passport and national rendering of one name has the same consonant key (the renderings
    differ in vowels and digraphs, which the skeleton folds) or the same surname stem. Plain
    equalities cost a fraction of a list intersection per pair (bench/matching/README.md).
    """

    def part(a: str, b: str) -> str:
        return f"({a}_cons_l = {b}_cons_r OR {a}_stem_l = {b}_stem_r)"

    return (
        f"({part('given', 'given')} AND {part('fam', 'fam')})"
        f" OR ({part('given', 'fam')} AND {part('fam', 'given')})"
    )


def _jw(left: str, right: str, threshold: float, dialect: str) -> str:
    fn = "jaro_winkler_similarity" if dialect == "duckdb" else "jaro_winkler"  # Splink's Spark UDF
    return f"{fn}({left}, {right}) >= {threshold}"


def full_name_comparison(dialect: str = "duckdb") -> cl.CustomComparison:
    """One comparison for the whole name (no second bag-of-words comparison: double counting).

    Fuzzy levels look at the given and the family name **separately**: Jaro–Winkler over the
    joined string is dominated by the first letters, so "Fatma Sarı" and "Fatma Şahin" (same
    given name, different surnames) scored like a spelling variant. Agreement on one name only
    is its own, weak level.
    """

    def both(t: float) -> str:
        given, family = (
            _jw("given_skel_l", "given_skel_r", t, dialect),
            _jw("fam_stem_l", "fam_stem_r", t, dialect),
        )
        return f"{given} AND {family}"

    # One name agrees: the given name (a married woman's new surname, -ov ↔ uulu, a single
    # Afghan name across scripts: Mahmood ~ محمود, a name in the other field) is its own level,
    # apart from the family name alone — that is what siblings share, and twins with the date
    # too, so EM gives it the weight it has among look-alike families, not among name changes.
    given_only = (
        "given_skel_l = given_skel_r OR given_cons_l = given_cons_r"
        " OR given_stem_l = fam_stem_r OR fam_stem_l = given_stem_r"
    )
    family_only = "fam_stem_l = fam_stem_r"
    return cl.CustomComparison(
        output_column_name="full_name",
        comparison_levels=[
            _null("name_pivot_l IS NULL OR name_pivot_r IS NULL"),
            _level("name_orig_l = name_orig_r", "exact original", tf_column="name_key"),
            _level("name_pivot_l = name_pivot_r", "exact pivot", tf_column="name_key"),
            _level("name_skel_l = name_skel_r", "exact skeleton", tf_column="name_key"),
            # name_key: given and family stems sorted, so this also catches swapped fields and
            # surname-suffix changes (-uulu ↔ -ov, -ov → -zoda); its u anchors the TF levels
            _level("name_key_l = name_key_r", "same stems in any order", tf_column="name_key"),
            _level(both(0.92), "both names JW ≥ 0.92", tf_column="name_key"),
            _level(_variants_agree(), "spelling variants agree", tf_column="name_key"),
            _level(both(0.80), "both names JW ≥ 0.80"),
            _level(given_only, "given name agrees, family name does not"),
            _level(family_only, "family name agrees, given name does not"),
            cll.ElseLevel(),
        ],
    )


def _one_digit(dialect: str) -> str:
    """Full dates (always ``YYYY-MM-DD``) one digit or one adjacent transposition apart.

    On strings of equal length a Damerau–Levenshtein distance of 1 is one substitution (Hamming
    distance 1) or one adjacent transposition (Hamming distance 2), so on DuckDB the costly
    distance is computed only for pairs two positions apart (it was a third of the cost of
    comparing random pairs). Spark has no Hamming function; it keeps Splink's distance UDF.
    """
    if dialect == "duckdb":
        return (
            "hamming(dob_l, dob_r) <= 1"
            " OR (hamming(dob_l, dob_r) = 2 AND damerau_levenshtein(dob_l, dob_r) <= 1)"
        )
    return "damerau_levenshtein(dob_l, dob_r) <= 1"


def birth_date_comparison(dialect: str = "duckdb") -> cl.CustomComparison:
    same_year = "dob_y_l = dob_y_r"
    # an estimated age range (dates.py) has no year, only dob_lo–dob_hi; a dated record has both
    overlap = "dob_lo_l <= dob_hi_r AND dob_lo_r <= dob_hi_l"
    return cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            _null("dob_lo_l IS NULL OR dob_lo_r IS NULL"),
            # term frequencies: default dates (01-01) are shared by many unrelated people
            _level("dob_l = dob_r", "exact", tf_column="dob"),
            # dob is NULL unless the date is complete, so this level only sees full dates
            _level(_one_digit(dialect), "one digit or two adjacent digits"),
            _level(f"{same_year} AND dob_m_l = dob_d_r AND dob_d_l = dob_m_r", "day and month swapped"),
            _level(
                f"{same_year} AND dob_m_l = dob_m_r AND (dob_d_l IS NULL OR dob_d_r IS NULL)",
                "same year and month, a day missing",
            ),
            _level(same_year, "same year (partial date, default 01-01 or other)"),
            _level(
                f"(dob_y_l IS NULL OR dob_y_r IS NULL) AND {overlap}",
                "birth year inside the estimated age range",
            ),
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


def patronymic_comparison() -> cl.CustomComparison:
    """Father's name; term-frequency adjusted (a common father's name is weaker evidence)."""
    return cl.CustomComparison(
        output_column_name="patronymic",
        comparison_levels=[
            _null("pat_stem_l IS NULL OR pat_stem_r IS NULL"),
            _level("pat_stem_l = pat_stem_r", "exact stem", tf_column="pat_stem"),
            cll.JaroWinklerLevel("pat_pivot", 0.88),
            # Perso-Arabic script ↔ Latin/Cyrillic: محمد ~ Mohammad only by consonants
            _level("pat_cons_l = pat_cons_r", "same consonant key"),
            cll.ElseLevel(),
        ],
    )


def origin_comparison(dialect: str = "duckdb") -> cl.CustomComparison:
    """Birthplace and citizenship as **one** comparison.

    Both say "same country" and people with the same name mostly share a country, so two separate
    comparisons counted the same evidence twice (with look-alikes it added ~10 bits). The
    birthplace, when both records have one, decides; citizenship is used only when one is missing.
    Term frequencies: the capital is shared by many people, a village by few.
    """
    both_places = "bp_skel_l IS NOT NULL AND bp_skel_r IS NOT NULL"
    return cl.CustomComparison(
        output_column_name="origin",
        comparison_levels=[
            _null(f"NOT ({both_places}) AND (cit_l IS NULL OR cit_r IS NULL)"),
            _level("bp_skel_l = bp_skel_r", "same birthplace", tf_column="bp_skel"),
            _level(
                f"{both_places} AND {_jw('bp_pivot_l', 'bp_pivot_r', 0.85, dialect)}", "birthplace JW ≥ 0.85"
            ),
            # Perso-Arabic script writes no short vowels: مزار شریف ~ Mazar-i-Sharif
            _level(f"{both_places} AND bp_cons_l = bp_cons_r", "birthplace by consonants"),
            _level(both_places, "different birthplaces"),
            _level("cit_l = cit_r", "same citizenship, a birthplace missing"),
            cll.ElseLevel(),
        ],
    )


def comparisons(dialect: str = "duckdb") -> list[ComparisonSpec]:
    return [
        full_name_comparison(dialect),
        patronymic_comparison(),
        birth_date_comparison(dialect),
        _simple("sex_n", "sex"),
        origin_comparison(dialect),
        _simple("doc", "document_number"),
    ]


def blocking_rules() -> list[RuleSpec]:
    return [CustomRule(rule) for rule in BLOCKING_RULES]


def settings(
    *, link_type: LinkType, probability_two_random_records_match: float = 1e-5, dialect: str = "duckdb"
) -> SettingsCreator:
    """Splink settings; ``dialect`` is "duckdb" or "spark" (function names and the date level differ)."""
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="record_id",
        comparisons=comparisons(dialect),
        blocking_rules_to_generate_predictions=blocking_rules(),
        probability_two_random_records_match=probability_two_random_records_match,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=20,
    )
