"""Per-day counts of a center: certificates, consultations and hiring."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum
from django.db.models.functions import TruncDate, TruncMonth

from consulting.models import Booking
from courses.models import Certificate
from jobs.models import Application, Employment, Interview, Offer

from ..models import DayFigure

DAY, MONTH = DayFigure.Span.DAY, DayFigure.Span.MONTH


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


def day_figures(centers: set[int] | None, days: set[dt.date] | None) -> list[DayFigure]:
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


def days_below(hop: str, pk: int) -> set[tuple[int, dt.date]]:
    """(center, day) of every record counted under one object of a center (or category) path.

    ``hop`` names a step of the paths (``posting``, ``application``, ``run``, ``course``,
    ``type``): ``days_below("posting", 7)`` finds posting 7's applications, interviews,
    offers and hires, on their days and at the center they count for now.
    """
    found: set[tuple[int, dt.date]] = set()
    for _metric, queryset, center_path, day_field, is_datetime, dims, _ in _day_sources():
        for path in (center_path, *dims):
            parts = path.split("__")
            if hop in parts[:-1]:
                link = "__".join(parts[: parts.index(hop) + 1]) + "_id"
                break
        else:
            continue
        day = TruncDate(day_field) if is_datetime else F(day_field)
        found |= set(
            queryset.filter(**{link: pk})
            .annotate(summary_center=F(center_path), summary_day=day)
            .values_list("summary_center", "summary_day")
            .order_by()
            .distinct()
        )
    return found


def recompute_days(center_days: set[tuple[int, dt.date]]) -> None:
    by_center: dict[int, set[dt.date]] = defaultdict(set)
    for center_id, day in center_days:
        by_center[center_id].add(day)
    for center_id, days in by_center.items():
        DayFigure.objects.filter(center_id=center_id, span=DAY, day__in=days).delete()
        DayFigure.objects.bulk_create(day_figures({center_id}, days))
        recount_months(center_id, {d.replace(day=1) for d in days})


def recount_months(center_id: int | None, months: set[dt.date] | None) -> None:
    """Month rows = the sums of their day rows (of one center and these months, or all)."""
    rows = DayFigure.objects.filter(span=MONTH)
    days = DayFigure.objects.filter(span=DAY).annotate(month=TruncMonth("day"))
    if center_id is not None:
        rows, days = rows.filter(center_id=center_id), days.filter(center_id=center_id)
    if months is not None:
        rows = rows.filter(day__in=months)
        days = days.filter(month__in=months)
    rows.delete()
    DayFigure.objects.bulk_create(
        (
            DayFigure(span=MONTH, day=row.pop("month"), **row)
            for row in days.values("center_id", "month", "metric", "category", "outcome")
            .annotate(n=Sum("n"), total=Sum("total"))
            .order_by()
        ),
        batch_size=5000,
    )
