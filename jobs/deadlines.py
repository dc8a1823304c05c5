"""D-day of a posting's deadline, counted in Korea (Asia/Seoul), as Korean job boards show it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import pgettext


def days_left(deadline: dt.date | None, today: dt.date | None = None) -> int | None:
    """Days until the deadline (0 on its last day, negative after); None when open until filled.

    ``timezone.localdate()`` is Seoul's date (``TIME_ZONE``), so the day turns at 00:00 KST.
    """
    if deadline is None:
        return None
    return (deadline - (today or timezone.localdate())).days


def d_day(deadline: dt.date | None, today: dt.date | None = None) -> dict:
    """The badge for a deadline: its text (D-3, D-day, 상시채용, 마감) and how urgent it is."""
    left = days_left(deadline, today)
    if left is None:
        return {"label": pgettext("deadline", "Always hiring"), "tone": "info", "days": None}
    if left < 0:
        return {"label": pgettext("deadline", "Closed"), "tone": "neutral", "days": left}
    if left == 0:
        return {"label": "D-day", "tone": "danger", "days": 0}
    return {"label": f"D-{left}", "tone": "warning" if left <= 3 else "neutral", "days": left}
