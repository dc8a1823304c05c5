"""The dashboard's figures read from the summary tables (seven small queries per period).

The same shape and the same values as ``outcomes.live_outcomes`` / ``live_run_rates``:
the summaries hold the exact counts and sums those aggregate, and the means are divided in
the database the way ``AVG()`` divides (numeric ÷ count, interval ÷ count), so even the
rounding is the same. tests/reports/test_summaries.py compares the two.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, DecimalField, DurationField, Func, Q, Sum
from django.db.models.functions import Coalesce

from accounts.models import Center
from consulting.models import ConsultationType, Outcome
from fairs.models import Fair

from ..models import DayFigure, RetentionDay, RetentionLink, RunSummary
from .outcomes import (
    EMPLOYMENT_WINDOW_MONTHS,
    MAX_RUN_DAYS,
    _add_months,
    _in,
    assemble,
    rates_of_runs,
    retention_figures,
    training_totals,
)
from .period import Period


class Mean(Func):
    """``SUM(total) / SUM(count)`` as ``AVG()`` computes it (NULL when the count is 0)."""

    def __init__(self, total: str, count: str, output_field):
        super().__init__(Sum(total), Sum(count), output_field=output_field)

    def as_sql(self, compiler, connection, **extra):
        total, p1 = compiler.compile(self.source_expressions[0])
        count, p2 = compiler.compile(self.source_expressions[1])
        return f"({total}) / NULLIF({count}, 0)", (*p1, *p2)

    def as_postgresql(self, compiler, connection, **extra):
        total, p1 = compiler.compile(self.source_expressions[0])
        count, p2 = compiler.compile(self.source_expressions[1])
        if isinstance(self.output_field, DecimalField):
            # numeric_avg is numeric_div(sum, count::numeric)
            return f"({total})::numeric / NULLIF({count}, 0)::numeric", (*p1, *p2)
        # interval_avg is interval_div(sum, count::float8)
        return f"({total}) / NULLIF({count}, 0)::float8", (*p1, *p2)

    def as_sqlite(self, compiler, connection, **extra):
        total, p1 = compiler.compile(self.source_expressions[0])
        count, p2 = compiler.compile(self.source_expressions[1])
        return f"CAST(({total}) AS REAL) / NULLIF({count}, 0)", (*p1, *p2)


def _training(center: Center, period: Period) -> tuple[dict, list[dict]]:
    rows = (
        RunSummary.objects.filter(center=center, enrollments__gt=0)
        .filter(_in("ends_on", period))
        .values("course_id", "course__title", "course__title_en")
        .annotate(
            runs=Count("pk"),
            enrolled=Sum("enrolled"),
            dropouts=Sum("dropouts"),
            completed=Sum("completed"),
            not_completed=Sum("not_completed"),
            evaluated=Sum("evaluated"),
            attendance_avg=Mean(
                "attendance_sum", "rated", DecimalField(max_digits=16, decimal_places=1)
            ),
        )
        .order_by("course__title", "course_id")
    )
    return training_totals(
        [
            {
                **row,
                "run__course_id": row["course_id"],
                "run__course__title": row["course__title"],
                "run__course__title_en": row["course__title_en"],
            }
            for row in rows
        ]
    )


def _day_rows(period: Period) -> Q:
    """The whole months of the period by their month rows, the rest day by day."""
    first = period.start if period.start.day == 1 else _add_months(period.start.replace(day=1), 1)
    after = period.end + dt.timedelta(days=1)
    last = after.replace(day=1) - dt.timedelta(days=1)  # the end of the last whole month
    day = Q(span=DayFigure.Span.DAY)
    if first > last:
        return day & Q(day__gte=period.start, day__lte=period.end)
    return (
        (day & Q(day__gte=period.start, day__lt=first))
        | Q(span=DayFigure.Span.MONTH, day__gte=first, day__lte=last)
        | (day & Q(day__gt=last, day__lte=period.end))
    )


def _day_figures(center: Center, period: Period) -> tuple[int, dict, dict]:
    """Certificates, consulting and hiring from the per-day counts (one query)."""
    rows = (
        DayFigure.objects.filter(center=center)
        .filter(_day_rows(period))
        .values("metric", "category", "outcome")
        .annotate(count=Sum("n"), mean=Mean("total", "n", DurationField()))
        .order_by()
    )
    n: dict[str, int] = dict.fromkeys(DayFigure.Metric.values, 0)
    by_category = dict.fromkeys(ConsultationType.Category.values, 0)
    outcomes = dict.fromkeys(Outcome.values, 0)
    time_to_hire = None
    for row in rows:
        n[row["metric"]] += row["count"]
        if row["metric"] == DayFigure.Metric.CONSULTATIONS:
            by_category[row["category"]] = by_category.get(row["category"], 0) + row["count"]
            if row["outcome"]:
                outcomes[row["outcome"]] = outcomes.get(row["outcome"], 0) + row["count"]
        elif row["metric"] == DayFigure.Metric.HIRES_TIMED:
            time_to_hire = row["mean"]
    consulting = {
        "consultations": n[DayFigure.Metric.CONSULTATIONS],
        "by_category": by_category,
        "outcomes": outcomes,
    }
    jobs = {
        "applications": n[DayFigure.Metric.APPLICATIONS],
        "interviews": n[DayFigure.Metric.INTERVIEWS],
        "interviews_held": n[DayFigure.Metric.INTERVIEWS_HELD],
        "offers": n[DayFigure.Metric.OFFERS],
        "offers_accepted": n[DayFigure.Metric.OFFERS_ACCEPTED],
        "hires": n[DayFigure.Metric.HIRES],
        "time_to_hire_days": (
            round(time_to_hire.total_seconds() / 86400, 1) if time_to_hire is not None else None
        ),
    }
    return n[DayFigure.Metric.CERTIFICATES], consulting, jobs


def _fairs(center: Center, period: Period) -> dict:
    def total(field: str):
        return Coalesce(Sum(f"outcome_summary__{field}"), 0)

    row = (
        Fair.objects.filter(center=center)
        .filter(_in("starts_on", period))
        .aggregate(
            fairs=Count("pk"),
            booths=total("booths"),
            registrations=total("registrations"),
            conversations=total("conversations"),
            interviews_booked=total("interviews_booked"),
            interviews_held=total("interviews_held"),
        )
    )
    return row


def _retention(center: Center, period: Period) -> dict:
    """Simple links counted by day, plus the few follow-ups of several runs, once (2 queries)."""
    rows: dict[int, dict] = {
        months: {"asked": 0, "answered": 0, "retained": 0} for months in (6, 12)
    }
    fields = ("asked", "answered", "retained")
    for row in (
        RetentionDay.objects.filter(center=center)
        .filter(_in("ends_on", period))
        .values("months")
        .annotate(**{f: Sum(f) for f in fields})
        .order_by()
    ):
        for f in fields:
            rows.setdefault(row["months"], dict.fromkeys(fields, 0))[f] += row[f]
    for row in (
        RetentionLink.objects.filter(
            center=center,
            simple=False,
            # the live figure's index bound on the job's start (selectors.outcomes._retention)
            start_date__gte=period.start - dt.timedelta(days=MAX_RUN_DAYS),
            start_date__lte=_add_months(period.end, EMPLOYMENT_WINDOW_MONTHS),
        )
        .filter(_in("ends_on", period))
        .values("months")
        .annotate(
            asked=Count("follow_up", distinct=True, filter=Q(sent=True)),
            answered=Count("follow_up", distinct=True, filter=Q(answered=True)),
            retained=Count("follow_up", distinct=True, filter=Q(retained=True)),
        )
        .order_by()
    ):
        for f in fields:
            rows.setdefault(row["months"], dict.fromkeys(fields, 0))[f] += row[f]
    return retention_figures(rows)


def _run_counts(center: Center, period: Period) -> dict[int, dict]:
    return {
        row["run_id"]: row
        for row in RunSummary.objects.filter(center=center)
        .filter(_in("ends_on", period))
        .values("run_id", "completers", "employed", "excluded")
    }


def run_rates(center: Center, period: Period, *, today: dt.date | None = None) -> list[dict]:
    """The employment rate of each of the center's runs that end in the period (2 queries)."""
    return rates_of_runs(center, period, _run_counts(center, period), today=today)


def outcomes(center: Center, period: Period, *, today: dt.date | None = None) -> dict:
    """Every figure of the dashboard for one center and period, from the summaries."""
    training, courses = _training(center, period)
    certificates, consulting, jobs = _day_figures(center, period)
    training["certificates"] = certificates
    return assemble(
        center,
        period,
        training,
        courses,
        run_rates(center, period, today=today),
        consulting=consulting,
        fairs=_fairs(center, period),
        jobs=jobs,
        retention=_retention(center, period),
    )
