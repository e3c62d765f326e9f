"""The product's URLs and two bare Django views reading the same rows as the measured endpoints.

"Bare": a plain function view, one ORM query, ``JsonResponse`` — no authentication, scoping,
decryption, audit, serializers or pagination. It still passes through the same middleware,
so the ratio isolates what the application adds on top of Django itself.
"""

from __future__ import annotations

import json
import os

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.urls import path

from config import urls as config_urls
from corridor.access.db import set_db_state
from corridor.people.models import PersonRecord
from corridor.recruitment.selectors import public_vacancies

# Written by run.py: the state and the uuids the measured officer's people list returns.
_ROWS = json.loads(open(os.environ["BENCH_READPATH_ROWS"], encoding="utf-8").read())


def bare_people(request: HttpRequest) -> JsonResponse:
    with transaction.atomic():
        set_db_state(_ROWS["state"])  # row-level security admits the same rows as for the officer
        rows = list(
            PersonRecord.objects.unscoped()
            .filter(uuid__in=_ROWS["people"])
            .values("uuid", "state_id", "family_name", "given_name", "birth_date", "sex", "citizenship_id")
        )
    return JsonResponse({"count": len(rows), "results": rows})


def bare_vacancies(request: HttpRequest) -> JsonResponse:
    fields = ("uuid", "title", "employer_name", "occupation__code", "destination_id", "city")
    fields += ("wage_amount", "wage_currency", "hours_per_week", "contract_months", "languages")
    fields += ("accommodation", "costs_paid_by", "valid_until", "published_at", "agency__name")
    rows = list(public_vacancies().values(*fields)[:25])
    return JsonResponse({"count": len(rows), "results": rows})


urlpatterns = [
    path("bench/bare/people/", bare_people),
    path("bench/bare/vacancies/", bare_vacancies),
    *config_urls.urlpatterns,  # i18n_patterns cannot be include()d
]
handler400 = config_urls.handler400
handler403 = config_urls.handler403
handler404 = config_urls.handler404
handler500 = config_urls.handler500
