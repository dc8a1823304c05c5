"""The reporting period and the centers a person may report on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Center, User

MAX_PERIOD_DAYS = 366 * 10


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def previous_year(self) -> Period:
        """The same dates one year earlier (29 February becomes the 28th)."""
        return Period(_minus_year(self.start), _minus_year(self.end))

    def as_query(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _parse_date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            {field: _("Enter a real date as YYYY-MM-DD, such as 2026-03-31.")}, code="bad_date"
        ) from None


def parse_period(params, *, today: dt.date | None = None) -> Period:
    """``from`` and ``to`` (YYYY-MM-DD) from a query; this calendar year to date by default."""
    today = today or timezone.localdate()
    raw_from = (params.get("from") or "").strip()
    raw_to = (params.get("to") or "").strip()
    start = _parse_date(raw_from, "from") if raw_from else dt.date(today.year, 1, 1)
    end = _parse_date(raw_to, "to") if raw_to else max(today, start)
    if end < start:
        raise ValidationError(
            {"to": _("The end of the period comes before its start.")}, code="period_order"
        )
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationError({"to": _("A period covers at most ten years.")}, code="period_long")
    return Period(start, end)


def centers_for_staff(user: User) -> QuerySet[Center]:
    return Center.objects.filter(pk__in=user.staff_center_ids()).order_by("name")


def get_center_for_staff(user: User, center_id) -> Center:
    """The center named in the query (the first of the person's centers when none); 404 otherwise."""
    centers = centers_for_staff(user)
    if center_id in (None, ""):
        center = centers.first()
    else:
        try:
            center = centers.filter(pk=int(center_id)).first()
        except (TypeError, ValueError):
            center = None
    if center is None:
        raise Http404
    return center
