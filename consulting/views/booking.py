"""The person's pages: browse types, book, see, reschedule and cancel their consultations."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Center

from .. import selectors, services
from ..availability import available_slots
from ..forms import BookingForm, ReasonForm, RescheduleForm
from ..ics import booking_ics_response
from ..models import Booking
from .common import (
    error_status,
    error_text,
    slots_by_day,
    viewer_timezone,
    week_context,
    week_start,
)


@require_GET
@viewer_timezone
def index(request):
    """Consultation types by center, with a way in to one's own bookings or workspace."""
    centers = []
    types = list(selectors.types_for_center())
    shown = Center.objects.filter(is_active=True, consultation_types__is_active=True).distinct()
    if request.GET.get("center"):
        shown = shown.filter(slug=request.GET["center"])
    # In the order the centers joined: the first center (Jongno jewelry) leads.
    for center in shown.order_by("pk"):
        centers.append((center, [t for t in types if t.center_id == center.pk]))
    upcoming = (
        selectors.upcoming_for_person(request.user)[:3] if request.user.is_authenticated else []
    )
    return render(request, "consulting/index.html", {"centers": centers, "upcoming": upcoming})


@never_cache
@login_required
@viewer_timezone
def book(request, type_id: int):
    """Pick a counselor (or any available), then a slot, answer the intake questions, book."""
    type_ = selectors.get_type(type_id)
    counselors = list(selectors.counselors_for_type(type_))
    choice = request.GET.get("counselor") or request.POST.get("counselor") or "any"
    counselor = None
    if choice != "any":
        counselor = next((c for c in counselors if str(c.pk) == choice), None)
        if counselor is None:
            choice = "any"
    week = week_start(request)
    questions = list(type_.questions.all())
    status = 200
    if request.method == "POST":
        form = BookingForm(request.POST, questions=questions)
        if form.is_valid():
            try:
                booking, _created = services.booking_create(
                    person=request.user,
                    type_=type_,
                    counselor=counselor,
                    start=form.cleaned_data["start"],
                    answers=form.answers(),
                    idempotency_key="form:" + form.cleaned_data["token"],
                )
            except services.IdempotencyMismatch:
                form.add_error(None, _("This form was already sent. Please choose a time again."))
                form.data = form.data.copy()
                form.data["token"] = secrets.token_urlsafe(16)
                status = 400
            except ValidationError as error:
                form.add_error(None, error_text(error))
                status = error_status(error)
            else:
                if booking.status == Booking.Status.PENDING:
                    messages.success(
                        request,
                        _("Request sent. The counselor will confirm it; we will email you."),
                    )
                else:
                    messages.success(
                        request, _("Booked. A confirmation with a calendar file is on its way.")
                    )
                return redirect("consulting:booking_detail", booking_id=booking.pk)
        else:
            status = 400
    else:
        form = BookingForm(initial={"token": secrets.token_urlsafe(16)}, questions=questions)
    offering = [counselor] if counselor else counselors
    slots = selectors.week_slots(type_, offering, week)
    if not slots and "week" not in request.GET:
        # Nothing left in the next seven days: jump to the first week that has a slot.
        for _i in range(type_.horizon_days // 7 + 1):
            week += timedelta(days=7)
            slots = selectors.week_slots(type_, offering, week)
            if slots:
                break
    return render(
        request,
        "consulting/book.html",
        {
            "type": type_,
            "counselors": counselors,
            "choice": choice,
            "form": form,
            "days": slots_by_day(slots),
            "selected": request.POST.get("start", ""),
            **week_context(week),
        },
        status=status,
    )


@login_required
@viewer_timezone
def mine(request):
    """The person's consultations: upcoming first, then the past."""
    now = timezone.now()
    bookings = list(selectors.bookings_for_person(request.user))
    upcoming = sorted((b for b in bookings if b.is_active and b.end > now), key=lambda b: b.start)
    past = [b for b in bookings if b not in upcoming]
    return render(request, "consulting/mine.html", {"upcoming": upcoming, "past": past})


@login_required
@viewer_timezone
def booking_detail(request, booking_id: int):
    booking = selectors.get_booking_for_person(request.user, booking_id)
    return render(
        request,
        "consulting/booking_detail.html",
        {
            "booking": booking,
            "can_change": booking.person_can_change(),
            "deadline": booking.change_deadline(),
            "action_items": booking.action_items.all(),
            "cancel_form": ReasonForm(),
        },
    )


@never_cache
@login_required
@viewer_timezone
def booking_reschedule(request, booking_id: int):
    booking = selectors.get_booking_for_person(request.user, booking_id)
    if not booking.person_can_change():
        messages.error(request, error_text(services.ChangeClosed()))
        return redirect("consulting:booking_detail", booking_id=booking.pk)
    week = week_start(request)
    status = 200
    form = RescheduleForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.booking_reschedule(
                    booking=booking, by=request.user, start=form.cleaned_data["start"]
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
                status = error_status(error)
            else:
                messages.success(request, _("Moved. An updated calendar file is on its way."))
                return redirect("consulting:booking_detail", booking_id=booking.pk)
        else:
            status = 400
    slots = [
        s
        for s in available_slots(
            counselor_id=booking.counselor_id,
            type_=booking.type,
            start=week,
            end=week + timedelta(days=6),
            exclude_booking_id=booking.pk,
        )
        if s.start != booking.start
    ]
    return render(
        request,
        "consulting/reschedule.html",
        {"booking": booking, "form": form, "days": slots_by_day(slots), **week_context(week)},
        status=status,
    )


@require_POST
@login_required
def booking_cancel(request, booking_id: int):
    booking = selectors.get_booking_for_person(request.user, booking_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    try:
        services.booking_cancel(booking=booking, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Cancelled. The counselor has been told."))
    return redirect("consulting:booking_detail", booking_id=booking.pk)


@require_GET
@login_required
def booking_ics(request, booking_id: int):
    booking = selectors.get_booking_for_participant(request.user, booking_id)
    return booking_ics_response(booking, viewer=request.user)


@require_GET
@login_required
def booking_summary_pdf(request, booking_id: int):
    """The consultation summary for the person: summary, action items, outcome.

    Rendered by a task and kept as a private file; while it is being made the page says
    so and reloads itself.
    """
    booking = selectors.get_booking_for_participant(request.user, booking_id)
    if booking.status != Booking.Status.COMPLETED:
        raise Http404
    if not services.summary_pdf_ensure(booking=booking):
        return render(request, "consulting/summary_pending.html", {"booking": booking}, status=202)
    response = FileResponse(booking.summary_pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="consultation-{booking.pk}.pdf"'
    return response
