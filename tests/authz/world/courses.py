"""Center 1's course with an open run, trainee A's enrollment, and trainee A's certificate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from courses.models import Attendance, Certificate, Completion, CourseSkill
from tests.authz import personas as p
from tests.authz.world import PDF
from tests.courses.factories import (
    ClassMeetingFactory,
    CourseFactory,
    CourseRunFactory,
    EnrollmentFactory,
)


def build(world) -> None:
    center = world.objects["center_1"]
    trainee_a = world.users[p.TRAINEE_A]
    course = world.add("course", CourseFactory(center=center, title="왁스 카빙 실무"))
    CourseSkill.objects.create(course=course, skill=world.objects["skill"], level=3)
    world.add(
        "course_draft",
        CourseFactory(center=center, title="준비 중인 과정", is_published=False),
    )
    run = world.add("run", CourseRunFactory(course=course, name="1기"))  # open, starts in 30 days
    world.add(
        "run_2",
        CourseRunFactory(
            course=course, name="2기", starts_on=timezone.localdate() + dt.timedelta(60)
        ),
    )
    world.add("meeting", ClassMeetingFactory(run=run))
    world.add("enrollment_a", EnrollmentFactory(run=run, user=trainee_a))

    # A run that has ended, which trainee A completed: the certificate's PDF is already made.
    today = timezone.localdate()
    past = world.add(
        "run_past",
        CourseRunFactory(
            course=course,
            name="0기",
            starts_on=today - dt.timedelta(days=40),
            ends_on=today - dt.timedelta(days=10),
            enrollment_opens_at=timezone.now() - dt.timedelta(days=80),
            enrollment_closes_at=timezone.now() - dt.timedelta(days=41),
        ),
    )
    meeting = world.add(
        "meeting_past",
        ClassMeetingFactory(
            run=past,
            starts_at=timezone.now() - dt.timedelta(days=20),
            ends_at=timezone.now() - dt.timedelta(days=20) + dt.timedelta(hours=4),
        ),
    )
    done = world.add("enrollment_done", EnrollmentFactory(run=past, user=trainee_a))
    Attendance.objects.create(
        meeting=meeting, enrollment=done, status="present", recorded_by=world.users[p.STAFF]
    )
    Completion.objects.create(
        enrollment=done,
        status=Completion.Status.COMPLETED,
        attendance_rate=Decimal("100.0"),
        hours_attended=Decimal("4.0"),
        evaluated_at=timezone.now() - dt.timedelta(days=9),
    )
    certificate = Certificate.objects.create(
        enrollment=done,
        user=trainee_a,
        run=past,
        serial="AUTHZ-2026-0001",
        holder_name=trainee_a.name,
        course_title=course.title,
        hours_attended=Decimal("4.0"),
        attendance_rate=Decimal("100.0"),
        issued_at=timezone.now() - dt.timedelta(days=9),
        issued_by=world.users[p.STAFF],
    )
    certificate.pdf.save("certificate.pdf", ContentFile(PDF), save=False)
    certificate.pdf_generated_at = timezone.now()
    certificate.save(update_fields=["pdf", "pdf_generated_at"])
    world.keep_file(certificate.pdf)
    world.add("certificate", certificate)
