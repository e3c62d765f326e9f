"""Readmission pages: thin — selectors to read, services to write, the kernel's offers as buttons.

Another state's officer and any third state get 404 on every case page (the case is read
only through ``visible_to``, which holds the actor's own state's copies).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.access import permissions as perms
from corridor.cases.selectors import history_for
from corridor.core.errors import ApplicationError
from corridor.readmission import pdf, selectors, services
from corridor.readmission.models import ScreenItem, Side, Status
from corridor.readmission.web.forms import ActionForm, CaseForm, EvidenceForm, FilterForm, ScreenForm

ACTION_FIELDS = {
    "reject": ("refusal_reason",),
    "schedule_transfer": ("transfer_date", "crossing_point", "flight", "escorts"),
    "issue_travel_doc": ("kind", "valid_days"),
}


def _actor(request: HttpRequest, permission: str = perms.VIEW_READMISSION) -> Any:
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(permission):
        raise Http404
    return actor


def _case(request: HttpRequest, reference: str, *, audit: bool = True) -> tuple[Any, Any]:
    actor = _actor(request)
    try:
        return actor, selectors.case_get(actor=actor, reference=reference, audit=audit)
    except ApplicationError as exc:
        raise Http404 from exc


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = FilterForm(request.GET or None)
    q = status = ""
    if form.is_valid():
        q, status = form.cleaned_data["q"], form.cleaned_data["status"]
    page = Paginator(selectors.case_list(actor=actor, q=q, status=status), 25).get_page(
        request.GET.get("page")
    )
    selectors.case_list_audit(actor=actor, shown=page.object_list, query=q)
    context = {"form": form, "page": page, "may_handle": actor.has(perms.HANDLE_READMISSION)}
    return render(request, "readmission/case_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request, perms.HANDLE_READMISSION)
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(actor=actor, **form.cleaned_data)
        except ApplicationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(
                request, _("Draft request %(reference)s created.") % {"reference": case.reference}
            )
            return redirect(case.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "readmission/case_new.html", {"form": form}, status=status)


def _errors_to_form(form: Any, exc: ApplicationError) -> None:
    placed = False
    for name, problems in exc.fields.items():
        for problem in problems:
            if name in form.fields:
                form.add_error(name, str(problem))
                placed = True
    if not placed:
        form.add_error(None, str(exc.message))


def _action_forms(actor: Any, case: Any, bound: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    out = []
    for option in services.allowed_for(actor, case):
        form = (bound or {}).get(option.action) or ActionForm(initial={"action": option.action})
        names = ACTION_FIELDS.get(option.action, ())
        out.append(
            {
                "option": option,
                "form": form,
                "fields": [form[name] for name in names],
                "note": form["note"],
                "danger": option.action in ("reject", "withdraw", "report_wrongful"),
            }
        )
    return out


def _detail(request: HttpRequest, actor: Any, case: Any, *, status: int = 200, **extra: Any) -> HttpResponse:
    handle = actor.has(perms.HANDLE_READMISSION)
    names = selectors.evidence_names(case)
    evidence_form = extra.pop("evidence_form", None)
    if evidence_form is None and handle and case.side == Side.REQUESTING:
        choices = sorted(names.items(), key=lambda item: item[1])
        evidence_form = EvidenceForm(choices=[(code, name) for code, name in choices])
    screen_form = extra.pop("screen_form", None)
    if screen_form is None and handle and case.side == Side.REQUESTING and case.status == Status.DRAFT:
        screen_form = ScreenForm()
    candidates = []
    if (
        handle
        and case.side == Side.REQUESTED
        and case.status
        in (
            Status.SUBMITTED,
            Status.ACKNOWLEDGED,
            Status.UNDER_VERIFICATION,
        )
    ):
        candidates = selectors.verification_candidates(actor=actor, case=case)
    screen = services.screen_answers(case) if case.side == Side.REQUESTING else {}
    context = {
        "case": case,
        "deadlines": selectors.deadlines(case),
        "evidence": [
            (item, names.get(item.evidence_type, item.evidence_type)) for item in selectors.evidence_of(case)
        ],
        "evidence_form": evidence_form if case.status in services.EDITABLE else None,
        "screen_form": screen_form,
        "screen": [(label, screen.get(value)) for value, label in ScreenItem.choices] if screen else [],
        "actions": _action_forms(actor, case, extra.pop("bound", None)) if handle else [],
        "candidates": candidates,
        "travel_documents": selectors.travel_documents_of(case),
        "history": history_for(record=case),
        "may_consent": handle and case.side == Side.REQUESTED and case.status == Status.HANDED_OVER,
        **extra,
    }
    return render(request, "readmission/case_detail.html", context, status=status)


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    actor, case = _case(request, reference)
    return _detail(request, actor, case)


@login_required
@require_POST
def case_act(request: HttpRequest, reference: str) -> HttpResponse:
    actor, case = _case(request, reference, audit=False)
    form = ActionForm(request.POST)
    if not form.is_valid():
        action = str(request.POST.get("action", ""))[:40]
        return _detail(request, actor, case, status=400, bound={action: form})
    data = form.cleaned_data
    action = data["action"]
    fields = {name: data.get(name) for name in ACTION_FIELDS.get(action, ())}
    try:
        services.case_act(actor=actor, case=case, action=action, note=data.get("note") or "", fields=fields)
    except ApplicationError as exc:
        _errors_to_form(form, exc)
        return _detail(request, actor, case, status=exc.status_code, bound={action: form})
    messages.success(request, _("Done. The other state's copy follows by a signed message."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_screen(request: HttpRequest, reference: str) -> HttpResponse:
    actor, case = _case(request, reference, audit=False)
    form = ScreenForm(request.POST)
    if form.is_valid():
        try:
            services.screen_record(
                actor=actor, case=case, answers=form.answers(), note=form.cleaned_data["note"]
            )
        except ApplicationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The protection screen is recorded."))
            return redirect(case.get_absolute_url())
    return _detail(request, actor, case, status=400, screen_form=form)


@login_required
@require_POST
def case_evidence(request: HttpRequest, reference: str) -> HttpResponse:
    actor, case = _case(request, reference, audit=False)
    names = selectors.evidence_names(case)
    form = EvidenceForm(request.POST, request.FILES, choices=list(names.items()))
    if form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            services.evidence_add(
                actor=actor,
                case=case,
                evidence_type=form.cleaned_data["evidence_type"],
                description=form.cleaned_data["description"],
                filename=upload.name if upload else "",
                data=upload.read() if upload else None,
            )
        except ApplicationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Evidence added."))
            return redirect(case.get_absolute_url())
    return _detail(request, actor, case, status=400, evidence_form=form)


@login_required
@require_POST
def case_verify(request: HttpRequest, reference: str) -> HttpResponse:
    """The requested state's officer links one of their own records: their decision."""
    actor, case = _case(request, reference, audit=False)
    from corridor.people.selectors import person_get

    try:
        person = person_get(actor=actor, uuid=str(request.POST.get("person", "")))
        services.nationality_verify(actor=actor, case=case, person=person)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    except Http404:
        messages.error(request, _("Choose a person record of your own state."))
    else:
        messages.success(request, _("Nationality verified: the person is linked to your record."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_consent(request: HttpRequest, reference: str) -> HttpResponse:
    actor, case = _case(request, reference, audit=False)
    try:
        services.reintegration_consent(actor=actor, case=case)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The person's consent to reintegration services is recorded."))
    return redirect(case.get_absolute_url())


@login_required
def travel_document_pdf(request: HttpRequest, reference: str, number: str) -> HttpResponse:
    actor, case = _case(request, reference, audit=False)
    document = next((d for d in selectors.travel_documents_of(case) if d.number == number), None)
    if document is None:
        raise Http404
    url = request.build_absolute_uri(
        reverse("readmission:verify", kwargs={"state": document.state_id, "token": document.token})
    )
    selectors.travel_document_read_audit(actor=actor, document=document)
    response = HttpResponse(pdf.travel_document(document, verify_url=url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.number}.pdf"'
    return response


def verify(request: HttpRequest, state: str, token: str) -> HttpResponse:
    """Public: a border officer scans the QR code and sees valid or not valid."""
    check = selectors.travel_document_check(state=state, token=token)
    response = render(request, "readmission/verify.html", {"check": check})
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def agreements(request: HttpRequest) -> HttpResponse:
    """Public: every agreement's terms side by side with the Almaty Process standard terms."""
    rows = list(selectors.agreements_public())
    return render(
        request,
        "readmission/agreements.html",
        {"agreements": rows, "terms": selectors.terms_side_by_side(rows)},
    )


def monitoring(request: HttpRequest) -> HttpResponse:
    """Public aggregates (suppressed under 10); a signed-in officer also sees their state's own."""
    actor = getattr(request, "actor", None)
    own = None
    if actor is not None and actor.has(perms.VIEW_READMISSION) and actor.state:
        own = selectors.monitoring(state=actor.state)
    published = [selectors.published(row) for row in selectors.monitoring()]
    return render(request, "readmission/monitoring.html", {"published": published, "own": own})
