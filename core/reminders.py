"""Reminders before a moment (a consultation, an interview, an offer's expiry), each sent once.

A row carries one ``…_sent_at`` column per reminder. A conditional UPDATE
(``…_sent_at IS NULL``) claims a reminder before it is sent: of two workers running
at once only one gets the row, so nobody is reminded twice. Resetting the column (a
reschedule does) makes the reminder due again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

# The reminders of a meeting: a day and an hour before it starts.
DAY_AND_HOUR = (
    ("reminder_24h_sent_at", timedelta(hours=24)),
    ("reminder_1h_sent_at", timedelta(hours=1)),
)


def send_due_reminders(
    rows: QuerySet,
    *,
    send: Callable[[int, str], None],
    at_field: str = "start",
    windows: Sequence[tuple[str, timedelta]] = DAY_AND_HOUR,
    now: datetime | None = None,
) -> int:
    """Claim and send every reminder of ``rows`` that is due; returns how many were sent.

    ``windows`` are ``(sent_at field, how long before at_field)``, longest first. A row
    already inside a shorter window gets the longer reminder claimed but not sent: within
    the last hour the 1 h reminder is the one to send, not both. ``send(pk, field)`` runs
    inside the claiming transaction, so email it queues leaves only after the claim commits.
    """
    now = now or timezone.now()
    model = rows.model
    sent = 0
    for index, (field, ahead) in enumerate(windows):
        shorter = windows[index + 1][1] if index + 1 < len(windows) else None
        due = rows.filter(
            **{
                f"{at_field}__gt": now,
                f"{at_field}__lte": now + ahead,
                f"{field}__isnull": True,
            }
        ).values_list("pk", at_field)
        for pk, at in list(due):
            with transaction.atomic():
                claimed = model.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(
                    **{field: now}
                )
                if claimed and not (shorter is not None and at <= now + shorter):
                    send(pk, field)
                    sent += 1
    return sent
