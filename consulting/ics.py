"""iCalendar (.ics) for one consultation (email attachment, download) and for private feeds.

The calendar itself is written by ``core.ics``; this module says what a consultation is.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar

from core import ics

from .models import Booking


def booking_entry(booking: Booking, *, viewer=None) -> ics.CalendarEntry:
    is_counselor = viewer is not None and viewer.pk == booking.counselor_id
    other = booking.person if is_counselor else booking.counselor
    description = [
        f"{booking.center.display_name}",
        f"{booking.type.get_mode_display()}",
        settings.SITE_URL
        + reverse(
            "consulting:workspace_booking" if is_counselor else "consulting:booking_detail",
            args=[booking.pk],
        ),
    ]
    if booking.status in (Booking.Status.CANCELLED, Booking.Status.DECLINED):
        status = ics.CANCELLED
    elif booking.status == Booking.Status.PENDING:
        status = ics.TENTATIVE
    else:
        status = ics.CONFIRMED
    return ics.CalendarEntry(
        kind="consultation",
        pk=booking.pk,
        sequence=booking.sequence,
        start=booking.start,
        end=booking.end,
        summary=f"{booking.type.display_name} · {other.name}",
        location=booking.video_url
        or booking.type.location
        or booking.center.address
        or booking.center.display_name,
        description="\n".join(description),
        status=status,
        organizer_email=booking.counselor.email,
        organizer_name=booking.counselor.name,
    )


def booking_calendar(
    bookings: Iterable[Booking],
    *,
    method: str | None = "PUBLISH",
    viewer=None,
    name: str | None = None,
) -> Calendar:
    return ics.build_calendar(
        (booking_entry(booking, viewer=viewer) for booking in bookings),
        name=name or _("Consultations"),
        area="consulting",
        method=method,
    )


def booking_ics_response(booking: Booking, *, viewer) -> HttpResponse:
    """One consultation as an .ics download (the booking page and the API serve the same)."""
    return ics.ics_response(
        booking_calendar([booking], method="PUBLISH", viewer=viewer),
        filename=f"consultation-{booking.pk}.ics",
    )
