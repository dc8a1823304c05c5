"""Writes of the outcome summaries: recompute the rows a change touches, or rebuild them all.

Every summary row is recomputed whole from the live records with the same building blocks as
``selectors.outcomes`` (never incremented), so a row is right whatever happened before; the
recomputation holds one transaction-level advisory lock, so two recomputations never
interleave and the later one always reads the later data. Keys say what changed (see
``reports.signals``); ``summaries_recompute`` resolves them into runs, days, fairs and people.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from courses.models import Course, CourseRun, Enrollment
from fairs.models import Booth, Fair
from jobs.models import Application, Employment, Posting

from ..models import DayFigure, FollowUp, RetentionDay, RetentionLink, RunSummary
from .common import lock
from .days import day_figures, days_below, recompute_days, recount_months
from .fairs import recompute_fairs
from .retention import recompute_links
from .runs import recompute_runs

Key = tuple  # ("run", id), ("person", id), ("center_day", center_id, "YYYY-MM-DD"), …


def _resolve(keys: Iterable[Key]) -> tuple[set, set, set, set, set]:
    """Runs, people, (center, day) pairs, fairs and (center, run end) days they touch."""
    retention_days: set[tuple[int, dt.date]] = set()
    runs: set[int] = set()
    people: set[int] = set()
    days: set[tuple[int, dt.date]] = set()
    fairs: set[int] = set()
    by_kind: dict[str, list] = defaultdict(list)
    for key in keys:
        by_kind[key[0]].append(tuple(key[1:]))

    def day(value) -> dt.date:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)

    runs |= {k[0] for k in by_kind["run"]}
    people |= {k[0] for k in by_kind["person"]}
    fairs |= {k[0] for k in by_kind["fair"]}
    days |= {(k[0], day(k[1])) for k in by_kind["center_day"]}
    if by_kind["enrollment"]:
        for run_id, user_id in Enrollment.objects.filter(
            pk__in=[k[0] for k in by_kind["enrollment"]]
        ).values_list("run_id", "user_id"):
            runs.add(run_id)
            people.add(user_id)
    if by_kind["run_people"] or by_kind["course"]:
        people |= set(
            Enrollment.objects.filter(
                Q(run_id__in=[k[0] for k in by_kind["run_people"]])
                | Q(run__course_id__in=[k[0] for k in by_kind["course"]])
            ).values_list("user_id", flat=True)
        )
        runs |= set(
            CourseRun.objects.filter(course_id__in=[k[0] for k in by_kind["course"]]).values_list(
                "pk", flat=True
            )
        )
    if by_kind["employment"]:
        people |= set(
            Employment.objects.filter(pk__in=[k[0] for k in by_kind["employment"]]).values_list(
                "person_id", flat=True
            )
        )
    if by_kind["booth"]:
        fairs |= set(
            Booth.objects.filter(pk__in=[k[0] for k in by_kind["booth"]]).values_list(
                "fair_id", flat=True
            )
        )
    for kind, model, path in (
        ("run_day", CourseRun, "course__center_id"),
        ("posting_day", Posting, "center_id"),
        ("application_day", Application, "posting__center_id"),
    ):
        if not by_kind[kind]:
            continue
        centers = dict(
            model.objects.filter(pk__in={k[0] for k in by_kind[kind]}).values_list("pk", path)
        )
        days |= {(centers[k[0]], day(k[1])) for k in by_kind[kind] if centers.get(k[0]) is not None}
    # an object on the center path moved (a posting to another center, a run to another
    # course…): the days of the records under it, where they count now and where they did
    for hop, pk in by_kind["below"]:
        days |= days_below(hop, pk)
    for hop, pk, center_id in by_kind["below_at"]:
        days |= {(center_id, d) for _, d in days_below(hop, pk)}
    if by_kind["course_day"]:
        centers = dict(
            Course.objects.filter(pk__in={k[0] for k in by_kind["course_day"]}).values_list(
                "pk", "center_id"
            )
        )
        retention_days |= {
            (centers[k[0]], day(k[1])) for k in by_kind["course_day"] if k[0] in centers
        }
    if people:
        # a person's jobs and businesses decide "employed" in each of their runs
        runs |= set(Enrollment.objects.filter(user_id__in=people).values_list("run_id", flat=True))
    return runs, people, days, fairs, retention_days


def summaries_recompute(*, keys: Iterable[Key]) -> dict[str, int]:
    """Recompute the summary rows the changes named by ``keys`` touch (idempotent)."""
    with timezone.override(timezone.get_default_timezone()), transaction.atomic():
        lock()
        runs, people, days, fairs, retention_days = _resolve(keys)
        recompute_runs(runs)
        recompute_days(days)
        recompute_fairs(fairs)
        recompute_links(people, retention_days)
    return {"runs": len(runs), "people": len(people), "days": len(days), "fairs": len(fairs)}


def summaries_rebuild(*, center_id: int | None = None) -> dict[str, int]:
    """Recompute every summary row (of one center, or of all)."""
    with timezone.override(timezone.get_default_timezone()), transaction.atomic():
        lock()
        runs = CourseRun.objects.all()
        fairs = Fair.objects.all()
        follow_ups = FollowUp.objects.all()
        days = DayFigure.objects.all()
        if center_id is not None:
            runs = runs.filter(course__center_id=center_id)
            fairs = fairs.filter(center_id=center_id)
            follow_ups = follow_ups.filter(
                employment__person__enrollments__run__course__center_id=center_id
            )
            days = days.filter(center_id=center_id)
        run_ids = set(runs.values_list("pk", flat=True))
        RunSummary.objects.exclude(run_id__in=CourseRun.objects.values("pk")).delete()
        recompute_runs(run_ids)
        days.delete()
        DayFigure.objects.bulk_create(
            day_figures(None if center_id is None else {center_id}, None), batch_size=5000
        )
        recount_months(center_id, None)
        fair_ids = set(fairs.values_list("pk", flat=True))
        recompute_fairs(fair_ids)
        people = set(follow_ups.values_list("employment__person_id", flat=True).distinct())
        if center_id is None:
            RetentionLink.objects.all().delete()
            RetentionDay.objects.all().delete()
        else:
            RetentionDay.objects.filter(center_id=center_id).delete()
        recompute_links(people, set(runs.values_list("course__center_id", "ends_on")))
    return {"runs": len(run_ids), "people": len(people), "fairs": len(fair_ids)}
