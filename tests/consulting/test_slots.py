"""Open slots: weekly hours, exceptions, holidays, buffers, notice, horizon, daily cap."""

from __future__ import annotations

from datetime import date, time, timedelta

import holidays
import pytest
from django.utils import timezone

from consulting.availability import SlotTaken, SlotUnavailable, available_slots, check_slot
from consulting.models import AvailabilityException, CounselorSettings, HolidayOverride
from consulting.services import booking_create
from tests.consulting.conftest import open_weekday, seoul


def _slots(type_, counselor, day):
    return [
        s.start for s in available_slots(counselor_id=counselor.pk, type_=type_, start=day, end=day)
    ]


def _next_holiday_weekday() -> date:
    day = timezone.localdate() + timedelta(days=3)
    kr = holidays.country_holidays("KR", years=range(day.year, day.year + 2))
    while not (day in kr and day.weekday() < 5):
        day += timedelta(days=1)
    return day


class TestSlots:
    def test_it_lists_slots_on_the_grid_inside_weekly_hours(self, startup_type, carol):
        day = open_weekday()
        starts = _slots(startup_type, carol, day)
        assert seoul(day, 10) in starts
        assert seoul(day, 11) in starts
        assert seoul(day, 11, 30) not in starts  # would end at 12:30, past the window
        assert seoul(day, 12) not in starts  # lunch
        assert seoul(day, 16) in starts
        assert all(s.tzinfo is not None for s in starts)

    def test_it_blocks_buffers_around_bookings(self, startup_type, carol, alice, answers):
        day = open_weekday()
        booking_create(
            person=alice, type_=startup_type, counselor=carol, start=seoul(day, 13), answers=answers
        )
        starts = _slots(startup_type, carol, day)
        assert seoul(day, 13) not in starts
        assert seoul(day, 13, 30) not in starts
        assert seoul(day, 14) not in starts  # 10-minute buffer after 14:00
        assert seoul(day, 14, 30) in starts

    def test_it_closes_korean_public_holidays_unless_opened_anyway(
        self, startup_type, carol, center
    ):
        day = _next_holiday_weekday()
        startup_type.horizon_days = (day - timezone.localdate()).days + 1
        startup_type.save()
        assert _slots(startup_type, carol, day) == []
        with pytest.raises(SlotUnavailable, match="closed"):
            check_slot(counselor_id=carol.pk, type_=startup_type, start=seoul(day, 10))
        HolidayOverride.objects.create(center=center, date=day, is_open=True)
        assert seoul(day, 10) in _slots(startup_type, carol, day)

    def test_it_closes_an_extra_closure_day(self, startup_type, carol, center):
        day = open_weekday()
        HolidayOverride.objects.create(center=center, date=day, is_open=False)
        assert _slots(startup_type, carol, day) == []

    def test_it_applies_time_off_and_extra_hours(self, startup_type, carol):
        day = open_weekday()
        AvailabilityException.objects.create(
            counselor=carol, date=day, kind="off", start_time=time(10), end_time=time(11)
        )
        AvailabilityException.objects.create(
            counselor=carol, date=day, kind="extra", start_time=time(18), end_time=time(20)
        )
        starts = _slots(startup_type, carol, day)
        assert seoul(day, 10) not in starts
        assert seoul(day, 11) in starts
        assert seoul(day, 19) in starts
        other = open_weekday(skip=1)
        AvailabilityException.objects.create(counselor=carol, date=other, kind="off")
        assert _slots(startup_type, carol, other) == []

    def test_it_stops_at_the_daily_cap(self, startup_type, carol, alice, answers):
        CounselorSettings.objects.create(counselor=carol, daily_cap=1)
        day = open_weekday()
        booking_create(
            person=alice, type_=startup_type, counselor=carol, start=seoul(day, 10), answers=answers
        )
        assert _slots(startup_type, carol, day) == []

    def test_it_respects_minimum_notice_and_horizon(self, startup_type, carol):
        today = timezone.localdate()
        assert _slots(startup_type, carol, today) == []
        startup_type.horizon_days = 3
        startup_type.save()
        far = today + timedelta(days=10)
        assert available_slots(counselor_id=carol.pk, type_=startup_type, start=far, end=far) == []


class TestCheckSlot:
    @pytest.mark.parametrize(
        ("when", "message"),
        [
            ("past", "past"),
            ("notice", "notice"),
            ("horizon", "ahead"),
            ("grid", "every 30 minutes"),
            ("outside", "not available"),
        ],
    )
    def test_it_explains_why_a_start_is_not_bookable(self, startup_type, carol, when, message):
        now = timezone.now()
        day = open_weekday()
        start = {
            "past": now - timedelta(hours=1),
            "notice": now + timedelta(hours=2),
            "horizon": seoul(timezone.localdate() + timedelta(days=90), 10),
            "grid": seoul(day, 10, 10),
            "outside": seoul(day, 20),
        }[when]
        with pytest.raises(SlotUnavailable, match=message):
            check_slot(counselor_id=carol.pk, type_=startup_type, start=start)

    def test_it_reports_a_taken_slot(self, startup_type, carol, alice, answers):
        day = open_weekday()
        booking_create(
            person=alice, type_=startup_type, counselor=carol, start=seoul(day, 10), answers=answers
        )
        with pytest.raises(SlotTaken):
            check_slot(counselor_id=carol.pk, type_=startup_type, start=seoul(day, 10, 30))
