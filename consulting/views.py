"""Pages for booking consultations and for the counselor's workspace.

Every booking is fetched through a selector that checks the viewer's right to it
(another person's booking is 404); every change goes through one service call.
"""

from __future__ import annotations

import functools
import secrets
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Center

from . import selectors, services
from .availability import SEOUL, SlotTaken, SlotUnavailable, available_slots
from .forms import (
    ActionItemForm,
    BookingForm,
    CounselorSettingsForm,
    ExceptionForm,
    NoteForm,
    OutcomeForm,
    ReasonForm,
    RescheduleForm,
    WeeklyFormSet,
)
from .ics import booking_calendar
from .models import (
    ActionItem,
    AvailabilityException,
    Booking,
    CounselorSettings,
    WeeklyAvailability,
)

TZ_COOKIE = "ilteo_tz"


# --- helpers ---------------------------------------------------------------------------------


def counselor_required(view):
    """Counselors and center staff only; everyone else gets 404, as if the page did not exist."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_counselor or request.user.is_center_staff):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def viewer_zone(request) -> ZoneInfo:
    """The viewer's time zone (set by static/js/consulting.js from the browser), Asia/Seoul by default."""
    name = request.GET.get("tz") or request.COOKIES.get(TZ_COOKIE) or ""
    try:
        if name and len(name) <= 64 and ".." not in name and not name.startswith("/"):
            return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    return SEOUL


def viewer_timezone(view):
    """Render the view in the viewer's time zone, and only the view: the zone never leaks to
    the next request this thread serves."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with timezone.override(viewer_zone(request)):
            return view(request, *args, **kwargs)

    return wrapped


def _activate_zone(request) -> ZoneInfo:
    """The zone ``viewer_timezone`` made current for this view."""
    return timezone.get_current_timezone()


def _today() -> date:
    return timezone.now().astimezone(SEOUL).date()


def _week_start(request, key: str = "week") -> date:
    """The first day of the seven shown: ``?week=`` if given (never before today), else today (Seoul)."""
    today = timezone.now().astimezone(SEOUL).date()
    try:
        day = date.fromisoformat(request.GET.get(key, ""))
    except ValueError:
        day = today
    # Never before today, and no further than anyone can book (keeps date arithmetic in range).
    return min(max(day, today), today + timedelta(days=400))


def _slots_by_day(slots) -> list[tuple[date, list]]:
    """Slots grouped by the viewer's local date (the active time zone)."""
    grouped: dict[date, list] = {}
    for slot in slots:
        grouped.setdefault(timezone.localtime(slot.start).date(), []).append(slot)
    return sorted(grouped.items())


def _service_error_message(error: Exception) -> str:
    if isinstance(error, services.PersonBusy):
        return _("You already have a consultation at that time.")
    if isinstance(error, SlotTaken):
        return _("That time was just taken. Please choose another.")
    if isinstance(error, SlotUnavailable):
        return error.message
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


# --- browsing and booking --------------------------------------------------------------------


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
    zone = _activate_zone(request)
    counselors = list(selectors.counselors_for_type(type_))
    choice = request.GET.get("counselor") or request.POST.get("counselor") or "any"
    counselor = None
    if choice != "any":
        counselor = next((c for c in counselors if str(c.pk) == choice), None)
        if counselor is None:
            choice = "any"
    week = _week_start(request)
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
            except (SlotTaken, SlotUnavailable, ValidationError) as error:
                form.add_error(None, _service_error_message(error))
                status = 409 if isinstance(error, SlotTaken) else 400
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
    slots = _slots_for(type_, [counselor] if counselor else counselors, week)
    if not slots and "week" not in request.GET:
        # Nothing left in the next seven days: jump to the first week that has a slot.
        for _i in range(type_.horizon_days // 7 + 1):
            week += timedelta(days=7)
            slots = _slots_for(type_, [counselor] if counselor else counselors, week)
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
            "days": _slots_by_day(slots),
            "week": week,
            "prev_week": week - timedelta(days=7) if week > _today() else None,
            "next_week": week + timedelta(days=7),
            "zone": zone,
            "is_seoul": zone.key == "Asia/Seoul",
            "selected": request.POST.get("start", ""),
        },
        status=status,
    )


def _slots_for(type_, counselors, week: date):
    """Open slots of one or several counselors in a week; the same start offered once."""
    seen = {}
    for counselor in counselors:
        for slot in available_slots(
            counselor_id=counselor.pk, type_=type_, start=week, end=week + timedelta(days=6)
        ):
            seen.setdefault(slot.start, slot)
    return [seen[k] for k in sorted(seen)]


@login_required
@viewer_timezone
def mine(request):
    """The person's consultations: upcoming first, then the past."""
    _activate_zone(request)
    now = timezone.now()
    bookings = list(selectors.bookings_for_person(request.user))
    upcoming = sorted((b for b in bookings if b.is_active and b.end > now), key=lambda b: b.start)
    past = [b for b in bookings if b not in upcoming]
    return render(request, "consulting/mine.html", {"upcoming": upcoming, "past": past})


@login_required
@viewer_timezone
def booking_detail(request, booking_id: int):
    booking = selectors.get_booking_for_person(request.user, booking_id)
    _activate_zone(request)
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
    zone = _activate_zone(request)
    if not booking.person_can_change():
        messages.error(
            request, _("This consultation can no longer be changed online. Please call the center.")
        )
        return redirect("consulting:booking_detail", booking_id=booking.pk)
    week = _week_start(request)
    status = 200
    form = RescheduleForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.booking_reschedule(
                    booking=booking, by=request.user, start=form.cleaned_data["start"]
                )
            except (SlotTaken, SlotUnavailable, ValidationError) as error:
                form.add_error(None, _service_error_message(error))
                status = 409 if isinstance(error, SlotTaken) else 400
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
        {
            "booking": booking,
            "form": form,
            "days": _slots_by_day(slots),
            "week": week,
            "prev_week": week - timedelta(days=7) if week > _today() else None,
            "next_week": week + timedelta(days=7),
            "zone": zone,
            "is_seoul": zone.key == "Asia/Seoul",
        },
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
        messages.error(request, _service_error_message(error))
    else:
        messages.success(request, _("Cancelled. The counselor has been told."))
    return redirect("consulting:booking_detail", booking_id=booking.pk)


@require_GET
@login_required
def booking_ics(request, booking_id: int):
    booking = selectors.get_booking_for_participant(request.user, booking_id)
    ics = booking_calendar([booking], method="PUBLISH", viewer=request.user).to_ical()
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consultation-{booking.pk}.ics"'
    return response


@require_GET
@login_required
def booking_summary_pdf(request, booking_id: int):
    """The consultation summary for the person: summary, action items, outcome.

    Rendered by a task and kept as a private file; while it is being made the page says
    so and reloads itself.
    """
    from django.http import FileResponse

    from .tasks import render_summary_pdf

    booking = selectors.get_booking_for_participant(request.user, booking_id)
    if booking.status != Booking.Status.COMPLETED:
        raise Http404
    if not services.summary_pdf_is_current(booking):
        render_summary_pdf.delay(booking.pk)  # runs at once where tasks are eager
        booking.refresh_from_db()
    if not services.summary_pdf_is_current(booking):
        return render(request, "consulting/summary_pending.html", {"booking": booking}, status=202)
    response = FileResponse(booking.summary_pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="consultation-{booking.pk}.pdf"'
    return response


# --- counselor workspace ---------------------------------------------------------------------


@counselor_required
@viewer_timezone
def agenda(request):
    """Day or week agenda, with pending requests on top."""
    _activate_zone(request)
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
    pending = (
        Booking.objects.filter(
            counselor=request.user, status=Booking.Status.PENDING, start__gt=timezone.now()
        )
        .select_related("type", "person")
        .order_by("start")
    )
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
            "pending": pending,
        },
    )


def _workspace_context(request, booking: Booking, **forms) -> dict:
    return {
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


@counselor_required
@viewer_timezone
def workspace_booking(request, booking_id: int):
    booking = selectors.get_booking_for_counselor(request.user, booking_id)
    _activate_zone(request)
    return render(
        request, "consulting/workspace_booking.html", _workspace_context(request, booking)
    )


def _workspace_action(request, booking_id: int, action, success: str):
    booking = selectors.get_booking_for_counselor(request.user, booking_id)
    try:
        action(booking)
    except ValidationError as error:
        messages.error(request, _service_error_message(error))
    else:
        messages.success(request, success)
    return redirect("consulting:workspace_booking", booking_id=booking_id)


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
    form = ReasonForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    return _workspace_action(
        request,
        booking_id,
        lambda b: services.booking_decline(booking=b, by=request.user, reason=reason),
        _("Declined. The person has been told."),
    )


@require_POST
@counselor_required
def workspace_cancel(request, booking_id: int):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    return _workspace_action(
        request,
        booking_id,
        lambda b: services.booking_cancel(booking=b, by=request.user, reason=reason),
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
    _activate_zone(request)
    return render(
        request,
        "consulting/workspace_booking.html",
        _workspace_context(request, booking, note_form=form),
        status=400,
    )


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
    _activate_zone(request)
    return render(
        request,
        "consulting/workspace_booking.html",
        _workspace_context(request, booking, action_form=form),
        status=400,
    )


@require_POST
@counselor_required
def workspace_action_toggle(request, booking_id: int, item_id: int):
    booking = selectors.get_booking_for_counselor(request.user, booking_id)
    item = ActionItem.objects.filter(pk=item_id, booking=booking).first()
    if item is None:
        raise Http404
    services.action_item_toggle(item=item)
    return redirect(reverse("consulting:workspace_booking", args=[booking.pk]) + "#actions")


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
            form.add_error(None, _service_error_message(error))
        else:
            messages.success(request, _("Outcome recorded."))
            return redirect("consulting:workspace_booking", booking_id=booking.pk)
    _activate_zone(request)
    return render(
        request,
        "consulting/workspace_booking.html",
        _workspace_context(request, booking, outcome_form=form),
        status=400,
    )


@counselor_required
def availability(request):
    """Weekly hours, daily cap and date exceptions of the signed-in counselor."""
    user = request.user
    settings_row, _created = CounselorSettings.objects.get_or_create(counselor=user)
    weekly_qs = WeeklyAvailability.objects.filter(counselor=user)
    formset = WeeklyFormSet(queryset=weekly_qs, prefix="weekly")
    settings_form = CounselorSettingsForm(instance=settings_row, prefix="settings")
    exception_form = ExceptionForm(prefix="exception")
    status = 200
    if request.method == "POST":
        if "save_hours" in request.POST:
            formset = WeeklyFormSet(request.POST, queryset=weekly_qs, prefix="weekly")
            settings_form = CounselorSettingsForm(
                request.POST, instance=settings_row, prefix="settings"
            )
            if formset.is_valid() and settings_form.is_valid():
                with transaction.atomic():
                    settings_form.save()
                    rows = formset.save(commit=False)
                    for row in formset.deleted_objects:
                        row.delete()
                    for row in rows:
                        row.counselor = user
                        row.save()
                messages.success(request, _("Your hours were saved."))
                return redirect("consulting:availability")
            status = 400
        elif "add_exception" in request.POST:
            exception_form = ExceptionForm(request.POST, prefix="exception")
            if exception_form.is_valid():
                exception = exception_form.save(commit=False)
                exception.counselor = user
                exception.save()
                messages.success(request, _("Saved."))
                return redirect("consulting:availability")
            status = 400
    exceptions = AvailabilityException.objects.filter(
        counselor=user, date__gte=timezone.localdate()
    )
    return render(
        request,
        "consulting/availability.html",
        {
            "formset": formset,
            "settings_form": settings_form,
            "exception_form": exception_form,
            "exceptions": exceptions,
        },
        status=status,
    )


@require_POST
@counselor_required
def availability_exception_delete(request, exception_id: int):
    exception = AvailabilityException.objects.filter(
        pk=exception_id, counselor=request.user
    ).first()
    if exception is None:
        raise Http404
    exception.delete()
    messages.success(request, _("Removed."))
    return redirect("consulting:availability")


# --- calendar feeds ----------------------------------------------------------------------------


@never_cache
@login_required
def calendar_feed(request):
    """Create, replace or turn off one's private calendar feed. The URL is shown only once."""
    from .models import CalendarFeed

    feed_url = None
    if request.method == "POST":
        if "revoke" in request.POST:
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, _("The calendar feed is off. The old link no longer works."))
            return redirect("consulting:calendar_feed")
        raw = services.calendar_feed_regenerate(user=request.user)
        feed_url = request.build_absolute_uri(reverse("consulting:feed", args=[raw]))
    has_feed = CalendarFeed.objects.filter(user=request.user).exists()
    return render(
        request, "consulting/calendar_feed.html", {"feed_url": feed_url, "has_feed": has_feed}
    )


@require_GET
def feed(request, token: str):
    """A private ICS feed: the token is the only key, so it is long, hashed at rest and revocable."""
    user = services.calendar_feed_user(token)
    if user is None:
        raise Http404
    calendar = booking_calendar(
        selectors.bookings_for_feed(user), method="PUBLISH", viewer=user, name=_("Consultations")
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
