"""Open slots: weekly hours, exceptions, Korean public holidays, buffers, notice, horizon and a daily cap.

Everything is computed in Asia/Seoul with timezone-aware datetimes; callers convert
to the viewer's time zone only for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import SlotTaken, SlotUnavailable
from .models import (
    ACTIVE_STATUSES,
    AvailabilityException,
    Booking,
    ConsultationType,
    CounselorSettings,
    HolidayOverride,
    WeeklyAvailability,
)

SEOUL = ZoneInfo("Asia/Seoul")
DEFAULT_DAILY_CAP = 6


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime


@lru_cache(maxsize=16)
def _korean_holidays(year: int) -> holidays.HolidayBase:
    # Includes substitute holidays (대체공휴일) the law declares in advance.
    return holidays.country_holidays("KR", years=year)


def holiday_name(day: date) -> str | None:
    return _korean_holidays(day.year).get(day)


def center_closed_dates(center_id: int, start: date, end: date) -> set[date]:
    """Dates in [start, end] the center is closed: public holidays unless opened anyway, plus extra closures."""
    overrides = dict(
        HolidayOverride.objects.filter(center_id=center_id, date__range=(start, end)).values_list(
            "date", "is_open"
        )
    )
    closed = set()
    day = start
    while day <= end:
        is_open = overrides.get(day)
        if is_open is False or (is_open is None and holiday_name(day) is not None):
            closed.add(day)
        day += timedelta(days=1)
    return closed


def _aware(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=SEOUL)


def _subtract(windows: list[tuple[datetime, datetime]], cut: tuple[datetime, datetime]):
    result = []
    for start, end in windows:
        if cut[1] <= start or cut[0] >= end:
            result.append((start, end))
            continue
        if start < cut[0]:
            result.append((start, cut[0]))
        if cut[1] < end:
            result.append((cut[1], end))
    return result


def _merge(windows: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class CounselorCalendar:
    """A counselor's working windows and held time over a date range, loaded in a few queries."""

    def __init__(
        self,
        *,
        counselor_id: int,
        center_id: int,
        start: date,
        end: date,
        exclude_booking_id: int | None = None,
    ):
        self.start, self.end = start, end
        self.weekly: dict[int, list[tuple[time, time]]] = {}
        for weekday, from_, until in WeeklyAvailability.objects.filter(
            counselor_id=counselor_id
        ).values_list("weekday", "start_time", "end_time"):
            self.weekly.setdefault(weekday, []).append((from_, until))
        self.exceptions: dict[date, list[AvailabilityException]] = {}
        for exc in AvailabilityException.objects.filter(
            counselor_id=counselor_id, date__range=(start, end)
        ):
            self.exceptions.setdefault(exc.date, []).append(exc)
        self.closed = center_closed_dates(center_id, start, end)
        settings_row = CounselorSettings.objects.filter(counselor_id=counselor_id).first()
        self.daily_cap = settings_row.daily_cap if settings_row else DEFAULT_DAILY_CAP
        range_start = _aware(start, time.min) - timedelta(days=1)
        range_end = _aware(end, time.min) + timedelta(days=2)
        held = Booking.objects.filter(
            counselor_id=counselor_id,
            status__in=ACTIVE_STATUSES,
            blocked_start__lt=range_end,
            blocked_end__gt=range_start,
        )
        if exclude_booking_id:
            held = held.exclude(pk=exclude_booking_id)
        self.held = [
            (b_start.astimezone(SEOUL), b_end.astimezone(SEOUL), s.astimezone(SEOUL))
            for b_start, b_end, s in held.values_list("blocked_start", "blocked_end", "start")
        ]

    def windows(self, day: date) -> list[tuple[datetime, datetime]]:
        """Working windows on ``day`` (Seoul time): weekly hours plus extra hours, minus time off."""
        if day in self.closed:
            return []
        windows = [(_aware(day, a), _aware(day, b)) for a, b in self.weekly.get(day.weekday(), [])]
        exceptions = self.exceptions.get(day, [])
        windows += [
            (_aware(day, e.start_time), _aware(day, e.end_time))
            for e in exceptions
            if e.kind == "extra"
        ]
        windows = _merge(windows)
        for exc in exceptions:
            if exc.kind != "off":
                continue
            if exc.start_time is None:
                return []
            windows = _subtract(windows, (_aware(day, exc.start_time), _aware(day, exc.end_time)))
        return windows

    def bookings_on(self, day: date) -> int:
        return sum(1 for _s, _e, start in self.held if start.date() == day)

    def is_free(self, blocked_start: datetime, blocked_end: datetime) -> bool:
        return all(blocked_end <= s or blocked_start >= e for s, e, _start in self.held)


def _bounds(type_: ConsultationType, now: datetime) -> tuple[datetime, date]:
    earliest = now + timedelta(hours=type_.min_notice_hours)
    last_day = now.astimezone(SEOUL).date() + timedelta(days=type_.horizon_days)
    return earliest, last_day


def _on_grid(start: datetime, step: int) -> bool:
    local = start.astimezone(SEOUL)
    return (
        local.second == 0
        and local.microsecond == 0
        and (local.hour * 60 + local.minute) % step == 0
    )


def available_slots(
    *,
    counselor_id: int,
    type_: ConsultationType,
    start: date,
    end: date,
    now: datetime | None = None,
    exclude_booking_id: int | None = None,
) -> list[Slot]:
    """Bookable slots from ``start`` to ``end`` (Seoul dates, inclusive), earliest first.

    ``exclude_booking_id`` leaves one booking out, so a booking being moved does not block itself.
    """
    now = now or timezone.now()
    earliest, last_day = _bounds(type_, now)
    start = max(start, now.astimezone(SEOUL).date())
    end = min(end, last_day)
    if start > end:
        return []
    calendar = CounselorCalendar(
        counselor_id=counselor_id,
        center_id=type_.center_id,
        start=start,
        end=end,
        exclude_booking_id=exclude_booking_id,
    )
    duration = type_.duration
    before = timedelta(minutes=type_.buffer_before_minutes)
    after = timedelta(minutes=type_.buffer_after_minutes)
    step = type_.slot_step_minutes
    slots: list[Slot] = []
    day = start
    while day <= end:
        if calendar.bookings_on(day) < calendar.daily_cap:
            for w_start, w_end in calendar.windows(day):
                minutes = w_start.hour * 60 + w_start.minute
                candidate = w_start + timedelta(minutes=(-minutes) % step)
                while candidate + duration <= w_end:
                    if candidate >= earliest and calendar.is_free(
                        candidate - before, candidate + duration + after
                    ):
                        slots.append(Slot(candidate, candidate + duration))
                    candidate += timedelta(minutes=step)
        day += timedelta(days=1)
    return slots


def check_slot(
    *,
    counselor_id: int,
    type_: ConsultationType,
    start: datetime,
    now: datetime | None = None,
    exclude_booking_id: int | None = None,
) -> Slot:
    """The slot starting at ``start``, or ``SlotUnavailable`` with the reason a person should read."""
    if timezone.is_naive(start):
        raise SlotUnavailable(
            _("The start time needs a time zone offset, e.g. 2026-12-01T10:00:00+09:00.")
        )
    now = now or timezone.now()
    earliest, last_day = _bounds(type_, now)
    local = start.astimezone(SEOUL)
    day = local.date()
    if start <= now:
        raise SlotUnavailable(_("That time is in the past."))
    if start < earliest:
        raise SlotUnavailable(
            _("Bookings need at least %(hours)d hours' notice.") % {"hours": type_.min_notice_hours}
        )
    if day > last_day:
        raise SlotUnavailable(
            _("Bookings open at most %(days)d days ahead.") % {"days": type_.horizon_days}
        )
    if not _on_grid(start, type_.slot_step_minutes):
        raise SlotUnavailable(
            _("Consultations start every %(step)d minutes (e.g. 10:00, 10:30).")
            % {"step": type_.slot_step_minutes}
        )
    calendar = CounselorCalendar(
        counselor_id=counselor_id,
        center_id=type_.center_id,
        start=day,
        end=day,
        exclude_booking_id=exclude_booking_id,
    )
    if day in calendar.closed:
        name = holiday_name(day)
        if name:
            raise SlotUnavailable(_("The center is closed on %(name)s.") % {"name": name})
        raise SlotUnavailable(_("The center is closed that day."))
    end = start + type_.duration
    if not any(
        w_start <= local and end.astimezone(SEOUL) <= w_end
        for w_start, w_end in calendar.windows(day)
    ):
        raise SlotUnavailable(_("The counselor is not available at that time."))
    if calendar.bookings_on(day) >= calendar.daily_cap:
        raise SlotUnavailable(_("The counselor is fully booked that day."))
    before = timedelta(minutes=type_.buffer_before_minutes)
    after = timedelta(minutes=type_.buffer_after_minutes)
    if not calendar.is_free(start - before, end + after):
        raise SlotTaken()
    return Slot(start, end)
