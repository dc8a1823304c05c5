"""The catalog: courses, their skills and instructors, and runs (cohorts) with their capacity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_action
from core.emails import send_templated_email
from core.exceptions import ConflictError
from skills.models import Skill

from ..models import ACTIVE_STATUSES, Course, CourseCategory, CourseRun, CourseSkill, Enrollment
from .seats import fill_freed_seats, lock_run, seats_taken

Status = Enrollment.Status

COURSE_FIELDS = (
    "category",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "description",
    "level",
    "total_hours",
    "fee",
    "subsidy_note",
    "image_alt",
    "prerequisite_note",
    "completion_min_attendance",
    "pass_mark",
    "is_published",
)
RUN_FIELDS = (
    "name",
    "starts_on",
    "ends_on",
    "place",
    "online_url",
    "capacity",
    "enrollment_opens_at",
    "enrollment_closes_at",
    "is_screened",
    "application_questions",
    "waitlist_enabled",
)


def _validate_course(course: Course) -> None:
    errors: dict[str, list[str]] = {}
    if not course.title.strip():
        errors.setdefault("title", []).append(_("Give the course a title."))
    if not course.total_hours or course.total_hours <= 0:
        errors.setdefault("total_hours", []).append(
            _("A course needs its total training hours (at least 1).")
        )
    if (
        course.completion_min_attendance is not None
        and not 0 <= course.completion_min_attendance <= 100
    ):
        errors.setdefault("completion_min_attendance", []).append(
            _("Enter a percentage from 0 to 100.")
        )
    if errors:
        raise ValidationError(errors)


def _set_course_skills(course: Course, skills: list[tuple[Skill, int]]) -> None:
    seen = set()
    for skill, level in skills:
        if skill.pk in seen:
            raise ValidationError({"skills": _("Each skill may appear only once.")})
        if not 1 <= int(level) <= 5:
            raise ValidationError({"skills": _("Choose a level from 1 to 5.")})
        seen.add(skill.pk)
    CourseSkill.objects.filter(course=course).exclude(skill_id__in=seen).delete()
    for skill, level in skills:
        CourseSkill.objects.update_or_create(
            course=course, skill=skill, defaults={"level": int(level)}
        )


def _check_fields(fields: dict, allowed: Iterable[str]) -> None:
    """A caller passing a field the service does not know is a programming error, not input."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _save_course(
    course: Course, skills: list[tuple[Skill, int]] | None, instructors: Iterable | None
) -> Course:
    _validate_course(course)
    course.save()
    if skills is not None:
        _set_course_skills(course, skills)
    if instructors is not None:
        course.instructors.set(instructors)
    return course


@transaction.atomic
def course_create(
    *,
    center,
    category: CourseCategory,
    title: str,
    total_hours: int,
    skills: list[tuple[Skill, int]] | None = None,
    instructors: Iterable | None = None,
    **fields,
) -> Course:
    """Create a course of ``center``; ``fields`` are further Course fields (see COURSE_FIELDS)."""
    _check_fields(fields, [*COURSE_FIELDS, "image"])
    course = Course(
        center=center, category=category, title=title, total_hours=total_hours, **fields
    )
    return _save_course(course, skills, instructors)


@transaction.atomic
def course_update(
    *,
    course: Course,
    skills: list[tuple[Skill, int]] | None = None,
    instructors: Iterable | None = None,
    **fields,
) -> Course:
    """Change a course's fields, and its skills or instructors when given."""
    _check_fields(fields, [*COURSE_FIELDS, "image"])
    for name, value in fields.items():
        setattr(course, name, value)
    return _save_course(course, skills, instructors)


def _validate_run(run: CourseRun) -> None:
    errors: dict[str, list[str]] = {}
    if run.starts_on and run.ends_on and run.ends_on < run.starts_on:
        errors.setdefault("ends_on", []).append(_("The end date is before the start date."))
    if run.capacity is None or run.capacity < 1:
        errors.setdefault("capacity", []).append(_("Capacity must be at least 1."))
    if (
        run.enrollment_opens_at
        and run.enrollment_closes_at
        and run.enrollment_closes_at < run.enrollment_opens_at
    ):
        errors.setdefault("enrollment_closes_at", []).append(
            _("Enrollment cannot close before it opens.")
        )
    if run.is_screened and not run.questions:
        errors.setdefault("application_questions", []).append(
            _("A screened run needs at least one application question.")
        )
    if errors:
        raise ValidationError(errors)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def run_create(
    *, course: Course, starts_on: dt.date, ends_on: dt.date, capacity: int, **fields
) -> CourseRun:
    """Add a run. Enrollment is open from now until the start unless the window is given."""
    _check_fields(fields, RUN_FIELDS)
    now = timezone.now()
    fields.setdefault("enrollment_opens_at", None)
    fields.setdefault("enrollment_closes_at", None)
    run = CourseRun(
        course=course, starts_on=starts_on, ends_on=ends_on, capacity=capacity, **fields
    )
    if run.enrollment_closes_at is None and starts_on:
        run.enrollment_closes_at = _start_of(starts_on)
    if run.enrollment_opens_at is None:
        run.enrollment_opens_at = (
            min(now, run.enrollment_closes_at) if run.enrollment_closes_at else now
        )
    _validate_run(run)
    run.save()
    return run


def run_update(*, run: CourseRun, by, **fields) -> CourseRun:
    """Change a run. A new capacity is checked against the seats taken, under the run lock.

    A capacity change is recorded in the audit log; raised capacity is offered to the waitlist.
    """
    _check_fields(fields, RUN_FIELDS)
    with transaction.atomic():
        locked = lock_run(run.pk)
        old_capacity = locked.capacity
        for name, value in fields.items():
            setattr(locked, name, value)
        _validate_run(locked)
        if "capacity" in fields and locked.capacity != old_capacity:
            taken = seats_taken(locked)
            if locked.capacity < taken:
                raise ValidationError(
                    {
                        "capacity": [
                            _(
                                "Capacity cannot be lower than the %(count)d seats already taken (confirmed or offered)."
                            )
                            % {"count": taken}
                        ]
                    }
                )
        locked.save()
        if locked.capacity != old_capacity:
            log_action(
                by,
                "courses.run.capacity_changed",
                locked,
                {"from": old_capacity, "to": locked.capacity},
            )
        if locked.capacity > old_capacity:
            fill_freed_seats(locked)
    return locked


def run_set_capacity(*, run: CourseRun, capacity: int, by) -> CourseRun:
    """Change a run's capacity; never below the confirmed seats and open offers."""
    return run_update(run=run, by=by, capacity=capacity)


def run_cancel(*, run: CourseRun, by) -> CourseRun:
    """Cancel a run and every active enrollment in it; each person hears it by email after commit.

    Locks the run row. Applicants, confirmed trainees, people holding an offer and the
    waitlist are all cancelled; the audit log records the run's and each person's cancellation.
    """
    with transaction.atomic():
        locked = lock_run(run.pk)
        if locked.status == CourseRun.Status.COMPLETED:
            raise ValidationError(_("A finished run cannot be cancelled."))
        if locked.status == CourseRun.Status.CANCELLED:
            raise ConflictError(_("This run was cancelled."))
        now = timezone.now()
        locked.status = CourseRun.Status.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        affected = list(
            Enrollment.objects.filter(run_id=locked.pk, status__in=ACTIVE_STATUSES).select_related(
                "user"
            )
        )
        Enrollment.objects.filter(pk__in=[e.pk for e in affected]).update(
            status=Status.CANCELLED,
            cancelled_at=now,
            waitlist_position=None,
            offer_expires_at=None,
            updated_at=now,
        )
        course = Course.objects.get(pk=locked.course_id)
        log_action(by, "courses.run.cancelled", locked, {"enrollments": len(affected)})
        for enrollment in affected:
            enrollment.run = locked
            log_action(by, "courses.enrollment.run_cancelled", enrollment)
            _email_run_cancelled(enrollment, locked, course)
    return locked


def _email_run_cancelled(enrollment: Enrollment, run: CourseRun, course: Course) -> None:
    user = enrollment.user
    send_templated_email(
        "course-run-cancelled",
        to=[user.email],
        context={
            "name": user.name,
            "course_title": course.title,
            "run_name": run.display_name,
            "starts_on": run.starts_on,
            "was_waitlisted": enrollment.status == Status.WAITLISTED,
            "was_pending": enrollment.status == Status.PENDING,
            "url": settings.SITE_URL + reverse("courses:detail", args=[course.pk]),
        },
        language=user.language,
    )
