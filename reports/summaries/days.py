"""Per-day counts of a center: certificates, consultations and hiring."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    Expression,
    ExpressionWrapper,
    F,
    Model,
    Q,
    Sum,
)
from django.db.models.functions import TruncDate, TruncMonth

from consulting.models import Booking
from courses.models import Certificate
from jobs.models import Application, Employment, Interview, Offer

from ..models import DayFigure

DAY, MONTH = DayFigure.Span.DAY, DayFigure.Span.MONTH
Metric = DayFigure.Metric


@dataclass(frozen=True)
class DaySource:
    """One metric of the day rows: which records count, on which day, for which center.

    ``center`` is the path from the record to its center; ``category`` and ``outcome`` the
    fields (if any) the figure is split by; ``total`` an expression summed beside the count
    (a month row adds both up). Adding a metric is one entry in ``SOURCES`` (and its name
    in ``DayFigure.Metric``).
    """

    metric: str
    model: type[Model]
    day: str
    center: str
    where: Q = field(default_factory=Q)
    category: str = ""
    outcome: str = ""
    total: Expression | None = None

    @property
    def dims(self) -> tuple[str, ...]:
        return tuple(f for f in (self.category, self.outcome) if f)

    @property
    def is_datetime(self) -> bool:
        return isinstance(self.model._meta.get_field(self.day), DateTimeField)

    def records(self, centers: set[int] | None = None, days: set[dt.date] | None = None):
        """The counted records (of these centers and Seoul days), with ``summary_center`` and
        ``summary_day`` annotated; the caller's time zone decides the day of a datetime."""
        rows = self.model.objects.filter(self.where)
        if centers is not None:
            rows = rows.filter(**{f"{self.center}__in": centers})
        if days is not None:
            lookup = f"{self.day}__date__in" if self.is_datetime else f"{self.day}__in"
            rows = rows.filter(**{lookup: days})
        day = TruncDate(self.day) if self.is_datetime else F(self.day)
        return rows.annotate(summary_center=F(self.center), summary_day=day)

    def aggregates(self) -> dict:
        if self.total is None:
            return {"n": Count("pk")}
        return {"n": Count("pk"), "total": Sum(self.total)}


_TO_HIRE = ExpressionWrapper(
    F("created_at") - F("application__created_at"), output_field=DurationField()
)
_JOB_CENTER = "application__posting__center_id"

SOURCES = (
    DaySource(
        Metric.CERTIFICATES, Certificate, "issued_at", "run__course__center_id",
        Q(revoked_at__isnull=True),
    ),
    DaySource(
        Metric.CONSULTATIONS, Booking, "start", "center_id",
        Q(status=Booking.Status.COMPLETED), category="type__category", outcome="outcome",
    ),
    DaySource(Metric.APPLICATIONS, Application, "created_at", "posting__center_id"),
    DaySource(Metric.INTERVIEWS, Interview, "created_at", _JOB_CENTER),
    DaySource(
        Metric.INTERVIEWS_HELD, Interview, "created_at", _JOB_CENTER,
        Q(status=Interview.Status.HELD),
    ),
    DaySource(Metric.OFFERS, Offer, "created_at", _JOB_CENTER),
    DaySource(
        Metric.OFFERS_ACCEPTED, Offer, "created_at", _JOB_CENTER,
        Q(status=Offer.Status.ACCEPTED),
    ),
    DaySource(
        Metric.HIRES, Employment, "start_date", "posting__center_id",
        Q(posting__isnull=False),
    ),
    DaySource(
        Metric.HIRES_TIMED, Employment, "start_date", "posting__center_id",
        Q(posting__isnull=False, application__isnull=False), total=_TO_HIRE,
    ),
)  # fmt: skip


def day_figures(centers: set[int] | None, days: set[dt.date] | None) -> list[DayFigure]:
    found: dict[tuple, list] = defaultdict(lambda: [0, None])
    for source in SOURCES:
        rows = (
            source.records(centers, days)
            .values("summary_center", "summary_day", *source.dims)
            .annotate(**source.aggregates())
            .order_by()
        )
        for row in rows:
            category = (row[source.category] or "") if source.category else ""
            outcome = (row[source.outcome] or "") if source.outcome else ""
            key = (row["summary_center"], row["summary_day"], source.metric, category, outcome)
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
    for source in SOURCES:
        for path in (source.center, *source.dims):
            parts = path.split("__")
            if hop in parts[:-1]:
                link = "__".join(parts[: parts.index(hop) + 1]) + "_id"
                break
        else:
            continue
        found |= set(
            source.records()
            .filter(**{link: pk})
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
