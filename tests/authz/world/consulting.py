"""Center 1's consultation type; trainee A's consultations with the counselor."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import hash_secret
from consulting.models import (
    ActionItem,
    AvailabilityException,
    Booking,
    BookingNote,
    CalendarFeed,
    ConsultationType,
    CounselorSettings,
    HolidayOverride,
    IntakeQuestion,
)
from tests.authz import personas as p
from tests.authz.world import PDF
from tests.consulting.conftest import give_weekly_hours, open_weekday, seoul

SEOUL = ZoneInfo("Asia/Seoul")


def _booking(world, type_, start: datetime, **extra) -> Booking:
    end = start + timedelta(minutes=type_.duration_minutes)
    return Booking.objects.create(
        center=type_.center,
        type=type_,
        counselor=world.users[p.COUNSELOR],
        person=world.users[p.TRAINEE_A],
        start=start,
        end=end,
        blocked_start=start - timedelta(minutes=type_.buffer_before_minutes),
        blocked_end=end + timedelta(minutes=type_.buffer_after_minutes),
        **extra,
    )


def build(world) -> None:
    counselor = world.users[p.COUNSELOR]
    center = world.objects["center_1"]
    type_ = world.add(
        "consultation_type",
        ConsultationType.objects.create(
            center=center,
            category="startup",
            name="창업 상담",
            name_en="Startup consultation",
            duration_minutes=60,
            buffer_after_minutes=10,
            slot_step_minutes=30,
            min_notice_hours=24,
            horizon_days=60,
        ),
    )
    type_.counselors.add(counselor)
    world.add(
        "question",
        IntakeQuestion.objects.create(
            type=type_, text="사업 단계는?", text_en="Stage?", required=True
        ),
    )
    give_weekly_hours(counselor)  # weekdays 10–12 and 13–17
    CounselorSettings.objects.create(counselor=counselor, daily_cap=8)
    world.add(
        "availability_exception",
        AvailabilityException.objects.create(
            counselor=counselor, date=open_weekday(20), kind="off", note="교육"
        ),
    )
    HolidayOverride.objects.create(center=center, date=open_weekday(25), is_open=False)

    day = open_weekday(10)
    booking = world.add(
        "booking",
        _booking(
            world,
            type_,
            seoul(day, 10),
            status=Booking.Status.CONFIRMED,
            confirmed_at=timezone.now(),
            answers=[{"question": "사업 단계는?", "answer": "예비창업"}],
        ),
    )
    world.add("action_item", ActionItem.objects.create(booking=booking, text="사업계획서 초안"))
    BookingNote.objects.create(booking=booking, author=counselor, text="첫 상담 준비")
    # A slot the booking can move to, and the body of every "book this time" request.
    world.objects["free_slot"] = seoul(open_weekday(12), 14)

    # Held ten days ago, its summary PDF already rendered.
    start = timezone.now().astimezone(SEOUL).replace(minute=0, second=0, microsecond=0)
    start -= timedelta(days=10)
    done = _booking(
        world,
        type_,
        start,
        status=Booking.Status.COMPLETED,
        outcome="follow_up",
        summary="다음 상담에서 사업계획서 검토",
        summary_version=1,
        summary_pdf_version=1,
    )
    done.summary_pdf.save("summary.pdf", ContentFile(PDF), save=True)
    world.keep_file(done.summary_pdf)
    world.add("booking_done", done)

    raw = secrets.token_urlsafe(32)
    world.secrets["calendar_feed"] = raw
    CalendarFeed.objects.create(user=world.users[p.TRAINEE_A], token_hash=hash_secret(raw))
