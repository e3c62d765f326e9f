from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.cases.refs import ALPHABET, Check, ReferenceScheme, check_character, is_checked

COMPLAINT = ReferenceScheme(prefix="GRV", groups=(4, 4))
APPLICATION = ReferenceScheme(prefix="A", with_state=True)
REGISTRATION = ReferenceScheme(with_state=True)


def test_alphabet_has_no_ambiguous_characters():
    assert len(ALPHABET) == 31 and not set("0O1IL") & set(ALPHABET)


def test_new_references_have_their_scheme_shape_and_a_valid_check_character():
    made = {COMPLAINT.new() for _ in range(300)}
    assert len(made) == 300
    for ref in made:
        prefix, a, b = ref.split("-")
        assert prefix == "GRV" and len(a) == len(b) == 4
        assert COMPLAINT.parse(ref).check is Check.VALID
    application = APPLICATION.new(state="KGZ")
    assert application.startswith("KGZ-A-") and len(application) == 14
    assert APPLICATION.parse(application).state == "KGZ"
    assert REGISTRATION.new(state="TUR")[:4] == "TUR-"
    with pytest.raises(ValueError):
        APPLICATION.new(state="kg")


@given(st.text(alphabet=ALPHABET, min_size=7, max_size=7), st.sampled_from(["", "grv", "GRV-", " GRV "]))
def test_typed_forms_normalise_to_the_canonical_reference(payload, prefix):
    ref = COMPLAINT._format(None, payload + check_character(payload))
    body = ref[4:].replace("-", "")
    typed = f"{prefix}{body[:3].lower()} {body[3:]}"
    assert COMPLAINT.normalise(typed) == ref


@given(st.text(alphabet=ALPHABET, min_size=7, max_size=7), st.integers(0, 7), st.sampled_from(ALPHABET))
def test_every_single_substitution_is_detected(payload, position, replacement):
    body = payload + check_character(payload)
    typo = body[:position] + replacement + body[position + 1 :]
    assert is_checked(typo) == (typo == body)


def test_every_transposition_of_two_characters_is_detected():
    payload = "7K3M9QX"
    body = payload + check_character(payload)
    for i, j in itertools.combinations(range(8), 2):
        swapped = list(body)
        swapped[i], swapped[j] = swapped[j], swapped[i]
        if swapped != list(body):
            assert not is_checked("".join(swapped)), (i, j)


def test_legacy_references_without_check_character_stay_parseable():
    # Issued before the kernel (registration and hiring drew from an alphabet with L).
    legacy = "KGZ-A-LLLLLLLL"
    parsed = APPLICATION.parse(legacy)
    assert (parsed.reference, parsed.check, parsed.state) == (legacy, Check.LEGACY, "KGZ")
    assert REGISTRATION.parse("kgz-abcdefgh").reference == "KGZ-ABCDEFGH"


@pytest.mark.parametrize(
    "text",
    ["", "GRV-0000-1111", "GRV-ABCD-EFG", "GRV-ABCD-EFGHJ", "KGZ-B-ABCDEFGH", "K1Z-A-ABCDEFGH", "ж" * 30],
)
def test_malformed_references_are_refused(text):
    scheme = APPLICATION if text.startswith(("K", "ж")) else COMPLAINT
    parsed = scheme.parse(text)
    assert parsed.check is Check.MALFORMED and parsed.reference == "" and parsed.state is None
