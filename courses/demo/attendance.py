"""Demo data for attendance and certificates: past runs get a roster, attendance and 수료증.

``courses.demo.seed`` calls :func:`seed_attendance_and_certificates` after it has created
the catalog and its runs. Idempotent: a run that already has attendance or has been
evaluated is left alone. PDFs are rendered by the certificate task after the seed
transaction commits (in-process without a broker).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.demo import JONGNO, STAFF, TRAINEES
from accounts.models import User

from ..models import Attendance, ClassMeeting, CourseRun, Enrollment
from ..selectors import roster
from ..services import attendance_record_bulk, completion_evaluate_run

# Marks per trainee, repeated over the meetings: most attend fully, one is late now
# and then, one leaves early twice, and one misses too much to complete (< 80 %).
PATTERNS = [
    ["present"],
    ["present", "present", "late", "present"],
    ["present", "early_leave", "present", "present", "early_leave"],
    ["present", "absent", "absent", "late", "absent"],
    ["present", "present", "present", "present", "late"],
]
MAX_MEETINGS = 8


def _ensure_meetings(run: CourseRun) -> list[ClassMeeting]:
    """A past run seeded without a schedule gets up to eight meetings spread over its dates."""
    meetings = list(run.meetings.order_by("starts_at"))
    if meetings:
        return meetings
    days = (run.ends_on - run.starts_on).days + 1
    count = max(1, min(MAX_MEETINGS, days))
    hours = max(1, min(8, round(run.course.total_hours / count)))
    step = (days - 1) / (count - 1) if count > 1 else 0
    for i in range(count):
        day = run.starts_on + dt.timedelta(days=round(i * step))
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        ClassMeeting.objects.create(
            run=run,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=hours),
            topic=f"{i + 1}회차 실습",
        )
    return list(run.meetings.order_by("starts_at"))


def _ensure_roster(run: CourseRun) -> list[Enrollment]:
    """Past runs without anyone confirmed get the demo trainees (written directly: enrolment is closed)."""
    current = list(roster(run))
    if current:
        return current
    people = User.objects.filter(
        email__in=[person.email for person, _optional in TRAINEES]
    ).order_by("email")
    for user in people[: len(PATTERNS)]:
        if not Enrollment.objects.filter(run=run, user=user).exists():
            Enrollment.objects.create(
                run=run,
                user=user,
                status=Enrollment.Status.CONFIRMED,
                confirmed_at=timezone.make_aware(dt.datetime.combine(run.starts_on, dt.time(9, 0)))
                - dt.timedelta(days=14),
            )
    return list(roster(run))


def seed_attendance_and_certificates(demo, *, center_slug: str = JONGNO) -> None:
    """Attendance and issued certificates for the center's runs that have ended."""
    demo.section("출결·수료증 (attendance and certificates)")
    staff = User.objects.filter(email=STAFF[center_slug][0].email).first()
    today = timezone.localdate()
    runs = CourseRun.objects.filter(
        course__center__slug=center_slug, ends_on__lt=today, status=CourseRun.Status.SCHEDULED
    ).select_related("course")
    for run in runs:
        if Attendance.objects.filter(meeting__run=run).exists():
            continue
        meetings = _ensure_meetings(run)
        enrollments = _ensure_roster(run)
        if not enrollments:
            continue
        for index, meeting in enumerate(meetings):
            marks = {
                e.pk: PATTERNS[n % len(PATTERNS)][index % len(PATTERNS[n % len(PATTERNS)])]
                for n, e in enumerate(enrollments)
            }
            attendance_record_bulk(meeting=meeting, marks=marks, by=staff)
        result = completion_evaluate_run(run_id=run.pk, by=staff)
        demo.log(
            f"{run}: {len(meetings)}회 수업, {result.evaluated}명 중 {result.completed}명 수료, "
            f"수료증 {result.certificates_issued}건"
        )
