"""The outcome figures of a center for a period, every one an aggregate query.

The number of queries is fixed (about a dozen per period) whatever the data size, but each
reads every row of the period. The pages read the same figures from the summary tables
(``selectors.summary``); ``live_outcomes()`` / ``live_run_rates()`` stay as the reference
the summaries are checked against. Definitions are in docs/outcomes.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import (
    Avg,
    BooleanField,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
)
from django.utils import timezone

from accounts.models import Center
from consulting.models import Booking, ConsultationType, Outcome
from courses.models import Certificate, Completion, CourseRun, Enrollment
from fairs.models import Booth, Conversation, Fair, Registration
from fairs.models import Interview as FairInterview
from jobs.models import Application, Employment, Interview, Offer

from ..models import FollowUp, RateExclusion
from .period import Period

# 취업 인정 기간: employment that starts from the first day of training up to six months
# after completion counts (조기취업 during training included).
EMPLOYMENT_WINDOW_MONTHS = 6
# Runs longer than this would have jobs of their completers start before the retention bound.
MAX_RUN_DAYS = 400
VENTURE_OUTCOMES = (Outcome.BUSINESS_REGISTERED, Outcome.COOPERATIVE_FOUNDED)


class AddMonths(Func):
    """``date + n months`` in SQL, calendar-exact (31 August + 6 months = 28/29 February)."""

    output_field = DateField()

    def __init__(self, expression, months: int):
        self.months = int(months)
        super().__init__(expression)

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + interval '{self.months} months')::date", params

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        # SQLite's date() rolls 31 August + 6 months over into March; clamp to the month end.
        return (
            f"min(date({sql}, '+{self.months} months'), "
            f"date({sql}, 'start of month', '+{self.months + 1} months', '-1 day'))",
            params,
        )


def _rate(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def _in(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


# --- the building blocks the drill-down lists share ---------------------------------------


def enrolled_q() -> Q:
    """An enrollment that took a seat in the run: confirmed, or cancelled after the start."""
    return Q(status=Enrollment.Status.CONFIRMED) | dropout_q()


def dropout_q() -> Q:
    """중도탈락: confirmed, then cancelled on or after the run's first day."""
    return Q(
        status=Enrollment.Status.CANCELLED,
        confirmed_at__isnull=False,
        cancelled_at__date__gte=F("run__starts_on"),
    )


def center_enrollments(center: Center, period: Period):
    """Enrollments of the center's runs that end in the period (the cohorts reported on)."""
    return Enrollment.objects.filter(run__course__center=center).filter(_in("run__ends_on", period))


def employed_exists(person_ref: str, start_ref: str, end_ref: str) -> ExpressionWrapper:
    """Whether the person started a job, or registered a business or cooperative, in the window."""
    either = Exists(
        Employment.objects.filter(
            person=OuterRef(person_ref),
            start_date__gte=OuterRef(start_ref),
            start_date__lte=AddMonths(OuterRef(end_ref), EMPLOYMENT_WINDOW_MONTHS),
        )
    ) | Exists(
        Booking.objects.filter(
            person=OuterRef(person_ref),
            outcome__in=VENTURE_OUTCOMES,
            outcome_recorded_at__date__gte=OuterRef(start_ref),
            outcome_recorded_at__date__lte=AddMonths(OuterRef(end_ref), EMPLOYMENT_WINDOW_MONTHS),
        )
    )
    return ExpressionWrapper(either, output_field=BooleanField())


def marked_completions(completions):
    """Completers (수료자) among ``completions``, marked employed/excluded."""
    return completions.filter(
        status=Completion.Status.COMPLETED,
        enrollment__status=Enrollment.Status.CONFIRMED,
    ).alias(
        is_employed=employed_exists(
            "enrollment__user", "enrollment__run__starts_on", "enrollment__run__ends_on"
        ),
        is_excluded=Exists(RateExclusion.objects.filter(enrollment=OuterRef("enrollment"))),
    )


def run_counts() -> dict:
    """Completers, employed and excluded (not employed) among marked completions."""
    return {
        "completers": Count("pk"),
        "employed": Count("pk", filter=Q(is_employed=True)),
        "excluded": Count("pk", filter=Q(is_excluded=True, is_employed=False)),
    }


def center_completions(center: Center, period: Period):
    """Completers (수료자) of the center's runs that end in the period, marked employed/excluded."""
    return marked_completions(
        Completion.objects.filter(enrollment__run__course__center=center).filter(
            _in("enrollment__run__ends_on", period)
        )
    )


def center_bookings(center: Center, period: Period):
    return Booking.objects.filter(center=center).filter(_in("start__date", period))


def center_applications(center: Center, period: Period):
    return Application.objects.filter(posting__center=center).filter(
        _in("created_at__date", period)
    )


def center_hires(center: Center, period: Period):
    """Jobs started in the period through the center's postings (offers and staff-recorded)."""
    return Employment.objects.filter(posting__center=center).filter(_in("start_date", period))


# --- the report ----------------------------------------------------------------------------


def training_counts() -> dict:
    """The per-cohort counts of enrollments (shared with the run summaries)."""
    evaluated = Q(status=Enrollment.Status.CONFIRMED, completion__evaluated_at__isnull=False)
    return {
        "enrolled": Count("pk", filter=enrolled_q()),
        "dropouts": Count("pk", filter=dropout_q()),
        "completed": Count(
            "pk",
            filter=Q(
                status=Enrollment.Status.CONFIRMED,
                completion__status=Completion.Status.COMPLETED,
            ),
        ),
        "not_completed": Count(
            "pk",
            filter=Q(
                status=Enrollment.Status.CONFIRMED,
                completion__status=Completion.Status.NOT_COMPLETED,
            ),
        ),
        "evaluated": Count("pk", filter=evaluated),
    }


def _training(center: Center, period: Period) -> tuple[dict, list[dict]]:
    evaluated = Q(status=Enrollment.Status.CONFIRMED, completion__evaluated_at__isnull=False)
    rows = list(
        center_enrollments(center, period)
        .values("run__course_id", "run__course__title", "run__course__title_en")
        .annotate(
            runs=Count("run", distinct=True),
            attendance_avg=Avg("completion__attendance_rate", filter=evaluated),
            **training_counts(),
        )
        .order_by("run__course__title", "run__course_id")
    )
    return training_totals(rows)


def training_totals(rows: list[dict]) -> tuple[dict, list[dict]]:
    """The period's training figures and its course rows from per-course counts."""
    totals = dict.fromkeys(("runs", "enrolled", "dropouts", "completed", "not_completed"), 0)
    weighted = 0.0
    evaluated = 0
    courses = []
    for row in rows:
        for key in totals:
            totals[key] += row[key]
        if row["attendance_avg"] is not None:
            weighted += float(row["attendance_avg"]) * row["evaluated"]
            evaluated += row["evaluated"]
        courses.append(
            {
                "course_id": row["run__course_id"],
                "title": row["run__course__title"],
                "title_en": row["run__course__title_en"] or row["run__course__title"],
                "runs": row["runs"],
                "enrolled": row["enrolled"],
                "completed": row["completed"],
                "dropouts": row["dropouts"],
                "completion_rate": _rate(row["completed"], row["enrolled"]),
            }
        )
    totals["completion_rate"] = _rate(totals["completed"], totals["enrolled"])
    totals["attendance_rate"] = round(weighted / evaluated, 1) if evaluated else None
    return totals, courses


def _consulting(center: Center, period: Period) -> dict:
    rows = (
        center_bookings(center, period)
        .filter(status=Booking.Status.COMPLETED)
        .values("type__category", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_category = dict.fromkeys(ConsultationType.Category.values, 0)
    outcomes = dict.fromkeys(Outcome.values, 0)
    total = 0
    for row in rows:
        total += row["n"]
        by_category[row["type__category"]] = by_category.get(row["type__category"], 0) + row["n"]
        if row["outcome"]:
            outcomes[row["outcome"]] = outcomes.get(row["outcome"], 0) + row["n"]
    return {"consultations": total, "by_category": by_category, "outcomes": outcomes}


def _fairs(center: Center, period: Period) -> dict:
    fairs = Fair.objects.filter(center=center).filter(_in("starts_on", period))
    booths = Booth.objects.filter(fair__in=fairs, status=Booth.Status.APPROVED).count()
    registrations = Registration.objects.filter(fair__in=fairs, cancelled_at__isnull=True).count()
    conversations = Conversation.objects.filter(booth__fair__in=fairs).count()
    interviews = FairInterview.objects.filter(booth__fair__in=fairs).aggregate(
        booked=Count("pk", filter=~Q(status=FairInterview.Status.CANCELLED)),
        held=Count("pk", filter=Q(status=FairInterview.Status.HELD)),
    )
    return {
        "fairs": fairs.count(),
        "booths": booths,
        "registrations": registrations,
        "conversations": conversations,
        "interviews_booked": interviews["booked"],
        "interviews_held": interviews["held"],
    }


def _jobs(center: Center, period: Period) -> dict:
    applications = center_applications(center, period).count()
    interviews = (
        Interview.objects.filter(application__posting__center=center)
        .filter(_in("created_at__date", period))
        .aggregate(
            proposed=Count("pk"),
            held=Count("pk", filter=Q(status=Interview.Status.HELD)),
        )
    )
    offers = (
        Offer.objects.filter(application__posting__center=center)
        .filter(_in("created_at__date", period))
        .aggregate(made=Count("pk"), accepted=Count("pk", filter=Q(status=Offer.Status.ACCEPTED)))
    )
    hires = center_hires(center, period).aggregate(
        hires=Count("pk"),
        time_to_hire=Avg(
            ExpressionWrapper(F("created_at") - F("application__created_at"), DurationField()),
            filter=Q(application__isnull=False),
        ),
    )
    days = hires["time_to_hire"]
    return {
        "applications": applications,
        "interviews": interviews["proposed"],
        "interviews_held": interviews["held"],
        "offers": offers["made"],
        "offers_accepted": offers["accepted"],
        "hires": hires["hires"],
        "time_to_hire_days": round(days.total_seconds() / 86400, 1) if days is not None else None,
    }


def _retention(center: Center, period: Period) -> dict:
    """Answers to the follow-ups of the jobs that count in the period's employment rate."""
    counted = Completion.objects.filter(
        status=Completion.Status.COMPLETED,
        enrollment__status=Enrollment.Status.CONFIRMED,
        enrollment__run__course__center=center,
        enrollment__user=OuterRef("employment__person"),
        enrollment__run__starts_on__lte=OuterRef("employment__start_date"),
    ).filter(_in("enrollment__run__ends_on", period))
    counted = counted.alias(
        window_end=AddMonths(F("enrollment__run__ends_on"), EMPLOYMENT_WINDOW_MONTHS)
    ).filter(window_end__gte=OuterRef("employment__start_date"))
    rows = {
        row["months"]: row
        for row in FollowUp.objects.filter(
            # bounds the jobs by the start_date index before the per-row check
            employment__start_date__gte=period.start - dt.timedelta(days=MAX_RUN_DAYS),
            employment__start_date__lte=_add_months(period.end, EMPLOYMENT_WINDOW_MONTHS),
        )
        .filter(Exists(counted))
        .values("months")
        .annotate(
            asked=Count("pk", filter=Q(sent_at__isnull=False)),
            answered=Count("pk", filter=Q(still_employed__isnull=False)),
            retained=Count("pk", filter=Q(still_employed=True)),
        )
        .order_by()
    }
    return retention_figures(rows)


def retention_figures(rows: dict[int, dict]) -> dict:
    result = {}
    for months in (6, 12):
        row = rows.get(months, {"asked": 0, "answered": 0, "retained": 0})
        result[f"{months}m"] = {
            "asked": row["asked"],
            "answered": row["answered"],
            "retained": row["retained"],
            "rate": _rate(row["retained"], row["answered"]),
        }
    return result


def _run_counts(center: Center, period: Period) -> dict[int, dict]:
    rows = (
        center_completions(center, period)
        .values("enrollment__run_id")
        .annotate(**run_counts())
        .order_by()
    )
    return {row["enrollment__run_id"]: row for row in rows}


def live_run_rates(center: Center, period: Period, *, today: dt.date | None = None) -> list[dict]:
    """The employment rate of each of the center's runs ending in the period, from the records."""
    with _without_jit():
        return _run_rates(center, period, today=today)


def _run_rates(center: Center, period: Period, *, today: dt.date | None) -> list[dict]:
    return rates_of_runs(center, period, _run_counts(center, period), today=today)


def rates_of_runs(
    center: Center, period: Period, counts: dict[int, dict], *, today: dt.date | None
) -> list[dict]:
    """The run table: the center's runs ending in the period with their counts (1 query)."""
    today = today or timezone.localdate()
    runs = (
        CourseRun.objects.filter(course__center=center)
        .filter(_in("ends_on", period))
        .exclude(status=CourseRun.Status.CANCELLED)
        .select_related("course")
        .order_by("ends_on", "pk")
    )
    result = []
    for run in runs:
        c = counts.get(run.pk, {"completers": 0, "employed": 0, "excluded": 0})
        base = c["completers"] - c["excluded"]
        window_ends = _add_months(run.ends_on, EMPLOYMENT_WINDOW_MONTHS)
        result.append(
            {
                "run_id": run.pk,
                "course_id": run.course_id,
                "course": run.course.title,
                "course_en": run.course.title_en or run.course.title,
                "run": run.display_name,
                "starts_on": run.starts_on.isoformat(),
                "ends_on": run.ends_on.isoformat(),
                "completers": c["completers"],
                "excluded": c["excluded"],
                "employed": c["employed"],
                "employment_rate": _rate(c["employed"], base),
                "final": today > window_ends,
                "window_ends_on": window_ends.isoformat(),
            }
        )
    return result


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@contextmanager
def _without_jit():
    """PostgreSQL's JIT compiles these few big aggregates for longer than they run (~300 ms
    of a 1 s query at 50k trainees); the reports turn it off for their own transaction only."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def live_outcomes(center: Center, period: Period, *, today: dt.date | None = None) -> dict:
    """Every figure of the dashboard, aggregated from the records (the summaries' reference)."""
    with _without_jit():
        return _outcomes(center, period, today=today)


def _outcomes(center: Center, period: Period, *, today: dt.date | None) -> dict:
    training, courses = _training(center, period)
    training["certificates"] = (
        Certificate.objects.filter(run__course__center=center, revoked_at__isnull=True)
        .filter(_in("issued_at__date", period))
        .count()
    )
    runs = _run_rates(center, period, today=today)
    return assemble(
        center,
        period,
        training,
        courses,
        runs,
        consulting=_consulting(center, period),
        fairs=_fairs(center, period),
        jobs=_jobs(center, period),
        retention=_retention(center, period),
    )


def assemble(
    center: Center,
    period: Period,
    training: dict,
    courses: list[dict],
    runs: list[dict],
    *,
    consulting: dict,
    fairs: dict,
    jobs: dict,
    retention: dict,
) -> dict:
    """The report's shape, shared by the live and the summary-based reads."""
    completers = sum(r["completers"] for r in runs)
    excluded = sum(r["excluded"] for r in runs)
    employed = sum(r["employed"] for r in runs)
    per_course: dict[int, dict] = defaultdict(
        lambda: {"completers": 0, "excluded": 0, "employed": 0}
    )
    for r in runs:
        for key in ("completers", "excluded", "employed"):
            per_course[r["course_id"]][key] += r[key]
    for course in courses:
        c = per_course[course["course_id"]]
        course["employed"] = c["employed"]
        course["employment_rate"] = _rate(c["employed"], c["completers"] - c["excluded"])
    return {
        "center": {"id": center.pk, "name": center.name, "name_en": center.name_en},
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "training": training,
        "consulting": consulting,
        "fairs": fairs,
        "jobs": jobs,
        "employment": {
            "completers": completers,
            "excluded": excluded,
            "employed": employed,
            "employment_rate": _rate(employed, completers - excluded),
            "retention": retention,
        },
        "courses": courses,
        "runs": runs,
    }
