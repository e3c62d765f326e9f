"""Fixed model parameters for registries too small to train on.

EM needs hundreds of co-referent pairs; a consulate's registry has a handful of duplicates.
These m and u probabilities were estimated by ``engine.train`` on 2,000 synthetic records
(``bench.matching.generate``, seed 11) and rounded; levels the training could not observe
("year ± 1", "all other" dates) were set by hand so that disagreement counts against a pair.
Keys are the comparison's output column and the level's chart label.

Used in two places: whole, by platform jobs over registries too small to train on
(``jobs/scoring.py``), and level by level, by the engine when training cannot estimate a level
and no stored model of the pair of sources is given (:mod:`corridor.matching.fallback`).
"""

from __future__ import annotations

# Prior: in a registry of a few hundred people, one duplicate in ~1,000 pairs is generous.
PRIOR = 1e-3

# (m, u) per level; the null level of every comparison carries no weight and is not listed.
LEVELS: dict[str, dict[str, tuple[float, float]]] = {
    "full_name": {
        "exact original": (0.20, 0.00024),
        "exact pivot": (0.21, 0.00025),
        "exact skeleton": (0.19, 0.00020),
        "same stems in any order": (0.12, 0.00016),
        "both names JW ≥ 0.92": (0.14, 0.00017),
        "spelling variants agree": (0.089, 0.00013),
        "both names JW ≥ 0.80": (0.013, 0.00019),
        # engine 3.2 split "one name agrees" (0.032, 0.0059) in two, by hand: the given name alone
        # (name changes, marriage) and the family name alone (what siblings share)
        "given name agrees, family name does not": (0.022, 0.0035),
        "family name agrees, given name does not": (0.010, 0.0024),
        "All other comparisons": (0.0062, 0.99),
    },
    "patronymic": {
        "exact stem": (0.89, 0.0049),
        "Jaro-Winkler distance of pat_pivot >= 0.88": (0.042, 0.0024),
        "same consonant key": (0.046, 0.00020),
        "All other comparisons": (0.025, 0.99),
    },
    "birth_date": {
        "exact": (0.74, 0.00098),
        "one digit or two adjacent digits": (0.0066, 0.0020),
        "day and month swapped": (0.056, 0.000045),
        "same year and month, a day missing": (0.066, 0.00014),
        "same year (partial date, default 01-01 or other)": (0.13, 0.020),
        # set by hand (engine 3.2): about one record in twenty has an age range; an overlap
        # with a range 5–12 years wide happens to one unrelated pair in five of those
        "birth year inside the estimated age range": (0.04, 0.008),
        "year ± 1": (0.005, 0.043),
        "All other comparisons": (0.001, 0.93),
    },
    "sex": {
        "Exact match on sex_n": (0.995, 0.52),
        "All other comparisons": (0.0095, 0.48),
    },
    "origin": {
        "same birthplace": (0.58, 0.0042),
        "birthplace JW ≥ 0.85": (0.027, 0.00081),
        # estimated at 0.016 / 0.00037; "different" keeps its earlier m: on 2,000 records EM,
        # given the consonant level, drove it to 5·10⁻⁷ (−20 bits), too sure for real registries
        "birthplace by consonants": (0.016, 0.00037),
        "different birthplaces": (0.016, 0.64),
        "same citizenship, a birthplace missing": (0.37, 0.051),
        "All other comparisons": (0.001, 0.31),
    },
    "document_number": {
        "Exact match on doc": (0.99, 0.0013),
        "All other comparisons": (0.0085, 0.999),
    },
}
