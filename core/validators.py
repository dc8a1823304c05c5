"""Field validators every app shares (forms, serializers and services call the same ones)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def seoul_today() -> date:
    """Today in the center's time zone, whatever zone the request activated."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def validate_not_past(day: date | None) -> None:
    """Refuse a date before today in Seoul: a past due date or day off would never show."""
    if day is not None and day < seoul_today():
        raise ValidationError(_("Choose today or a later date."), code="past_date")


def refuse_too_long(value: str, limit: int, *, field: str) -> str:
    """Return ``value`` if it fits; otherwise refuse it with a message. Never cut user text."""
    if len(value) > limit:
        raise ValidationError(
            {
                field: _(
                    "Use at most %(limit)s characters (this has %(count)s); shorten it and send again."
                )
                % {"limit": f"{limit:,}", "count": f"{len(value):,}"}
            }
        )
    return value
