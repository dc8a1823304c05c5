"""A small, hand-counted history of the Jongno center (and one run of another center)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from consulting.models import Booking, ConsultationType
from courses.models import Certificate, Completion, Enrollment
from jobs.models import Employment
from reports.models import RateExclusion
from tests.courses.completion_helpers import make_course
from tests.factories import make_trainee

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = dt.date(2026, 11, 30)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SEOUL)


@dataclass
class Scenario:
    run: object
    trainees: list
    other_run: object


def make_run(course, starts: dt.date, ends: dt.date, name: str = "2026년 1기"):
    from courses.models import CourseRun

    return CourseRun.objects.create(
        course=course,
        name=name,
        starts_on=starts,
        ends_on=ends,
        capacity=20,
        enrollment_opens_at=at(starts - dt.timedelta(days=40)),
        enrollment_closes_at=at(starts - dt.timedelta(days=10)),
        status="completed",
    )


def seat(run, user, *, status="confirmed", cancelled_on=None, completion=None, rate=90):
    e = Enrollment.objects.create(
        run=run,
        user=user,
        status=status,
        confirmed_at=at(run.starts_on - dt.timedelta(days=10)),
        cancelled_at=at(cancelled_on) if cancelled_on else None,
    )
    if completion:
        Completion.objects.create(
            enrollment=e,
            status=completion,
            attendance_rate=rate,
            hours_attended=rate,
            evaluated_at=at(run.ends_on + dt.timedelta(days=1)),
        )
    return e


def job(user, start: dt.date, **extra):
    return Employment.objects.create(
        person=user,
        company_name="세운주얼리",
        position="세공사",
        start_date=start,
        employment_type="full_time",
        source=extra.pop("source", Employment.Source.SELF_REPORTED),
        **extra,
    )


def build(center, other_center, counselor) -> Scenario:
    """Run R (3 Mar – 30 Apr 2026): 6 seated, 1 dropout, 1 cancelled before the start.

    Completers t1–t5, t6 not completed. t1 hired 10 May, t3 during training, t5 registered a
    business 1 June; t2 started 15 Nov (after the window ends 30 Oct); t4 went on to study
    (excluded). Employment rate = 3 / (5 − 1) = 75.0 %.
    """
    course = make_course(center, title="왁스 카빙과 주조")
    run = make_run(course, dt.date(2026, 3, 3), dt.date(2026, 4, 30))
    t = [make_trainee(email=f"t{i}@example.com", name=f"교육생{i}") for i in range(1, 9)]
    done = Completion.Status.COMPLETED
    enrollments = [seat(run, u, completion=done) for u in t[:5]]
    seat(run, t[5], completion=Completion.Status.NOT_COMPLETED, rate=50)
    seat(run, t[6], status="cancelled", cancelled_on=dt.date(2026, 3, 20))  # dropout
    seat(run, t[7], status="cancelled", cancelled_on=dt.date(2026, 2, 25))  # before the start
    job(t[0], dt.date(2026, 5, 10))
    job(t[1], dt.date(2026, 11, 15))
    job(t[2], dt.date(2026, 4, 1))
    RateExclusion.objects.create(enrollment=enrollments[3], reason="further_education")
    ctype = ConsultationType.objects.create(
        center=center, category="startup", name="창업 상담", name_en="Startup"
    )
    start = at(dt.date(2026, 6, 1), 14)
    Booking.objects.create(
        center=center,
        type=ctype,
        counselor=counselor,
        person=t[4],
        status=Booking.Status.COMPLETED,
        start=start,
        end=start + dt.timedelta(hours=1),
        blocked_start=start,
        blocked_end=start + dt.timedelta(hours=1),
        outcome="business_registered",
        outcome_recorded_at=start + dt.timedelta(hours=1),
    )
    for i, e in enumerate(enrollments[:2]):
        Certificate.objects.create(
            enrollment=e,
            user=e.user,
            run=run,
            serial=f"JJ-2026-00000{i}",
            holder_name=e.user.name,
            course_title=course.title,
            hours_attended=16,
            attendance_rate=90,
            issued_at=at(dt.date(2026, 5, 2)),
        )
    other = make_run(
        make_course(other_center, title="수제화 패턴"), dt.date(2026, 3, 3), dt.date(2026, 4, 30)
    )
    seat(other, make_trainee(email="o1@example.com"), completion=done)
    return Scenario(run=run, trainees=t, other_run=other)


def now_at_today():
    return timezone.make_aware(dt.datetime(2026, 11, 30, 12))
