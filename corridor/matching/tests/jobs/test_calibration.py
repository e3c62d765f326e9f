"""The automatic-linking threshold, calibrated on pairs two reviewers settled (pure)."""

from __future__ import annotations

from corridor.matching.jobs.calibration import calibrate

# 30 confirmed at 0.99, one excluded at 0.97, 5 confirmed at 0.96, 10 excluded at 0.3
LABELS = [(0.99, True)] * 30 + [(0.97, False)] + [(0.96, True)] * 5 + [(0.3, False)] * 10


def test_threshold_is_the_lowest_cut_whose_labelled_precision_reaches_the_target():
    # when the labels are calibrated for a precision of 0.99
    result = calibrate(LABELS, target=0.99, minimum=30, each=5)
    # then only the 0.99 block qualifies: at 0.97 one false link in 31 gives 0.968
    assert result.as_dict() == {
        "labelled": 46,
        "matches": 35,
        "target": 0.99,
        "threshold": 0.99,
        "precision": 1.0,
        "recall": 0.8571,
        "reason": "calibrated",
    }


def test_a_lower_target_lowers_the_threshold_and_raises_recall():
    result = calibrate(LABELS, target=0.95, minimum=30, each=5)
    assert (result.threshold, result.precision, result.recall) == (0.96, 0.9722, 1.0)


def test_too_few_labels_means_no_automatic_linking():
    result = calibrate(LABELS[:29] + [(0.2, False)] * 5, target=0.99, minimum=35, each=5)
    assert (result.threshold, result.reason, result.labelled) == (None, "too_few_labels", 34)


def test_labels_of_only_one_kind_mean_no_automatic_linking():
    # given 40 confirmed pairs and 4 excluded ones (fewer than five of that kind)
    result = calibrate([(0.9, True)] * 40 + [(0.1, False)] * 4, target=0.99, minimum=30, each=5)
    assert (result.threshold, result.reason) == (None, "too_few_labels")


def test_a_false_link_at_the_top_means_the_target_is_never_reached():
    # given the most probable labelled pair was excluded by the reviewers
    labels = [(0.999, False)] + [(0.98, True)] * 40 + [(0.1, False)] * 10
    result = calibrate(labels, target=0.99, minimum=30, each=5)
    assert (result.threshold, result.reason) == (None, "target_not_reached")


def test_the_threshold_never_falls_below_one_half():
    # given perfectly separated labels, all matches below 0.5
    labels = [(0.45, True)] * 30 + [(0.05, False)] * 10
    result = calibrate(labels, target=0.99, minimum=30, each=5)
    assert (result.threshold, result.reason) == (None, "target_not_reached")


def test_equal_probabilities_are_never_split_by_the_threshold():
    # given a confirmed and an excluded pair with the same probability under 30 clean ones
    labels = [(0.99, True)] * 30 + [(0.9, True), (0.9, False)] + [(0.1, False)] * 10
    result = calibrate(labels, target=0.95, minimum=30, each=5)
    # then the cut at 0.9 keeps both (31/32 = 0.969 ≥ 0.95) rather than half of the tie
    assert (result.threshold, result.precision) == (0.9, 0.9688)


def test_the_configured_target_is_read_from_settings(settings):
    settings.MATCHING_AUTO_LINK_PRECISION = 0.95
    settings.MATCHING_AUTO_LINK_MIN_LABELS = 30
    assert calibrate(LABELS).threshold == 0.96
