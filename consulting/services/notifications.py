"""Email about a booking (with its .ics), and the 24 h and 1 h reminders."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from accounts.models import User
from core import reminders
from core.emails import render_email, send_email_after_commit

from ..availability import SEOUL
from ..ics import booking_calendar
from ..models import Booking


def booking_url(booking: Booking, *, for_counselor: bool = False) -> str:
    name = "consulting:workspace_booking" if for_counselor else "consulting:booking_detail"
    return settings.SITE_URL + reverse(name, args=[booking.pk])


def notify(booking: Booking, event: str, *, actor: User | None = None) -> None:
    """Email the person (and the counselor where it concerns them) after commit, with an .ics."""
    booking = Booking.objects.select_related("type", "counselor", "person", "center").get(
        pk=booking.pk
    )
    recipients = [("person", booking.person)]
    if event in ("booked", "rescheduled") or (
        event == "cancelled" and actor and actor.pk == booking.person_id
    ):
        recipients.append(("counselor", booking.counselor))
    for role, user in recipients:
        if not user.is_active or not user.email:
            continue
        language = user.language or settings.LANGUAGE_CODE
        # Emails state times in Korea time, whatever zone the page that caused them used.
        with override(language), timezone.override(SEOUL):
            context = {
                "event": event,
                "role": role,
                "booking": booking,
                "name": user.name,
                "type_name": booking.type.display_name,
                "center_name": booking.center.display_name,
                "url": booking_url(booking, for_counselor=role == "counselor"),
                "reschedule_url": settings.SITE_URL
                + reverse("consulting:booking_reschedule", args=[booking.pk]),
                "cutoff_hours": settings.CONSULTING_CANCEL_CUTOFF_HOURS,
                "start_local": booking.start.astimezone(SEOUL),
                "end_local": booking.end.astimezone(SEOUL),
            }
            message = render_email("consulting-booking", context, language=language)
            method = (
                "CANCEL"
                if booking.status in (Booking.Status.CANCELLED, Booking.Status.DECLINED)
                else "REQUEST"
            )
            ics = booking_calendar([booking], method=method, viewer=user).to_ical().decode()
        send_email_after_commit(
            to=[user.email], **message, attachments=[("consultation.ics", ics, "text/calendar")]
        )


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Send each confirmed booking's 24 h and 1 h reminders once (``core.reminders`` claims them)."""
    return reminders.send_due_reminders(
        Booking.objects.filter(status=Booking.Status.CONFIRMED),
        send=lambda pk, _field: notify(Booking.objects.get(pk=pk), "reminder"),
        now=now,
    )
