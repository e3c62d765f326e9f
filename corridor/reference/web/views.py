"""Public pages of reference data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from corridor.reference import selectors
from corridor.reference.models import Country


def _by_local_name(countries: list[Country]) -> list[Country]:
    # The database orders by English name; a reader expects the order of their own language.
    return sorted(countries, key=lambda country: country.name.casefold())


@require_GET
def country_list(request: HttpRequest) -> HttpResponse:
    participants = list(selectors.participant_states())
    context = {
        "members": [c for c in participants if c.ap_status == "member"],
        "observers": [c for c in participants if c.ap_status == "observer"],
        "countries": _by_local_name(list(selectors.country_list())),
    }
    return render(request, "reference/country_list.html", context)
