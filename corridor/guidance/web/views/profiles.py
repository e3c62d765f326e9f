"""Country practice profiles (side by side) and the consulate directory."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.access import permissions as perms
from corridor.access import policy
from corridor.access.actor import Actor
from corridor.guidance import selectors, services
from corridor.guidance.models import PROFILE_SECTIONS
from corridor.guidance.web.forms import CompareForm, ProfileForm
from corridor.reference.models import Country


def _state_or_404(iso3: str) -> Country:
    state = selectors.participant_states().filter(iso3=iso3.upper()).first()
    if state is None:
        raise Http404
    return state


def profile_list(request: HttpRequest) -> HttpResponse:
    states = list(selectors.participant_states())
    with_profile = {
        p.state_id for p in (selectors.profile_get(state=s.iso3) for s in states) if p and p.current
    }
    context = {"states": states, "with_profile": with_profile, "form": CompareForm()}
    return render(request, "guidance/profile_list.html", context)


def profile_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    state = _state_or_404(iso3)
    profile = selectors.profile_get(state=state.iso3)
    version = profile.current if profile else None
    context = {
        "state": state,
        "version": version,
        "sections": selectors.profile_sections(version, with_sources=False),
        "sources": selectors.render_markdown(version.sources if version else ""),
        "may_edit": policy.can(request.actor, perms.EDIT_COUNTRY_PROFILE, state=state.iso3),  # type: ignore[attr-defined]
        "versions": selectors.profile_versions(profile=profile) if profile else [],
    }
    return render(request, "guidance/profile_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, iso3: str) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    state = _state_or_404(iso3)
    if not policy.can(actor, perms.EDIT_COUNTRY_PROFILE, state=state.iso3):
        raise Http404
    profile = selectors.profile_get(state=state.iso3)
    current = profile.current if profile else None
    fields = [key for key, _label in PROFILE_SECTIONS] + ["sources", "last_verified"]
    initial = {key: getattr(current, key) for key in fields} if current else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.profile_save(
            actor=actor,
            state=state.iso3,
            sections=data,
            sources=data.pop("sources", ""),
            last_verified=data.pop("last_verified", None),
        )
        messages.success(request, _("A new version of the profile was saved."))
        return redirect("guidance:profile", iso3=state.iso3)
    return render(request, "guidance/profile_form.html", {"state": state, "form": form})


def profile_compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET or None)
    columns = []
    if form.is_valid():
        for iso3 in form.cleaned_data["states"]:
            state = _state_or_404(iso3)
            profile = selectors.profile_get(state=iso3)
            version = profile.current if profile else None
            columns.append((state, version, selectors.profile_sections(version)))
    labels = [label for _key, label, _html in selectors.profile_sections(None)]
    rows = [
        (label, [(state, sections[i][2]) for state, _version, sections in columns])
        for i, label in enumerate(labels)
    ]
    context = {
        "form": form,
        "columns": columns,
        "rows": rows if columns else [],
    }
    return render(request, "guidance/profile_compare.html", context, status=400 if form.errors else 200)


def consulates(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "").upper()[:3]
    context = {
        "consulates": selectors.consulate_list(state=state or None),
        "states": selectors.participant_states(),
        "chosen": state,
    }
    return render(request, "guidance/consulates.html", context)
