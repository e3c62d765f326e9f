from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corridor.grievances import refs


def test_new_references_have_the_shape_and_differ():
    made = {refs.new_reference() for _ in range(200)}
    assert len(made) == 200
    assert all(refs.normalise(r) == r for r in made)
    assert all(len(r) == 13 and r.startswith("GRV-") for r in made)


@given(st.text(alphabet=refs.ALPHABET, min_size=8, max_size=8), st.sampled_from(["", "GRV", "grv-", " GRV "]))
def test_what_people_type_normalises_to_the_reference(body, prefix):
    typed = f"{prefix}{body[:4].lower()} {body[4:]}"
    assert refs.normalise(typed) == f"GRV-{body[:4]}-{body[4:]}"


@given(st.text(max_size=30))
def test_normalise_returns_a_reference_or_nothing(text):
    result = refs.normalise(text)
    assert result == "" or refs.normalise(result) == result


def test_confusable_characters_are_not_references():
    assert refs.normalise("GRV-0000-1111") == ""
    assert refs.normalise("GRV-ABCD-EFG") == ""
