"""Matching reads records only through the sources their owner modules register."""

from __future__ import annotations

import pytest

from corridor.matching import registry


def test_registration_registers_its_records_as_a_match_source():
    # given the installed apps (registration's AppConfig.ready has run)
    source = registry.source("registration")
    # then the records come from the registration module's own selectors, behind its permission
    assert source.permission == "registration.view"
    assert source.records.__module__ == "corridor.registration.selectors"
    assert source.summaries.__module__ == "corridor.registration.selectors"


def test_an_unknown_source_is_refused_with_a_clear_error():
    with pytest.raises(LookupError, match="no match source 'missing'"):
        registry.source("missing")


def test_a_second_different_source_under_the_same_name_is_refused():
    original = registry.source("registration")
    impostor = registry.MatchSource(
        name="registration", permission="matching.review", records=lambda a: [], summaries=lambda a, u: {}
    )
    with pytest.raises(ValueError, match="already registered"):
        registry.register_source(impostor)
    assert registry.source("registration") is original
    registry.register_source(original)  # the same source again is harmless (ready() may run twice)
