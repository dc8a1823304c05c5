"""Reads for the catalog (courses and runs) and the fetch helpers that check who may see them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..models import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    ClassMeeting,
    Course,
    CourseRun,
    CourseSkill,
    Enrollment,
)

Status = Enrollment.Status


def runs_with_counts(qs: QuerySet[CourseRun] | None = None) -> QuerySet[CourseRun]:
    """Runs annotated with ``seats_taken``, ``waitlist_length`` and ``pending_count`` in one query."""
    qs = CourseRun.objects.all() if qs is None else qs
    return qs.annotate(
        seats_taken=Count("enrollments", filter=Q(enrollments__status__in=SEAT_STATUSES)),
        waitlist_length=Count("enrollments", filter=Q(enrollments__status=Status.WAITLISTED)),
        pending_count=Count("enrollments", filter=Q(enrollments__status=Status.PENDING)),
    )


def seats_left(run: CourseRun) -> int:
    """Free seats of an annotated run (never negative)."""
    return max(0, run.capacity - run.seats_taken)


def _open_runs(now: dt.datetime) -> QuerySet[CourseRun]:
    return CourseRun.objects.filter(
        status=CourseRun.Status.SCHEDULED,
        starts_on__gt=timezone.localdate(now),
        enrollment_opens_at__lte=now,
        enrollment_closes_at__gte=now,
    )


def course_list(
    *,
    q: str = "",
    center: str = "",
    category: str = "",
    level: str = "",
    month: str = "",
    has_seats: bool = False,
    include_unpublished_for=None,
) -> QuerySet[Course]:
    """Published courses matching the filters, each with its upcoming runs prefetched and counted.

    ``month`` is ``YYYY-MM``: courses with a run starting that month. ``has_seats``: a run open for
    enrollment with a free seat. Four queries for the whole page (courses, runs, class meetings, count), whatever its length.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    qs = Course.objects.filter(is_published=True, center__is_active=True)
    if q:
        for word in q.split()[:5]:
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(title_en__icontains=word)
                | Q(summary__icontains=word)
                | Q(summary_en__icontains=word)
                | Q(course_skills__skill__name__icontains=word)
            )
        qs = qs.distinct()
    if center:
        qs = qs.filter(center__slug=center)
    if category:
        qs = qs.filter(category__slug=category)
    if level:
        qs = qs.filter(level=level)
    if month:
        try:
            year, mon = (int(part) for part in month.split("-", 1))
            first = dt.date(year, mon, 1)
        except (TypeError, ValueError):
            first = None
        if first is not None:
            nxt = dt.date(year + (mon == 12), mon % 12 + 1, 1)
            qs = qs.filter(
                Exists(
                    CourseRun.objects.filter(
                        course=OuterRef("pk"),
                        starts_on__gte=first,
                        starts_on__lt=nxt,
                    ).exclude(status=CourseRun.Status.CANCELLED)
                )
            )
    if has_seats:
        with_seats = (
            _open_runs(now)
            .filter(course=OuterRef("pk"))
            .annotate(taken=Count("enrollments", filter=Q(enrollments__status__in=SEAT_STATUSES)))
            .filter(taken__lt=F("capacity"))
        )
        qs = qs.filter(Exists(with_seats))
    upcoming = (
        runs_with_counts(
            CourseRun.objects.filter(ends_on__gte=today).exclude(status=CourseRun.Status.CANCELLED)
        )
        .prefetch_related(Prefetch("meetings", queryset=ClassMeeting.objects.order_by("starts_at")))
        .order_by("starts_on", "pk")
    )
    return (
        qs.select_related("center", "category")
        .prefetch_related(Prefetch("runs", queryset=upcoming, to_attr="upcoming_runs"))
        .order_by("category__sort_order", "title", "pk")
    )


def course_detail_runs(course: Course) -> list[CourseRun]:
    """A course's runs that are not cancelled, newest last, with seat counts and class schedule."""
    runs = (
        runs_with_counts(course.runs.exclude(status=CourseRun.Status.CANCELLED))
        .prefetch_related(Prefetch("meetings", queryset=ClassMeeting.objects.order_by("starts_at")))
        .order_by("starts_on", "pk")
    )
    result = list(runs)
    for run in result:
        run.course = course  # so enrollment_is_open() does not query again
        run.schedule = class_schedule(run.meetings.all())
    return result


def _skills_in_order() -> QuerySet[CourseSkill]:
    return CourseSkill.objects.select_related("skill", "skill__category").order_by("skill__name")


def class_schedule(meetings) -> list[dict]:
    """Class days and hours in Seoul, grouped: [{"days": [datetime, …], "start", "end"}].

    Each group is one time of day (e.g. 19:00–22:00) with one sample meeting per weekday, in
    weekday order, so a template shows "Tue · Thu 19:00–22:00" in the viewer's language.
    """
    seoul = timezone.get_default_timezone()
    groups: dict[tuple, dict[int, dt.datetime]] = {}
    for meeting in meetings:
        start = timezone.localtime(meeting.starts_at, seoul)
        end = timezone.localtime(meeting.ends_at, seoul)
        groups.setdefault((start.time(), end.time()), {}).setdefault(start.weekday(), start)
    return [
        {"days": [days[d] for d in sorted(days)], "start": start, "end": end}
        for (start, end), days in sorted(groups.items())
    ]


def course_skills(course: Course) -> QuerySet[CourseSkill]:
    return _skills_in_order().filter(course=course)


def with_course_skills(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Each course's skills in one more query for the whole page (``course.prefetched_skills``)."""
    return courses.prefetch_related(
        Prefetch("course_skills", queryset=_skills_in_order(), to_attr="prefetched_skills")
    )


# --- fetch helpers that check rights (another center's or person's object answers 404) --------


def get_course_for_viewer(user, course_id: int) -> Course:
    """A published course, or an unpublished one of a center this person runs; else 404."""
    course = Course.objects.select_related("center", "category").filter(pk=course_id).first()
    if course is None:
        raise Http404
    if course.is_published and course.center.is_active:
        return course
    if user.is_authenticated and course.center_id in user.staff_center_ids():
        return course
    raise Http404


def get_run_for_viewer(user, run_id: int) -> CourseRun:
    run = CourseRun.objects.select_related("course", "course__center").filter(pk=run_id).first()
    if run is None:
        raise Http404
    get_course_for_viewer(user, run.course_id)
    return run


def get_course_for_staff(user, course_id: int) -> Course:
    """A course of a center this person runs as staff; else 404."""
    if not user.is_authenticated:
        raise Http404
    course = (
        Course.objects.select_related("center", "category")
        .filter(pk=course_id, center_id__in=user.staff_center_ids())
        .first()
    )
    if course is None:
        raise Http404
    return course


def get_run_for_staff(user, run_id: int) -> CourseRun:
    if not user.is_authenticated:
        raise Http404
    run = (
        CourseRun.objects.select_related("course", "course__center", "course__category")
        .filter(pk=run_id, course__center_id__in=user.staff_center_ids())
        .first()
    )
    if run is None:
        raise Http404
    return run


def courses_for_staff(user) -> QuerySet[Course]:
    return (
        Course.objects.filter(center_id__in=user.staff_center_ids())
        .select_related("center", "category")
        .annotate(run_count=Count("runs", distinct=True))
        .order_by("center__name", "title")
    )


def move_targets(run: CourseRun) -> QuerySet[CourseRun]:
    """Runs of the same center someone in ``run`` can be moved to."""
    return (
        CourseRun.objects.filter(
            course__center_id=run.course.center_id,
            status=CourseRun.Status.SCHEDULED,
            ends_on__gte=timezone.localdate(),
        )
        .exclude(pk=run.pk)
        .select_related("course")
        .order_by("course__title", "starts_on")
    )


def courses_taken_by(user_id: int) -> QuerySet:
    """Ids of courses this person is enrolled in, waiting for, or has completed (a subquery)."""
    return (
        Enrollment.objects.filter(user_id=user_id)
        .filter(Q(status__in=ACTIVE_STATUSES) | Q(completion__status="completed"))
        .values("run__course_id")
    )
