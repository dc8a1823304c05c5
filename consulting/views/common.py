"""What the consulting pages share: the viewer's time zone, the week shown, service errors as text."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.exceptions import ConflictError

from ..availability import SEOUL

TZ_COOKIE = "ilteo_tz"


def viewer_zone(request) -> ZoneInfo:
    """The viewer's time zone (set by static/js/consulting.js from the browser), Asia/Seoul by default."""
    name = request.GET.get("tz") or request.COOKIES.get(TZ_COOKIE) or ""
    try:
        if name and len(name) <= 64 and ".." not in name and not name.startswith("/"):
            return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    return SEOUL


def viewer_timezone(view):
    """Render the view in the viewer's time zone, and only the view: the zone never leaks to
    the next request this thread serves."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with timezone.override(viewer_zone(request)):
            return view(request, *args, **kwargs)

    return wrapped


def today() -> date:
    return timezone.now().astimezone(SEOUL).date()


def week_start(request, key: str = "week") -> date:
    """The first day of the seven shown: ``?week=`` if given (never before today), else today (Seoul)."""
    first = today()
    try:
        day = date.fromisoformat(request.GET.get(key, ""))
    except ValueError:
        day = first
    # Never before today, and no further than anyone can book (keeps date arithmetic in range).
    return min(max(day, first), first + timedelta(days=400))


def slots_by_day(slots) -> list[tuple[date, list]]:
    """Slots grouped by the viewer's local date (the active time zone)."""
    grouped: dict[date, list] = {}
    for slot in slots:
        grouped.setdefault(timezone.localtime(slot.start).date(), []).append(slot)
    return sorted(grouped.items())


def week_context(week: date) -> dict:
    """The week navigation and the viewer's zone, for the pages that offer slots."""
    zone = timezone.get_current_timezone()
    return {
        "week": week,
        "prev_week": week - timedelta(days=7) if week > today() else None,
        "next_week": week + timedelta(days=7),
        "zone": zone,
        "is_seoul": zone.key == "Asia/Seoul",
    }


def error_text(error: ValidationError) -> str:
    """A service's refusal as one line for the page."""
    return " ".join(error.messages)


def error_status(error: ValidationError) -> int:
    """409 when the request collided with the current state (a slot just taken), else 400."""
    return 409 if isinstance(error, ConflictError) else 400
