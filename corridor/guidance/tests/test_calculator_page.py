"""The calculator page: plain form, rows, errors at the field, no login."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def form_data(rows, **extra):
    data = {
        "citizenship": "KGZ",
        "destination": "TUR",
        "on": "2026-06-15",
        "permit_expires": "",
        "stays-TOTAL_FORMS": str(len(rows)),
        "stays-INITIAL_FORMS": "0",
        "stays-MIN_NUM_FORMS": "0",
        "stays-MAX_NUM_FORMS": "30",
    }
    for index, (entry, exit_) in enumerate(rows):
        data[f"stays-{index}-entry"] = entry
        data[f"stays-{index}-exit"] = exit_
    data.update(extra)
    return data


def test_page_offers_five_rows_and_prefills_the_corridor(client):
    response = client.get(reverse("guidance:stay-calculator") + "?citizenship=UZB&destination=RUS")
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 5
    assert response.context["form"]["citizenship"].value() == "UZB"
    assert 'name="stays-4-entry"' in response.content.decode()


def test_calculation_shows_result_and_explains_the_rule(client):
    rows = [("2026-01-10", "2026-03-01"), ("2026-05-01", ""), ("", ""), ("", ""), ("", "")]
    response = client.post(reverse("guidance:stay-calculator"), form_data(rows))
    assert response.status_code == 200
    page = response.content.decode()
    result = response.context["result"].assessment
    assert (result.days_used, result.overstay_days, str(result.last_lawful_day)) == (97, 7, "2026-06-08")
    assert 'data-testid="days-used">97<' in page
    assert "90 days in any 180 days" in page
    assert "Kyrgyz Ministry of Foreign Affairs" in page


def test_add_more_rows_keeps_what_was_typed(client):
    rows = [("2026-01-10", "2026-03-01")] + [("", "")] * 4
    response = client.post(reverse("guidance:stay-calculator"), form_data(rows, more="1"))
    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) == 10
    assert 'value="2026-01-10"' in response.content.decode()
    assert response.context["result"] is None


@pytest.mark.parametrize(
    ("rows", "extra", "where", "message"),
    [
        ([("2026-03-01", "2026-02-01")], {}, ("stays", 0, "exit"), "The exit date is before the entry date."),
        ([("2026-07-01", "")], {}, ("stays", 0, "entry"), "The entry date is after the date of the check."),
        ([("", "2026-02-01")], {}, ("stays", 0, "entry"), "Enter the entry date."),
        ([("2026-02-30", "")], {}, ("stays", 0, "entry"), "Enter a valid date."),
        (
            [("2026-03-01", "2026-03-10"), ("2026-03-10", "")],
            {},
            ("stays", 1, "entry"),
            "This stay overlaps the stay from 2026-03-01 to 2026-03-10.",
        ),
        ([], {"citizenship": ""}, ("form", None, "citizenship"), "This field is required."),
        ([], {"citizenship": "TJK"}, ("form", None, "destination"), "A visa is needed for this corridor"),
        ([], {"citizenship": "TUR"}, ("form", None, "destination"), "Choose a country other than your own."),
    ],
    ids=[
        "order",
        "future",
        "missing-entry",
        "impossible",
        "overlap",
        "missing-country",
        "visa",
        "same-country",
    ],
)
def test_bad_input_is_shown_at_the_field(client, rows, extra, where, message):
    response = client.post(reverse("guidance:stay-calculator"), form_data(rows, **extra))
    assert response.status_code == 400
    kind, index, field = where
    errors = (
        response.context["formset"].forms[index].errors
        if kind == "stays"
        else response.context["form"].errors
    )
    assert any(message in error for error in errors.get(field, [])), errors
    assert response.context["result"] is None


def test_not_in_the_country_is_explained(client):
    response = client.post(reverse("guidance:stay-calculator"), form_data([("2026-01-10", "2026-03-01")]))
    assert response.status_code == 200
    assert "not in the country on this date" in response.content.decode()
