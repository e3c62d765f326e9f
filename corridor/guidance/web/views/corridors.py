"""Corridor pages: the picker, the rules of one corridor, their history and the officers' editor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.core.errors import ApplicationError, NotFound
from corridor.guidance import selectors, services
from corridor.guidance.models import CorridorRule
from corridor.guidance.stay_check import describe_limits
from corridor.guidance.web.forms import CorridorForm, RuleForm


def _split(corridor: str) -> tuple[str, str]:
    citizenship, _sep, destination = corridor.upper().partition("-")
    return citizenship, destination


def _rule_or_404(corridor: str) -> CorridorRule:
    citizenship, destination = _split(corridor)
    try:
        return selectors.rule_get(citizenship=citizenship, destination=destination)
    except NotFound as exc:
        raise Http404 from exc


def may_edit_rule(actor: Actor, rule: CorridorRule) -> bool:
    return policy.can(actor, perms.EDIT_CORRIDOR_RULES, state=rule.destination_id)


def corridor_index(request: HttpRequest) -> HttpResponse:
    rules = selectors.rule_list().order_by("destination_id", "citizenship_id")
    rows = [(rule, describe_limits(rule)) for rule in rules]
    return render(request, "guidance/corridor_index.html", {"rows": rows, "form": CorridorForm()})


def corridor_go(request: HttpRequest) -> HttpResponse:
    """The picker's target: a GET form, so it works without JavaScript and can be bookmarked."""
    form = CorridorForm(request.GET)
    if form.is_valid():
        code = f"{form.cleaned_data['citizenship']}-{form.cleaned_data['destination']}"
        return redirect("guidance:corridor", corridor=code)
    rules = selectors.rule_list().order_by("destination_id", "citizenship_id")
    rows = [(rule, describe_limits(rule)) for rule in rules]
    return render(request, "guidance/corridor_index.html", {"rows": rows, "form": form}, status=400)


def corridor_detail(request: HttpRequest, corridor: str) -> HttpResponse:
    rule = _rule_or_404(corridor)
    context: dict[str, Any] = {
        "rule": rule,
        "notes": selectors.rule_notes(rule=rule),
        "limits": describe_limits(rule),
        "guide": selectors.guide_for(citizenship=rule.citizenship_id, destination=rule.destination_id),
        "may_edit": may_edit_rule(request.actor, rule),  # type: ignore[attr-defined]
        "calculator_url": reverse("guidance:stay-calculator")
        + f"?citizenship={rule.citizenship_id}&destination={rule.destination_id}",
    }
    return render(request, "guidance/corridor_detail.html", context)


def rule_history(request: HttpRequest, corridor: str) -> HttpResponse:
    rule = _rule_or_404(corridor)
    versions = selectors.rule_history(citizenship=rule.citizenship_id, destination=rule.destination_id)
    rows = [(version, describe_limits(version)) for version in versions]
    return render(request, "guidance/rule_history.html", {"rule": rule, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, corridor: str) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    rule = _rule_or_404(corridor)
    if not may_edit_rule(actor, rule):
        raise Http404  # other states' officers learn nothing about the editor
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in services.EDITABLE_RULE_FIELDS}
        try:
            services.rule_update(actor=actor, rule=rule, changes=changes, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("A new version of the rule was saved."))
            return redirect("guidance:corridor", corridor=rule.corridor_code)
    context = {"rule": rule, "form": form}
    return render(request, "guidance/rule_form.html", context, status=400 if form.errors else 200)
