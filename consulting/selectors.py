"""Reads shared by pages and the API, and the helpers that fetch an object only for those allowed to see it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User, hash_secret
from accounts.selectors import has_consent

from .availability import SEOUL, Slot, available_slots
from .models import (
    ACTIVE_STATUSES,
    ActionItem,
    AvailabilityException,
    Booking,
    CalendarFeed,
    ConsultationType,
    CounselorSettings,
    WeeklyAvailability,
)

_BOOKING_RELATED = ("type", "counselor", "person", "center")


def types_for_center(center_id: int | None = None) -> QuerySet[ConsultationType]:
    qs = ConsultationType.objects.filter(is_active=True, center__is_active=True).select_related(
        "center"
    )
    if center_id is not None:
        qs = qs.filter(center_id=center_id)
    return qs.prefetch_related("questions").order_by("center__name", "name")


def counselors_for_type(type_: ConsultationType) -> QuerySet[User]:
    """Active counselors of the type's center who offer it."""
    return (
        type_.counselors.filter(
            is_active=True,
            center_memberships__center_id=type_.center_id,
            center_memberships__role="counselor",
        )
        .distinct()
        .order_by("name")
    )


def get_type(type_id) -> ConsultationType:
    type_ = types_for_center().filter(pk=type_id).first()
    if type_ is None:
        raise Http404
    return type_


def get_booking_for_person(user: User, booking_id) -> Booking:
    """The person's own booking, or 404."""
    booking = (
        Booking.objects.select_related(*_BOOKING_RELATED).filter(pk=booking_id, person=user).first()
    )
    if booking is None:
        raise Http404
    return booking


def get_booking_for_counselor(user: User, booking_id) -> Booking:
    """A booking this person counsels, or one at a center they run (staff); otherwise 404."""
    booking = (
        Booking.objects.select_related(*_BOOKING_RELATED)
        .filter(Q(counselor=user) | Q(center_id__in=user.staff_center_ids()), pk=booking_id)
        .first()
    )
    if booking is None:
        raise Http404
    return booking


def get_booking_for_participant(user: User, booking_id) -> Booking:
    """A booking this person takes part in (as the person, counselor or center staff), or 404."""
    booking = (
        Booking.objects.select_related(*_BOOKING_RELATED)
        .filter(
            Q(person=user) | Q(counselor=user) | Q(center_id__in=user.staff_center_ids()),
            pk=booking_id,
        )
        .first()
    )
    if booking is None:
        raise Http404
    return booking


def get_action_item_for_counselor(user: User, booking_id, item_id) -> ActionItem:
    """An action item of a booking this person counsels (or runs, as staff); otherwise 404."""
    booking = get_booking_for_counselor(user, booking_id)
    item = ActionItem.objects.filter(pk=item_id, booking=booking).first()
    if item is None:
        raise Http404
    return item


def get_exception_for_counselor(user: User, exception_id) -> AvailabilityException:
    """One of the counselor's own dated exceptions, or 404."""
    exception = AvailabilityException.objects.filter(pk=exception_id, counselor=user).first()
    if exception is None:
        raise Http404
    return exception


def bookings_for_person(user: User) -> QuerySet[Booking]:
    return Booking.objects.filter(person=user).select_related(*_BOOKING_RELATED).order_by("-start")


def upcoming_for_person(user: User) -> QuerySet[Booking]:
    return (
        bookings_for_person(user)
        .filter(status__in=ACTIVE_STATUSES, end__gt=timezone.now())
        .order_by("start")
    )


def pending_requests(counselor: User) -> QuerySet[Booking]:
    """Requests waiting for the counselor's answer, soonest first."""
    return (
        Booking.objects.filter(
            counselor=counselor, status=Booking.Status.PENDING, start__gt=timezone.now()
        )
        .select_related("type", "person")
        .order_by("start")
    )


def agenda(counselor: User, start: date, days: int) -> list[tuple[date, list[Booking]]]:
    """A counselor's bookings day by day (Seoul dates), cancelled and declined ones left out."""
    begin = datetime.combine(start, time.min, tzinfo=SEOUL)
    finish = begin + timedelta(days=days)
    bookings = (
        Booking.objects.filter(counselor=counselor, start__gte=begin, start__lt=finish)
        .exclude(status__in=[Booking.Status.CANCELLED, Booking.Status.DECLINED])
        .select_related(*_BOOKING_RELATED)
        .order_by("start")
    )
    by_day: dict[date, list[Booking]] = {start + timedelta(days=i): [] for i in range(days)}
    for booking in bookings:
        by_day[booking.start.astimezone(SEOUL).date()].append(booking)
    return list(by_day.items())


def bookings_for_feed(user: User) -> QuerySet[Booking]:
    """What a private calendar feed shows: the person's and the counselor's active and recent bookings."""
    since = timezone.now() - timedelta(days=60)
    return (
        Booking.objects.filter(Q(person=user) | Q(counselor=user), start__gte=since)
        .exclude(status=Booking.Status.DECLINED)
        .select_related(*_BOOKING_RELATED)
        .order_by("start")
    )


def week_slots(type_: ConsultationType, counselors, week: date) -> list[Slot]:
    """Open slots of one or several counselors in the seven days from ``week``; one start offered once."""
    seen: dict[datetime, Slot] = {}
    for counselor in counselors:
        for slot in available_slots(
            counselor_id=counselor.pk, type_=type_, start=week, end=week + timedelta(days=6)
        ):
            seen.setdefault(slot.start, slot)
    return [seen[k] for k in sorted(seen)]


def counselor_settings(counselor: User) -> CounselorSettings:
    """The counselor's settings row, or the defaults (unsaved) before they first save."""
    return CounselorSettings.objects.filter(counselor=counselor).first() or CounselorSettings(
        counselor=counselor
    )


def weekly_hours(counselor: User) -> QuerySet[WeeklyAvailability]:
    return WeeklyAvailability.objects.filter(counselor=counselor)


def upcoming_exceptions(counselor: User) -> QuerySet[AvailabilityException]:
    return AvailabilityException.objects.filter(counselor=counselor, date__gte=timezone.localdate())


def has_calendar_feed(user: User) -> bool:
    return CalendarFeed.objects.filter(user=user).exists()


def calendar_feed_user(raw: str) -> User | None:
    """Whose private feed a token opens (an active person's), or None."""
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=hash_secret(raw)).first()
    return feed.user if feed and feed.user.is_active else None


# --- the person's context, for counselors -----------------------------------------------------

# Other apps (courses, jobs) register what a counselor may see about a person, e.g.
# enrollments or applications; consulting never imports them. Each provider returns
# ``(title, [lines])`` or None. Shown only when the person agreed to "counselor_sharing".
ContextProvider = Callable[[User], "tuple[str, list[str]] | None"]
_context_providers: dict[str, ContextProvider] = {}


def register_context_provider(key: str, provider: ContextProvider) -> None:
    _context_providers[key] = provider


def person_context(person: User) -> dict | None:
    """The person's profile and history for their counselor, or None without their consent."""
    if not has_consent(person, "counselor_sharing"):
        return None
    sections = []
    for provider in _context_providers.values():
        section = provider(person)
        if section:
            sections.append(section)
    past = (
        Booking.objects.filter(person=person, status=Booking.Status.COMPLETED)
        .select_related("type")
        .order_by("-start")[:10]
    )
    return {
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "roles": person.roles,
        "past_consultations": list(past),
        "sections": sections,
    }


def consultation_at(person_id: int, start: datetime, end: datetime) -> str | None:
    """What a person holds then, for other apps' scheduling (``core.scheduling`` busy source)."""
    clash = Booking.objects.filter(
        person_id=person_id, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    ).exists()
    return _("You already have a consultation at that time.") if clash else None
