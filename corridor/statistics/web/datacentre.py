"""The data centre: upload, validation report, approval steps (signed-in staff only)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.core.errors import ApplicationError
from corridor.statistics import excel, selectors, services
from corridor.statistics.models import Dataflow, Submission, SubmissionStatus
from corridor.statistics.validation.messages import render as render_issue
from corridor.statistics.validation.messages import render_conversion

S = SubmissionStatus


class UploadForm(forms.Form):
    dataflow = forms.ModelChoiceField(
        label=gettext_lazy("Dataflow"), queryset=Dataflow.objects.order_by("flow_id"), to_field_name="flow_id"
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("SDMX-CSV 2.0, SDMX-ML 2.1 (structure-specific) or the Excel template."),
    )


def _staff(request: HttpRequest) -> Actor:
    actor = request.actor  # type: ignore[attr-defined]
    if not (
        actor.has(perms.SUBMIT_STATISTICS)
        or actor.has(perms.ACCEPT_STATISTICS_REGIONAL)
        or actor.has(perms.VIEW_STATISTICS_UNPUBLISHED)
    ):
        raise Http404
    return actor


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    actor = _staff(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and actor.has(perms.SUBMIT_STATISTICS) and form.is_valid():  # type: ignore[attr-defined]
        upload = form.cleaned_data["file"]
        try:
            submission = services.submission_upload(
                actor=actor,
                dataflow=form.cleaned_data["dataflow"].flow_id,
                content=upload.read(),
                file_name=upload.name,
            )
        except ApplicationError as exc:
            form.add_error("file", str(exc.message))
        else:
            return redirect(submission.get_absolute_url())
    submissions = selectors.submission_list(actor=actor)[:200]  # type: ignore[arg-type]
    context = {
        "form": form,
        "submissions": submissions,
        "may_submit": actor.has(perms.SUBMIT_STATISTICS),  # type: ignore[attr-defined]
        "flows": Dataflow.objects.order_by("flow_id"),
    }
    return render(request, "statistics/submission_list.html", context, status=400 if form.errors else 200)


def _flag_rows(submission: Submission, posted: dict[str, str] | None = None) -> list[dict[str, str]]:
    """The flagged cells with their current comment (or what was just typed) for the form."""
    cells = [cell for cell in submission.flagged_cells() if cell[1]]
    stored = selectors.cell_comments(submission=submission, cells=cells)
    return [
        {
            "name": f"flag-{i}",
            "period": p,
            "key": k,
            "comment": (posted or {}).get(f"flag-{i}", stored.get((p, k), "")),
        }
        for i, (p, k) in enumerate(cells)
    ]


def _detail(
    request: HttpRequest,
    actor: Actor,
    submission: Submission,
    *,
    posted: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    issues = [{**item, "message": render_issue(item)} for item in submission.report.get("issues", [])]
    context = {
        "submission": submission,
        "issues": issues,
        "conversions": [render_conversion(c) for c in submission.report.get("conversions", [])],
        "flags": _flag_rows(submission, posted),
        "actions": _actions(actor, submission),
        "events": submission.events.all(),
    }
    return render(request, "statistics/submission_detail.html", context, status=status)


@login_required
def submission_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _staff(request)
    submission = selectors.submission_get(actor=actor, uuid=uuid)  # type: ignore[arg-type]
    return _detail(request, actor, submission)


def _actions(actor: Actor, submission: Submission) -> list[tuple[str, str]]:
    status = submission.status  # type: ignore[attr-defined]
    own = actor.state == submission.state_id  # type: ignore[attr-defined]
    found = []
    if status == S.VALIDATED and own and actor.has(perms.APPROVE_STATISTICS_NATIONAL):  # type: ignore[attr-defined]
        found.append(("approve", _("Approve nationally")))
    if status == S.APPROVED_NATIONAL and actor.has(perms.ACCEPT_STATISTICS_REGIONAL):  # type: ignore[attr-defined]
        found.append(("accept", _("Accept regionally (locks the vintage)")))
    if status == S.ACCEPTED_REGIONAL and actor.has(perms.PUBLISH_STATISTICS):  # type: ignore[attr-defined]
        found.append(("publish", _("Publish after disclosure control")))
    national_back = (
        status in {S.SUBMITTED, S.VALIDATED} and own and actor.has(perms.APPROVE_STATISTICS_NATIONAL)
    )  # type: ignore[attr-defined]
    regional_back = status == S.APPROVED_NATIONAL and actor.has(perms.ACCEPT_STATISTICS_REGIONAL)  # type: ignore[attr-defined]
    if national_back or regional_back:
        found.append(("send-back", _("Send back to draft")))
    return found


@login_required
@require_POST
def submission_action(request: HttpRequest, uuid: str, action: str) -> HttpResponse:
    actor = _staff(request)
    submission = selectors.submission_get(actor=actor, uuid=uuid)  # type: ignore[arg-type]
    text = str(request.POST.get("text", ""))[:2000]
    rows = _flag_rows(submission)
    posted = {row["name"]: str(request.POST.get(row["name"], ""))[:1000] for row in rows}
    comments = {(row["period"], row["key"]): posted[row["name"]] for row in rows}
    steps = {
        "approve": lambda: services.submission_approve_national(
            actor=actor, submission=submission, comment=text, flag_comments=comments
        ),  # type: ignore[arg-type]
        "accept": lambda: services.submission_accept_regional(actor=actor, submission=submission),  # type: ignore[arg-type]
        "publish": lambda: services.submission_publish(actor=actor, submission=submission),  # type: ignore[arg-type]
        "send-back": lambda: services.submission_send_back(actor=actor, submission=submission, reason=text),  # type: ignore[arg-type]
    }
    if action not in steps:
        raise Http404
    try:
        steps[action]()
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        if action == "approve":  # keep what was typed next to each flagged cell
            return _detail(request, actor, submission, posted=posted, status=400)
    else:
        messages.success(request, _("Done."))
    return redirect(submission.get_absolute_url())


def template_download(request: HttpRequest, flow_id: str) -> HttpResponse:
    flow = Dataflow.objects.filter(flow_id=flow_id).first()
    if flow is None:
        raise Http404
    response = HttpResponse(
        excel.template_bytes(flow),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{flow.flow_id}-template.xlsx"'
    return response


def structures(request: HttpRequest) -> HttpResponse:
    from corridor.statistics.models import Codelist, DataStructure, StructureMap

    context = {
        "codelists": Codelist.objects.all(),
        "dsds": DataStructure.objects.prefetch_related("components__concept", "components__codelist"),
        "flows": Dataflow.objects.select_related("dsd"),
        "maps": StructureMap.objects.prefetch_related("mappings"),
    }
    return render(request, "statistics/structures.html", context)
