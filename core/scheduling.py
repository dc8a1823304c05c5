"""One person's time across apps: the lock that serializes it and what already holds it.

A person may hold a consultation (consulting) and an interview (jobs); neither app
imports the other's models for this. Each registers a *busy source* in its
``AppConfig.ready()``; a service that is about to give someone a time takes
``lock_people`` on them and asks ``busy_elsewhere``. Every writer of a person's time
takes the same row lock, so a check under it cannot race another app's insert.
(PostgreSQL exclusion constraints guard each table; no constraint spans two tables,
which is why this lock-and-recount exists.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F

# name → check(person_id, start, end) → a message saying what the person holds then, or None
BusyCheck = Callable[[int, datetime, datetime], str | None]
_busy_sources: dict[str, BusyCheck] = {}


def register_busy_source(name: str, check: BusyCheck) -> None:
    """An app says how to tell whether a person already holds a time (``name`` is the app's)."""
    _busy_sources[name] = check


def busy_elsewhere(person_id: int, start: datetime, end: datetime, *, skip: str) -> str | None:
    """What the person holds from ``start`` to ``end`` in the apps other than ``skip``, if anything.

    Call it under ``lock_people`` on the person; ``skip`` is the caller, which checks its own
    table itself (with its own exclusions, such as the object being moved).
    """
    for name, check in _busy_sources.items():
        if name == skip:
            continue
        message = check(person_id, start, end)
        if message:
            return message
    return None


def lock_people(*user_ids: int | None) -> None:
    """Serialize writes to these people's time until the transaction ends.

    PostgreSQL: ``FOR NO KEY UPDATE`` on their user rows, in id order (so two callers never
    wait on each other in a cycle; foreign keys to the rows still insert). SQLite has no row
    locks: a write takes its single write lock, so the recount after it cannot race.
    """
    ids = sorted({pk for pk in user_ids if pk})
    model = get_user_model()
    users = model.objects.filter(pk__in=ids).order_by("pk")
    if connection.vendor == "sqlite":
        key = model._meta.pk.attname
        users.update(**{key: F(key)})
    else:
        list(users.select_for_update(no_key=True).values_list("pk", flat=True))
