"""The ISCO-08 occupation picker field and widget."""

from __future__ import annotations

import pytest
from django import forms

from corridor.reference.forms import OccupationField

pytestmark = pytest.mark.django_db


class _Form(forms.Form):
    occupation = OccupationField(label="Occupation")
    broad = OccupationField(label="Group", required=False, min_level=1)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("5120", "5120"),
        (" 5120 Cooks", "5120"),
        ("7533 — Sewing", "7533"),
        ("Cooks", "5120"),
        ("Повара", "5120"),
        ("512", "512"),
    ],
)
def test_picker_keeps_the_code_of_what_was_typed(typed, code):
    # given what a person types or the picker fills in
    form = _Form({"occupation": typed})
    # when the form is checked
    # then the code is kept
    assert form.is_valid(), form.errors
    assert form.cleaned_data["occupation"] == code


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("5999", "not an ISCO-08 occupation"), ("sewist", "not an ISCO-08"), ("75", "whole group")],
)
def test_picker_refuses_what_isco_does_not_have(typed, reason):
    # given a code ISCO-08 lacks, a word that is no title, a sub-major group
    form = _Form({"occupation": typed})
    # when the form is checked
    # then it is refused with a reason at the field
    assert not form.is_valid()
    assert reason in form.errors["occupation"][0]


def test_a_search_field_may_take_a_whole_group():
    form = _Form({"occupation": "5120", "broad": "75"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["broad"] == "75"


def test_widget_works_without_javascript_and_loads_static_script_only():
    # given the form rendered
    html = str(_Form(initial={"occupation": "7533"})["occupation"])
    # then it is a text box bound to a datalist of the 436 unit groups, with the chosen title
    assert 'list="id_occupation_list"' in html
    assert html.count("<option ") == 436
    assert "data-occupation-choice>Sewing, embroidery and related workers</p>" in html
    # and the only script is the static file (no inline code for the Content-Security-Policy)
    assert '<script src="/static/reference/occupation-picker.js" defer></script>' in html
    assert "onclick" not in html and "<style" not in html
