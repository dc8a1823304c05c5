"""Dashboard cards for consulting: each loads its own data, so core's views stay unaware of it."""

from __future__ import annotations

from django import template
from django.utils import timezone

from consulting.models import Booking, WeeklyAvailability

register = template.Library()

UPCOMING = (Booking.Status.PENDING, Booking.Status.CONFIRMED)


@register.simple_tag
def person_consultations(user) -> list[Booking]:
    """The person's next consultations, soonest first."""
    return list(
        Booking.objects.filter(person=user, status__in=UPCOMING, start__gte=timezone.now())
        .select_related("type", "counselor")
        .order_by("start")[:3]
    )


@register.simple_tag
def counselor_summary(user) -> dict:
    """What a counselor needs at a glance: requests to answer, the next bookings, open hours."""
    upcoming = Booking.objects.filter(
        counselor=user, status__in=UPCOMING, start__gte=timezone.now()
    )
    return {
        "pending": upcoming.filter(status=Booking.Status.PENDING).count(),
        "next": list(upcoming.select_related("type", "person").order_by("start")[:5]),
        "weekly_slots": WeeklyAvailability.objects.filter(counselor=user).count(),
    }
