"""The two-person rule as a pure function, and the scorer's edge cases."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corridor.matching.jobs.results import settle
from corridor.matching.jobs.scoring import fixed_settings, score_records
from corridor.matching.models import Outcome

decisions = st.lists(st.sampled_from(["confirm", "exclude"]), max_size=5)


@given(decisions)
def test_a_pair_is_settled_only_by_two_or_more_agreeing_reviewers(made):
    # when the current decisions of distinct reviewers are settled
    outcome = settle(made)
    # then: nobody → open, one → awaiting, any difference → disagreement, else the shared decision
    if not made:
        assert outcome == Outcome.OPEN
    elif len(set(made)) > 1:
        assert outcome == Outcome.DISAGREEMENT
    elif len(made) == 1:
        assert outcome == Outcome.AWAITING_SECOND
    else:
        assert outcome == (Outcome.CONFIRMED if made[0] == "confirm" else Outcome.EXCLUDED)


def test_fixed_settings_set_every_non_null_level_and_no_term_frequencies():
    settings = fixed_settings()
    levels = [level for c in settings["comparisons"] for level in c["comparison_levels"]]
    assert all(
        level.get("m_probability") and level.get("u_probability")
        for level in levels
        if not level.get("is_null_level")
    )
    assert not any("tf_adjustment_column" in level for level in levels)


def test_fewer_than_two_records_give_no_pairs():
    assert score_records([]).pairs == []
