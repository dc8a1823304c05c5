"""Demo catalog for ``manage.py seed_demo``: the jewelry center's courses, past and upcoming runs
with a schedule, enrollments (one run full with a waitlist, one with a seat left, a screened run
with an application), then attendance and certificates for the runs that have ended.

Idempotent: courses are found by center and title, runs by course and start date, people by
email. Dates are relative to today. Enrollments go through the services, so they obey the
same seat rules as real ones.
"""

from __future__ import annotations

import datetime as dt

import holidays
from django.utils import timezone

from accounts import services as account_services
from accounts.consents import DOCUMENTS
from accounts.demo import JONGNO
from accounts.models import Center, User
from core.seeding import Demo
from skills.models import Skill

from .. import services
from ..models import ClassMeeting, Course, CourseCategory, CourseRun, Enrollment
from .attendance import seed_attendance_and_certificates
from .data import CATEGORIES, CLASSMATES, COURSES, DemoCourse

__all__ = ["seed", "seed_attendance_and_certificates"]

KR_HOLIDAYS = holidays.country_holidays("KR")


def _tally(demo: Demo, what: str, created: bool) -> None:
    """Count what was created, when the runner keeps a tally (older runners do not)."""
    count = getattr(demo, "count", None)
    if callable(count):
        count(what, created)


def seed(demo: Demo) -> None:
    categories = seed_categories(demo)
    runs = seed_catalog(demo, categories)
    classmates = seed_classmates(demo)
    seed_enrollments(demo, runs, classmates)
    seed_past_runs(demo)


def seed_categories(demo: Demo) -> dict[str, CourseCategory]:
    demo.section("과정 분류 (course categories)")
    result = {}
    for slug, name, name_en, order in CATEGORIES:
        category, created = CourseCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
        _tally(demo, "course categories", created)
        result[slug] = category
    return result


def _class_days(start: dt.date, count: int, weekdays: set[int]) -> list[dt.date]:
    """``count`` class days from ``start`` on the given weekdays, skipping Korean public holidays."""
    days, day = [], start
    while len(days) < count:
        if day.weekday() in weekdays and day not in KR_HOLIDAYS:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _schedule(course: DemoCourse, start: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """Evening courses: Tue/Thu 19:00–22:00; day courses: Mon/Wed/Fri 10:00–14:00 (lunch break kept out)."""
    if course.evenings:
        hours, weekdays, begin = 3, {1, 3}, dt.time(19, 0)
    else:
        hours, weekdays, begin = 4, {0, 2, 4}, dt.time(10, 0)
    count = max(1, round(course.hours / hours))
    sessions = []
    for day in _class_days(start, count, weekdays):
        starts = timezone.make_aware(dt.datetime.combine(day, begin))
        sessions.append((starts, starts + dt.timedelta(hours=hours)))
    return sessions


def seed_catalog(demo: Demo, categories: dict[str, CourseCategory]) -> dict[str, list[CourseRun]]:
    demo.section("과정과 기수 (catalog and runs)")
    today = timezone.localdate()
    runs_by_title: dict[str, list[CourseRun]] = {}
    for item in COURSES:
        center = Center.objects.get(slug=item.center)
        course = Course.objects.filter(center=center, title=item.title).first()
        _tally(demo, "courses", course is None)
        if course is None:
            skills = [(Skill.objects.get(name=name), level) for name, level in item.skills]
            course = services.course_create(
                center=center,
                category=categories[item.category],
                title=item.title,
                total_hours=item.hours,
                title_en=item.title_en,
                summary=item.summary,
                summary_en=item.summary_en,
                description=item.description,
                level=item.level,
                fee=item.fee,
                subsidy_note=item.subsidy,
                prerequisite_note=item.prerequisite,
                is_published=True,
                skills=skills,
            )
        runs = []
        for offset, capacity in item.runs:
            sessions = _schedule(item, today + dt.timedelta(days=offset))
            while offset < 0 and timezone.localdate(sessions[-1][0]) >= today:
                # A past run must have ended: start it earlier until its last class is behind us.
                offset -= 7
                sessions = _schedule(item, today + dt.timedelta(days=offset))
            starts_on = timezone.localdate(sessions[0][0])
            ends_on = timezone.localdate(sessions[-1][0])
            run = CourseRun.objects.filter(course=course, starts_on=starts_on).first()
            created = run is None
            if created:
                cohort = "1기" if offset < 0 else "2기"
                run = services.run_create(
                    course=course,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    capacity=capacity,
                    name=f"{starts_on.year}년 {cohort}",
                    place=item.place,
                    is_screened=bool(item.screened_questions),
                    application_questions=item.screened_questions,
                    enrollment_opens_at=timezone.now() - dt.timedelta(days=max(7, -offset + 30)),
                )
                ClassMeeting.objects.bulk_create(
                    [
                        ClassMeeting(run=run, starts_at=s, ends_at=e, topic=f"{n}회차")
                        for n, (s, e) in enumerate(sessions, start=1)
                    ]
                )
            _tally(demo, "course runs", created)
            runs.append(run)
        runs_by_title[item.title] = runs
        when = ", ".join(f"{r.starts_on:%m/%d}({r.capacity}명)" for r in runs)
        demo.log(f"{item.title} · {item.hours}시간 · {when}")
    return runs_by_title


def seed_classmates(demo: Demo) -> list[User]:
    demo.section("수강생 (extra trainees for the demo runs)")
    required = {key: True for key, doc in DOCUMENTS.items() if doc.required}
    users = []
    for email, name in CLASSMATES:
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            # 010-0xxx numbers are never assigned by carriers (see docs/demo-data.md).
            phone = f"010-0310-{CLASSMATES.index((email, name)) + 1:04d}"
            user = account_services.user_create(
                email=email,
                password=demo.password,
                name=name,
                phone=phone,
                is_trainee=True,
                email_verified=True,
            )
            account_services.consents_record(user=user, granted=required)
        _tally(demo, "classmates", created)
        users.append(user)
    demo.log(f"{len(users)}명")
    return users


def _enroll(run: CourseRun, user: User, answers: dict | None = None) -> Enrollment | None:
    """Enroll unless the person already has a place in the run (idempotent)."""
    existing = (
        Enrollment.objects.filter(run=run, user=user)
        .exclude(status__in=[Enrollment.Status.CANCELLED, Enrollment.Status.MOVED])
        .first()
    )
    return existing or services.enrollment_create(run=run, user=user, answers=answers)


def seed_enrollments(demo: Demo, runs: dict[str, list[CourseRun]], classmates: list[User]) -> None:
    demo.section("수강 신청과 대기 (enrollments and waitlists)")
    today = timezone.localdate()

    def upcoming(title: str) -> CourseRun:
        return next(r for r in runs[title] if r.starts_on > today)

    def person(email: str) -> User:
        return User.objects.get(email__iexact=email)

    # 주얼리 CAD: 6 seats, all taken, two waiting — 김민지 is first on the waitlist.
    cad = upcoming("주얼리 CAD 실무 (Rhino·Matrix)")
    for user in [person("jiwoo.choi@example.com"), *classmates[:5]]:
        _enroll(cad, user)
    _enroll(cad, person("minji.kim@example.com"))
    _enroll(cad, classmates[5])
    # 왁스 카빙과 주조: 8 seats, 7 taken — one seat left.
    wax = upcoming("왁스 카빙과 주조")
    for user in [person("doyun.lee@example.com"), *classmates[3:9]]:
        _enroll(wax, user)
    # 주얼리 창업 아카데미 (screened): 강하준's application waits for staff.
    academy = upcoming("주얼리 창업 아카데미")
    _enroll(
        academy,
        person("hajun.kang@example.com"),
        answers={
            "창업하려는 아이템을 소개해 주세요.": "은 소재 데일리 반지를 온라인으로 판매하는 1인 브랜드입니다.",
            "지금 창업 준비는 어느 단계인가요?": "시제품 10종을 만들었고 사업자 등록을 준비하고 있습니다.",
        },
    )
    # A few more, so the catalog shows different seat counts.
    _enroll(upcoming("보석감정 실무"), person("seojun.park@example.com"))
    _enroll(upcoming("주얼리 판매·VMD 실무"), person("minji.kim@example.com"))
    _enroll(upcoming("수제화 패턴 기초"), person("yerin.jung@example.com"))
    for title, run in (
        ("주얼리 CAD", cad),
        ("왁스 카빙과 주조", wax),
        ("주얼리 창업 아카데미", academy),
    ):
        counts = {
            s: run.enrollments.filter(status=s).count()
            for s in ("confirmed", "waitlisted", "pending")
        }
        demo.log(
            f"{title}: 정원 {run.capacity}, 확정 {counts['confirmed']}, 대기 {counts['waitlisted']}, "
            f"심사 중 {counts['pending']}"
        )


def seed_past_runs(demo: Demo) -> None:
    """Rosters, attendance and certificates for the runs that have ended (see ``attendance``)."""
    seed_attendance_and_certificates(demo, center_slug=JONGNO)
