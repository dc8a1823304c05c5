"""The counselor's workspace: the agenda, and one booking with notes, action items and the outcome.

Counselors and center staff only (``core.permissions.counselor_required``); a booking is
fetched through ``selectors.get_booking_for_counselor``, so another counselor's is 404.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import counselor_required

from .. import selectors, services
from ..availability import SEOUL
from ..forms import ActionItemForm, NoteForm, OutcomeForm, ReasonForm
from ..models import Booking
from .common import error_text, viewer_timezone


@counselor_required
@viewer_timezone
def agenda(request):
    """Day or week agenda, with pending requests on top."""
    view = "day" if request.GET.get("view") == "day" else "week"
    today = timezone.now().astimezone(SEOUL).date()
    try:
        day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = today
    if abs((day - today).days) > 3660:
        day = today
    if view == "week" and "date" not in request.GET and today.weekday() >= 5:
        day = today + timedelta(days=7 - today.weekday())  # at the weekend, the coming week
    start = day if view == "day" else day - timedelta(days=day.weekday())
    length = 1 if view == "day" else 7
    return render(
        request,
        "consulting/agenda.html",
        {
            "view": view,
            "days": selectors.agenda(request.user, start, length),
            "start": start,
            "today": today,
            "prev": start - timedelta(days=length),
            "next": start + timedelta(days=length),
            "pending": selectors.pending_requests(request.user),
        },
    )


def _workspace_page(request, booking: Booking, status: int = 200, **forms):
    context = {
        "booking": booking,
        "person_context": selectors.person_context(booking.person),
        "notes": booking.notes.select_related("author"),
        "action_items": booking.action_items.all(),
        "note_form": forms.get("note_form") or NoteForm(),
        "action_form": forms.get("action_form") or ActionItemForm(),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(
            initial={
                "outcome": booking.outcome,
                "note": booking.outcome_note,
                "summary": booking.summary,
            }
        ),
        "decline_form": ReasonForm(),
        "started": booking.start <= timezone.now(),
    }
    return render(request, "consulting/workspace_booking.html", context, status=status)


@counselor_required
@viewer_timezone
def workspace_booking(request, booking_id: int):
    booking = selectors.get_booking_for_counselor(request.user, booking_id)
    return _workspace_page(request, booking)


def _workspace_action(request, booking_id: int, action, success: str):
    booking = selectors.get_booking_for_counselor(request.user, booking_id)
    try:
        action(booking)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect("consulting:workspace_booking", booking_id=booking_id)


def _reason(request) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data.get("reason", "") if form.is_valid() else ""


@require_POST
@counselor_required
def workspace_confirm(request, booking_id: int):
    return _workspace_action(
        request,
        booking_id,
        lambda b: services.booking_confirm(booking=b, by=request.user),
        _("Confirmed. The person gets an email with a calendar file."),
    )


@require_POST
@counselor_required
def workspace_decline(request, booking_id: int):
    return _workspace_action(
        request,
        booking_id,
        lambda b: services.booking_decline(booking=b, by=request.user, reason=_reason(request)),
        _("Declined. The person has been told."),
    )


@require_POST
@counselor_required
def workspace_cancel(request, booking_id: int):
    return _workspace_action(
        request,
        booking_id,
        lambda b: services.booking_cancel(booking=b, by=request.user, reason=_reason(request)),
        _("Cancelled. The person has been told."),
    )


@require_POST
@counselor_required
def workspace_no_show(request, booking_id: int):
    return _workspace_action(
        request,
        booking_id,
        lambda b: services.booking_mark_no_show(booking=b, by=request.user),
        _("Marked as a no-show."),
    )


@require_POST
@counselor_required
@viewer_timezone
def workspace_note(request, booking_id: int):
    booking = selectors.get_booking_for_counselor(request.user, booking_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.note_add(booking=booking, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Note saved."))
        return redirect(reverse("consulting:workspace_booking", args=[booking.pk]) + "#notes")
    return _workspace_page(request, booking, status=400, note_form=form)


@require_POST
@counselor_required
@viewer_timezone
def workspace_action_item(request, booking_id: int):
    booking = selectors.get_booking_for_counselor(request.user, booking_id)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        services.action_item_add(booking=booking, **form.cleaned_data)
        messages.success(request, _("Action item added."))
        return redirect(reverse("consulting:workspace_booking", args=[booking.pk]) + "#actions")
    return _workspace_page(request, booking, status=400, action_form=form)


@require_POST
@counselor_required
def workspace_action_toggle(request, booking_id: int, item_id: int):
    item = selectors.get_action_item_for_counselor(request.user, booking_id, item_id)
    services.action_item_toggle(item=item)
    return redirect(reverse("consulting:workspace_booking", args=[booking_id]) + "#actions")


@require_POST
@counselor_required
@viewer_timezone
def workspace_outcome(request, booking_id: int):
    booking = selectors.get_booking_for_counselor(request.user, booking_id)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.booking_record_outcome(
                booking=booking,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Outcome recorded."))
            return redirect("consulting:workspace_booking", booking_id=booking.pk)
    return _workspace_page(request, booking, status=400, outcome_form=form)
