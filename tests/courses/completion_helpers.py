"""Builders for attendance and certificate tests: a finished run with meetings and a roster."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from courses.models import ClassMeeting, Course, CourseCategory, CourseRun, CourseSkill, Enrollment
from skills.models import Skill, SkillCategory
from tests.factories import make_trainee


def make_skill(
    name: str, *, ncs_code: str = "", ncs_name: str = "", ncs_level: int | None = None
) -> Skill:
    category, _ = SkillCategory.objects.get_or_create(
        slug="manufacturing", defaults={"name": "제조·가공"}
    )
    return Skill.objects.create(
        category=category,
        name=name,
        name_en=name,
        ncs_code=ncs_code,
        ncs_name=ncs_name,
        ncs_level=ncs_level,
    )


def make_course(
    center, *, title="왁스 카빙과 주조", min_attendance=80, pass_mark=None, skills=(), **extra
) -> Course:
    category, _ = CourseCategory.objects.get_or_create(
        slug="manufacturing", defaults={"name": "제조 실무"}
    )
    course = Course.objects.create(
        center=center,
        category=category,
        title=title,
        title_en=extra.pop("title_en", "Wax carving and casting"),
        total_hours=extra.pop("total_hours", 16),
        is_published=True,
        completion_min_attendance=min_attendance,
        pass_mark=pass_mark,
        **extra,
    )
    for skill, level in skills:
        CourseSkill.objects.create(course=course, skill=skill, level=level)
    return course


def make_run(
    course, *, days_ago_ended: int = 1, meetings: int = 4, hours: int = 4, future_meetings: int = 0
) -> CourseRun:
    """A run that ended ``days_ago_ended`` days ago (negative: still going) with daily meetings."""
    ends_on = timezone.localdate() - dt.timedelta(days=days_ago_ended)
    starts_on = ends_on - dt.timedelta(days=max(meetings + future_meetings - 1, 0))
    run = CourseRun.objects.create(
        course=course,
        name="2026년 1기",
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=20,
        enrollment_opens_at=timezone.now() - dt.timedelta(days=60),
        enrollment_closes_at=timezone.now() - dt.timedelta(days=40),
    )
    for i in range(meetings + future_meetings):
        day = starts_on + dt.timedelta(days=i)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        ClassMeeting.objects.create(
            run=run,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=hours),
            topic=f"{i + 1}회차",
        )
    return run


def enroll(run, user=None, *, status=Enrollment.Status.CONFIRMED, **user_kwargs) -> Enrollment:
    user = user or make_trainee(**user_kwargs)
    return Enrollment.objects.create(
        run=run,
        user=user,
        status=status,
        confirmed_at=timezone.now() if status == Enrollment.Status.CONFIRMED else None,
        waitlist_position=1 if status == Enrollment.Status.WAITLISTED else None,
    )


def meetings(run) -> list[ClassMeeting]:
    return list(run.meetings.order_by("starts_at"))
