"""The officer's inbox and outbox: lists, a message with its deadline and status, reply."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.access import permissions as perms
from corridor.core.errors import ApplicationError
from corridor.exchange import registry, selectors, services
from corridor.exchange.choices import Box, Refusal, Status
from corridor.exchange.web.forms import ComposeForm, FilterForm, PayloadForm


def _actor(request: HttpRequest):  # type: ignore[no-untyped-def]
    actor = request.actor  # type: ignore[attr-defined]
    if not actor.has(perms.VIEW_MESSAGES):
        raise Http404
    return actor


def _list(request: HttpRequest, box: str) -> HttpResponse:
    actor = _actor(request)
    form = FilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    select = selectors.inbox_list if box == Box.INBOX else selectors.outbox_list
    page = Paginator(select(actor=actor, status=status), 25).get_page(request.GET.get("page"))
    context = {"box": box, "form": form, "page": page, "may_send": actor.has(perms.SEND_MESSAGES)}
    return render(request, "exchange/message_list.html", context)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    return _list(request, Box.INBOX)


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    return _list(request, Box.OUTBOX)


def _reply_form(message, data=None):  # type: ignore[no-untyped-def]
    purpose = registry.get_purpose(message.purpose)
    if purpose is None or message.box != Box.INBOX or not message.is_open:
        return None
    return PayloadForm(data, fields=purpose.reply_fields)


def _detail(request: HttpRequest, message, reply_form=None, status: int = 200) -> HttpResponse:  # type: ignore[no-untyped-def]
    actor = _actor(request)
    may_send = actor.has(perms.SEND_MESSAGES)
    purpose = registry.get_purpose(message.purpose)
    refusal = Refusal(message.refusal_code).label if message.refusal_code in Refusal.values else ""
    context = {
        "message": message,
        "purpose_label": purpose.label if purpose else message.purpose,
        "thread": selectors.message_thread(actor=actor, message=message),
        "refusal": refusal,
        "reply_form": (reply_form or _reply_form(message)) if may_send else None,
        "may_acknowledge": may_send and message.box == Box.INBOX and message.status == Status.DELIVERED,
        "may_withdraw": may_send and message.box == Box.OUTBOX and message.is_open,
    }
    return render(request, "exchange/message_detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _actor(request)
    return _detail(request, selectors.message_get(actor=actor, uuid=uuid))


@login_required
@require_POST
def reply(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _actor(request)
    message = selectors.message_get(actor=actor, uuid=uuid)
    form = _reply_form(message, request.POST)
    if form is None or not actor.has(perms.SEND_MESSAGES):
        raise Http404
    if form.is_valid():
        try:
            services.message_reply(actor=actor, message=message, payload=form.payload())
        except ApplicationError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Your reply is signed and on its way."))
            return redirect(message.get_absolute_url())
    return _detail(request, message, reply_form=form, status=400)


@login_required
@require_POST
def acknowledge(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _actor(request)
    message = selectors.message_get(actor=actor, uuid=uuid)
    try:
        services.message_acknowledge(actor=actor, message=message)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The sender will see that you have taken the message up."))
    return redirect(message.get_absolute_url())


@login_required
@require_POST
def withdraw(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = _actor(request)
    message = selectors.message_get(actor=actor, uuid=uuid)
    try:
        services.message_withdraw(actor=actor, message=message, reason=request.POST.get("reason", "")[:300])
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The message is withdrawn; the recipient's copy will follow."))
    return redirect(message.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not actor.has(perms.SEND_MESSAGES):
        raise Http404
    choices = registry.purposes()
    code = request.POST.get("purpose") or request.GET.get("purpose") or ""
    purpose = registry.get_purpose(code)
    if purpose is None or purpose.internal:
        return render(request, "exchange/compose_purpose.html", {"purposes": choices})
    form = ComposeForm(request.POST or None, fields=purpose.fields)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.message_send(
                actor=actor,
                kind=form.cleaned_data["kind"],
                recipient_state=form.cleaned_data["recipient_state"].iso3,
                purpose=purpose.code,
                payload=form.payload(),
                subject_ref=form.cleaned_data["subject_ref"],
                recipient_org=form.cleaned_data["recipient_org"],
                deadline=form.cleaned_data["deadline"],
                consent_ref=form.cleaned_data["consent_ref"],
            )
        except ApplicationError as exc:
            form.add_error(None, str(exc.message))
            for field, errors in exc.fields.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("The message is signed and queued for delivery."))
            return redirect(message.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "exchange/compose.html", {"form": form, "purpose": purpose}, status=status)
