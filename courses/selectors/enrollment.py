"""Reads for enrollments: a person's own, a run's roster by state, and the fetch helpers."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ..models import ACTIVE_STATUSES, Course, CourseRun, Enrollment

Status = Enrollment.Status


def get_enrollment_for_user(user, enrollment_id: int) -> Enrollment:
    """The person's own enrollment; else 404."""
    if not user.is_authenticated:
        raise Http404
    enrollment = (
        Enrollment.objects.select_related("run", "run__course")
        .filter(pk=enrollment_id, user=user)
        .first()
    )
    if enrollment is None:
        raise Http404
    return enrollment


def get_enrollment_for_staff(user, enrollment_id: int) -> Enrollment:
    """An enrollment in a run of a center this person runs as staff; else 404."""
    if not user.is_authenticated:
        raise Http404
    enrollment = (
        Enrollment.objects.select_related("run", "run__course", "user")
        .filter(pk=enrollment_id, run__course__center_id__in=user.staff_center_ids())
        .first()
    )
    if enrollment is None:
        raise Http404
    return enrollment


def enrollments_for_user(user) -> QuerySet[Enrollment]:
    """A person's enrollments, active first, with run and course loaded."""
    return (
        Enrollment.objects.filter(user=user)
        .exclude(status=Status.MOVED)
        .select_related("run", "run__course", "run__course__center")
        .order_by("-run__starts_on", "-created_at")
    )


def active_enrollments_for_user(user) -> QuerySet[Enrollment]:
    return enrollments_for_user(user).filter(status__in=ACTIVE_STATUSES)


def enrollments_by_run_for_user(user, course: Course) -> dict[int, Enrollment]:
    """run id → this person's latest enrollment in each run of a course (moves left out)."""
    if not user.is_authenticated:
        return {}
    rows = (
        Enrollment.objects.filter(user=user, run__course=course)
        .exclude(status=Status.MOVED)
        .order_by("created_at")
    )
    return {enrollment.run_id: enrollment for enrollment in rows}


def run_roster(run: CourseRun) -> dict[str, list[Enrollment]]:
    """A run's people by state, for the staff page."""
    rows = (
        Enrollment.objects.filter(run=run)
        .select_related("user", "decided_by", "moved_to__run")
        .order_by("created_at")
    )
    groups: dict[str, list[Enrollment]] = {
        "confirmed": [],
        "offered": [],
        "waitlisted": [],
        "pending": [],
        "inactive": [],
    }
    for row in rows:
        key = row.status if row.status in groups else "inactive"
        groups[key].append(row)
    groups["waitlisted"].sort(key=lambda e: e.waitlist_position or 0)
    return groups


def counselor_context_section(person) -> tuple[str, list[str]] | None:
    """The person's courses, for a counselor they booked (shown only with their consent)."""
    enrollments = (
        Enrollment.objects.filter(user=person)
        .select_related("run__course", "completion")
        .order_by("-run__starts_on")[:10]
    )
    lines = []
    for e in enrollments:
        completion = getattr(e, "completion", None)
        status = (
            completion.get_status_display()
            if completion is not None and completion.status != completion.Status.PENDING
            else e.get_status_display()
        )
        lines.append(
            f"{e.run.course.display_title} · {e.run.starts_on:%Y-%m-%d}–{e.run.ends_on:%Y-%m-%d} · {status}"
        )
    return (_("Courses"), lines) if lines else None
