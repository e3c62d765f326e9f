"""Public "find help" pages: no account, phone first, in the visitor's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from corridor.services import selectors
from corridor.services.models import Phone, Schedule, ServiceAtLocation
from corridor.services.web.forms import FindHelpForm

DAY_INDEX = {code: i for i, code in enumerate(("MO", "TU", "WE", "TH", "FR", "SA", "SU"))}


def hours_line(schedule: Schedule) -> str:
    """ "Mon, Tue, Wed 09:00–18:00" in the visitor's language (Django's own day names)."""
    days = [d for d in schedule.byday.split(",") if d in DAY_INDEX]
    opens, closes = schedule.opens_at, schedule.closes_at
    all_day = (
        opens is not None and closes is not None and (opens.hour, closes.hour, closes.minute) == (0, 23, 59)
    )
    if len(days) == 7 and all_day:
        return str(_("Open day and night, every day"))
    label = _("Every day") if len(days) == 7 else ", ".join(str(WEEKDAYS_ABBR[DAY_INDEX[d]]) for d in days)
    if opens and closes:
        times = _("day and night") if all_day else f"{opens:%H:%M}–{closes:%H:%M}"
        label = f"{label} {times}".strip()
    return label or schedule.description


@dataclass(frozen=True)
class Result:
    place: ServiceAtLocation
    phones: list[Phone]
    hours: list[str]
    languages: list[str]
    needs: list[str]
    cost: str


def result_of(place: ServiceAtLocation) -> Result:
    service = place.service
    phones = [*place.phones.all(), *service.phones.all(), *place.location.phones.all()]
    schedules = [*place.schedules.all(), *service.schedules.all()]
    costs = [c for c in service.cost_options.all() if c.amount is not None]
    cost = service.fees_description or ", ".join(f"{c.amount} {c.currency}".strip() for c in costs)
    return Result(
        place=place,
        phones=phones,
        hours=[hours_line(s) for s in schedules],
        languages=[lang.language.name for lang in service.languages.all()],
        needs=[need.label for need in service.needs.all()],
        cost=cost,
    )


def find_help(request: HttpRequest) -> HttpResponse:
    form = FindHelpForm(request.GET or None)
    search = selectors.HelpSearch()
    if form.is_bound and form.is_valid():
        search = selectors.HelpSearch(**{k: v or "" for k, v in form.cleaned_data.items()})
    page = Paginator(selectors.find_help(search), 20).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "results": [result_of(place) for place in page.object_list],
        "searched": form.is_bound,
        "query": _query_without_page(request),
    }
    return render(request, "services/find_help.html", context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def place_page(request: HttpRequest, uuid: str) -> HttpResponse:
    place = selectors.public_place_get(uuid=uuid)
    return render(request, "services/place.html", {"result": result_of(place)})
