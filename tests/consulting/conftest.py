"""Consulting fixtures: a startup-consulting type at the jewelry center that carol offers."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import holidays
import pytest
from django.utils import timezone

from consulting.availability import SEOUL
from consulting.models import Booking, ConsultationType, IntakeQuestion, WeeklyAvailability
from tests.factories import make_center_member


def open_weekday(days_ahead: int = 3, *, skip: int = 0) -> date:
    """A Monday–Friday that is not a Korean public holiday, at least ``days_ahead`` days from today."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    kr = holidays.country_holidays("KR", years=range(day.year, day.year + 2))
    found = 0
    while True:
        if day.weekday() < 5 and day not in kr:
            if found == skip:
                return day
            found += 1
        day += timedelta(days=1)


def seoul(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SEOUL)


def give_weekly_hours(counselor, hours=((10, 12), (13, 17))) -> None:
    for weekday in range(5):
        for start, end in hours:
            WeeklyAvailability.objects.create(
                counselor=counselor, weekday=weekday, start_time=time(start), end_time=time(end)
            )


def move_to_the_past(booking: Booking) -> Booking:
    """Let a booking have started two hours ago (outcomes and no-shows wait for the start)."""
    now = timezone.now()
    Booking.objects.filter(pk=booking.pk).update(
        start=now - timedelta(hours=2),
        end=now - timedelta(hours=1),
        blocked_start=now - timedelta(hours=2),
        blocked_end=now - timedelta(minutes=50),
    )
    booking.refresh_from_db()
    return booking


@pytest.fixture(autouse=True)
def _english_for_services():
    """Service-level tests read English messages; pages and the API answer in Korean (the default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def startup_type(center, carol):
    type_ = ConsultationType.objects.create(
        center=center,
        category="startup",
        name="창업 상담",
        name_en="Startup consultation",
        duration_minutes=60,
        buffer_before_minutes=0,
        buffer_after_minutes=10,
        slot_step_minutes=30,
        min_notice_hours=24,
        horizon_days=60,
    )
    type_.counselors.add(carol)
    IntakeQuestion.objects.create(
        type=type_, text="사업 단계는?", text_en="Business stage?", required=True
    )
    give_weekly_hours(carol)
    return type_


@pytest.fixture
def erin(db, center, startup_type):
    """A second counselor offering the same type."""
    user = make_center_member(center, "counselor", email="erin@example.com", name="한에린")
    startup_type.counselors.add(user)
    give_weekly_hours(user)
    return user


@pytest.fixture
def question(startup_type):
    return startup_type.questions.get()


@pytest.fixture
def answers(question):
    return {str(question.pk): "예비창업"}


@pytest.fixture
def day():
    return open_weekday()


@pytest.fixture
def booking(startup_type, carol, alice, answers, day):
    """alice's confirmed startup consultation with carol at 10:00 on ``day``."""
    from consulting.services import booking_create

    booking, _ = booking_create(
        person=alice, type_=startup_type, counselor=carol, start=seoul(day, 10), answers=answers
    )
    return booking
