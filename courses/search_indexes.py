"""What search indexes from courses: published courses of active centers, with their runs.

Discovered by the search app (``search.registry``); this module never imports ``search``.
Seats and enrollment windows change with time, so the search app also refreshes courses hourly.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Center

from .models import SEAT_STATUSES, Course, CourseCategory, CourseRun, CourseSkill

SEATS = [("available", _("Seats available")), ("full", _("Full or not open"))]


def center_labels(ids: list[int]) -> dict[int, str]:
    return {center.pk: center.display_name for center in Center.objects.filter(pk__in=ids)}


def category_labels(ids: list[int]) -> dict[int, str]:
    return {c.pk: c.display_name for c in CourseCategory.objects.filter(pk__in=ids)}


def month_labels(values: list[int]) -> dict[int, str]:
    return {value: f"{value // 100}.{value % 100:02d}" for value in values}


class CourseSearchIndex:
    kind = "courses"
    label = _("Courses")
    model = "courses.Course"
    sorts = ["relevance", "newest", "deadline"]
    facets = [
        {"name": "center", "label": _("Center"), "labels": center_labels},
        {"name": "category", "label": _("Category"), "labels": category_labels},
        {"name": "level", "label": _("Level"), "choices": Course.Level.choices},
        {"name": "seats", "label": _("Seats"), "choices": SEATS},
        {
            "name": "month",
            "label": _("Start month"),
            "labels": month_labels,
            "multiple": True,
            "order": "value",
        },
    ]
    watch = {
        "courses.CourseRun": lambda run: [run.course_id],
        "courses.CourseSkill": lambda course_skill: [course_skill.course_id],
        "courses.Enrollment": lambda enrollment: [enrollment.run.course_id],
        "accounts.Center": lambda center: list(center.courses.values_list("pk", flat=True)),
    }

    def queryset(self):
        return Course.objects.filter(is_published=True, center__is_active=True)

    def prefetch(self, queryset):
        today = timezone.localdate()
        runs = (
            CourseRun.objects.filter(ends_on__gte=today)
            .exclude(status=CourseRun.Status.CANCELLED)
            .annotate(
                seats_taken=Count("enrollments", filter=Q(enrollments__status__in=SEAT_STATUSES))
            )
            .order_by("starts_on", "pk")
        )
        return queryset.select_related("center", "category").prefetch_related(
            Prefetch("runs", queryset=runs, to_attr="upcoming_runs"),
            Prefetch(
                "course_skills",
                queryset=CourseSkill.objects.select_related("skill"),
                to_attr="skill_rows",
            ),
        )

    def document(self, course: Course) -> dict:
        now = timezone.now()
        runs = getattr(course, "upcoming_runs", None)
        if runs is None:
            runs = list(self.prefetch(Course.objects.filter(pk=course.pk)).get().upcoming_runs)
            skill_rows = list(course.course_skills.select_related("skill"))
        else:
            skill_rows = course.skill_rows
        open_runs = [
            run
            for run in runs
            if run.status == CourseRun.Status.SCHEDULED
            and run.enrollment_opens_at <= now <= run.enrollment_closes_at
            and run.starts_on > timezone.localdate(now)
        ]
        has_seats = any(run.seats_taken < run.capacity for run in open_runs)
        next_close = min((run.enrollment_closes_at for run in open_runs), default=None)
        skill_names = " ".join(row.skill.name for row in skill_rows)
        body = " ".join(
            part
            for part in (
                course.title_en,
                course.summary,
                course.summary_en,
                skill_names,
                course.description,
                course.center.name,
                course.category.name,
                " ".join(run.name for run in runs if run.name),
            )
            if part
        )
        return {
            "title": course.title,
            "body": body,
            "url": reverse("courses:detail", args=[course.pk]),
            "published_at": course.created_at or now,
            "deadline": timezone.localdate(next_close) if next_close else None,
            "facets": {
                "center": course.center_id,
                "category": course.category_id,
                "level": course.level,
                "seats": "available" if has_seats else "full",
                "month": [run.starts_on.year * 100 + run.starts_on.month for run in runs],
            },
            "data": {
                "title_en": course.title_en,
                "summary": course.summary,
                "center": course.center.name,
                "category": course.category.name,
                "level": course.level,
                "total_hours": course.total_hours,
                "fee": course.fee,
                "runs": [
                    {
                        "id": run.pk,
                        "name": run.display_name,
                        "starts_on": run.starts_on.isoformat(),
                        "ends_on": run.ends_on.isoformat(),
                        "seats_left": max(0, run.capacity - run.seats_taken),
                    }
                    for run in runs[:4]
                ],
            },
            "suggest": [course.title] + ([course.title_en] if course.title_en else []),
        }


SEARCH_INDEXES = [CourseSearchIndex]
