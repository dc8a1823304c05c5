"""iCalendar (.ics) for one consultation (email attachment, download) and for private feeds."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from .availability import SEOUL
from .models import Booking


def _uid(booking: Booking) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"consultation-{booking.pk}@{host}"


def booking_event(booking: Booking, *, viewer=None) -> Event:
    event = Event()
    event.add("uid", _uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", timezone.now())
    # Times carry TZID=Asia/Seoul with its VTIMEZONE, so calendars elsewhere convert correctly.
    event.add("dtstart", booking.start.astimezone(SEOUL))
    event.add("dtend", booking.end.astimezone(SEOUL))
    other = (
        booking.person
        if viewer is not None and viewer.pk == booking.counselor_id
        else booking.counselor
    )
    title = f"{booking.type.display_name} · {other.name}"
    event.add("summary", title)
    location = booking.type.location or booking.center.address or booking.center.display_name
    event.add("location", location)
    description = [
        f"{booking.center.display_name}",
        f"{booking.type.get_mode_display()}",
        settings.SITE_URL
        + reverse(
            "consulting:workspace_booking"
            if viewer is not None and viewer.pk == booking.counselor_id
            else "consulting:booking_detail",
            args=[booking.pk],
        ),
    ]
    event.add("description", "\n".join(description))
    if booking.status == Booking.Status.CANCELLED or booking.status == Booking.Status.DECLINED:
        event.add("status", "CANCELLED")
    elif booking.status == Booking.Status.PENDING:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    organizer = vCalAddress(f"mailto:{booking.counselor.email}")
    organizer.params["cn"] = vText(booking.counselor.name)
    event["organizer"] = organizer
    return event


def booking_calendar(
    bookings: Iterable[Booking],
    *,
    method: str | None = "PUBLISH",
    viewer=None,
    name: str | None = None,
) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//consulting//KO")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name or _("Consultations"))
    calendar.add("x-wr-timezone", "Asia/Seoul")
    for booking in bookings:
        calendar.add_component(booking_event(booking, viewer=viewer))
    calendar.add_missing_timezones()
    return calendar


def booking_ics_response(booking: Booking, *, viewer) -> HttpResponse:
    """One consultation as an .ics download (the booking page and the API serve the same)."""
    ics = booking_calendar([booking], method="PUBLISH", viewer=viewer).to_ical()
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consultation-{booking.pk}.ics"'
    return response
