"""Matching pages: jobs, ranked candidates with explanations, two-person review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.access import permissions as perms
from corridor.access.actor import Actor
from corridor.core.errors import ApplicationError
from corridor.matching.jobs import selectors, services
from corridor.matching.jobs.labels import explained, training_notes
from corridor.matching.models import JobStatus
from corridor.matching.web.forms import ReviewForm


def _reviewer(request: HttpRequest) -> Actor:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.REVIEW_MATCHES) or actor.state is None:
        raise Http404
    return actor


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    actor = _reviewer(request)
    page = Paginator(selectors.job_list(actor=actor), 25).get_page(request.GET.get("page"))
    may_run = actor.has(perms.VIEW_REGISTRATION)
    return render(request, "matching/job_list.html", {"page": page, "may_run": may_run})


@login_required
@require_POST
def job_run(request: HttpRequest) -> HttpResponse:
    actor = _reviewer(request)
    try:
        job = services.job_submit(actor=actor)
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect("matching:job_list")
    if job.status == JobStatus.QUEUED or job.status == JobStatus.RUNNING:
        messages.success(request, _("The matching job has been queued and runs in the background."))
    elif job.status == JobStatus.DONE:
        messages.success(request, _("The matching job has run."))
    return redirect(job.get_absolute_url())


@login_required
def job_status(request: HttpRequest, uuid: str) -> HttpResponse:
    """The status fragment the job page polls (HTMX) while the job is queued or running."""
    actor = _reviewer(request)
    job = selectors.job_get(actor=actor, uuid=uuid)
    # Polling stops when the job is over; the fragment then links to the full results.
    finished = job.status in (JobStatus.DONE, JobStatus.FAILED)
    return render(request, "matching/_job_status.html", {"job": job, "finished": finished})


@login_required
def job_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _reviewer(request)
    job = selectors.job_get(actor=actor, uuid=uuid)
    if job.status != JobStatus.DONE:
        return render(request, "matching/job_detail.html", {"job": job, "rows": []})
    page = Paginator(selectors.candidates_of(actor=actor, job=job), 25).get_page(request.GET.get("page"))
    uuids = [str(u) for c in page for u in (c.left_uuid, c.right_uuid)]
    records = selectors.record_summaries(actor=actor, uuids=uuids)
    rows = [
        {
            "candidate": c,
            "left": records.get(str(c.left_uuid)),
            "right": records.get(str(c.right_uuid)),
            "reasons": explained(c.explanation),
        }
        for c in page
    ]
    selectors.audit_viewed(actor=actor, target=job, shown=records)
    context = {"job": job, "page": page, "rows": rows, "training_notes": training_notes(job.training_notes)}
    return render(request, "matching/job_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _reviewer(request)
    candidate = selectors.candidate_get(actor=actor, uuid=uuid)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_review(actor=actor, candidate=candidate, **form.cleaned_data)
        except ApplicationError as exc:
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Your decision was recorded."))
            return redirect(candidate.get_absolute_url())
    records = selectors.record_summaries(actor=actor, uuids=[candidate.left_uuid, candidate.right_uuid])
    decisions = list(selectors.decisions_of(actor=actor, candidate=candidate))
    selectors.audit_viewed(actor=actor, target=candidate, shown=records)
    context = {
        "candidate": candidate,
        "left": records.get(str(candidate.left_uuid)),
        "right": records.get(str(candidate.right_uuid)),
        "reasons": explained(candidate.explanation),
        "decisions": decisions,
        "mine": next((d for d in decisions if d.current and d.reviewer_id == actor.user.pk), None),  # type: ignore[union-attr]
        "form": form,
    }
    return render(request, "matching/candidate_detail.html", context, status=400 if form.errors else 200)
