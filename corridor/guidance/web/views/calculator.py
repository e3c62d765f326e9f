"""The stay and deadline calculator page: a plain form that works without JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from corridor.core.errors import ApplicationError
from corridor.guidance import selectors
from corridor.guidance.calculator import Stay
from corridor.guidance.stay_check import StayResult, describe_limits, stay_check
from corridor.guidance.web.forms import MAX_ROWS, StayCheckForm, StayFormSet

DEFAULT_ROWS = 5
PREFIX = "stays"


def _rows_wanted(request: HttpRequest) -> int:
    try:
        return max(1, min(MAX_ROWS, int(request.GET.get("rows", DEFAULT_ROWS))))
    except ValueError:
        return DEFAULT_ROWS


def _with_more_rows(request: HttpRequest) -> Any:
    """The same rows as typed, plus five empty ones ("add more rows" without JavaScript)."""
    total = int(request.POST.get(f"{PREFIX}-TOTAL_FORMS", 0) or 0)
    typed = [
        {
            "entry": request.POST.get(f"{PREFIX}-{i}-entry", ""),
            "exit": request.POST.get(f"{PREFIX}-{i}-exit", ""),
        }
        for i in range(min(total, MAX_ROWS))
    ]
    rows = typed + [{}] * DEFAULT_ROWS
    return StayFormSet(initial=rows[:MAX_ROWS], prefix=PREFIX)


def _collect(formset: Any) -> tuple[list[Stay], list[int]]:
    stays, positions = [], []
    for index, row in enumerate(formset.forms):
        entry = row.cleaned_data.get("entry")
        if entry:
            stays.append(Stay(entry, row.cleaned_data.get("exit")))
            positions.append(index)
    return stays, positions


def _place_errors(exc: ApplicationError, form: Any, formset: Any, positions: list[int]) -> None:
    """Put each message at its field: ``stays.<i>.<field>`` goes to row ``positions[i]``."""
    for key, messages in exc.fields.items():
        parts = key.split(".")
        for message in messages:
            if parts[0] == "stays" and len(parts) == 3:
                formset.forms[positions[int(parts[1])]].add_error(parts[2], message)
            elif key in form.fields:
                form.add_error(key, message)
            else:
                form.add_error(None, message)
    if not exc.fields:
        form.add_error(None, str(exc.message))


def _check(form: Any, formset: Any) -> StayResult | None:
    if not (form.is_valid() and formset.is_valid()):
        return None
    stays, positions = _collect(formset)
    try:
        return stay_check(
            citizenship=form.cleaned_data["citizenship"],
            destination=form.cleaned_data["destination"],
            stays=stays,
            on=form.cleaned_data["on"],
            permit_expires=form.cleaned_data["permit_expires"],
        )
    except ApplicationError as exc:
        _place_errors(exc, form, formset, positions)
        return None


@require_http_methods(["GET", "POST"])
def stay_calculator(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()  # noqa: DTZ011 - a calendar date in the visitor's sense
    result, status = None, 200
    if request.method == "POST" and "more" in request.POST:
        formset = _with_more_rows(request)
        keys = ("citizenship", "destination", "on", "permit_expires")
        form = StayCheckForm(initial={key: request.POST.get(key, "") for key in keys})
    elif request.method == "POST":
        form = StayCheckForm(request.POST)
        formset = StayFormSet(request.POST, prefix=PREFIX)
        result = _check(form, formset)
        status = 200 if result is not None else 400
    else:
        initial = {
            "on": today,
            **{k: request.GET[k] for k in ("citizenship", "destination") if k in request.GET},
        }
        form = StayCheckForm(initial=initial)
        formset = StayFormSet(initial=[{}] * _rows_wanted(request), prefix=PREFIX)
    context = {
        "form": form,
        "formset": formset,
        "result": result,
        "limits": describe_limits(result.rule) if result else [],
        "more_rows": min(MAX_ROWS, len(formset.forms) + DEFAULT_ROWS),
        "destinations": selectors.destination_states(),
    }
    return render(request, "guidance/stay_calculator.html", context, status=status)
