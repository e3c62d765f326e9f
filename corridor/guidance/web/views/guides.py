"""Pre-departure guides: the public, printable, offline-readable page and the officials' editor."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.core.errors import ApplicationError
from corridor.guidance import selectors, services
from corridor.guidance.models import GUIDE_SECTIONS, CorridorRule, GuideVersion
from corridor.guidance.web.forms import GuideForm
from corridor.guidance.web.views.corridors import _rule_or_404

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _may_edit(actor: Actor, rule: CorridorRule) -> bool:
    return actor.has(perms.EDIT_GUIDES) and actor.state in {rule.citizenship_id, rule.destination_id}


def guide_detail(request: HttpRequest, corridor: str) -> HttpResponse:
    rule = _rule_or_404(corridor)
    view = selectors.guide_for(citizenship=rule.citizenship_id, destination=rule.destination_id)
    if view is None:
        raise Http404
    context = {
        "rule": rule,
        "view": view,
        "other_languages": [
            (guide, translate_url(request.path, guide.language))
            for guide in selectors.guide_languages(
                citizenship=rule.citizenship_id, destination=rule.destination_id
            )
            if guide.language != view.guide.language
        ],
        "may_edit": _may_edit(request.actor, rule),  # type: ignore[attr-defined]
    }
    return render(request, "guidance/guide_detail.html", context)


def _editor_context(request: HttpRequest, corridor: str) -> tuple[Actor, CorridorRule, str]:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    rule = _rule_or_404(corridor)
    if not _may_edit(actor, rule):
        raise Http404
    language = request.GET.get("language") or request.LANGUAGE_CODE
    if language not in LANGUAGE_CODES:
        raise Http404
    return actor, rule, language


@login_required
@require_http_methods(["GET", "POST"])
def guide_edit(request: HttpRequest, corridor: str) -> HttpResponse:
    actor, rule, language = _editor_context(request, corridor)
    guide = selectors.guide_get(
        citizenship=rule.citizenship_id, destination=rule.destination_id, language=language
    )
    latest = guide.versions.order_by("-number").first() if guide else None
    initial = {key: getattr(latest, key) for key, _label in GUIDE_SECTIONS} if latest else {}
    if latest is not None and guide is not None:
        initial.update(
            title=latest.title, sources=latest.sources, translation_status=guide.translation_status
        )
    form = GuideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.guide_save(
                actor=actor,
                citizenship=rule.citizenship_id,
                destination=rule.destination_id,
                language=language,
                title=data["title"],
                sections={key: data[key] for key, _label in GUIDE_SECTIONS},
                sources=data["sources"],
                translation_status=data["translation_status"],
                publish=data["publish"],
            )
        except ApplicationError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("A new version of the guide was saved."))
            url = reverse("guidance:guide-versions", kwargs={"corridor": rule.corridor_code})
            return redirect(f"{url}?language={language}")
    context = {"rule": rule, "form": form, "language": language, "language_choices": settings.LANGUAGES}
    return render(request, "guidance/guide_form.html", context, status=400 if form.errors else 200)


@login_required
def guide_versions(request: HttpRequest, corridor: str) -> HttpResponse:
    _actor, rule, language = _editor_context(request, corridor)
    guide = selectors.guide_get(
        citizenship=rule.citizenship_id, destination=rule.destination_id, language=language
    )
    versions = selectors.guide_version_list(guide=guide) if guide else []
    context = {"rule": rule, "guide": guide, "versions": versions, "language": language}
    return render(request, "guidance/guide_versions.html", context)


@login_required
@require_POST
def guide_version_publish(request: HttpRequest, corridor: str, uuid: str) -> HttpResponse:
    actor, rule, _language = _editor_context(request, corridor)
    version = get_object_or_404(
        GuideVersion,
        uuid=uuid,
        guide__citizenship_id=rule.citizenship_id,
        guide__destination_id=rule.destination_id,
    )
    services.guide_publish(actor=actor, version=version)
    messages.success(request, _("The version was published."))
    url = reverse("guidance:guide-versions", kwargs={"corridor": rule.corridor_code})
    return redirect(f"{url}?language={version.guide.language}")
