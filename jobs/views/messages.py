"""Message threads between a company and a candidate: the list, a thread (send with or without
JavaScript; htmx swaps the thread in place), attachments, abuse reports, and the reported
threads center staff may read.

Who may call is decided first (``role_required``); the thread comes through
``selectors.messages``, which answers 404 to anyone outside it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError
from core.permissions import role_required, staff_required

from .. import selectors, services
from ..forms import MessageForm, ThreadReportForm
from ..models import Message
from ..selectors import messages as threads
from ._common import form_errors

party_required = role_required("trainee", "employer")


@party_required
def thread_list(request):
    return render(
        request,
        "jobs/messages/list.html",
        {"threads": threads.thread_list_for_party(request.user)},
    )


def _thread_context(request, thread, *, form=None, report_form=None) -> dict:
    return {
        "thread": thread,
        "side": thread.side,
        "messages_list": threads.messages_of(thread),
        "other_read_at": threads.read_by_other_side_at(thread, thread.side),
        "form": form or MessageForm(),
        "report_form": report_form or ThreadReportForm(),
        "reported_by_me": thread.reports.filter(reporter=request.user).exists(),
    }


def _render_thread(request, thread, *, status: int = 200, **forms):
    context = _thread_context(request, thread, **forms)
    template = (
        "jobs/messages/_thread.html"
        if request.headers.get("HX-Request")
        else "jobs/messages/thread.html"
    )
    return render(request, template, context, status=status)


@party_required
@never_cache
def thread_detail(request, pk: int):
    """GET: the thread (marks it read). POST: send a message (text, a document, or both)."""
    thread = threads.get_thread_for_party(request.user, pk)
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        error = None
        if form.is_valid():
            try:
                services.message_send(
                    thread=thread,
                    by=request.user,
                    side=thread.side,
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"],
                )
            except ValidationError as exc:
                form_errors(form, exc)
                error = exc
            else:
                if request.headers.get("HX-Request"):
                    return _render_thread(request, thread)
                return redirect(f"{request.path}#latest")
        return _render_thread(
            request, thread, status=409 if isinstance(error, ConflictError) else 400, form=form
        )
    services.thread_mark_read(thread=thread, user=request.user, side=thread.side)
    return _render_thread(request, thread)


@party_required
@require_POST
def thread_report(request, pk: int):
    thread = threads.get_thread_for_party(request.user, pk)
    form = ThreadReportForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.thread_report(
                thread=thread, by=request.user, side=thread.side, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form_errors(form, exc)
            error = exc
        else:
            messages.success(
                request, _("Thank you. Staff of the center will read this conversation.")
            )
            return redirect("jobs:thread", thread.pk)
    context = _thread_context(request, thread, report_form=form)
    context["report_open"] = True
    status = 409 if isinstance(error, ConflictError) else 400
    return render(request, "jobs/messages/thread.html", context, status=status)


def _attachment_response(message: Message) -> FileResponse:
    if not message.attachment:
        raise Http404
    response = FileResponse(
        message.attachment.open("rb"),
        as_attachment=True,
        filename=message.attachment_name or "attachment",
        content_type=message.attachment_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@role_required("trainee", "employer", "staff")
@never_cache
def message_attachment(request, pk: int, message_id: int):
    """An attachment, for the thread's people, or center staff once the thread is reported."""
    try:
        message = threads.get_message_for_party(request.user, pk, message_id)
    except Http404:
        message = threads.get_message_for_staff(request.user, pk, message_id)
    return _attachment_response(message)


@party_required
def application_thread(request, pk: int):
    """The thread of an application (its candidate or the company), opened on first use."""
    application = selectors.get_application_for_party(request.user, pk)
    thread = services.thread_for_application(application=application)
    return redirect("jobs:thread", thread.pk)


@party_required
def contact_request_thread(request, pk: int):
    """The thread of an accepted contact request (its trainee or the company), opened on first use."""
    contact_request = threads.get_accepted_contact_request_for_party(request.user, pk)
    thread = services.thread_for_contact_request(contact_request=contact_request)
    return redirect("jobs:thread", thread.pk)


@staff_required
def staff_threads(request):
    reported = list(threads.reported_threads_for_staff(request.user))
    return render(request, "jobs/messages/staff_list.html", {"threads": reported})


@staff_required
@never_cache
def staff_thread(request, pk: int):
    """A reported thread, read-only, for staff of its center; each opening is logged."""
    thread = threads.get_thread_for_staff(request.user, pk)
    services.thread_staff_open(thread=thread, by=request.user)
    return render(
        request,
        "jobs/messages/staff_thread.html",
        {
            "thread": thread,
            "messages_list": threads.messages_of(thread),
            "reports": thread.reports.select_related("reporter"),
        },
    )
