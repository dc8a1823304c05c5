"""Writes of the outcome summaries: recompute the rows a change touches, or rebuild them all.

Every summary row is recomputed whole from the live records with the same building blocks as
``selectors.outcomes`` (never incremented), so a row is right whatever happened before; the
recomputation holds one transaction-level advisory lock, so two recomputations never
interleave and the later one always reads the later data. Keys say what changed (see
``reports.signals``); ``summaries_recompute`` resolves them into runs, days, fairs and people.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from consulting.models import Booking
from courses.models import Certificate, Completion, Course, CourseRun, Enrollment
from fairs.models import Booth, Conversation, Fair, Registration
from fairs.models import Interview as FairInterview
from jobs.models import Application, Employment, Interview, Offer

from .models import (
    DayFigure,
    FairSummary,
    FollowUp,
    RetentionDay,
    RetentionLink,
    RunSummary,
)
from .selectors.outcomes import (
    EMPLOYMENT_WINDOW_MONTHS,
    MAX_RUN_DAYS,
    _add_months,
    marked_completions,
    run_counts,
    training_counts,
)

logger = logging.getLogger(__name__)

LOCK_ID = 0x5245504F  # "REPO": one lock for every summary write
CHUNK = 1000

Key = tuple  # ("run", id), ("person", id), ("center_day", center_id, "YYYY-MM-DD"), …


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])


def _chunks(ids: Iterable[int]):
    ordered = sorted(ids)
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i : i + CHUNK]


# --- course runs ---------------------------------------------------------------------------


def _recompute_runs(run_ids: set[int]) -> None:
    for chunk in _chunks(run_ids):
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


# --- per-day counts ------------------------------------------------------------------------


def _day_sources():
    """(metric, queryset, center path, day field, is a datetime, dimensions, aggregates)."""
    time_to_hire = ExpressionWrapper(
        F("created_at") - F("application__created_at"), output_field=DurationField()
    )
    return [
        (
            DayFigure.Metric.CERTIFICATES,
            Certificate.objects.filter(revoked_at__isnull=True),
            "run__course__center_id",
            "issued_at",
            True,
            (),
            {"n": Count("pk")},
        ),
        (
            DayFigure.Metric.CONSULTATIONS,
            Booking.objects.filter(status=Booking.Status.COMPLETED),
            "center_id",
            "start",
            True,
            ("type__category", "outcome"),
            {"n": Count("pk")},
        ),
        (
            DayFigure.Metric.APPLICATIONS,
            Application.objects.all(),
            "posting__center_id",
            "created_at",
            True,
            (),
            {"n": Count("pk")},
        ),
        (
            DayFigure.Metric.INTERVIEWS,
            Interview.objects.all(),
            "application__posting__center_id",
            "created_at",
            True,
            (),
            {"n": Count("pk")},
        ),
        (
            DayFigure.Metric.INTERVIEWS_HELD,
            Interview.objects.filter(status=Interview.Status.HELD),
            "application__posting__center_id",
            "created_at",
            True,
            (),
            {"n": Count("pk")},
        ),
        (
            DayFigure.Metric.OFFERS,
            Offer.objects.all(),
            "application__posting__center_id",
            "created_at",
            True,
            (),
            {"n": Count("pk")},
        ),
        (
            DayFigure.Metric.OFFERS_ACCEPTED,
            Offer.objects.filter(status=Offer.Status.ACCEPTED),
            "application__posting__center_id",
            "created_at",
            True,
            (),
            {"n": Count("pk")},
        ),
        (
            DayFigure.Metric.HIRES,
            Employment.objects.filter(posting__isnull=False),
            "posting__center_id",
            "start_date",
            False,
            (),
            {"n": Count("pk")},
        ),
        (
            DayFigure.Metric.HIRES_TIMED,
            Employment.objects.filter(posting__isnull=False, application__isnull=False),
            "posting__center_id",
            "start_date",
            False,
            (),
            {"n": Count("pk"), "total": Sum(time_to_hire)},
        ),
    ]


def _day_figures(centers: set[int] | None, days: set[dt.date] | None) -> list[DayFigure]:
    found: dict[tuple, list] = defaultdict(lambda: [0, None])
    for metric, queryset, center_path, day_field, is_datetime, dims, aggregates in _day_sources():
        if centers is not None:
            queryset = queryset.filter(**{f"{center_path}__in": centers})
        if days is not None:
            lookup = f"{day_field}__date__in" if is_datetime else f"{day_field}__in"
            queryset = queryset.filter(**{lookup: days})
        day = TruncDate(day_field) if is_datetime else F(day_field)
        rows = (
            queryset.annotate(summary_center=F(center_path), summary_day=day)
            .values("summary_center", "summary_day", *dims)
            .annotate(**aggregates)
            .order_by()
        )
        for row in rows:
            category = (row.get(dims[0]) or "") if dims else ""
            outcome = (row.get(dims[1]) or "") if len(dims) > 1 else ""
            key = (row["summary_center"], row["summary_day"], metric, category, outcome)
            found[key][0] += row["n"]
            if row.get("total") is not None:
                found[key][1] = (found[key][1] or dt.timedelta()) + row["total"]
    return [
        DayFigure(
            center_id=center,
            day=day,
            metric=metric,
            category=category,
            outcome=outcome,
            n=n,
            total=total,
        )  # fmt: skip
        for (center, day, metric, category, outcome), (n, total) in found.items()
    ]


def _recompute_days(center_days: set[tuple[int, dt.date]]) -> None:
    by_center: dict[int, set[dt.date]] = defaultdict(set)
    for center_id, day in center_days:
        by_center[center_id].add(day)
    for center_id, days in by_center.items():
        DayFigure.objects.filter(center_id=center_id, day__in=days).delete()
        DayFigure.objects.bulk_create(_day_figures({center_id}, days))


# --- fairs ---------------------------------------------------------------------------------


def _recompute_fairs(fair_ids: set[int]) -> None:
    for chunk in _chunks(fair_ids):
        counts: dict[int, dict] = defaultdict(dict)
        for row in (
            Booth.objects.filter(fair_id__in=chunk, status=Booth.Status.APPROVED)
            .values("fair_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[row["fair_id"]]["booths"] = row["n"]
        for row in (
            Registration.objects.filter(fair_id__in=chunk, cancelled_at__isnull=True)
            .values("fair_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[row["fair_id"]]["registrations"] = row["n"]
        for row in (
            Conversation.objects.filter(booth__fair_id__in=chunk)
            .values("booth__fair_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[row["booth__fair_id"]]["conversations"] = row["n"]
        for row in (
            FairInterview.objects.filter(booth__fair_id__in=chunk)
            .values("booth__fair_id")
            .annotate(
                booked=Count("pk", filter=~Q(status=FairInterview.Status.CANCELLED)),
                held=Count("pk", filter=Q(status=FairInterview.Status.HELD)),
            )
            .order_by()
        ):
            counts[row["booth__fair_id"]]["interviews_booked"] = row["booked"]
            counts[row["booth__fair_id"]]["interviews_held"] = row["held"]
        fields = [
            "booths",
            "registrations",
            "conversations",
            "interviews_booked",
            "interviews_held",
        ]
        rows = [
            FairSummary(fair_id=pk, **{f: counts[pk].get(f, 0) for f in fields})
            for pk in Fair.objects.filter(pk__in=chunk).values_list("pk", flat=True)
        ]
        FairSummary.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["fair"], update_fields=fields
        )


# --- retention -----------------------------------------------------------------------------


def _recompute_links(person_ids: set[int], days: set[tuple[int, dt.date]]) -> None:
    """Which runs each follow-up of these people counts for (the job in the run's window).

    ``days`` adds (center, run end) days to recount, such as a deleted run's.
    """
    touched: set[tuple[int, dt.date]] = set(days)
    for chunk in _chunks(person_ids):
        old = RetentionLink.objects.filter(follow_up__employment__person_id__in=chunk)
        touched |= set(old.values_list("center_id", "ends_on"))
        # links a cascade already deleted (a job, a follow-up) were on these people's runs
        touched |= set(
            Enrollment.objects.filter(user_id__in=chunk).values_list(
                "run__course__center_id", "run__ends_on"
            )
        )
        old.delete()
        completions: dict[int, list[dict]] = defaultdict(list)
        for c in Completion.objects.filter(
            status=Completion.Status.COMPLETED,
            enrollment__status=Enrollment.Status.CONFIRMED,
            enrollment__user_id__in=chunk,
        ).values(
            "enrollment__user_id",
            "enrollment__run_id",
            "enrollment__run__course__center_id",
            "enrollment__run__starts_on",
            "enrollment__run__ends_on",
        ):
            completions[c["enrollment__user_id"]].append(c)
        links = []
        for f in FollowUp.objects.filter(employment__person_id__in=chunk).values(
            "pk",
            "months",
            "sent_at",
            "still_employed",
            "employment__person_id",
            "employment__start_date",
        ):
            links += _links_of(f, completions.get(f["employment__person_id"], ()))
        RetentionLink.objects.bulk_create(links, batch_size=5000)
        touched |= {(link.center_id, link.ends_on) for link in links}
    _recount_retention_days(touched)


def _links_of(f: dict, completions) -> list[RetentionLink]:
    start = f["employment__start_date"]
    links: dict[int, RetentionLink] = {}
    long_run: set[int] = set()
    for c in completions:
        starts_on, ends_on = c["enrollment__run__starts_on"], c["enrollment__run__ends_on"]
        # the same window as selectors.outcomes._retention (SQL: ends_on + 6 months)
        if not starts_on <= start <= _add_months(ends_on, EMPLOYMENT_WINDOW_MONTHS):
            continue
        run_id = c["enrollment__run_id"]
        if (ends_on - starts_on).days > MAX_RUN_DAYS:
            # the live figure's bound on the job's start may then leave it out: kept per row
            long_run.add(run_id)
        links[run_id] = RetentionLink(
            follow_up_id=f["pk"],
            run_id=run_id,
            center_id=c["enrollment__run__course__center_id"],
            ends_on=ends_on,
            start_date=start,
            months=f["months"],
            sent=f["sent_at"] is not None,
            answered=f["still_employed"] is not None,
            retained=f["still_employed"] is True,
        )
    per_center: dict[int, int] = defaultdict(int)
    for link in links.values():
        per_center[link.center_id] += 1
    for run_id, link in links.items():
        link.simple = per_center[link.center_id] == 1 and run_id not in long_run
    return list(links.values())


def _recount_retention_days(touched: set[tuple[int, dt.date]]) -> None:
    """Re-aggregate the simple links of these (center, run end) days."""
    by_center: dict[int, set[dt.date]] = defaultdict(set)
    for center_id, day in touched:
        by_center[center_id].add(day)
    for center_id, days in by_center.items():
        for chunk in [sorted(days)[i : i + CHUNK] for i in range(0, len(days), CHUNK)]:
            RetentionDay.objects.filter(center_id=center_id, ends_on__in=chunk).delete()
            RetentionDay.objects.bulk_create(
                RetentionDay(center_id=center_id, **row)
                for row in RetentionLink.objects.filter(
                    center_id=center_id, ends_on__in=chunk, simple=True
                )
                .values("ends_on", "months")
                .annotate(
                    asked=Count("pk", filter=Q(sent=True)),
                    answered=Count("pk", filter=Q(answered=True)),
                    retained=Count("pk", filter=Q(retained=True)),
                )
                .order_by()
            )


# --- entry points --------------------------------------------------------------------------


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
        ("posting_day", Application.posting.field.related_model, "center_id"),
        ("application_day", Application, "posting__center_id"),
    ):
        if not by_kind[kind]:
            continue
        centers = dict(
            model.objects.filter(pk__in={k[0] for k in by_kind[kind]}).values_list("pk", path)
        )
        days |= {(centers[k[0]], day(k[1])) for k in by_kind[kind] if centers.get(k[0]) is not None}
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
        _lock()
        runs, people, days, fairs, retention_days = _resolve(keys)
        _recompute_runs(runs)
        _recompute_days(days)
        _recompute_fairs(fairs)
        _recompute_links(people, retention_days)
    return {"runs": len(runs), "people": len(people), "days": len(days), "fairs": len(fairs)}


def summaries_rebuild(*, center_id: int | None = None) -> dict[str, int]:
    """Recompute every summary row (of one center, or of all)."""
    with timezone.override(timezone.get_default_timezone()), transaction.atomic():
        _lock()
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
        _recompute_runs(run_ids)
        days.delete()
        DayFigure.objects.bulk_create(
            _day_figures(None if center_id is None else {center_id}, None), batch_size=5000
        )
        fair_ids = set(fairs.values_list("pk", flat=True))
        _recompute_fairs(fair_ids)
        people = set(follow_ups.values_list("employment__person_id", flat=True).distinct())
        if center_id is None:
            RetentionLink.objects.all().delete()
            RetentionDay.objects.all().delete()
        else:
            RetentionDay.objects.filter(center_id=center_id).delete()
        _recompute_links(people, set(runs.values_list("course__center_id", "ends_on")))
    return {"runs": len(run_ids), "people": len(people), "fairs": len(fair_ids)}
