"""Public start page and the signed-in dashboard, composed from the modules' selectors."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from corridor.access import permissions as perms
from corridor.access import selectors as access_selectors
from corridor.access.actor import Actor
from corridor.access.roles import ROLE_LABELS
from corridor.audit import selectors as audit_selectors
from corridor.guidance import selectors as guidance_selectors
from corridor.people import selectors as people_selectors
from corridor.reference.models import APStatus, Country


def home(request: HttpRequest) -> HttpResponse:
    participants = Country.objects.filter(ap_status__in=[APStatus.MEMBER, APStatus.OBSERVER]).order_by(
        "ap_status", "name_en"
    )
    context = {
        "participants": participants,
        # The corridor picker (guidance module): citizenship → destination.
        "citizenships": guidance_selectors.participant_states(),
        "destinations": guidance_selectors.destination_states(),
    }
    return render(request, "portal/home.html", context)


def _cards(actor: Actor) -> list[dict[str, Any]]:
    """One card per thing the actor's roles let them do; the set differs by role."""
    cards: list[dict[str, Any]] = []
    if actor.has(perms.VIEW_PERSON):
        cards.append({"key": "people", "count": people_selectors.person_list(actor=actor).count()})
    if actor.has(perms.VIEW_AGREEMENTS):
        agreements = access_selectors.agreement_list(actor=actor)
        cards.append(
            {"key": "agreements", "count": agreements.count(), "in_force": agreements.in_force().count()}
        )
    if actor.has(perms.REVIEW_BREAK_GLASS):
        cards.append(
            {
                "key": "break_glass_review",
                "count": access_selectors.break_glass_list(actor=actor).awaiting_review().count(),
            }
        )
    elif actor.has(perms.REQUEST_BREAK_GLASS):
        cards.append(
            {"key": "break_glass", "count": access_selectors.break_glass_list(actor=actor).active().count()}
        )
    if actor.has(perms.VIEW_AUDIT):
        cards.append({"key": "audit", "count": audit_selectors.state_events(actor=actor).count()})
    if actor.has(perms.SUBMIT_STATISTICS) or actor.has(perms.ACCEPT_STATISTICS_REGIONAL):
        cards.append({"key": "statistics"})
    if actor.has(perms.EDIT_CORRIDOR_RULES) or actor.has(perms.MANAGE_RECRUITMENT):
        cards.append({"key": "labour"})
    if actor.has(perms.MANAGE_USERS):
        cards.append({"key": "users"})
    return cards


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    context = {
        "cards": _cards(actor),
        "role_labels": [ROLE_LABELS.get(role, role) for role in sorted(actor.roles)],
        "now": timezone.now(),
    }
    return render(request, "portal/dashboard.html", context)
