"""Run summaries: a run's training and employment counts."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils import timezone

from courses.models import Completion, CourseRun, Enrollment

from ..models import RunSummary
from ..selectors.outcomes import marked_completions, run_counts, training_counts
from .common import chunks


def recompute_runs(run_ids: set[int]) -> None:
    for chunk in chunks(run_ids):
        runs = CourseRun.objects.filter(pk__in=chunk).values(
            "pk", "course_id", "course__center_id", "ends_on"
        )
        evaluated = Q(status=Enrollment.Status.CONFIRMED, completion__evaluated_at__isnull=False)
        training = {
            row["run_id"]: row
            for row in Enrollment.objects.filter(run_id__in=chunk)
            .values("run_id")
            .annotate(
                enrollments=Count("pk"),
                rated=Count("completion__attendance_rate", filter=evaluated),
                attendance_sum=Sum("completion__attendance_rate", filter=evaluated),
                **training_counts(),
            )
            .order_by()
        }
        employment = {
            row["enrollment__run_id"]: row
            for row in marked_completions(Completion.objects.filter(enrollment__run_id__in=chunk))
            .values("enrollment__run_id")
            .annotate(**run_counts())
            .order_by()
        }
        now = timezone.now()
        rows = []
        for run in runs:
            t = training.get(run["pk"], {})
            e = employment.get(run["pk"], {})
            rows.append(
                RunSummary(
                    run_id=run["pk"],
                    center_id=run["course__center_id"],
                    course_id=run["course_id"],
                    ends_on=run["ends_on"],
                    enrollments=t.get("enrollments", 0),
                    enrolled=t.get("enrolled", 0),
                    dropouts=t.get("dropouts", 0),
                    completed=t.get("completed", 0),
                    not_completed=t.get("not_completed", 0),
                    evaluated=t.get("evaluated", 0),
                    rated=t.get("rated", 0),
                    attendance_sum=t.get("attendance_sum") or 0,
                    completers=e.get("completers", 0),
                    employed=e.get("employed", 0),
                    excluded=e.get("excluded", 0),
                    computed_at=now,
                )
            )
        RunSummary.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["run"],
            update_fields=[f.name for f in RunSummary._meta.concrete_fields if not f.primary_key],
        )
